package org.onedoor.procedure.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.security.PermitAll;
import java.math.BigDecimal;
import java.net.URI;
import java.security.Principal;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.onedoor.organisation.OrganisationDirectory;
import org.onedoor.platform.Problems;
import org.onedoor.procedure.ProcedureDefinition;
import org.onedoor.procedure.ProcedureDiff;
import org.onedoor.procedure.ProcedureExchange;
import org.onedoor.procedure.ProcedureJson;
import org.onedoor.procedure.ProcedureQuery;
import org.onedoor.procedure.ProcedureSpreadsheet;
import org.onedoor.procedure.ProcedureVersion;
import org.onedoor.procedure.Procedures;
import org.onedoor.procedure.Workflow;
import org.onedoor.procedure.WorkflowTemplates;
import org.onedoor.shared.IfMatch;
import org.onedoor.shared.InvalidParameter;
import org.onedoor.shared.LocalizedText;
import org.onedoor.shared.PageRequest;
import org.onedoor.shared.ResultPage;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * A city's procedures: the public catalogue (versions in force, in the reader's language) and the administrators'
 * life cycle of versions — create, draft, edit with {@code If-Match}, validate, publish, retire, compare — with
 * exchange as JSON between cities and as an Excel workbook.
 */
@RestController
@RequestMapping("/api/v1/tenants/{tenant}")
@Tag(name = "Procedures", description = "A city's administrative procedures as versioned data, with their workflows")
class ProcedureApi {

    static final String MANAGE = "@access.anywhere(principal, 'procedure:manage', #tenant)";
    static final MediaType XLSX = MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");

    private final Procedures procedures;
    private final WorkflowTemplates templates;
    private final ProcedureExchange exchange;
    private final ProcedureSpreadsheet spreadsheet;
    private final ProcedureJson json;
    private final OrganisationDirectory directory;
    private final Problems problems;
    private final MessageSource messages;

    ProcedureApi(Procedures procedures, WorkflowTemplates templates, ProcedureExchange exchange, ProcedureSpreadsheet spreadsheet,
                 ProcedureJson json, OrganisationDirectory directory, Problems problems, MessageSource messages) {
        this.procedures = procedures;
        this.templates = templates;
        this.exchange = exchange;
        this.spreadsheet = spreadsheet;
        this.json = json;
        this.directory = directory;
        this.problems = problems;
        this.messages = messages;
    }

    // ---- public --------------------------------------------------------------------------------------------------

    record TimeLimitView(@Nullable BigDecimal value, String unit, @Nullable LocalTime cutoff, @Nullable String stated) {
        static TimeLimitView of(ProcedureDefinition.LegalTime time) {
            return time.known() ? new TimeLimitView(time.limit().value(), time.limit().unit().name(), time.limit().cutoff(), null)
                    : new TimeLimitView(time.statedValue(), "UNKNOWN", null, time.statedText());
        }
    }

    record Item(String code, int version, String name, @Nullable String field, List<String> levels, String onlineLevel,
                TimeLimitView timeLimit, List<String> flags) {
    }

    record FeeView(String kind, @Nullable Long amount, @Nullable String currency, @Nullable String note) {
    }

    record ChannelView(String channel, FeeView fee, TimeLimitView timeLimit) {
    }

    record ComponentView(@Nullable String group, String name, int originals, int copies, boolean mandatory, @Nullable String template,
                         boolean digitalCopyAccepted) {
    }

    record StepView(String key, String name, String role, String unit, @Nullable String unitCode, @Nullable String unitOfStep,
                    @Nullable BigDecimal hours, @Nullable BigDecimal share, int statusCode, List<String> actions) {
    }

    record Detail(String code, int version, LocalDate effectiveFrom, @Nullable LocalDate effectiveTo, String name, @Nullable String field,
                  @Nullable String issuingBody, @Nullable String decision, List<String> levels, List<String> competentUnitTypes,
                  List<String> applicantTypes, List<ComponentView> components, List<ChannelView> channels, TimeLimitView timeLimit,
                  String onlineLevel, boolean boundaryFree, @Nullable String legalBasis, List<String> results, List<StepView> workflow,
                  List<String> flags) {
    }

    @PermitAll
    @GetMapping("/procedures")
    @Operation(summary = "Search the city's procedures in force: q ignores diacritics and matches codes; filter by field, level, online level")
    ResultPage<Item> search(@PathVariable String tenant, @RequestParam(required = false) @Nullable String q,
                            @RequestParam(required = false) @Nullable String field, @RequestParam(required = false) @Nullable String level,
                            @RequestParam(required = false) @Nullable String online, @RequestParam(required = false) @Nullable Integer page,
                            @RequestParam(required = false) @Nullable Integer size, Locale locale) {
        var city = directory.tenant(tenant);
        var query = new ProcedureQuery(q, field, parse(ProcedureDefinition.Level.class, "level", level),
                parse(ProcedureDefinition.OnlineLevel.class, "online", online), procedures.today(city.id()), false);
        return procedures.search(city.id(), query, PageRequest.of(page, size)).map(s -> new Item(s.code(), s.number(), s.name().in(locale),
                s.field() == null ? null : s.field().in(locale), s.levels().stream().map(Enum::name).toList(), s.onlineLevel().name(),
                TimeLimitView.of(s.timeLimit()), s.flags()));
    }

    @PermitAll
    @GetMapping("/procedures/{code}")
    @Operation(summary = "The version in force today: components, fees per channel, time limit, online level, workflow summary")
    Detail procedure(@PathVariable String tenant, @PathVariable String code, Locale locale) {
        var city = directory.tenant(tenant);
        return detail(procedures.current(city.id(), code), locale);
    }

    static Detail detail(ProcedureVersion version, Locale locale) {
        var p = version.definition();
        return new Detail(p.code(), version.number(), version.effectiveFrom(), version.effectiveTo(), p.name().in(locale),
                p.field() == null ? null : p.field().in(locale), p.issuingBody(), p.decision(), names(p.levels()), p.competentUnitTypes(),
                names(p.applicantTypes()), p.components().stream().map(c -> new ComponentView(c.group() == null ? null : c.group().in(locale),
                        c.name().in(locale), c.originals(), c.copies(), c.mandatory(), c.template(), c.digitalCopyAccepted())).toList(),
                p.channels().stream().map(c -> new ChannelView(c.channel().name(), new FeeView(c.fee().kind().name(), c.fee().amount(),
                        c.fee().currency(), c.fee().note() == null ? null : c.fee().note().in(locale)),
                        TimeLimitView.of(c.timeLimit() == null ? p.timeLimit() : c.timeLimit()))).toList(),
                TimeLimitView.of(p.timeLimit()), p.onlineLevel().name(), p.boundaryFree(), p.legalBasis(),
                p.results().stream().map(r -> r.in(locale)).toList(), steps(p.workflow(), locale), version.flags());
    }

    static List<StepView> steps(Workflow workflow, Locale locale) {
        return workflow.steps().stream().map(s -> new StepView(s.key(), s.name().in(locale), s.role(), s.unit().kind().name(),
                s.unit().unitCode(), s.unit().step(), s.allotment().hours(), s.allotment().share(), s.statusCode(),
                s.actions().stream().map(t -> t.to() == null ? t.action().name() : t.action().name() + "→" + t.to()).toList())).toList();
    }

    // ---- administrators ------------------------------------------------------------------------------------------

    record VersionItem(int number, String state, String phase, @Nullable LocalDate effectiveFrom, @Nullable LocalDate effectiveTo,
                       @Nullable String changeBasis, String origin, List<String> flags, int revision) {
        static VersionItem of(ProcedureVersion v, LocalDate today) {
            return new VersionItem(v.number(), v.state().name(), v.phase(today), v.effectiveFrom(), v.effectiveTo(), v.changeBasis(),
                    v.origin().name(), v.flags(), v.revision());
        }
    }

    record VersionDocument(String code, int number, String state, String phase, @Nullable LocalDate effectiveFrom,
                           @Nullable LocalDate effectiveTo, @Nullable String changeBasis, List<String> flags, int revision,
                           ProcedureDefinition definition) {
    }

    record Findings(boolean valid, List<Problems.LocalisedViolation> violations, List<Problems.LocalisedViolation> warnings) {
    }

    record Publication(LocalDate effectiveFrom, String basis) {
    }

    record Retirement(LocalDate effectiveTo, String basis) {
    }

    record Diff(String code, int from, int to, List<ProcedureDiff.Change> changes) {
    }

    @PreAuthorize(MANAGE)
    @GetMapping("/procedures/{code}/versions")
    @Operation(summary = "Every version of a procedure, newest first, with its state and period")
    List<VersionItem> versions(@PathVariable String tenant, @PathVariable String code) {
        var city = directory.tenant(tenant);
        var today = procedures.today(city.id());
        return procedures.versions(city.id(), code).stream().map(v -> VersionItem.of(v, today)).toList();
    }

    @PreAuthorize(MANAGE)
    @GetMapping("/procedures/{code}/versions/{number}")
    @Operation(summary = "One version as its document; the ETag is the revision to send back in If-Match when editing a draft")
    ResponseEntity<VersionDocument> version(@PathVariable String tenant, @PathVariable String code, @PathVariable int number) {
        var city = directory.tenant(tenant);
        return document(procedures.version(city.id(), code, number), procedures.today(city.id()), null);
    }

    @PreAuthorize(MANAGE)
    @PostMapping("/procedures")
    @Operation(summary = "A new procedure of the city, as draft version 1")
    ResponseEntity<VersionDocument> create(@PathVariable String tenant, @RequestBody ProcedureDefinition body, Principal principal) {
        var city = directory.tenant(tenant);
        var created = procedures.create(city.id(), body, ProcedureVersion.Origin.EDITOR, principal.getName());
        return document(created, procedures.today(city.id()), location(tenant, created));
    }

    @PreAuthorize(MANAGE)
    @PostMapping("/procedures/{code}/drafts")
    @Operation(summary = "A new draft copied from the procedure's latest version")
    ResponseEntity<VersionDocument> draft(@PathVariable String tenant, @PathVariable String code, Principal principal) {
        var city = directory.tenant(tenant);
        var draft = procedures.draft(city.id(), code, principal.getName());
        return document(draft, procedures.today(city.id()), location(tenant, draft));
    }

    @PreAuthorize(MANAGE)
    @PutMapping("/procedures/{code}/versions/{number}")
    @Operation(summary = "Replace a draft's document; If-Match must carry the ETag read (428 without it, 412 when stale)")
    ResponseEntity<VersionDocument> update(@PathVariable String tenant, @PathVariable String code, @PathVariable int number,
                                           @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch,
                                           @RequestBody ProcedureDefinition body, Principal principal) {
        var city = directory.tenant(tenant);
        var updated = procedures.update(city.id(), code, number, IfMatch.version(ifMatch), body, principal.getName());
        return document(updated, procedures.today(city.id()), null);
    }

    @PreAuthorize(MANAGE)
    @DeleteMapping("/procedures/{code}/versions/{number}")
    @Operation(summary = "Discard a draft")
    ResponseEntity<Void> discard(@PathVariable String tenant, @PathVariable String code, @PathVariable int number, Principal principal) {
        var city = directory.tenant(tenant);
        procedures.discard(city.id(), code, number, principal.getName());
        return ResponseEntity.noContent().build();
    }

    @PreAuthorize(MANAGE)
    @PostMapping("/procedures/{code}/versions/{number}/validation")
    @Operation(summary = "Check a version: every violation (which block publishing) and warning (which do not) at once")
    Findings validate(@PathVariable String tenant, @PathVariable String code, @PathVariable int number, Locale locale) {
        var city = directory.tenant(tenant);
        var findings = procedures.validate(city.id(), procedures.version(city.id(), code, number).definition());
        return new Findings(findings.valid(), problems.violations(findings.violations(), locale), problems.violations(findings.warnings(), locale));
    }

    @PreAuthorize(MANAGE)
    @PostMapping("/procedures/{code}/versions/{number}/publication")
    @Operation(summary = "Publish a draft from a date with its legal basis; a document that breaks rules is refused (422) with every violation")
    ResponseEntity<VersionDocument> publish(@PathVariable String tenant, @PathVariable String code, @PathVariable int number,
                                            @RequestBody Publication body, Principal principal) {
        var city = directory.tenant(tenant);
        var published = procedures.publish(city.id(), code, number, required("effectiveFrom", body.effectiveFrom()),
                requiredText("basis", body.basis()), principal.getName());
        return document(published, procedures.today(city.id()), null);
    }

    @PreAuthorize(MANAGE)
    @PostMapping("/procedures/{code}/versions/{number}/retirement")
    @Operation(summary = "Retire a published version from a date with its legal basis")
    ResponseEntity<VersionDocument> retire(@PathVariable String tenant, @PathVariable String code, @PathVariable int number,
                                           @RequestBody Retirement body, Principal principal) {
        var city = directory.tenant(tenant);
        var retired = procedures.retire(city.id(), code, number, required("effectiveTo", body.effectiveTo()),
                requiredText("basis", body.basis()), principal.getName());
        return document(retired, procedures.today(city.id()), null);
    }

    @PreAuthorize(MANAGE)
    @GetMapping("/procedures/{code}/diff")
    @Operation(summary = "What changed between two versions, field by field")
    Diff diff(@PathVariable String tenant, @PathVariable String code, @RequestParam int from, @RequestParam int to) {
        var city = directory.tenant(tenant);
        return new Diff(code, from, to, ProcedureDiff.between(procedures.version(city.id(), code, from).definition(),
                procedures.version(city.id(), code, to).definition(), json));
    }

    @PreAuthorize(MANAGE)
    @GetMapping("/procedure-exchange")
    @Operation(summary = "Export the city's procedures (all, or the codes listed) and workflow templates as one JSON bundle")
    ResponseEntity<ProcedureExchange.Bundle> export(@PathVariable String tenant, @RequestParam(required = false) @Nullable String codes) {
        var city = directory.tenant(tenant);
        var bundle = exchange.export(city.id(), codes == null || codes.isBlank() ? null : Arrays.stream(codes.split(",")).map(String::strip).toList());
        return ResponseEntity.ok().header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"procedures-" + tenant + ".json\"").body(bundle);
    }

    @PreAuthorize(MANAGE)
    @PostMapping("/procedure-exchange")
    @Operation(summary = "Import another city's bundle: its procedures become drafts here, its templates the city's own")
    ProcedureExchange.Report importBundle(@PathVariable String tenant, @RequestBody ProcedureExchange.Bundle bundle, Principal principal) {
        var city = directory.tenant(tenant);
        return exchange.importBundle(city.id(), bundle, principal.getName());
    }

    @PreAuthorize(MANAGE)
    @GetMapping(value = "/procedure-workbook")
    @Operation(summary = "The city's catalogue as an Excel workbook (procedures and their components)")
    ResponseEntity<byte[]> workbook(@PathVariable String tenant, Locale locale) {
        var city = directory.tenant(tenant);
        var content = spreadsheet.write(city.id(), key -> messages.getMessage("procedure.xlsx." + key, null, key, locale));
        return ResponseEntity.ok().contentType(XLSX)
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"procedures-" + tenant + ".xlsx\"").body(content);
    }

    @PreAuthorize(MANAGE)
    @PostMapping("/procedure-workbook")
    @Operation(summary = "Read an edited workbook back: each procedure whose row changed becomes a draft; any unreadable cell refuses the whole file (422)")
    ProcedureSpreadsheet.Report readWorkbook(@PathVariable String tenant, @RequestBody byte[] content, Principal principal) {
        var city = directory.tenant(tenant);
        return spreadsheet.read(city.id(), content, principal.getName());
    }

    record TemplateView(String key, LocalizedText name, ProcedureDefinition.@Nullable Level defaultFor, boolean overridden, Workflow workflow) {
    }

    record TemplateBody(LocalizedText name, ProcedureDefinition.@Nullable Level defaultFor, Workflow workflow) {
    }

    @PreAuthorize(MANAGE)
    @GetMapping("/workflow-templates")
    @Operation(summary = "The workflow templates the city can use: built in, or its own overrides")
    List<TemplateView> templates(@PathVariable String tenant) {
        var city = directory.tenant(tenant);
        return templates.templates(city.id()).stream().map(t -> new TemplateView(t.key(), t.name(), t.defaultFor(), t.overridden(), t.workflow())).toList();
    }

    @PreAuthorize(MANAGE)
    @PutMapping("/workflow-templates/{key}")
    @Operation(summary = "The city's own version of a template (overriding a built-in one of the same key)")
    TemplateView overrideTemplate(@PathVariable String tenant, @PathVariable String key, @RequestBody TemplateBody body, Principal principal) {
        var city = directory.tenant(tenant);
        if (!key.matches("[a-z][a-z0-9-]{0,39}")) throw new InvalidParameter("key", key);
        if (body.name() == null || body.workflow() == null) throw new InvalidParameter("workflow", "");
        var t = templates.override(city.id(), key, body.name(), body.defaultFor(), body.workflow(), principal.getName());
        return new TemplateView(t.key(), t.name(), t.defaultFor(), t.overridden(), t.workflow());
    }

    // ---- helpers -------------------------------------------------------------------------------------------------

    private static ResponseEntity<VersionDocument> document(ProcedureVersion v, LocalDate today, @Nullable URI created) {
        var body = new VersionDocument(v.code(), v.number(), v.state().name(), v.phase(today), v.effectiveFrom(), v.effectiveTo(),
                v.changeBasis(), v.flags(), v.revision(), v.definition());
        var response = created == null ? ResponseEntity.ok() : ResponseEntity.created(created);
        return response.eTag(IfMatch.etag(v.revision())).body(body);
    }

    private static URI location(String tenant, ProcedureVersion v) {
        return URI.create("/api/v1/tenants/" + tenant + "/procedures/" + v.code() + "/versions/" + v.number());
    }

    private static <T> T required(String name, @Nullable T value) {
        if (value == null) throw new InvalidParameter(name, "");
        return value;
    }

    private static String requiredText(String name, @Nullable String value) {
        if (value == null || value.isBlank()) throw new InvalidParameter(name, "");
        return value;
    }

    private static List<String> names(List<? extends Enum<?>> values) {
        return values.stream().map(Enum::name).toList();
    }

    static <E extends Enum<E>> @Nullable E parse(Class<E> type, String parameter, @Nullable String value) {
        if (value == null || value.isBlank()) return null;
        try {
            return Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidParameter(parameter, value);
        }
    }
}
