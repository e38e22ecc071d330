package org.onedoor.identity;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.onedoor.organisation.OrganisationDirectory;
import org.onedoor.organisation.UnitId;
import org.onedoor.shared.Problem;
import org.onedoor.shared.TenantId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Grants of roles over units: given and revoked only by those allowed to manage grants on that unit, never beyond
 * their own permissions, and recorded with who did it and when; nothing is deleted.
 */
@Service
@Transactional
public class Grants {

    /** A grant that cannot be given: unknown role or account, or a role the granter does not hold in full. */
    public static class GrantRefused extends Problem {
        public GrantRefused(String reason, Object... arguments) {
            super("grant-refused." + reason, Kind.INVALID, arguments);
        }
    }

    private final JdbcClient jdbc;
    private final AccessPolicy access;
    private final OrganisationDirectory directory;
    private final Clock clock;

    Grants(JdbcClient jdbc, AccessPolicy access, OrganisationDirectory directory, Clock clock) {
        this.jdbc = jdbc;
        this.access = access;
        this.directory = directory;
        this.clock = clock;
    }

    /** The grants of an account in force or to come, as the viewer may see them (own, or grant:read on their units). */
    @Transactional(readOnly = true)
    public List<GrantView> of(TenantId tenant, UUID account) {
        return jdbc.sql(SELECT + " where g.tenant_id = :t and g.account_id = :a and g.revoked_at is null"
                        + " and (g.valid_to is null or g.valid_to >= :day) order by g.valid_from, g.role_code")
                .param("t", tenant.value()).param("a", account).param("day", today(tenant)).param("direct", true)
                .query(this::view).list();
    }

    /**
     * Gives the role over the unit. The granter needs grant:manage there, and must itself hold every security-sensitive
     * permission of the role (managing accounts and grants, reading and verifying the audit trail), so that nobody
     * can hand out more power over access than they have. Operational permissions (receiving or deciding dossiers) an
     * administrator may assign without holding them: managing access is not doing the work.
     */
    public GrantView grant(CurrentUser granter, TenantId tenant, UUID account, String role, UnitId unit, Scope scope,
                           LocalDate from, @Nullable LocalDate to) {
        access.require(granter, Permission.GRANT_MANAGE, tenant, unit);
        var permissions = jdbc.sql("select permissions from identity.role where code = :r").param("r", role.toUpperCase(Locale.ROOT))
                .query((rs, n) -> List.of((String[]) rs.getArray(1).getArray())).optional()
                .orElseThrow(() -> new GrantRefused("unknown-role", role));
        var holder = jdbc.sql("select kind from identity.account where tenant_id = :t and id = :a").param("t", tenant.value())
                .param("a", account).query(String.class).optional().orElseThrow(() -> new GrantRefused("unknown-account", account));
        var staffOnly = jdbc.sql("select staff_only from identity.role where code = :r").param("r", role.toUpperCase(Locale.ROOT))
                .query(Boolean.class).single();
        if (staffOnly && !holder.equals("STAFF")) throw new GrantRefused("staff-role-for-citizen", role);
        for (var permission : permissions) {
            if (Permission.SENSITIVE.contains(permission) && !access.can(granter, permission, tenant, unit)) {
                throw new GrantRefused("beyond-own-permissions", role, permission);
            }
        }
        if (to != null && to.isBefore(from)) throw new GrantRefused("ends-before-start", from, to);
        var id = UUID.randomUUID();
        jdbc.sql("""
                insert into identity.access_grant (tenant_id, id, account_id, role_code, unit_id, scope, valid_from, valid_to, granted_by, granted_at)
                values (:t, :id, :a, :r, :u, :s, :from, :to, :by, :at)""")
                .param("t", tenant.value()).param("id", id).param("a", account).param("r", role.toUpperCase(Locale.ROOT))
                .param("u", unit.value()).param("s", scope.name()).param("from", from).param("to", to)
                .param("by", granter.username()).param("at", clock.instant().atOffset(ZoneOffset.UTC)).update();
        return find(tenant, id).orElseThrow();
    }

    /** Records a grant with no permission check: only for the bootstrap of the first administrator and demo data. */
    public void provision(TenantId tenant, UUID account, String role, UnitId unit, Scope scope, LocalDate from, String by) {
        var exists = jdbc.sql("""
                select count(*) from identity.access_grant where tenant_id = :t and account_id = :a and role_code = :r
                   and unit_id = :u and scope = :s and revoked_at is null""")
                .param("t", tenant.value()).param("a", account).param("r", role).param("u", unit.value()).param("s", scope.name())
                .query(Long.class).single();
        if (exists > 0) return;
        jdbc.sql("""
                insert into identity.access_grant (tenant_id, id, account_id, role_code, unit_id, scope, valid_from, granted_by, granted_at)
                values (:t, :id, :a, :r, :u, :s, :from, :by, :at)""")
                .param("t", tenant.value()).param("id", UUID.randomUUID()).param("a", account).param("r", role)
                .param("u", unit.value()).param("s", scope.name()).param("from", from).param("by", by)
                .param("at", clock.instant().atOffset(ZoneOffset.UTC)).update();
    }

    /** Whether the tenant has any administrator with a grant in force: the first one is created by the bootstrap command. */
    @Transactional(readOnly = true)
    public boolean hasAdministrator(TenantId tenant) {
        return jdbc.sql("""
                select count(*) from identity.access_grant g join identity.account a on a.tenant_id = g.tenant_id and a.id = g.account_id
                 where g.tenant_id = :t and g.role_code = 'ADMINISTRATOR' and g.revoked_at is null and a.status = 'ACTIVE'
                   and (g.valid_to is null or g.valid_to >= :day)""")
                .param("t", tenant.value()).param("day", today(tenant)).query(Long.class).single() > 0;
    }

    /** Ends a grant at once; who did it and when stay on record. */
    public GrantView revoke(CurrentUser revoker, TenantId tenant, UUID grant) {
        var view = find(tenant, grant).orElseThrow(() -> new GrantRefused("unknown-grant", grant));
        access.require(revoker, Permission.GRANT_MANAGE, tenant, new UnitId(view.unit()));
        jdbc.sql("update identity.access_grant set revoked_by = :by, revoked_at = :at where tenant_id = :t and id = :id and revoked_at is null")
                .param("by", revoker.username()).param("at", clock.instant().atOffset(ZoneOffset.UTC))
                .param("t", tenant.value()).param("id", grant).update();
        return view;
    }

    @Transactional(readOnly = true)
    public java.util.Optional<GrantView> find(TenantId tenant, UUID grant) {
        return jdbc.sql(SELECT + " where g.tenant_id = :t and g.id = :id and g.revoked_at is null")
                .param("t", tenant.value()).param("id", grant).param("day", today(tenant)).param("direct", true)
                .query(this::view).optional();
    }

    /**
     * Who can act on this unit today: grants on the unit itself, and subtree grants on any unit above it; the report
     * a head of unit answers for.
     */
    @Transactional(readOnly = true)
    public List<GrantView> onUnit(TenantId tenant, UnitId unit) {
        var day = today(tenant);
        var above = directory.selfAndAncestors(tenant, unit, day).stream().map(UnitId::value).toArray(UUID[]::new);
        return jdbc.sql(SELECT + " " + """
                         where g.tenant_id = :t and g.revoked_at is null and g.valid_from <= :day
                           and (g.valid_to is null or g.valid_to >= :day)
                           and (g.unit_id = :unit or (g.scope = 'SUBTREE' and g.unit_id = any (:above)))
                         order by (g.unit_id = :unit) desc, a.username, g.role_code""")
                .param("t", tenant.value()).param("day", day).param("unit", unit.value()).param("above", above)
                .param("direct", true).query(this::view).list();
    }

    /** Someone who holds a role on a unit: who a dossier's step can be handed to. */
    public record Holder(UUID accountId, String username, String displayName) {
    }

    /**
     * The active accounts holding the role on this very unit today (grants of either scope made on the unit), in user
     * name order: the people a step held by that role in that unit can be given to.
     */
    @Transactional(readOnly = true)
    public List<Holder> holders(TenantId tenant, UnitId unit, String role) {
        return jdbc.sql("""
                select distinct a.id, a.username, a.display_name
                  from identity.access_grant g join identity.account a on a.tenant_id = g.tenant_id and a.id = g.account_id
                 where g.tenant_id = :t and g.unit_id = :unit and g.role_code = :role and g.revoked_at is null
                   and g.valid_from <= :day and (g.valid_to is null or g.valid_to >= :day) and a.status = 'ACTIVE'
                 order by a.username""")
                .param("t", tenant.value()).param("unit", unit.value()).param("role", role).param("day", today(tenant))
                .query((rs, n) -> new Holder(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3))).list();
    }

    private static final String SELECT = """
            select g.tenant_id, g.id, g.account_id, a.username, a.display_name, g.role_code, g.unit_id, g.scope, g.valid_from, g.valid_to,
                   g.granted_by, g.granted_at, :direct as direct
              from identity.access_grant g join identity.account a on a.tenant_id = g.tenant_id and a.id = g.account_id""";

    private GrantView view(ResultSet rs, int row) throws SQLException {
        var tenant = new TenantId(rs.getString("tenant_id"));
        var unit = rs.getObject("unit_id", UUID.class);
        var shown = directory.unitOn(tenant, new UnitId(unit), today(tenant));
        return new GrantView(rs.getObject("id", UUID.class), rs.getObject("account_id", UUID.class), rs.getString("username"),
                rs.getString("display_name"), rs.getString("role_code"), unit, shown.map(u -> u.code()).orElse(null),
                shown.map(u -> u.name()).orElse(null), Scope.valueOf(rs.getString("scope")),
                rs.getObject("valid_from", LocalDate.class), rs.getObject("valid_to", LocalDate.class),
                rs.getString("granted_by"), rs.getObject("granted_at", java.time.OffsetDateTime.class).toInstant(),
                rs.getBoolean("direct"));
    }

    private LocalDate today(TenantId tenant) {
        return directory.today(directory.tenant(tenant.value()));
    }
}
