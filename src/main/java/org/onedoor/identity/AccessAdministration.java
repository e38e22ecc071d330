package org.onedoor.identity;

import java.time.LocalDate;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.onedoor.audit.AuditRecord;
import org.onedoor.audit.AuditTrail;
import org.onedoor.organisation.OrganisationDirectory;
import org.onedoor.organisation.UnitId;
import org.onedoor.organisation.UnknownUnit;
import org.onedoor.shared.InvalidParameter;
import org.onedoor.shared.TenantId;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What administrators do to access, for the API and the console alike: create staff accounts, disable and unlock
 * them, give and revoke grants; each checked against the administrator's own grants and audited in the same
 * transaction.
 */
@Service
@Transactional
public class AccessAdministration {

    private final Accounts accounts;
    private final Grants grants;
    private final AccessPolicy access;
    private final OrganisationDirectory directory;
    private final AuditTrail audit;

    AccessAdministration(Accounts accounts, Grants grants, AccessPolicy access, OrganisationDirectory directory, AuditTrail audit) {
        this.accounts = accounts;
        this.grants = grants;
        this.access = access;
        this.directory = directory;
        this.audit = audit;
    }

    public Accounts.IssuedAccount createStaff(CurrentUser admin, String tenant, String username, String displayName,
                                              @Nullable String email, @Nullable String phone, String unitCode, String client) {
        if (username == null || !username.matches("[a-zA-Z0-9._-]{3,64}")) throw new InvalidParameter("username", username);
        if (displayName == null || displayName.isBlank()) throw new InvalidParameter("displayName", displayName);
        var unit = unit(tenant, unitCode);
        var issued = accounts.createStaff(admin, access, new Accounts.NewAccount(tenant, AccountKind.STAFF, username,
                displayName.strip(), blankToNull(email), blankToNull(phone), unit.value(), null));
        audit.record(AuditRecord.of(tenant, admin.username(), "account.create", "account", issued.account().id().toString())
                .from(client).changing(null, issued.account().username() + "@" + unitCode).succeeded());
        return issued;
    }

    public Account disable(CurrentUser admin, String tenant, UUID id, String client) {
        var account = managed(admin, tenant, id);
        accounts.disable(account);
        audit.record(AuditRecord.of(tenant, admin.username(), "account.disable", "account", id.toString())
                .from(client).changing(account.status().name(), "DISABLED").succeeded());
        return accounts.find(tenant, id).orElseThrow();
    }

    public Account unlock(CurrentUser admin, String tenant, UUID id, String client) {
        var account = managed(admin, tenant, id);
        accounts.unlock(account);
        audit.record(AuditRecord.of(tenant, admin.username(), "account.unlock", "account", id.toString())
                .from(client).changing(account.status().name(), "ACTIVE").succeeded());
        return accounts.find(tenant, id).orElseThrow();
    }

    public GrantView grant(CurrentUser admin, String tenant, UUID account, String role, String unitCode, Scope scope,
                           @Nullable LocalDate from, @Nullable LocalDate to, String client) {
        var unit = unit(tenant, unitCode);
        var start = from == null ? directory.today(directory.tenant(tenant)) : from;
        var given = grants.grant(admin, new TenantId(tenant), account, role, unit, scope, start, to);
        audit.record(AuditRecord.of(tenant, admin.username(), "grant.give", "grant", given.id().toString())
                .from(client).concerning(account.toString()).changing(null, given.role() + "@" + unitCode + "/" + scope).succeeded());
        return given;
    }

    public GrantView revoke(CurrentUser admin, String tenant, UUID grant, String client) {
        var revoked = grants.revoke(admin, new TenantId(tenant), grant);
        audit.record(AuditRecord.of(tenant, admin.username(), "grant.revoke", "grant", grant.toString())
                .from(client).concerning(revoked.account().toString())
                .changing(revoked.role() + "@" + revoked.unitCode() + "/" + revoked.scope(), null).succeeded());
        return revoked;
    }

    /** An account of a unit the administrator manages; an unknown or foreign account is refused alike. */
    @Transactional(readOnly = true)
    public Account managed(CurrentUser admin, String tenant, UUID id) {
        var account = accounts.find(tenant, id).orElseThrow(() -> new AccessDenied(Permission.ACCOUNT_MANAGE));
        if (account.unit() == null) throw new AccessDenied(Permission.ACCOUNT_MANAGE);
        access.require(admin, Permission.ACCOUNT_MANAGE, new TenantId(tenant), new UnitId(account.unit()));
        return account;
    }

    /** The unit holding the code today. */
    @Transactional(readOnly = true)
    public UnitId unit(String tenant, @Nullable String code) {
        if (code == null || code.isBlank()) throw new InvalidParameter("unitCode", code);
        var city = directory.tenant(tenant);
        var today = directory.today(city);
        return directory.unitOn(city.id(), code.strip(), today).orElseThrow(() -> new UnknownUnit(code, today)).id();
    }

    private static @Nullable String blankToNull(@Nullable String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
