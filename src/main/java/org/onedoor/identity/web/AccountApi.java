package org.onedoor.identity.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.onedoor.identity.AccessDenied;
import org.onedoor.identity.AccessAdministration;
import org.onedoor.identity.Account;
import org.onedoor.identity.AccessPolicy;
import org.onedoor.identity.Accounts;
import org.onedoor.identity.CurrentUser;
import org.onedoor.identity.GrantView;
import org.onedoor.identity.Grants;
import org.onedoor.identity.Permission;
import org.onedoor.identity.Scope;
import org.onedoor.organisation.OrganisationDirectory;
import org.onedoor.organisation.UnitId;
import org.onedoor.shared.InvalidParameter;
import org.onedoor.shared.PageRequest;
import org.onedoor.shared.ResultPage;
import org.onedoor.shared.TenantId;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Administrators manage staff accounts and grants within their own subtree; every change is audited in the same
 * transaction. Lists hold only accounts of units the caller manages.
 */
@RestController
@RequestMapping("/api/v1/tenants/{tenant}")
@Tag(name = "Accounts and grants", description = "Staff accounts and grants of roles over units, within the administrator's subtree")
class AccountApi {

    private final Accounts accounts;
    private final Grants grants;
    private final AccessPolicy access;
    private final AccessAdministration administration;
    private final OrganisationDirectory directory;

    AccountApi(Accounts accounts, Grants grants, AccessPolicy access, AccessAdministration administration,
               OrganisationDirectory directory) {
        this.accounts = accounts;
        this.grants = grants;
        this.access = access;
        this.administration = administration;
        this.directory = directory;
    }

    record AccountItem(UUID id, String username, String displayName, String kind, @Nullable String unitCode, String status,
                       boolean secondFactorEnrolled, @Nullable Instant lastLoginAt) {
    }

    record NewStaffRequest(String username, String displayName, @Nullable String email, @Nullable String phone, String unitCode) {
    }

    record CreatedAccount(AccountItem account, String initialPassword) {
    }

    record GrantRequest(String role, String unitCode, @Nullable String scope, @Nullable LocalDate validFrom, @Nullable LocalDate validTo) {
    }

    record GrantItem(UUID id, String username, String role, @Nullable String unitCode, @Nullable String unitName, String scope,
                     LocalDate validFrom, @Nullable LocalDate validTo, String grantedBy, Instant grantedAt) {
    }

    @PreAuthorize("@access.anywhere(principal, 'account:manage', #tenant)")
    @GetMapping("/accounts")
    @Operation(summary = "Staff accounts of the units the caller manages")
    ResultPage<AccountItem> list(@PathVariable String tenant, @RequestParam(required = false) @Nullable Integer page,
                                 @RequestParam(required = false) @Nullable Integer size, @AuthenticationPrincipal CurrentUser user) {
        var units = access.unitsWhere(user, Permission.ACCOUNT_MANAGE, new TenantId(tenant)).stream().map(UnitId::value).toList();
        return accounts.inUnits(tenant, units, PageRequest.of(page, size)).map(this::item);
    }

    @PreAuthorize("@access.anywhere(principal, 'account:manage', #tenant)")
    @PostMapping("/accounts")
    @ResponseStatus(HttpStatus.CREATED)
    @Transactional
    @Operation(summary = "Create a staff account in a unit of the caller's subtree; the initial password is shown once")
    CreatedAccount create(@PathVariable String tenant, @RequestBody NewStaffRequest body, @AuthenticationPrincipal CurrentUser user,
                          HttpServletRequest request) {
        var issued = administration.createStaff(user, tenant, body.username(), body.displayName(), body.email(), body.phone(),
                body.unitCode(), SecurityEvents.client(request));
        return new CreatedAccount(item(issued.account()), issued.initialPassword());
    }

    @PreAuthorize("@access.anywhere(principal, 'account:manage', #tenant)")
    @GetMapping("/accounts/{id}")
    @Operation(summary = "One staff account of a unit the caller manages")
    AccountItem get(@PathVariable String tenant, @PathVariable UUID id, @AuthenticationPrincipal CurrentUser user) {
        return item(administration.managed(user, tenant, id));
    }

    @PreAuthorize("@access.anywhere(principal, 'account:manage', #tenant)")
    @PostMapping("/accounts/{id}/disable")
    @Transactional
    @Operation(summary = "Disable an account; its sessions and tokens end at once")
    AccountItem disable(@PathVariable String tenant, @PathVariable UUID id, @AuthenticationPrincipal CurrentUser user,
                        HttpServletRequest request) {
        return item(administration.disable(user, tenant, id, SecurityEvents.client(request)));
    }

    @PreAuthorize("@access.anywhere(principal, 'account:manage', #tenant)")
    @PostMapping("/accounts/{id}/unlock")
    @Transactional
    @Operation(summary = "Unlock a staff account locked after failed sign-ins (break-glass, audited)")
    AccountItem unlock(@PathVariable String tenant, @PathVariable UUID id, @AuthenticationPrincipal CurrentUser user,
                       HttpServletRequest request) {
        return item(administration.unlock(user, tenant, id, SecurityEvents.client(request)));
    }

    @PreAuthorize("@access.anywhere(principal, 'grant:read', #tenant) or @access.anywhere(principal, 'grant:manage', #tenant)")
    @GetMapping("/accounts/{id}/grants")
    @Operation(summary = "The grants of an account of a unit the caller manages")
    List<GrantItem> grantsOf(@PathVariable String tenant, @PathVariable UUID id, @AuthenticationPrincipal CurrentUser user, Locale locale) {
        var account = accounts.find(tenant, id).orElseThrow(() -> new AccessDenied(Permission.GRANT_READ));
        if (account.unit() == null || !(access.can(user, Permission.GRANT_READ, new TenantId(tenant), new UnitId(account.unit()))
                || access.can(user, Permission.GRANT_MANAGE, new TenantId(tenant), new UnitId(account.unit())))) {
            throw new AccessDenied(Permission.GRANT_READ);
        }
        return grants.of(new TenantId(tenant), id).stream().map(g -> item(g, locale)).toList();
    }

    @PreAuthorize("@access.anywhere(principal, 'grant:manage', #tenant)")
    @PostMapping("/accounts/{id}/grants")
    @ResponseStatus(HttpStatus.CREATED)
    @Transactional
    @Operation(summary = "Give a role over a unit (or its subtree); never beyond the caller's own permissions")
    GrantItem grant(@PathVariable String tenant, @PathVariable UUID id, @RequestBody GrantRequest body,
                    @AuthenticationPrincipal CurrentUser user, HttpServletRequest request, Locale locale) {
        var scope = body.scope() == null ? Scope.UNIT : parseScope(body.scope());
        var given = administration.grant(user, tenant, id, body.role() == null ? "" : body.role(), body.unitCode(), scope,
                body.validFrom(), body.validTo(), SecurityEvents.client(request));
        return item(given, locale);
    }

    @PreAuthorize("@access.anywhere(principal, 'grant:manage', #tenant)")
    @DeleteMapping("/grants/{grant}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Transactional
    @Operation(summary = "Revoke a grant; it stays on record with who revoked it and when")
    void revoke(@PathVariable String tenant, @PathVariable UUID grant, @AuthenticationPrincipal CurrentUser user,
                HttpServletRequest request) {
        administration.revoke(user, tenant, grant, SecurityEvents.client(request));
    }

    @PreAuthorize("@access.anywhere(principal, 'grant:read', #tenant)")
    @GetMapping("/units/{code}/actors")
    @Operation(summary = "Who can act on this unit today: its own grants and subtree grants from above")
    List<GrantItem> actors(@PathVariable String tenant, @PathVariable String code, @AuthenticationPrincipal CurrentUser user, Locale locale) {
        var unit = administration.unit(tenant, code);
        access.require(user, Permission.GRANT_READ, new TenantId(tenant), unit);
        return grants.onUnit(new TenantId(tenant), unit).stream().map(g -> item(g, locale)).toList();
    }

    static Scope parseScope(String scope) {
        try {
            return Scope.valueOf(scope.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidParameter("scope", scope);
        }
    }

    private AccountItem item(Account a) {
        var code = a.unit() == null ? null : directory.unitOn(new TenantId(a.tenant()), new UnitId(a.unit()),
                directory.today(directory.tenant(a.tenant()))).map(u -> u.code()).orElse(null);
        return new AccountItem(a.id(), a.username(), a.displayName(), a.kind().name(), code, a.status().name(),
                a.secondFactorEnrolled(), a.lastLoginAt());
    }

    private static GrantItem item(GrantView g, Locale locale) {
        return new GrantItem(g.id(), g.username(), g.role(), g.unitCode(), g.unitName() == null ? null : g.unitName().in(locale),
                g.scope().name(), g.validFrom(), g.validTo(), g.grantedBy(), g.grantedAt());
    }
}
