package org.onedoor.procedure;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.onedoor.audit.AuditRecord;
import org.onedoor.audit.AuditTrail;
import org.onedoor.identity.StaffRoles;
import org.onedoor.organisation.OrganisationDirectory;
import org.onedoor.procedure.ProcedureVersion.Origin;
import org.onedoor.procedure.ProcedureVersion.State;
import org.onedoor.shared.LocalizedText;
import org.onedoor.shared.PageRequest;
import org.onedoor.shared.Problem;
import org.onedoor.shared.ResultPage;
import org.onedoor.shared.SearchText;
import org.onedoor.shared.TenantId;
import org.onedoor.shared.Violation;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A city's procedures and their versions: the public search over the versions in force, the version a dossier keeps,
 * and the administrators' life cycle — draft, edit, validate, publish from a date with its legal basis, retire. Every
 * change is audited in its transaction.
 */
@Service
@Transactional
public class Procedures {

    /** A national code (1.001193) or a city's local code. */
    public static final Pattern CODE = Pattern.compile("[0-9A-Za-z][0-9A-Za-z.\\-]{0,39}");

    public static class UnknownVersion extends Problem {
        public UnknownVersion(String code, int number) {
            super("procedure-version-not-found", Kind.NOT_FOUND, code, number);
        }
    }

    public static class AlreadyExists extends Problem {
        public AlreadyExists(String code) {
            super("procedure-exists", Kind.CONFLICT, code);
        }
    }

    public static class DraftExists extends Problem {
        public DraftExists(String code, int number) {
            super("procedure-draft-exists", Kind.CONFLICT, code, number);
        }
    }

    public static class NotADraft extends Problem {
        public NotADraft(String code, int number) {
            super("procedure-not-draft", Kind.CONFLICT, code, number);
        }
    }

    public static class StaleRevision extends Problem {
        public StaleRevision(String code, int number, int current) {
            super("procedure-stale", Kind.PRECONDITION_FAILED, code, number, current);
        }
    }

    /** Publishing refused: the document breaks rules, each listed. */
    public static class Invalid extends Problem {
        public Invalid(String code, List<Violation> violations) {
            super("procedure-invalid", Kind.UNPROCESSABLE, violations, code, violations.size());
        }
    }

    /** A date refused for publishing or retiring, with the reason's message key. */
    public static class BadEffectiveDate extends Problem {
        public BadEffectiveDate(String code, LocalDate date, LocalDate earliest) {
            super("procedure-effective-date", Kind.CONFLICT, code, date, earliest);
        }
    }

    public static class NotInForce extends Problem {
        public NotInForce(String code, int number) {
            super("procedure-not-in-force", Kind.CONFLICT, code, number);
        }
    }

    private final JdbcClient jdbc;
    private final ProcedureJson json;
    private final AuditTrail audit;
    private final OrganisationDirectory directory;
    private final StaffRoles roles;
    private final Clock clock;

    Procedures(JdbcClient jdbc, ProcedureJson json, AuditTrail audit, OrganisationDirectory directory, StaffRoles roles, Clock clock) {
        this.jdbc = jdbc;
        this.json = json;
        this.audit = audit;
        this.directory = directory;
        this.roles = roles;
        this.clock = clock;
    }

    // ---- reading -------------------------------------------------------------------------------------------------

    @Transactional(readOnly = true)
    public ResultPage<ProcedureSummary> search(TenantId tenant, ProcedureQuery query, PageRequest page) {
        var where = new StringBuilder("v.tenant = :tenant");
        if (query.inForceOn() != null) {
            where.append(" and v.state <> 'DRAFT' and v.effective_from <= :day and (v.effective_to is null or v.effective_to > :day)");
        } else {
            where.append(" and v.number = (select max(w.number) from procedure.procedure_version w where w.tenant = v.tenant and w.code = v.code)");
        }
        var folded = query.text() == null ? "" : SearchText.fold(query.text());
        if (!folded.isEmpty()) where.append(" and (v.name_folded like :pattern escape '\\' or v.code = :code)");
        if (query.field() != null && !query.field().isBlank()) where.append(" and v.field = :field");
        if (query.level() != null) where.append(" and :level = any (v.levels)");
        if (query.online() != null) where.append(" and v.online_level = :online");
        if (query.flagged()) where.append(" and cardinality(v.flags) > 0");
        var count = jdbc.sql("select count(*) from procedure.procedure_version v where " + where);
        // Only the parts of the document a list shows: a whole document carries every component's text.
        var select = jdbc.sql("select v.code, v.number, v.state, v.effective_from, v.flags, v.online_level, v.summary::text"
                + " from procedure.procedure_version v where " + where
                + " order by (v.code = :code) desc, length(v.name_folded), v.code limit :limit offset :offset");
        for (var statement : List.of(count, select)) {
            statement.param("tenant", tenant.value()).param("code", query.text() == null ? "" : query.text().strip());
            if (query.inForceOn() != null) statement.param("day", query.inForceOn());
            if (!folded.isEmpty()) statement.param("pattern", SearchText.containing(folded));
            if (query.field() != null && !query.field().isBlank()) statement.param("field", SearchText.fold(query.field()));
            if (query.level() != null) statement.param("level", query.level().name());
            if (query.online() != null) statement.param("online", query.online().name());
        }
        var total = count.query(Long.class).single();
        var items = select.param("limit", page.size()).param("offset", page.offset()).query((rs, n) -> ProcedureSummary.of(
                rs.getString("code"), rs.getInt("number"), State.valueOf(rs.getString("state")), rs.getObject("effective_from", LocalDate.class),
                json.part(rs.getString("summary"), Summary.class), ProcedureDefinition.OnlineLevel.valueOf(rs.getString("online_level")),
                Arrays.asList((String[]) rs.getArray("flags").getArray()))).list();
        return new ResultPage<>(items, page.page(), page.size(), total);
    }

    /** The fields of the procedures in force on a day, by their Vietnamese names, for the search filter. */
    @Transactional(readOnly = true)
    public List<String> fields(TenantId tenant, LocalDate day) {
        return jdbc.sql("""
                select distinct on (v.field) v.definition -> 'field' ->> 'vi' from procedure.procedure_version v
                where v.tenant = :tenant and v.state <> 'DRAFT' and v.field is not null and v.effective_from <= :day
                  and (v.effective_to is null or v.effective_to > :day) order by v.field""")
                .param("tenant", tenant.value()).param("day", day).query(String.class).list();
    }

    /** The version in force on a day: what a dossier received that day keeps. */
    @Transactional(readOnly = true)
    public Optional<ProcedureVersion> inForce(TenantId tenant, String code, LocalDate day) {
        return jdbc.sql("""
                select * from procedure.procedure_version where tenant = :tenant and code = :code and state <> 'DRAFT'
                  and effective_from <= :day and (effective_to is null or effective_to > :day)""")
                .param("tenant", tenant.value()).param("code", code).param("day", day).query(this::row).optional();
    }

    /**
     * The id of the version in force on a day, without reading its document: a caller that keeps parsed versions by id
     * (published versions never change) asks this on every dossier.
     */
    @Transactional(readOnly = true)
    public Optional<UUID> idInForce(TenantId tenant, String code, LocalDate day) {
        return jdbc.sql("""
                select id from procedure.procedure_version where tenant = :tenant and code = :code and state <> 'DRAFT'
                  and effective_from <= :day and (effective_to is null or effective_to > :day)""")
                .param("tenant", tenant.value()).param("code", code).param("day", day).query(UUID.class).optional();
    }

    /** The version in force today in the city, or a not-found problem. */
    @Transactional(readOnly = true)
    public ProcedureVersion current(TenantId tenant, String code) {
        return inForce(tenant, code, today(tenant)).orElseThrow(() -> new Catalogue.UnknownProcedure(code));
    }

    /** A version by its id, as a dossier refers to it. */
    @Transactional(readOnly = true)
    public Optional<ProcedureVersion> version(UUID id) {
        return jdbc.sql("select * from procedure.procedure_version where id = :id").param("id", id).query(this::row).optional();
    }

    @Transactional(readOnly = true)
    public ProcedureVersion version(TenantId tenant, String code, int number) {
        return jdbc.sql("select * from procedure.procedure_version where tenant = :tenant and code = :code and number = :number")
                .param("tenant", tenant.value()).param("code", code).param("number", number).query(this::row).optional()
                .orElseThrow(() -> exists(tenant, code) ? new UnknownVersion(code, number) : new Catalogue.UnknownProcedure(code));
    }

    /** Every version of a procedure, newest first. */
    @Transactional(readOnly = true)
    public List<ProcedureVersion> versions(TenantId tenant, String code) {
        var versions = jdbc.sql("select * from procedure.procedure_version where tenant = :tenant and code = :code order by number desc")
                .param("tenant", tenant.value()).param("code", code).query(this::row).list();
        if (versions.isEmpty()) throw new Catalogue.UnknownProcedure(code);
        return versions;
    }

    /** Every procedure code of the city with its latest version, for export. */
    @Transactional(readOnly = true)
    public List<ProcedureVersion> latest(TenantId tenant) {
        return jdbc.sql("""
                select distinct on (code) * from procedure.procedure_version where tenant = :tenant order by code, number desc""")
                .param("tenant", tenant.value()).query(this::row).list();
    }

    public boolean exists(TenantId tenant, String code) {
        return jdbc.sql("select exists (select 1 from procedure.procedure_version where tenant = :tenant and code = :code)")
                .param("tenant", tenant.value()).param("code", code).query(Boolean.class).single();
    }

    public LocalDate today(TenantId tenant) {
        return directory.today(directory.tenant(tenant.value()));
    }

    // ---- validating ----------------------------------------------------------------------------------------------

    @Transactional(readOnly = true)
    public Validation.Findings validate(TenantId tenant, ProcedureDefinition definition) {
        var today = today(tenant);
        return Validation.of(definition, roles.codes(), unit -> directory.unitOn(tenant, unit, today).isPresent());
    }

    // ---- changing ------------------------------------------------------------------------------------------------

    /** A new procedure of the city, as draft version 1. */
    public ProcedureVersion create(TenantId tenant, ProcedureDefinition definition, Origin origin, String actor) {
        if (!CODE.matcher(definition.code()).matches()) throw new Invalid(definition.code(), List.of(Violation.of("procedure-code", "/code", definition.code())));
        if (exists(tenant, definition.code())) throw new AlreadyExists(definition.code());
        var version = insert(tenant, definition, 1, origin, actor);
        audit(tenant, actor, "procedure.create", version, null);
        return version;
    }

    /** A new draft copied from the procedure's latest version (there is at most one draft at a time). */
    public ProcedureVersion draft(TenantId tenant, String code, String actor) {
        var latest = versions(tenant, code).getFirst();
        if (latest.state() == State.DRAFT) throw new DraftExists(code, latest.number());
        var version = insert(tenant, latest.definition(), latest.number() + 1, Origin.EDITOR, actor);
        audit(tenant, actor, "procedure.draft", version, null);
        return version;
    }

    /**
     * A new draft with the given content: the next version of an existing procedure (replacing its open draft, if
     * any) or version 1 of a new one. Used when a city imports another city's or a spreadsheet's procedures.
     */
    public ProcedureVersion offer(TenantId tenant, ProcedureDefinition definition, Origin origin, String actor) {
        if (!exists(tenant, definition.code())) return create(tenant, definition, origin, actor);
        var latest = versions(tenant, definition.code()).getFirst();
        if (latest.state() == State.DRAFT) return update(tenant, definition.code(), latest.number(), latest.revision(), definition, actor);
        var version = insert(tenant, definition, latest.number() + 1, origin, actor);
        audit(tenant, actor, "procedure.draft", version, null);
        return version;
    }

    /** Replaces a draft's content; {@code revision} must be the one the editor read. */
    public ProcedureVersion update(TenantId tenant, String code, int number, int revision, ProcedureDefinition definition, String actor) {
        var before = lock(tenant, code, number);
        if (before.state() != State.DRAFT) throw new NotADraft(code, number);
        if (before.revision() != revision) throw new StaleRevision(code, number, before.revision());
        if (!definition.code().equals(code)) {
            throw new Invalid(code, List.of(Violation.of("procedure-code-changed", "/code", code, definition.code())));
        }
        var flags = flags(definition);
        jdbc.sql("""
                update procedure.procedure_version set definition = :definition::jsonb, summary = :summary::jsonb, name_folded = :folded, field = :field,
                  levels = :levels::text[], online_level = :online, flags = :flags::text[], revision = revision + 1
                where id = :id""")
                .param("definition", json.write(definition)).param("summary", json.write(Summary.of(definition)))
                .param("folded", definition.name().folded())
                .param("field", definition.field() == null ? null : SearchText.fold(definition.field().in(Locale.of("vi"))))
                .param("levels", array(definition.levels().stream().map(Enum::name).toList())).param("online", definition.onlineLevel().name())
                .param("flags", array(flags)).param("id", before.id()).update();
        var after = version(tenant, code, number);
        audit(tenant, actor, "procedure.update", after, json.write(before.definition()));
        return after;
    }

    /**
     * Publishes a draft from a date (today or later) with its legal basis, after validating it: a document that breaks
     * any rule is refused with every violation listed. The version in force before it ends the day before.
     */
    public ProcedureVersion publish(TenantId tenant, String code, int number, LocalDate effectiveFrom, String basis, String actor) {
        var draft = lock(tenant, code, number);
        if (draft.state() != State.DRAFT) throw new NotADraft(code, number);
        var findings = validate(tenant, draft.definition());
        if (!findings.valid()) throw new Invalid(code, findings.violations());
        var today = today(tenant);
        var earliest = today;
        var previous = jdbc.sql("""
                select * from procedure.procedure_version where tenant = :tenant and code = :code and state <> 'DRAFT'
                order by effective_from desc limit 1 for update""")
                .param("tenant", tenant.value()).param("code", code).query(this::row).optional();
        if (previous.isPresent() && previous.get().effectiveFrom() != null && !previous.get().effectiveFrom().isBefore(earliest)) {
            earliest = previous.get().effectiveFrom().plusDays(1);
        }
        if (effectiveFrom.isBefore(earliest)) throw new BadEffectiveDate(code, effectiveFrom, earliest);
        previous.filter(p -> p.effectiveTo() == null || p.effectiveTo().isAfter(effectiveFrom)).ifPresent(p ->
                jdbc.sql("update procedure.procedure_version set effective_to = :to where id = :id")
                        .param("to", effectiveFrom).param("id", p.id()).update());
        jdbc.sql("""
                update procedure.procedure_version set state = 'PUBLISHED', effective_from = :from, change_basis = :basis,
                  published_at = :now, published_by = :actor, revision = revision + 1 where id = :id""")
                .param("from", effectiveFrom).param("basis", basis.strip()).param("now", java.sql.Timestamp.from(clock.instant())).param("actor", actor)
                .param("id", draft.id()).update();
        var published = version(tenant, code, number);
        audit(tenant, actor, "procedure.publish", published, null);
        return published;
    }

    /** Ends a published version's period on a date (today or later): from then no dossier can be received under it. */
    public ProcedureVersion retire(TenantId tenant, String code, int number, LocalDate effectiveTo, String basis, String actor) {
        var version = lock(tenant, code, number);
        if (version.state() != State.PUBLISHED) throw new NotInForce(code, number);
        var today = today(tenant);
        var earliest = version.effectiveFrom() != null && version.effectiveFrom().isAfter(today) ? version.effectiveFrom().plusDays(1) : today;
        if (effectiveTo.isBefore(earliest) || (version.effectiveTo() != null && effectiveTo.isAfter(version.effectiveTo()))) {
            throw new BadEffectiveDate(code, effectiveTo, earliest);
        }
        jdbc.sql("""
                update procedure.procedure_version set state = 'RETIRED', effective_to = :to, change_basis = :basis,
                  retired_at = :now, retired_by = :actor, revision = revision + 1 where id = :id""")
                .param("to", effectiveTo).param("basis", basis.strip()).param("now", java.sql.Timestamp.from(clock.instant())).param("actor", actor)
                .param("id", version.id()).update();
        var retired = version(tenant, code, number);
        audit(tenant, actor, "procedure.retire", retired, null);
        return retired;
    }

    /** Drops a draft that will not be published. */
    public void discard(TenantId tenant, String code, int number, String actor) {
        var draft = lock(tenant, code, number);
        if (draft.state() != State.DRAFT) throw new NotADraft(code, number);
        jdbc.sql("delete from procedure.procedure_version where id = :id").param("id", draft.id()).update();
        audit(tenant, actor, "procedure.discard", draft, json.write(draft.definition()));
    }

    /**
     * Imports a published version as it stands in the national catalogue (used by the seed): version 1, in force from
     * the given day, unless the city already has the procedure.
     */
    public boolean seed(TenantId tenant, ProcedureDefinition definition, LocalDate effectiveFrom, String basis) {
        if (exists(tenant, definition.code())) return false;
        var version = insert(tenant, definition, 1, Origin.CATALOGUE, "system:catalogue");
        jdbc.sql("""
                update procedure.procedure_version set state = 'PUBLISHED', effective_from = :from, change_basis = :basis,
                  published_at = :now, published_by = 'system:catalogue' where id = :id""")
                .param("from", effectiveFrom).param("basis", basis).param("now", java.sql.Timestamp.from(clock.instant())).param("id", version.id()).update();
        return true;
    }

    /** What a list shows of a version, stored beside its document. */
    record Summary(LocalizedText name, @Nullable LocalizedText field, List<ProcedureDefinition.Level> levels, ProcedureDefinition.LegalTime timeLimit) {
        static Summary of(ProcedureDefinition d) {
            return new Summary(d.name(), d.field(), d.levels(), d.timeLimit());
        }
    }

    // ---- internals -----------------------------------------------------------------------------------------------

    private ProcedureVersion insert(TenantId tenant, ProcedureDefinition definition, int number, Origin origin, String actor) {
        var id = UUID.randomUUID();
        jdbc.sql("""
                insert into procedure.procedure_version (id, tenant, code, number, state, definition, summary, name_folded, field, levels,
                  online_level, flags, origin, created_at, created_by)
                values (:id, :tenant, :code, :number, 'DRAFT', :definition::jsonb, :summary::jsonb, :folded, :field, :levels::text[], :online,
                  :flags::text[], :origin, :now, :actor)""")
                .param("id", id).param("tenant", tenant.value()).param("code", definition.code()).param("number", number)
                .param("definition", json.write(definition)).param("summary", json.write(Summary.of(definition)))
                .param("folded", definition.name().folded())
                .param("field", definition.field() == null ? null : SearchText.fold(definition.field().in(Locale.of("vi"))))
                .param("levels", array(definition.levels().stream().map(Enum::name).toList())).param("online", definition.onlineLevel().name())
                .param("flags", array(flags(definition))).param("origin", origin.name()).param("now", java.sql.Timestamp.from(clock.instant())).param("actor", actor)
                .update();
        return version(tenant, definition.code(), number);
    }

    private ProcedureVersion lock(TenantId tenant, String code, int number) {
        return jdbc.sql("select * from procedure.procedure_version where tenant = :tenant and code = :code and number = :number for update")
                .param("tenant", tenant.value()).param("code", code).param("number", number).query(this::row).optional()
                .orElseThrow(() -> exists(tenant, code) ? new UnknownVersion(code, number) : new Catalogue.UnknownProcedure(code));
    }

    /** What an administrator should settle, found in the document itself. */
    static List<String> flags(ProcedureDefinition definition) {
        var flags = new ArrayList<String>();
        if (!definition.timeLimit().known() || definition.channels().stream().anyMatch(c -> c.timeLimit() != null && !c.timeLimit().known())) {
            flags.add("TIME_LIMIT_UNKNOWN");
        }
        if (definition.components().isEmpty()) flags.add("NO_COMPONENTS");
        if (definition.channels().stream().anyMatch(c -> c.fee().kind() == ProcedureDefinition.Fee.FeeKind.RULE)) flags.add("FEE_AS_TEXT");
        return flags;
    }

    private void audit(TenantId tenant, String actor, String action, ProcedureVersion version, @Nullable String before) {
        var record = AuditRecord.of(tenant.value(), actor, action, "procedure", version.code() + "#" + version.number())
                .changing(before, json.write(version.definition())).with("state", version.state().name());
        if (version.changeBasis() != null) record = record.because(version.changeBasis());
        audit.record(record);
    }

    private static String array(List<String> values) {
        return "{" + String.join(",", values.stream().map(v -> "\"" + v.replace("\"", "\\\"") + "\"").toList()) + "}";
    }

    private ProcedureVersion row(ResultSet rs, int n) throws SQLException {
        return new ProcedureVersion(rs.getObject("id", UUID.class), rs.getString("tenant"), rs.getString("code"), rs.getInt("number"),
                State.valueOf(rs.getString("state")), rs.getObject("effective_from", LocalDate.class), rs.getObject("effective_to", LocalDate.class),
                rs.getString("change_basis"), json.read(rs.getString("definition")),
                Arrays.asList((String[]) rs.getArray("flags").getArray()), Origin.valueOf(rs.getString("origin")),
                rs.getTimestamp("created_at").toInstant(), rs.getString("created_by"),
                rs.getTimestamp("published_at") == null ? null : rs.getTimestamp("published_at").toInstant(), rs.getString("published_by"),
                rs.getTimestamp("retired_at") == null ? null : rs.getTimestamp("retired_at").toInstant(), rs.getInt("revision"));
    }
}
