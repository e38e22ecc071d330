package org.onedoor.organisation;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.onedoor.shared.ResultPage;
import org.onedoor.shared.SearchText;
import org.onedoor.shared.TenantId;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Answers questions about the organisation tree as it stood on any date: which units, under whom, called what, and
 * where each came from or went. Every query is filtered by tenant in the SQL itself.
 */
@Service
@Transactional(readOnly = true)
public class OrganisationDirectory {

    private static final String UNIT_COLUMNS = """
            v.unit_id, v.code, v.identifier, v.name::text as name, v.type, v.parent_id, p.code as parent_code,
            v.head_position::text as head_position, v.valid_from, v.valid_to""";
    /** A version with its parent's code as on the version's first day, for history views. */
    private static final String VERSION_COLUMNS = UNIT_COLUMNS.replace("p.code as parent_code", """
            (select pv.code from organisation.unit_version pv where pv.tenant_id = v.tenant_id
              and pv.unit_id = v.parent_id and pv.valid_from <= v.valid_from
              and (pv.valid_to is null or pv.valid_to > v.valid_from)) as parent_code""");
    private static final String IN_FORCE = "v.valid_from <= :day and (v.valid_to is null or v.valid_to > :day)";
    private static final String PARENT_IN_FORCE = """
            left join organisation.unit_version p on p.tenant_id = v.tenant_id and p.unit_id = v.parent_id
             and p.valid_from <= :day and (p.valid_to is null or p.valid_to > :day)""";
    private static final String LEVEL_ORDER = "array_position(array['PROVINCE','DISTRICT','COMMUNE'], v.level)";

    private final JdbcClient jdbc;
    private final Clock clock;

    OrganisationDirectory(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public List<Tenant> tenants() {
        return jdbc.sql("select id, name::text as name, time_zone, default_locale, currency from organisation.tenant order by id")
                .query(OrganisationDirectory::tenant).list();
    }

    /** Tenants as read, kept until {@link Reorganisation#registerTenant} changes one: every request asks for its city. */
    private final java.util.Map<String, Tenant> tenants = new java.util.concurrent.ConcurrentHashMap<>();

    public Tenant tenant(String id) {
        if (!TenantId.isWellFormed(id)) throw new UnknownTenant(id);
        var known = tenants.get(id);
        if (known != null) return known;
        var read = read(id);
        tenants.put(id, read);
        return read;
    }

    void forgetTenant(String id) {
        tenants.remove(id);
    }

    private Tenant read(String id) {
        return jdbc.sql("select id, name::text as name, time_zone, default_locale, currency from organisation.tenant where id = :id")
                .param("id", id).query(OrganisationDirectory::tenant).optional()
                .orElseThrow(() -> new UnknownTenant(id));
    }

    /** Today in the tenant's own time zone: the default date of every "as of" question. */
    public LocalDate today(Tenant tenant) {
        return LocalDate.now(clock.withZone(tenant.timeZone()));
    }

    public ResultPage<Unit> units(TenantId tenant, UnitQuery query) {
        var where = new StringBuilder("v.tenant_id = :tenant and " + IN_FORCE);
        var parentId = query.parentCode() == null ? null
                : unitOn(tenant, query.parentCode(), query.asOf())
                        .orElseThrow(() -> new org.onedoor.shared.InvalidParameter("parent", query.parentCode())).id();
        if (query.level() != null) where.append(" and v.level = :level");
        if (query.type() != null) where.append(" and v.type = :type");
        if (parentId != null) where.append(" and v.parent_id = :parent");
        var text = query.text() == null ? "" : SearchText.fold(query.text());
        if (!text.isEmpty()) where.append(" and (v.name_folded like :pattern escape '\\' or v.code = :code)");

        var count = jdbc.sql("select count(*) from organisation.unit_version v where " + where);
        var select = jdbc.sql("select " + UNIT_COLUMNS + " from organisation.unit_version v " + PARENT_IN_FORCE
                + " where " + where + " order by " + LEVEL_ORDER + ", v.code limit :limit offset :offset");
        for (var statement : List.of(count, select)) {
            statement.param("tenant", tenant.value()).param("day", query.asOf());
            if (query.level() != null) statement.param("level", query.level().name());
            if (query.type() != null) statement.param("type", query.type().name());
            if (parentId != null) statement.param("parent", parentId.value());
            if (!text.isEmpty()) statement.param("pattern", SearchText.containing(text)).param("code", query.text().strip());
        }
        long total = count.query(Long.class).single();
        var items = select.param("limit", query.page().size()).param("offset", query.page().offset())
                .query(UNIT).list();
        return new ResultPage<>(items, query.page().page(), query.page().size(), total);
    }

    /** Every unit in force on the date, parents before children: the whole tree at once. */
    public List<Unit> tree(TenantId tenant, LocalDate day) {
        return jdbc.sql("select " + UNIT_COLUMNS + " from organisation.unit_version v " + PARENT_IN_FORCE
                        + " where v.tenant_id = :tenant and " + IN_FORCE + " order by " + LEVEL_ORDER + ", v.code")
                .param("tenant", tenant.value()).param("day", day).query(UNIT).list();
    }

    public long count(TenantId tenant, LocalDate day, UnitLevel level) {
        return jdbc.sql("select count(*) from organisation.unit_version v where v.tenant_id = :tenant and v.level = :level and " + IN_FORCE)
                .param("tenant", tenant.value()).param("level", level.name()).param("day", day).query(Long.class).single();
    }

    /** The unit holding the code on the date. */
    public Optional<Unit> unitOn(TenantId tenant, String code, LocalDate day) {
        return jdbc.sql("select " + UNIT_COLUMNS + " from organisation.unit_version v " + PARENT_IN_FORCE
                        + " where v.tenant_id = :tenant and v.code = :code and " + IN_FORCE)
                .param("tenant", tenant.value()).param("code", code).param("day", day).query(UNIT).optional();
    }

    /**
     * The unit holding the code on the date asked; with no date, the one holding it today or else the last one that
     * held it, so that an old code (printed on an old dossier) still leads somewhere.
     */
    public Unit unit(TenantId tenant, String code, @Nullable LocalDate asOf, LocalDate today) {
        if (asOf != null) return unitOn(tenant, code, asOf).orElseThrow(() -> new UnknownUnit(code, asOf));
        return unitOn(tenant, code, today).or(() -> lastHolderOf(tenant, code))
                .orElseThrow(() -> new UnknownUnit(code, today));
    }

    public Optional<Unit> unitOn(TenantId tenant, UnitId id, LocalDate day) {
        return jdbc.sql("select " + UNIT_COLUMNS + " from organisation.unit_version v " + PARENT_IN_FORCE
                        + " where v.tenant_id = :tenant and v.unit_id = :id and " + IN_FORCE)
                .param("tenant", tenant.value()).param("id", id.value()).param("day", day).query(UNIT).optional();
    }

    /** All versions of a unit, oldest first. */
    public List<Unit> versions(TenantId tenant, UnitId id) {
        return jdbc.sql("select " + VERSION_COLUMNS
                        + " from organisation.unit_version v where v.tenant_id = :tenant and v.unit_id = :id order by v.valid_from")
                .param("tenant", tenant.value()).param("id", id.value()).query(UNIT).list();
    }

    /** The chain of parents from the root down to (not including) the unit, as on the date. */
    public List<Unit> ancestors(TenantId tenant, Unit unit, LocalDate day) {
        var chain = new ArrayList<Unit>();
        var parent = unit.parentId();
        while (parent != null && chain.size() < 16) {
            var found = unitOn(tenant, parent, day);
            if (found.isEmpty()) break;
            chain.addFirst(found.get());
            parent = found.get().parentId();
        }
        return chain;
    }

    public List<Unit> children(TenantId tenant, UnitId id, LocalDate day) {
        return jdbc.sql("select " + UNIT_COLUMNS + " from organisation.unit_version v " + PARENT_IN_FORCE
                        + " where v.tenant_id = :tenant and v.parent_id = :id and " + IN_FORCE + " order by " + LEVEL_ORDER + ", v.code")
                .param("tenant", tenant.value()).param("id", id.value()).param("day", day).query(UNIT).list();
    }

    /** The unit and every unit above it on the date, nearest first. */
    public List<UnitId> selfAndAncestors(TenantId tenant, UnitId unit, LocalDate day) {
        return jdbc.sql("""
                with recursive up(unit_id, parent_id, depth) as (
                    select v.unit_id, v.parent_id, 0 from organisation.unit_version v
                     where v.tenant_id = :tenant and v.unit_id = :unit and v.valid_from <= :day and (v.valid_to is null or v.valid_to > :day)
                    union all
                    select v.unit_id, v.parent_id, up.depth + 1 from up
                      join organisation.unit_version v on v.tenant_id = :tenant and v.unit_id = up.parent_id
                       and v.valid_from <= :day and (v.valid_to is null or v.valid_to > :day)
                     where up.depth < 32
                )
                select unit_id from up order by depth""")
                .param("tenant", tenant.value()).param("unit", unit.value()).param("day", day)
                .query((rs, n) -> new UnitId(rs.getObject(1, UUID.class))).list();
    }

    /** The units and every unit below them on the date. */
    public java.util.Set<UnitId> selfAndDescendants(TenantId tenant, java.util.Collection<UnitId> roots, LocalDate day) {
        if (roots.isEmpty()) return java.util.Set.of();
        var found = jdbc.sql("""
                with recursive down(unit_id, depth) as (
                    select v.unit_id, 0 from organisation.unit_version v
                     where v.tenant_id = :tenant and v.unit_id = any (:roots) and v.valid_from <= :day and (v.valid_to is null or v.valid_to > :day)
                    union
                    select v.unit_id, down.depth + 1 from down
                      join organisation.unit_version v on v.tenant_id = :tenant and v.parent_id = down.unit_id
                       and v.valid_from <= :day and (v.valid_to is null or v.valid_to > :day)
                     where down.depth < 32
                )
                select distinct unit_id from down""")
                .param("tenant", tenant.value()).param("roots", roots.stream().map(UnitId::value).toArray(UUID[]::new))
                .param("day", day).query((rs, n) -> new UnitId(rs.getObject(1, UUID.class))).list();
        return java.util.Set.copyOf(found);
    }

    /** Where the unit came from and where it went, following links transitively and forward or backward in time only. */
    public Lineage lineage(TenantId tenant, Unit unit) {
        return new Lineage(unit, walk(tenant, unit.id(), false), walk(tenant, unit.id(), true));
    }

    private List<LineageEntry> walk(TenantId tenant, UnitId start, boolean forward) {
        var from = forward ? "predecessor_id" : "successor_id";
        var to = forward ? "successor_id" : "predecessor_id";
        var later = forward ? ">" : "<";
        // A predecessor is shown as it was called the day before the change, a successor as on the day of the change.
        var versionOn = forward ? "vv.valid_from <= w.effective_date" : "vv.valid_from < w.effective_date";
        var sql = """
                with recursive walk(unit_id, restructuring_id, share, inferred, effective_date, depth) as (
                    select l.%2$s, l.restructuring_id, l.share, l.inferred, r.effective_date, 1
                      from organisation.restructuring_link l
                      join organisation.restructuring r on r.tenant_id = l.tenant_id and r.id = l.restructuring_id
                     where l.tenant_id = :tenant and l.%1$s = :start and r.kind <> 'ESTABLISH'
                    union all
                    select l.%2$s, l.restructuring_id, l.share, l.inferred, r.effective_date, w.depth + 1
                      from walk w
                      join organisation.restructuring_link l on l.tenant_id = :tenant and l.%1$s = w.unit_id
                      join organisation.restructuring r on r.tenant_id = l.tenant_id and r.id = l.restructuring_id
                     where r.effective_date %3$s w.effective_date and r.kind <> 'ESTABLISH' and w.depth < 32
                )
                select distinct on (w.unit_id, w.restructuring_id)
                       w.unit_id, w.share, w.inferred, w.effective_date, w.depth, r.kind, r.legal_basis,
                       v.code, v.name
                  from walk w
                  join organisation.restructuring r on r.tenant_id = :tenant and r.id = w.restructuring_id
                  left join lateral (
                        select vv.code, vv.name::text as name from organisation.unit_version vv
                         where vv.tenant_id = :tenant and vv.unit_id = w.unit_id and %4$s
                         order by vv.valid_from desc limit 1) v on true
                 order by w.unit_id, w.restructuring_id, w.depth
                """.formatted(from, to, later, versionOn);
        var entries = jdbc.sql(sql).param("tenant", tenant.value()).param("start", start.value())
                .query((rs, n) -> new LineageEntry(
                        uuid(rs, "unit_id") == null ? null : new UnitId(uuid(rs, "unit_id")),
                        rs.getString("code"),
                        LocalizedTexts.fromJsonOrNull(rs.getString("name")),
                        ChangeKind.valueOf(rs.getString("kind")),
                        Share.valueOf(rs.getString("share")),
                        rs.getObject("effective_date", LocalDate.class),
                        rs.getString("legal_basis"),
                        rs.getInt("depth"),
                        rs.getBoolean("inferred")))
                .list();
        var order = Comparator.comparing(LineageEntry::effectiveDate);
        if (!forward) order = order.reversed();
        return entries.stream().sorted(order.thenComparing(LineageEntry::depth)
                .thenComparing(e -> e.code() == null ? "" : e.code())).toList();
    }

    private Optional<Unit> lastHolderOf(TenantId tenant, String code) {
        return jdbc.sql("select " + VERSION_COLUMNS + " from organisation.unit_version v where v.tenant_id = :tenant and v.code = :code"
                        + " order by v.valid_from desc limit 1")
                .param("tenant", tenant.value()).param("code", code).query(UNIT).optional();
    }

    private static @Nullable UUID uuid(ResultSet rs, String column) throws SQLException {
        return rs.getObject(column, UUID.class);
    }

    private static Tenant tenant(ResultSet rs, int row) throws SQLException {
        return new Tenant(new TenantId(rs.getString("id")), LocalizedTexts.fromJson(rs.getString("name")),
                ZoneId.of(rs.getString("time_zone")), Locale.forLanguageTag(rs.getString("default_locale")),
                Currency.getInstance(rs.getString("currency")));
    }

    static final RowMapper<Unit> UNIT = (rs, row) -> new Unit(
            new UnitId(rs.getObject("unit_id", UUID.class)),
            rs.getString("code"),
            rs.getString("identifier"),
            LocalizedTexts.fromJson(rs.getString("name")),
            UnitType.valueOf(rs.getString("type")),
            uuid(rs, "parent_id") == null ? null : new UnitId(uuid(rs, "parent_id")),
            rs.getString("parent_code"),
            LocalizedTexts.fromJsonOrNull(rs.getString("head_position")),
            rs.getObject("valid_from", LocalDate.class),
            rs.getObject("valid_to", LocalDate.class));
}
