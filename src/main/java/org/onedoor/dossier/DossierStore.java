package org.onedoor.dossier;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.onedoor.calendar.Deadlines;
import org.onedoor.calendar.TimeLimit;
import org.onedoor.organisation.UnitId;
import org.onedoor.platform.PersonalDataProtection;
import org.onedoor.procedure.ProcedureDefinition.Channel;
import org.onedoor.shared.TenantId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The SQL of dossiers: one row per dossier, its hand-overs, and the daily sequences of receiving units. */
@Repository
class DossierStore {

    static final JsonMapper JSON = JsonMapper.builder().build();

    private static final String COLUMNS = """
            tenant_id, id, code, version, procedure_code, procedure_version_id, channel, state, status_code, step_key,
            reception_point_id, receiving_unit_id, competent_unit_id, owner_unit_id, owner_account_id, owner_name,
            applicant_account_id, applicant_name, applicant::text as applicant, applicant_id_sealed, phone_last4,
            components::text as components, time_limit::text as time_limit, result_delivery, submitted_at, received_at,
            due_at, legal_due_at, legal_minutes, step_started_at, step_due_at, paused_since, paused_state,
            pauses::text as pauses, supplement_requests, apologies, late, processed_at, returned_at, closed_at, digitised,
            electronic_result, paid_online, identity_verified""";

    private final JdbcClient jdbc;
    private final PersonalDataProtection sealing;

    DossierStore(JdbcClient jdbc, PersonalDataProtection sealing) {
        this.jdbc = jdbc;
        this.sealing = sealing;
    }

    /**
     * The next number of the unit's sequence for the day, taken in the caller's transaction: the row stays locked until
     * it ends, so concurrent receptions in one unit queue here and a rolled-back reception gives its number back.
     */
    int nextSequence(TenantId tenant, UnitId unit, LocalDate day) {
        return jdbc.sql("""
                insert into dossier.daily_sequence as s (tenant_id, unit_id, day, last_value) values (:t, :unit, :day, 1)
                on conflict (tenant_id, unit_id, day) do update set last_value = s.last_value + 1 returning last_value""")
                .param("t", tenant.value()).param("unit", unit.value()).param("day", day).query(Integer.class).single();
    }

    void insert(Dossier d) {
        var id = d.applicant().idNumber();
        params(jdbc.sql("insert into dossier.dossier (" + COLUMNS.replace("::text as applicant", "").replace("::text as components", "")
                .replace("::text as time_limit", "").replace("::text as pauses", "") + ", applicant_id_index) values ("
                + """
                :tenant, :id, :code, :version, :procedureCode, :procedureVersion, :channel, :state, :statusCode, :stepKey,
                :receptionPoint, :receivingUnit, :competentUnit, :ownerUnit, :ownerAccount, :ownerName,
                :applicantAccount, :applicantName, cast(:applicant as jsonb), :sealed, :phoneLast4,
                cast(:components as jsonb), cast(:timeLimit as jsonb), :delivery, :submittedAt, :receivedAt,
                :dueAt, :legalDueAt, :legalMinutes, :stepStartedAt, :stepDueAt, :pausedSince, :pausedState,
                cast(:pauses as jsonb), :supplementRequests, :apologies, :late, :processedAt, :returnedAt, :closedAt, :digitised,
                :electronicResult, :paidOnline, :identityVerified, :index)"""), d)
                .param("sealed", id == null ? null : sealing.encrypt(id))
                .param("index", id == null ? null : sealing.blindIndex(id))
                .param("phoneLast4", lastFour(d.applicant().phone()))
                .update();
    }

    /** Stores the new state if the row still has {@code expectedVersion}; false when another action came first. */
    /**
     * Stores the dossier's next state if it still has the version the caller read, and its hand-over line with it, in
     * one statement (one round trip); false, and nothing written, when another action was stored first.
     */
    boolean advance(Dossier d, int expectedVersion, Handover line) {
        return handoverParams(params(jdbc.sql("""
                with moved as (
                update dossier.dossier set version = :version, state = :state, status_code = :statusCode, step_key = :stepKey,
                       owner_unit_id = :ownerUnit, owner_account_id = :ownerAccount, owner_name = :ownerName,
                       time_limit = cast(:timeLimit as jsonb), received_at = :receivedAt, due_at = :dueAt,
                       legal_due_at = :legalDueAt, legal_minutes = :legalMinutes, step_started_at = :stepStartedAt,
                       step_due_at = :stepDueAt, paused_since = :pausedSince, paused_state = :pausedState,
                       pauses = cast(:pauses as jsonb), supplement_requests = :supplementRequests, apologies = :apologies,
                       late = :late, processed_at = :processedAt, returned_at = :returnedAt, closed_at = :closedAt,
                       components = cast(:components as jsonb), digitised = :digitised, electronic_result = :electronicResult,
                       paid_online = :paidOnline, identity_verified = :identityVerified
                 where tenant_id = :tenant and id = :id and version = :expected
                returning tenant_id, id)
                """ + HANDOVER_INSERT + """
                select tenant_id, id, :seq, :at, :action, :from, :to, :status, :giver, :giverName, :giverUnit, :receiver,
                       :receiverName, :receiverUnit, :stepDue, :result, :note, cast(:detail as jsonb) from moved"""), d),
                d.tenant(), d.id(), d.version(), line)
                .param("expected", expectedVersion).update() == 1;
    }

    /** Dossiers received at a reception point in [from, to), in order of reception; at most {@code limit}. */
    List<Dossier> receivedAt(TenantId tenant, UUID receptionPoint, Instant from, Instant to, int limit) {
        return jdbc.sql("select " + COLUMNS + " " + """
                 from dossier.dossier where tenant_id = :t and reception_point_id = :unit
                  and received_at >= :from and received_at < :to order by received_at, code limit :limit""")
                .param("t", tenant.value()).param("unit", receptionPoint).param("from", utc(from)).param("to", utc(to))
                .param("limit", limit).query(this::row).list();
    }

    Optional<Dossier> find(TenantId tenant, String code) {
        return jdbc.sql("select " + COLUMNS + " from dossier.dossier where tenant_id = :t and code = :code")
                .param("t", tenant.value()).param("code", code).query(this::row).optional();
    }

    /** The applicant's ID number in plain text, for the few who must see it (the form 01 receipt, the owner). */
    Optional<String> applicantId(TenantId tenant, UUID dossier) {
        return jdbc.sql("select applicant_id_sealed from dossier.dossier where tenant_id = :t and id = :id")
                .param("t", tenant.value()).param("id", dossier).query((rs, n) -> rs.getBytes(1)).optional()
                .filter(b -> b != null).map(sealing::decrypt);
    }

    private static final String HANDOVER_INSERT = """
            insert into dossier.handover (tenant_id, dossier_id, seq, at, action, from_step, to_step, status_code,
                   giver_account_id, giver_name, giver_unit_id, receiver_account_id, receiver_name, receiver_unit_id,
                   step_due_at, result, note, detail)
            """;
    private static final String HANDOVER_VALUES = """
            values (:t, :d, :seq, :at, :action, :from, :to, :status, :giver, :giverName, :giverUnit, :receiver,
                    :receiverName, :receiverUnit, :stepDue, :result, :note, cast(:detail as jsonb))""";

    void insertHandover(String tenant, UUID dossier, int seq, Handover h) {
        handoverParams(jdbc.sql(HANDOVER_INSERT + HANDOVER_VALUES), tenant, dossier, seq, h).update();
    }

    private static JdbcClient.StatementSpec handoverParams(JdbcClient.StatementSpec sql, String tenant, UUID dossier, int seq, Handover h) {
        var detail = new LinkedHashMap<String, Object>();
        if (!h.items().isEmpty()) detail.put("items", h.items());
        if (h.newDueAt() != null) detail.put("newDueAt", h.newDueAt().toString());
        return sql.param("t", tenant).param("d", dossier).param("seq", seq).param("at", utc(h.at())).param("action", h.action())
                .param("from", h.fromStep()).param("to", h.toStep()).param("status", h.statusCode())
                .param("giver", h.giverAccount()).param("giverName", h.giverName()).param("giverUnit", h.giverUnit())
                .param("receiver", h.receiverAccount()).param("receiverName", h.receiverName())
                .param("receiverUnit", h.receiverUnit()).param("stepDue", utc(h.stepDueAt())).param("result", h.result())
                .param("note", h.note()).param("detail", detail.isEmpty() ? null : JSON.writeValueAsString(detail));
    }

    List<Handover> timeline(TenantId tenant, UUID dossier) {
        return jdbc.sql("""
                select seq, at, action, from_step, to_step, status_code, giver_account_id, giver_name, giver_unit_id,
                       receiver_account_id, receiver_name, receiver_unit_id, step_due_at, result, note, detail::text as detail
                  from dossier.handover where tenant_id = :t and dossier_id = :d order by seq""")
                .param("t", tenant.value()).param("d", dossier).query((rs, n) -> {
                    var detail = rs.getString("detail") == null ? Map.<String, Object>of()
                            : JSON.readValue(rs.getString("detail"), new TypeReference<Map<String, Object>>() { });
                    @SuppressWarnings("unchecked")
                    var items = (List<String>) detail.getOrDefault("items", List.of());
                    var newDue = (String) detail.get("newDueAt");
                    return new Handover(rs.getInt("seq"), instant(rs, "at"), rs.getString("action"), rs.getString("from_step"),
                            rs.getString("to_step"), rs.getInt("status_code"), rs.getObject("giver_account_id", UUID.class),
                            rs.getString("giver_name"), rs.getObject("giver_unit_id", UUID.class),
                            rs.getObject("receiver_account_id", UUID.class), rs.getString("receiver_name"),
                            rs.getObject("receiver_unit_id", UUID.class), instant(rs, "step_due_at"), rs.getString("result"),
                            rs.getString("note"), items, newDue == null ? null : Instant.parse(newDue));
                }).list();
    }

    /**
     * Of these people, the one who last received the dossier in this unit, if any: a dossier coming back to a unit goes
     * to the officer who had it there (the clerk who received it returns the result; a dossier sent back goes to the
     * specialist who sent it on).
     */
    Optional<UUID> lastReceiverAmong(TenantId tenant, UUID dossier, UUID unit, List<UUID> accounts) {
        return jdbc.sql("""
                select receiver_account_id from dossier.handover where tenant_id = :t and dossier_id = :d and receiver_unit_id = :u
                   and receiver_account_id = any (:accounts) order by seq desc limit 1""")
                .param("t", tenant.value()).param("d", dossier).param("u", unit).param("accounts", accounts.toArray(UUID[]::new))
                .query(UUID.class).optional();
    }

    /** How many open dossiers each of these people holds. */
    Map<UUID, Integer> openCounts(TenantId tenant, List<UUID> accounts) {
        var counts = new HashMap<UUID, Integer>();
        jdbc.sql("""
                select owner_account_id, count(*) from dossier.dossier where tenant_id = :t and closed_at is null
                   and owner_account_id = any (:accounts) group by owner_account_id""")
                .param("t", tenant.value()).param("accounts", accounts.toArray(UUID[]::new))
                .query((ResultSet rs) -> {
                    counts.put(rs.getObject(1, UUID.class), rs.getInt(2));
                });
        return counts;
    }

    /** What a list of dossiers is restricted to; null fields do not restrict. */
    record Filter(@Nullable UUID owner, @Nullable List<UUID> units, @Nullable UUID applicant, boolean open,
                  @Nullable List<Integer> statuses, @Nullable Boolean overdue, @Nullable Instant now, boolean bySubmission) {
    }

    /** A queue's units in the filter of {@link #list}, rewritten for the page's own query. */
    private static final String ANY_UNIT = "owner_unit_id = any (:units)";

    org.onedoor.shared.ResultPage<Dossier> list(TenantId tenant, Filter f, org.onedoor.shared.PageRequest page) {
        var where = new StringBuilder(" where tenant_id = :t");
        if (f.owner() != null) where.append(" and owner_account_id = :owner");
        if (f.units() != null) where.append(" and ").append(ANY_UNIT);
        if (f.applicant() != null) where.append(" and applicant_account_id = :applicant");
        if (f.open()) where.append(" and closed_at is null");
        if (f.statuses() != null && !f.statuses().isEmpty()) where.append(" and status_code = any (:statuses)");
        if (Boolean.TRUE.equals(f.overdue())) where.append(" and (late or (processed_at is null and paused_since is null and legal_due_at < :now))");
        if (Boolean.FALSE.equals(f.overdue())) where.append(" and not late and (legal_due_at is null or legal_due_at >= :now or paused_since is not null)");
        var order = f.bySubmission() ? " order by submitted_at desc, code" : " order by due_at nulls last, submitted_at, code";
        java.util.function.UnaryOperator<JdbcClient.StatementSpec> bind = spec -> {
            spec = spec.param("t", tenant.value());
            if (f.owner() != null) spec = spec.param("owner", f.owner());
            if (f.units() != null) spec = spec.param("units", f.units().toArray(UUID[]::new));
            if (f.applicant() != null) spec = spec.param("applicant", f.applicant());
            if (f.statuses() != null && !f.statuses().isEmpty()) spec = spec.param("statuses", f.statuses().toArray(Integer[]::new));
            if (f.overdue() != null) spec = spec.param("now", utc(f.now()));
            return spec;
        };
        var total = bind.apply(jdbc.sql("select count(*) from dossier.dossier" + where)).query(Long.class).single();
        // A queue's page must come from its index already in order, reading as many rows as it shows. "owner_unit_id =
        // any (:units)" cannot: the index is in order per unit, so PostgreSQL would read and sort every open dossier of
        // the units for each page (3,200 a ward at 10 M dossiers). One unit is an equality; several are a page per unit,
        // each from the index, merged.
        var units = f.units() == null ? 0 : f.units().size();
        String select;
        if (units == 1) {
            select = "select " + COLUMNS + " from dossier.dossier" + where.toString().replace(ANY_UNIT, "owner_unit_id = :unit")
                    + order + " limit :size offset :offset";
        } else if (units > 1 && !f.bySubmission()) {
            select = "select q.* from unnest(cast(:units as uuid[])) u(id) cross join lateral (select " + COLUMNS
                    + " from dossier.dossier" + where.toString().replace(ANY_UNIT, "owner_unit_id = u.id") + order
                    + " limit :size + :offset) q" + order + " limit :size offset :offset";
        } else {
            select = "select " + COLUMNS + " from dossier.dossier" + where + order + " limit :size offset :offset";
        }
        var spec = bind.apply(jdbc.sql(select)).param("size", page.size()).param("offset", page.offset());
        if (units == 1) spec = spec.param("unit", f.units().getFirst());
        var items = spec.query(this::row).list();
        return new org.onedoor.shared.ResultPage<>(items, page.page(), page.size(), total);
    }

    /** An open dossier that has just gone past its legal due instant. */
    record Overdue(UUID id, String code, UUID ownerUnit, UUID ownerAccount, Instant legalDueAt, int apologies) {
    }

    /**
     * Marks late every dossier of the tenant still in processing whose legal due instant has passed, its clock
     * running; a dossier marked late stays late.
     */
    List<Overdue> markLate(TenantId tenant, Instant now) {
        return jdbc.sql("""
                update dossier.dossier set late = true
                 where tenant_id = :t and processed_at is null and not late and legal_due_at < :now
                   and (paused_since is null or paused_since > legal_due_at)
                returning id, code, owner_unit_id, owner_account_id, legal_due_at, apologies""")
                .param("t", tenant.value()).param("now", utc(now))
                .query((rs, n) -> new Overdue(rs.getObject(1, UUID.class), rs.getString(2), rs.getObject(3, UUID.class),
                        rs.getObject(4, UUID.class), instant(rs, "legal_due_at"), rs.getInt(6))).list();
    }

    private JdbcClient.StatementSpec params(JdbcClient.StatementSpec spec, Dossier d) {
        return spec.param("tenant", d.tenant()).param("id", d.id()).param("code", d.code()).param("version", d.version())
                .param("procedureCode", d.procedureCode()).param("procedureVersion", d.procedureVersion())
                .param("channel", d.channel().name()).param("state", d.state().name()).param("statusCode", d.statusCode())
                .param("stepKey", d.stepKey()).param("receptionPoint", d.receptionPoint().value())
                .param("receivingUnit", d.receivingUnit().value()).param("competentUnit", d.competentUnit().value())
                .param("ownerUnit", d.ownerUnit().value()).param("ownerAccount", d.ownerAccount()).param("ownerName", d.ownerName())
                .param("applicantAccount", d.applicantAccount()).param("applicantName", d.applicant().name())
                .param("applicant", applicantJson(d.applicant())).param("components", JSON.writeValueAsString(d.components()))
                .param("timeLimit", d.timeLimit() == null ? null : JSON.writeValueAsString(limitMap(d.timeLimit())))
                .param("delivery", d.resultDelivery().name()).param("submittedAt", utc(d.submittedAt()))
                .param("receivedAt", utc(d.receivedAt())).param("dueAt", utc(d.dueAt())).param("legalDueAt", utc(d.legalDueAt()))
                .param("legalMinutes", d.legalMinutes()).param("stepStartedAt", utc(d.stepStartedAt()))
                .param("stepDueAt", utc(d.stepDueAt())).param("pausedSince", utc(d.pausedSince()))
                .param("pausedState", d.pausedFrom() == null ? null : d.pausedFrom().name())
                .param("pauses", JSON.writeValueAsString(d.pauses().stream()
                        .map(p -> List.of(p.from().toString(), p.to().toString())).toList()))
                .param("supplementRequests", d.supplementRequests()).param("apologies", d.apologies()).param("late", d.late())
                .param("processedAt", utc(d.processedAt())).param("returnedAt", utc(d.returnedAt()))
                .param("closedAt", utc(d.closedAt())).param("digitised", d.flags().digitised())
                .param("electronicResult", d.flags().electronicResult()).param("paidOnline", d.flags().paidOnline())
                .param("identityVerified", d.flags().identityVerified());
    }

    Dossier row(ResultSet rs, int n) throws SQLException {
        var applicant = JSON.readValue(rs.getString("applicant"), new TypeReference<Map<String, Object>>() { });
        var components = JSON.readValue(rs.getString("components"), new TypeReference<List<Dossier.Component>>() { });
        var limit = rs.getString("time_limit") == null ? null
                : limit(JSON.readValue(rs.getString("time_limit"), new TypeReference<Map<String, Object>>() { }));
        var pauses = new ArrayList<Deadlines.Pause>();
        for (var p : JSON.readValue(rs.getString("pauses"), new TypeReference<List<List<String>>>() { })) {
            pauses.add(new Deadlines.Pause(Instant.parse(p.get(0)), Instant.parse(p.get(1))));
        }
        var paused = rs.getString("paused_state");
        return new Dossier(rs.getObject("id", UUID.class), rs.getString("tenant_id"), rs.getString("code"), rs.getInt("version"),
                rs.getString("procedure_code"), rs.getObject("procedure_version_id", UUID.class),
                Channel.valueOf(rs.getString("channel")), Dossier.State.valueOf(rs.getString("state")), rs.getInt("status_code"),
                rs.getString("step_key"), unit(rs, "reception_point_id"), unit(rs, "receiving_unit_id"),
                unit(rs, "competent_unit_id"), unit(rs, "owner_unit_id"), rs.getObject("owner_account_id", UUID.class),
                rs.getString("owner_name"), rs.getObject("applicant_account_id", UUID.class),
                new Dossier.Applicant(rs.getString("applicant_name"), null,
                        (String) applicant.get("phone"), (String) applicant.get("email"), (String) applicant.get("address"),
                        Boolean.TRUE.equals(applicant.get("organisation"))),
                components, limit, Dossier.Delivery.valueOf(rs.getString("result_delivery")), instant(rs, "submitted_at"),
                instant(rs, "received_at"), instant(rs, "due_at"), instant(rs, "legal_due_at"),
                (Integer) rs.getObject("legal_minutes"), instant(rs, "step_started_at"), instant(rs, "step_due_at"),
                instant(rs, "paused_since"), paused == null ? null : Dossier.State.valueOf(paused), pauses,
                rs.getInt("supplement_requests"), rs.getInt("apologies"), rs.getBoolean("late"), instant(rs, "processed_at"),
                instant(rs, "returned_at"), instant(rs, "closed_at"),
                new Dossier.Flags(rs.getBoolean("digitised"), rs.getBoolean("electronic_result"), rs.getBoolean("paid_online"),
                        rs.getBoolean("identity_verified")));
    }

    /** The applicant as stored in the clear: everything but the ID number, which is sealed beside it. */
    private static String applicantJson(Dossier.Applicant a) {
        var map = new LinkedHashMap<String, Object>();
        map.put("phone", a.phone());
        map.put("email", a.email());
        map.put("address", a.address());
        map.put("organisation", a.organisation());
        return JSON.writeValueAsString(map);
    }

    static Map<String, Object> limitMap(TimeLimit limit) {
        var map = new LinkedHashMap<String, Object>();
        map.put("value", limit.value());
        map.put("unit", limit.unit().name());
        if (limit.cutoff() != null) map.put("cutoff", limit.cutoff().toString());
        map.put("skipDaysOff", limit.skipDaysOff());
        return map;
    }

    private static TimeLimit limit(Map<String, Object> map) {
        var cutoff = (String) map.get("cutoff");
        return new TimeLimit(new BigDecimal(map.get("value").toString()), TimeLimit.Unit.valueOf((String) map.get("unit")),
                cutoff == null ? null : LocalTime.parse(cutoff), Boolean.TRUE.equals(map.get("skipDaysOff")));
    }

    static @Nullable String lastFour(@Nullable String phone) {
        if (phone == null) return null;
        var digits = phone.replaceAll("\\D", "");
        return digits.length() < 4 ? null : digits.substring(digits.length() - 4);
    }

    private static UnitId unit(ResultSet rs, String column) throws SQLException {
        return new UnitId(rs.getObject(column, UUID.class));
    }

    static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
        var value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    static @Nullable OffsetDateTime utc(@Nullable Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }
}
