package org.onedoor.identity;

import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.onedoor.organisation.OrganisationDirectory;
import org.onedoor.organisation.UnitId;
import org.onedoor.shared.TenantId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Decides whether an account may use a permission on a unit: only through a grant in force today, of a role that holds
 * the permission, in the same tenant, on that unit or (subtree scope) on a unit above it in today's tree. Nothing is
 * allowed that no grant allows.
 */
@Service
@Transactional(readOnly = true)
public class AccessPolicy {

    private record Reach(UnitId unit, Scope scope) {
    }

    private final JdbcClient jdbc;
    private final OrganisationDirectory directory;

    AccessPolicy(JdbcClient jdbc, OrganisationDirectory directory) {
        this.jdbc = jdbc;
        this.directory = directory;
    }

    /** May the user use the permission on this unit of this tenant? */
    public boolean can(CurrentUser user, String permission, TenantId tenant, UnitId unit) {
        if (!user.tenant().equals(tenant.value())) return false;
        var grants = grants(user, permission, tenant);
        if (grants.isEmpty()) return false;
        if (grants.stream().anyMatch(g -> g.unit().equals(unit))) return true;
        var above = directory.selfAndAncestors(tenant, unit, today(tenant));
        return grants.stream().anyMatch(g -> g.scope() == Scope.SUBTREE && above.contains(g.unit()));
    }

    /**
     * Every permission the user holds on this unit today (directly, or through a subtree grant above it), in one or two
     * queries: for a page or an answer that checks several permissions on the same unit.
     */
    public Set<String> permissionsOn(CurrentUser user, TenantId tenant, UnitId unit) {
        if (!user.tenant().equals(tenant.value())) return Set.of();
        record Held(UnitId unit, Scope scope, List<String> permissions) {
        }
        var held = jdbc.sql("""
                select g.unit_id, g.scope, r.permissions from identity.access_grant g join identity.role r on r.code = g.role_code
                 where g.tenant_id = :tenant and g.account_id = :account and g.revoked_at is null
                   and g.valid_from <= :day and (g.valid_to is null or g.valid_to >= :day)""")
                .param("tenant", tenant.value()).param("account", user.accountId()).param("day", today(tenant))
                .query((rs, n) -> new Held(new UnitId(rs.getObject(1, java.util.UUID.class)), Scope.valueOf(rs.getString(2)),
                        List.of((String[]) rs.getArray(3).getArray()))).list();
        var permissions = new HashSet<String>();
        held.stream().filter(h -> h.unit().equals(unit)).forEach(h -> permissions.addAll(h.permissions()));
        var subtree = held.stream().filter(h -> h.scope() == Scope.SUBTREE && !h.unit().equals(unit)).toList();
        if (!subtree.isEmpty()) {
            var above = directory.selfAndAncestors(tenant, unit, today(tenant));
            subtree.stream().filter(h -> above.contains(h.unit())).forEach(h -> permissions.addAll(h.permissions()));
        }
        return permissions;
    }

    /** May the user use the permission on at least one unit of this tenant? */
    public boolean canAnywhere(CurrentUser user, String permission, TenantId tenant) {
        return user.tenant().equals(tenant.value()) && !grants(user, permission, tenant).isEmpty();
    }

    /**
     * May a citizen of this tenant use the permission on what is their own (their dossiers)? Citizens hold no grants:
     * what they may do is the permission set of the {@code CITIZEN} role, kept as data like every other role.
     */
    public boolean citizenMay(CurrentUser user, String permission, TenantId tenant) {
        return user.kind() == AccountKind.CITIZEN && user.tenant().equals(tenant.value())
                && jdbc.sql("select count(*) from identity.role where code = 'CITIZEN' and :permission = any (permissions)")
                .param("permission", permission).query(Long.class).single() > 0;
    }

    public void require(CurrentUser user, String permission, TenantId tenant, UnitId unit) {
        if (!can(user, permission, tenant, unit)) throw new AccessDenied(permission);
    }

    public void requireAnywhere(CurrentUser user, String permission, TenantId tenant) {
        if (!canAnywhere(user, permission, tenant)) throw new AccessDenied(permission);
    }

    /** Every unit on which the user holds the permission today, subtrees expanded: what list queries restrict rows to. */
    public Set<UnitId> unitsWhere(CurrentUser user, String permission, TenantId tenant) {
        if (!user.tenant().equals(tenant.value())) return Set.of();
        var grants = grants(user, permission, tenant);
        var units = new HashSet<UnitId>();
        grants.stream().filter(g -> g.scope() == Scope.UNIT).forEach(g -> units.add(g.unit()));
        units.addAll(directory.selfAndDescendants(tenant,
                grants.stream().filter(g -> g.scope() == Scope.SUBTREE).map(Reach::unit).toList(), today(tenant)));
        return units;
    }

    /** The permissions the user holds anywhere today, for the "me" view. */
    public List<String> permissions(CurrentUser user) {
        return jdbc.sql("""
                select distinct unnest(r.permissions) from identity.access_grant g join identity.role r on r.code = g.role_code
                 where g.tenant_id = :tenant and g.account_id = :account and g.revoked_at is null
                   and g.valid_from <= :day and (g.valid_to is null or g.valid_to >= :day) order by 1""")
                .param("tenant", user.tenant()).param("account", user.accountId()).param("day", today(user.tenantId()))
                .query(String.class).list();
    }

    private List<Reach> grants(CurrentUser user, String permission, TenantId tenant) {
        return jdbc.sql("""
                select g.unit_id, g.scope from identity.access_grant g join identity.role r on r.code = g.role_code
                 where g.tenant_id = :tenant and g.account_id = :account and g.revoked_at is null
                   and g.valid_from <= :day and (g.valid_to is null or g.valid_to >= :day)
                   and :permission = any (r.permissions)""")
                .param("tenant", tenant.value()).param("account", user.accountId()).param("day", today(tenant))
                .param("permission", permission)
                .query((rs, n) -> new Reach(new UnitId(rs.getObject(1, java.util.UUID.class)), Scope.valueOf(rs.getString(2))))
                .list();
    }

    LocalDate today(TenantId tenant) {
        return directory.today(directory.tenant(tenant.value()));
    }
}
