package org.onedoor.procedure.web;

import jakarta.annotation.security.PermitAll;
import java.math.BigDecimal;
import java.security.Principal;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.onedoor.calendar.TimeLimit;
import org.onedoor.identity.AccessPolicy;
import org.onedoor.identity.CurrentUser;
import org.onedoor.identity.Permission;
import org.onedoor.identity.StaffRoles;
import org.onedoor.organisation.OrganisationDirectory;
import org.onedoor.platform.Problems;
import org.onedoor.procedure.ProcedureDefinition;
import org.onedoor.procedure.ProcedureDefinition.Channel;
import org.onedoor.procedure.ProcedureDefinition.ChannelTerms;
import org.onedoor.procedure.ProcedureDefinition.Fee;
import org.onedoor.procedure.ProcedureDefinition.LegalTime;
import org.onedoor.procedure.ProcedureDiff;
import org.onedoor.procedure.ProcedureJson;
import org.onedoor.procedure.ProcedureQuery;
import org.onedoor.procedure.ProcedureVersion;
import org.onedoor.procedure.Procedures;
import org.onedoor.procedure.Workflow;
import org.onedoor.shared.InvalidParameter;
import org.onedoor.shared.LocalizedText;
import org.onedoor.shared.PageRequest;
import org.onedoor.shared.TenantId;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The catalogue pages: citizens search a city's procedures and read what to bring, what it costs, how long it takes and
 * where to go; administrators see each procedure's versions, edit a draft (its form and its workflow) with the
 * validation findings beside it, compare two versions, publish and retire.
 */
@Controller
class ProcedurePages {

    private static final Locale VIETNAMESE = Locale.of("vi");

    private final Procedures procedures;
    private final OrganisationDirectory directory;
    private final AccessPolicy access;
    private final StaffRoles roles;
    private final Problems problems;
    private final ProcedureJson json;

    ProcedurePages(Procedures procedures, OrganisationDirectory directory, AccessPolicy access, StaffRoles roles, Problems problems,
                   ProcedureJson json) {
        this.procedures = procedures;
        this.directory = directory;
        this.access = access;
        this.roles = roles;
        this.problems = problems;
        this.json = json;
    }

    // ---- citizens ------------------------------------------------------------------------------------------------

    @PermitAll
    @GetMapping("/tenants/{tenant}/procedures")
    String catalogue(@PathVariable String tenant, @RequestParam(required = false) @Nullable String q,
                     @RequestParam(required = false) @Nullable String field, @RequestParam(required = false) @Nullable String level,
                     @RequestParam(required = false) @Nullable String online, @RequestParam(required = false) @Nullable Integer page,
                     @AuthenticationPrincipal @Nullable CurrentUser user, Model model) {
        var city = directory.tenant(tenant);
        var today = procedures.today(city.id());
        var query = new ProcedureQuery(q, field, ProcedureApi.parse(ProcedureDefinition.Level.class, "level", level),
                ProcedureApi.parse(ProcedureDefinition.OnlineLevel.class, "online", online), today, false);
        model.addAttribute("tenant", city);
        model.addAttribute("q", q == null ? "" : q);
        model.addAttribute("field", field == null ? "" : field);
        model.addAttribute("level", level == null ? "" : level.toUpperCase(Locale.ROOT));
        model.addAttribute("online", online == null ? "" : online.toUpperCase(Locale.ROOT));
        model.addAttribute("fields", procedures.fields(city.id(), today));
        model.addAttribute("results", procedures.search(city.id(), query, PageRequest.of(page, 25)));
        model.addAttribute("canManage", canManage(user, city.id()));
        return "procedure/catalogue";
    }

    @PermitAll
    @GetMapping("/tenants/{tenant}/procedures/{code}")
    String procedure(@PathVariable String tenant, @PathVariable String code, @AuthenticationPrincipal @Nullable CurrentUser user, Model model) {
        var city = directory.tenant(tenant);
        var version = procedures.current(city.id(), code);
        model.addAttribute("tenant", city);
        model.addAttribute("version", version);
        model.addAttribute("p", version.definition());
        model.addAttribute("groups", groups(version.definition()));
        model.addAttribute("roleNames", roles.names());
        model.addAttribute("canManage", canManage(user, city.id()));
        return "procedure/procedure";
    }

    /** Components by group, in the order the procedure lists them. */
    static Map<String, List<ProcedureDefinition.Component>> groups(ProcedureDefinition p) {
        var groups = new LinkedHashMap<String, List<ProcedureDefinition.Component>>();
        for (var c : p.components()) {
            groups.computeIfAbsent(c.group() == null ? "" : c.group().in(VIETNAMESE), k -> new ArrayList<>()).add(c);
        }
        return groups;
    }

    // ---- administrators ------------------------------------------------------------------------------------------

    @PreAuthorize(ProcedureApi.MANAGE)
    @GetMapping("/tenants/{tenant}/procedures/{code}/versions")
    String versions(@PathVariable String tenant, @PathVariable String code, Model model) {
        var city = directory.tenant(tenant);
        var versions = procedures.versions(city.id(), code);
        model.addAttribute("tenant", city);
        model.addAttribute("code", code);
        model.addAttribute("name", versions.getFirst().definition().name());
        model.addAttribute("versions", versions);
        model.addAttribute("today", procedures.today(city.id()));
        model.addAttribute("hasDraft", versions.getFirst().state() == ProcedureVersion.State.DRAFT);
        return "procedure/versions";
    }

    @PreAuthorize(ProcedureApi.MANAGE)
    @PostMapping("/tenants/{tenant}/procedures/{code}/drafts")
    String draft(@PathVariable String tenant, @PathVariable String code, Principal principal) {
        var city = directory.tenant(tenant);
        var draft = procedures.draft(city.id(), code, principal.getName());
        return "redirect:/tenants/" + tenant + "/procedures/" + code + "/versions/" + draft.number();
    }

    @PreAuthorize(ProcedureApi.MANAGE)
    @GetMapping("/tenants/{tenant}/procedures/{code}/versions/{number}")
    String version(@PathVariable String tenant, @PathVariable String code, @PathVariable int number, Locale locale, Model model) {
        var city = directory.tenant(tenant);
        var version = procedures.version(city.id(), code, number);
        var findings = procedures.validate(city.id(), version.definition());
        model.addAttribute("tenant", city);
        model.addAttribute("version", version);
        model.addAttribute("p", version.definition());
        model.addAttribute("today", procedures.today(city.id()));
        model.addAttribute("violations", problems.violations(findings.violations(), locale));
        model.addAttribute("warnings", problems.violations(findings.warnings(), locale));
        model.addAttribute("roleNames", roles.names());
        model.addAttribute("channels", Channel.values());
        model.addAttribute("timeUnits", TimeLimit.Unit.values());
        model.addAttribute("selectors", Workflow.UnitSelector.Kind.values());
        model.addAttribute("actions", Workflow.Action.values());
        model.addAttribute("editable", version.state() == ProcedureVersion.State.DRAFT);
        return "procedure/editor";
    }

    @PreAuthorize(ProcedureApi.MANAGE)
    @PostMapping("/tenants/{tenant}/procedures/{code}/versions/{number}")
    String save(@PathVariable String tenant, @PathVariable String code, @PathVariable int number,
                @RequestParam MultiValueMap<String, String> form, Principal principal) {
        var city = directory.tenant(tenant);
        var current = procedures.version(city.id(), code, number);
        var revision = integer(form, "revision");
        procedures.update(city.id(), code, number, revision, EditorForm.read(form, current.definition(), city.currency().getCurrencyCode()),
                principal.getName());
        return "redirect:/tenants/" + tenant + "/procedures/" + code + "/versions/" + number + "?saved";
    }

    @PreAuthorize(ProcedureApi.MANAGE)
    @PostMapping("/tenants/{tenant}/procedures/{code}/versions/{number}/publication")
    String publish(@PathVariable String tenant, @PathVariable String code, @PathVariable int number, @RequestParam String effectiveFrom,
                   @RequestParam String basis, Principal principal) {
        var city = directory.tenant(tenant);
        if (basis.isBlank()) throw new InvalidParameter("basis", basis);
        procedures.publish(city.id(), code, number, date("effectiveFrom", effectiveFrom), basis, principal.getName());
        return "redirect:/tenants/" + tenant + "/procedures/" + code + "/versions";
    }

    @PreAuthorize(ProcedureApi.MANAGE)
    @PostMapping("/tenants/{tenant}/procedures/{code}/versions/{number}/retirement")
    String retire(@PathVariable String tenant, @PathVariable String code, @PathVariable int number, @RequestParam String effectiveTo,
                  @RequestParam String basis, Principal principal) {
        var city = directory.tenant(tenant);
        if (basis.isBlank()) throw new InvalidParameter("basis", basis);
        procedures.retire(city.id(), code, number, date("effectiveTo", effectiveTo), basis, principal.getName());
        return "redirect:/tenants/" + tenant + "/procedures/" + code + "/versions";
    }

    @PreAuthorize(ProcedureApi.MANAGE)
    @GetMapping("/tenants/{tenant}/procedures/{code}/diff")
    String diff(@PathVariable String tenant, @PathVariable String code, @RequestParam int from, @RequestParam int to, Model model) {
        var city = directory.tenant(tenant);
        var older = procedures.version(city.id(), code, from);
        var newer = procedures.version(city.id(), code, to);
        model.addAttribute("tenant", city);
        model.addAttribute("code", code);
        model.addAttribute("name", newer.definition().name());
        model.addAttribute("from", older);
        model.addAttribute("to", newer);
        model.addAttribute("changes", ProcedureDiff.between(older.definition(), newer.definition(), json));
        return "procedure/diff";
    }

    private boolean canManage(@Nullable CurrentUser user, TenantId tenant) {
        return user != null && user.tenant().equals(tenant.value()) && access.canAnywhere(user, Permission.PROCEDURE_MANAGE, tenant);
    }

    private static LocalDate date(String name, String value) {
        try {
            return LocalDate.parse(value.strip());
        } catch (RuntimeException e) {
            throw new InvalidParameter(name, value);
        }
    }

    static int integer(MultiValueMap<String, String> form, String name) {
        var value = form.getFirst(name);
        try {
            return Integer.parseInt(value == null ? "" : value.strip());
        } catch (NumberFormatException e) {
            throw new InvalidParameter(name, String.valueOf(value));
        }
    }

    /**
     * Reads the editor's form into a procedure document: the fields it shows replace those of the version edited, the
     * rest is kept. Rows left without a name (components) or key (steps) are dropped, which is how the editor removes one.
     */
    static final class EditorForm {

        private EditorForm() {
        }

        /** @param currency the city's currency: amounts typed in the editor are in it */
        static ProcedureDefinition read(MultiValueMap<String, String> form, ProcedureDefinition current, String currency) {
            var names = new LinkedHashMap<String, String>();
            for (var language : new String[] {"vi", "en", "lo"}) {
                var text = text(form, "name." + language);
                if (text != null) names.put(language, text);
            }
            if (names.isEmpty()) throw new InvalidParameter("name.vi", "");
            var field = text(form, "field");
            var levels = form.getOrDefault("levels", List.of()).stream().map(l -> ProcedureApi.parse(ProcedureDefinition.Level.class, "levels", l)).toList();
            var applicants = form.getOrDefault("applicantTypes", List.of()).stream()
                    .map(a -> ProcedureApi.parse(ProcedureDefinition.ApplicantType.class, "applicantTypes", a)).toList();
            var online = ProcedureApi.parse(ProcedureDefinition.OnlineLevel.class, "onlineLevel", text(form, "onlineLevel"));
            if (online == null) throw new InvalidParameter("onlineLevel", "");
            var channels = new ArrayList<ChannelTerms>();
            for (var channel : Channel.values()) {
                var prefix = "channel." + channel.name() + ".";
                if (!"on".equals(form.getFirst(prefix + "offered"))) continue;
                var kind = ProcedureApi.parse(Fee.FeeKind.class, prefix + "kind", text(form, prefix + "kind"));
                var noteText = text(form, prefix + "note");
                var note = noteText == null ? null : LocalizedText.of("vi", noteText);
                var previous = current.channels().stream().filter(c -> c.channel() == channel).findFirst();
                Fee fee;
                if (kind == Fee.FeeKind.AMOUNT) {
                    var amount = text(form, prefix + "amount");
                    try {
                        fee = Fee.amount(Long.parseLong(amount == null ? "" : amount.replaceAll("[ .,]", "")), currency, note);
                    } catch (NumberFormatException e) {
                        throw new InvalidParameter(prefix + "amount", String.valueOf(amount));
                    }
                } else if (kind == Fee.FeeKind.RULE) {
                    if (note == null) throw new InvalidParameter(prefix + "note", "");
                    fee = Fee.rule(note);
                } else {
                    fee = Fee.free(note);
                }
                channels.add(new ChannelTerms(channel, fee, previous.map(ChannelTerms::timeLimit).orElse(null)));
            }
            var components = new ArrayList<ProcedureDefinition.Component>();
            for (int i = 0; form.containsKey("components[" + i + "].name"); i++) {
                var prefix = "components[" + i + "].";
                var name = text(form, prefix + "name");
                if (name == null) continue;
                var group = text(form, prefix + "group");
                var previous = i < current.components().size() ? current.components().get(i) : null;
                components.add(new ProcedureDefinition.Component(group == null ? null : LocalizedText.of("vi", group),
                        previous != null && name.equals(previous.name().exactly("vi")) ? previous.name() : LocalizedText.of("vi", name),
                        count(form, prefix + "originals"), count(form, prefix + "copies"), "on".equals(form.getFirst(prefix + "mandatory")),
                        text(form, prefix + "template"), "on".equals(form.getFirst(prefix + "digital"))));
            }
            var steps = new ArrayList<Workflow.Step>();
            for (int i = 0; form.containsKey("steps[" + i + "].key"); i++) {
                var prefix = "steps[" + i + "].";
                var key = text(form, prefix + "key");
                if (key == null) continue;
                var stepName = text(form, prefix + "name");
                var previous = current.workflow().step(key);
                var localized = stepName == null ? LocalizedText.of("vi", key)
                        : previous.isPresent() && stepName.equals(previous.get().name().exactly("vi")) ? previous.get().name()
                        : LocalizedText.of("vi", stepName);
                var selectorKind = ProcedureApi.parse(Workflow.UnitSelector.Kind.class, prefix + "unit", text(form, prefix + "unit"));
                if (selectorKind == null) throw new InvalidParameter(prefix + "unit", "");
                var target = text(form, prefix + "unitTarget");
                var selector = switch (selectorKind) {
                    case NAMED -> new Workflow.UnitSelector(selectorKind, target, null);
                    case PARENT_OF_STEP -> new Workflow.UnitSelector(selectorKind, null, target);
                    default -> new Workflow.UnitSelector(selectorKind, null, null);
                };
                var hours = decimal(form, prefix + "hours");
                var share = decimal(form, prefix + "share");
                var actions = new ArrayList<Workflow.Transition>();
                for (var action : Workflow.Action.values()) {
                    var value = text(form, prefix + "action." + action.name());
                    if (value == null) continue;
                    actions.add(action.move() == Workflow.Action.Move.TO_STEP ? Workflow.Transition.to(action, value) : Workflow.Transition.of(action));
                }
                steps.add(new Workflow.Step(key, localized, String.valueOf(text(form, prefix + "role")), selector,
                        new Workflow.Allotment(hours, share), count(form, prefix + "statusCode"), actions));
            }
            return new ProcedureDefinition(current.code(), new LocalizedText(names), field == null ? null : LocalizedText.of("vi", field),
                    text(form, "issuingBody"), text(form, "decision"), levels, current.competentUnitTypes(), applicants, components, channels,
                    time(form, current.timeLimit()), online, "on".equals(form.getFirst("boundaryFree")), text(form, "legalBasis"),
                    current.results(), new Workflow(current.workflow().template(), steps));
        }

        private static LegalTime time(MultiValueMap<String, String> form, LegalTime current) {
            var unit = text(form, "time.unit");
            var value = decimal(form, "time.value");
            if (unit == null || unit.equals("UNKNOWN")) {
                return current.known() || value != null && !value.equals(current.statedValue()) ? LegalTime.unknown(value, value == null ? null : value.toPlainString())
                        : current;
            }
            var kind = ProcedureApi.parse(TimeLimit.Unit.class, "time.unit", unit);
            var cutoffText = text(form, "time.cutoff");
            try {
                var cutoff = kind == TimeLimit.Unit.WITHIN_DAY && cutoffText != null ? LocalTime.parse(cutoffText) : null;
                return LegalTime.of(new TimeLimit(value == null ? BigDecimal.ZERO : value, kind, cutoff, false));
            } catch (RuntimeException e) {
                throw new InvalidParameter("time.value", String.valueOf(value));
            }
        }

        private static @Nullable String text(MultiValueMap<String, String> form, String name) {
            var value = form.getFirst(name);
            return value == null || value.isBlank() ? null : value.strip();
        }

        private static int count(MultiValueMap<String, String> form, String name) {
            var value = text(form, name);
            try {
                return value == null ? 0 : Integer.parseInt(value);
            } catch (NumberFormatException e) {
                throw new InvalidParameter(name, value);
            }
        }

        private static @Nullable BigDecimal decimal(MultiValueMap<String, String> form, String name) {
            var value = text(form, name);
            try {
                return value == null ? null : new BigDecimal(value.replace(',', '.'));
            } catch (NumberFormatException e) {
                throw new InvalidParameter(name, value);
            }
        }
    }
}
