package org.onedoor.identity.web;

import jakarta.servlet.http.HttpServletRequest;
import java.time.LocalDate;
import java.util.Locale;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.onedoor.audit.AuditQueries;
import org.onedoor.audit.AuditVerification;
import org.onedoor.identity.AccessAdministration;
import org.onedoor.identity.AccessPolicy;
import org.onedoor.identity.Accounts;
import org.onedoor.identity.CurrentUser;
import org.onedoor.identity.Grants;
import org.onedoor.identity.Permission;
import org.onedoor.organisation.OrganisationDirectory;
import org.onedoor.organisation.UnitId;
import org.onedoor.shared.PageRequest;
import org.onedoor.shared.TenantId;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The security console in the browser: administrators manage staff accounts and grants in their subtree, heads of
 * unit see who can act on their unit, auditors read and verify the trail; everyone sees who accessed their data.
 */
@Controller
class ConsolePages {

    private final Accounts accounts;
    private final Grants grants;
    private final AccessPolicy access;
    private final AccessAdministration administration;
    private final OrganisationDirectory directory;
    private final AuditQueries audit;
    private final AuditVerification verification;

    ConsolePages(Accounts accounts, Grants grants, AccessPolicy access, AccessAdministration administration,
                 OrganisationDirectory directory, AuditQueries audit, AuditVerification verification) {
        this.accounts = accounts;
        this.grants = grants;
        this.access = access;
        this.administration = administration;
        this.directory = directory;
        this.audit = audit;
        this.verification = verification;
    }

    @PreAuthorize("@access.signedIn(principal)")
    @GetMapping("/console")
    String home(@AuthenticationPrincipal CurrentUser user, Model model) {
        var tenant = user.tenantId();
        model.addAttribute("tenant", user.tenant());
        model.addAttribute("canManageAccounts", access.canAnywhere(user, Permission.ACCOUNT_MANAGE, tenant));
        model.addAttribute("canReadAudit", access.canAnywhere(user, Permission.AUDIT_READ, tenant));
        model.addAttribute("canManageProcedures", access.canAnywhere(user, Permission.PROCEDURE_MANAGE, tenant));
        model.addAttribute("canReadGrants", access.canAnywhere(user, Permission.GRANT_READ, tenant));
        model.addAttribute("canReadDossiers", access.canAnywhere(user, Permission.DOSSIER_READ, tenant));
        model.addAttribute("canReceiveDossiers", access.canAnywhere(user, Permission.DOSSIER_RECEIVE, tenant));
        // who processes dossiers answers the petitions about them (the dossier module's petitions page)
        model.addAttribute("canAnswerPetitions", access.canAnywhere(user, Permission.DOSSIER_PROCESS, tenant));
        model.addAttribute("canManageNotifications", access.canAnywhere(user, Permission.NOTIFICATION_MANAGE, tenant));
        model.addAttribute("unitCode", user.unitId() == null ? null
                : directory.unitOn(tenant, user.unitId(), directory.today(directory.tenant(user.tenant()))).map(u -> u.code()).orElse(null));
        return "identity/console";
    }

    @PreAuthorize("@access.anywhere(principal, 'account:manage', #tenant)")
    @GetMapping("/console/{tenant}/accounts")
    String accounts(@PathVariable String tenant, @RequestParam(required = false) @Nullable Integer page,
                    @AuthenticationPrincipal CurrentUser user, Model model) {
        var units = access.unitsWhere(user, Permission.ACCOUNT_MANAGE, new TenantId(tenant)).stream().map(UnitId::value).toList();
        model.addAttribute("tenant", tenant);
        model.addAttribute("accounts", accounts.inUnits(tenant, units, PageRequest.of(page, 100)));
        model.addAttribute("unitCodes", unitCodes(tenant));
        return "identity/accounts";
    }

    @PreAuthorize("@access.anywhere(principal, 'account:manage', #tenant)")
    @PostMapping("/console/{tenant}/accounts")
    String create(@PathVariable String tenant, @RequestParam String username, @RequestParam String displayName,
                  @RequestParam(required = false) @Nullable String email, @RequestParam String unitCode,
                  @AuthenticationPrincipal CurrentUser user, HttpServletRequest request, RedirectAttributes flash) {
        var issued = administration.createStaff(user, tenant, username, displayName, email, null, unitCode, SecurityEvents.client(request));
        flash.addFlashAttribute("createdUsername", issued.account().username());
        flash.addFlashAttribute("initialPassword", issued.initialPassword());
        return "redirect:/console/" + tenant + "/accounts/" + issued.account().id();
    }

    @PreAuthorize("@access.anywhere(principal, 'account:manage', #tenant)")
    @GetMapping("/console/{tenant}/accounts/{id}")
    String account(@PathVariable String tenant, @PathVariable UUID id, @AuthenticationPrincipal CurrentUser user, Model model) {
        var account = administration.managed(user, tenant, id);
        model.addAttribute("tenant", tenant);
        model.addAttribute("account", account);
        model.addAttribute("unitCode", account.unit() == null ? null : directory.unitOn(new TenantId(tenant), new UnitId(account.unit()),
                directory.today(directory.tenant(tenant))).map(u -> u.code()).orElse(null));
        model.addAttribute("grants", grants.of(new TenantId(tenant), id));
        model.addAttribute("roles", new String[] {"CLERK", "SPECIALIST", "UNIT_LEADER", "HOME_AFFAIRS_OFFICER", "CITY_LEADER",
                "INSPECTOR", "ADMINISTRATOR"});
        return "identity/account";
    }

    @PreAuthorize("@access.anywhere(principal, 'account:manage', #tenant)")
    @PostMapping("/console/{tenant}/accounts/{id}/disable")
    String disable(@PathVariable String tenant, @PathVariable UUID id, @AuthenticationPrincipal CurrentUser user, HttpServletRequest request) {
        administration.disable(user, tenant, id, SecurityEvents.client(request));
        return "redirect:/console/" + tenant + "/accounts/" + id;
    }

    @PreAuthorize("@access.anywhere(principal, 'account:manage', #tenant)")
    @PostMapping("/console/{tenant}/accounts/{id}/unlock")
    String unlock(@PathVariable String tenant, @PathVariable UUID id, @AuthenticationPrincipal CurrentUser user, HttpServletRequest request) {
        administration.unlock(user, tenant, id, SecurityEvents.client(request));
        return "redirect:/console/" + tenant + "/accounts/" + id;
    }

    @PreAuthorize("@access.anywhere(principal, 'grant:manage', #tenant)")
    @PostMapping("/console/{tenant}/accounts/{id}/grants")
    String grant(@PathVariable String tenant, @PathVariable UUID id, @RequestParam String role, @RequestParam String unitCode,
                 @RequestParam String scope, @RequestParam(required = false) @Nullable LocalDate validTo,
                 @AuthenticationPrincipal CurrentUser user, HttpServletRequest request) {
        administration.grant(user, tenant, id, role, unitCode, AccountApi.parseScope(scope), null, validTo, SecurityEvents.client(request));
        return "redirect:/console/" + tenant + "/accounts/" + id;
    }

    @PreAuthorize("@access.anywhere(principal, 'grant:manage', #tenant)")
    @PostMapping("/console/{tenant}/grants/{grant}/revoke")
    String revoke(@PathVariable String tenant, @PathVariable UUID grant, @AuthenticationPrincipal CurrentUser user,
                  HttpServletRequest request) {
        var revoked = administration.revoke(user, tenant, grant, SecurityEvents.client(request));
        return "redirect:/console/" + tenant + "/accounts/" + revoked.account();
    }

    @PreAuthorize("@access.anywhere(principal, 'grant:read', #tenant)")
    @GetMapping("/console/{tenant}/units/{code}/actors")
    String actors(@PathVariable String tenant, @PathVariable String code, @AuthenticationPrincipal CurrentUser user, Model model) {
        var unit = administration.unit(tenant, code);
        access.require(user, Permission.GRANT_READ, new TenantId(tenant), unit);
        model.addAttribute("tenant", tenant);
        model.addAttribute("unit", directory.unitOn(new TenantId(tenant), unit, directory.today(directory.tenant(tenant))).orElseThrow());
        model.addAttribute("grants", grants.onUnit(new TenantId(tenant), unit));
        return "identity/actors";
    }

    @PreAuthorize("@access.anywhere(principal, 'audit:read', #tenant)")
    @GetMapping("/console/{tenant}/audit")
    String audit(@PathVariable String tenant, @RequestParam(required = false) @Nullable String action,
                 @RequestParam(required = false) @Nullable Integer page, @RequestParam(required = false) @Nullable String verify,
                 @AuthenticationPrincipal CurrentUser user, Model model) {
        var paging = PageRequest.of(page, 50);
        model.addAttribute("tenant", tenant);
        model.addAttribute("action", action == null ? "" : action);
        model.addAttribute("events", audit.events(tenant, action == null || action.isBlank() ? null : action.strip(), paging.page(), paging.size()));
        model.addAttribute("canVerify", access.canAnywhere(user, Permission.AUDIT_VERIFY, new TenantId(tenant)));
        if (verify != null && access.canAnywhere(user, Permission.AUDIT_VERIFY, new TenantId(tenant))) {
            model.addAttribute("verification", verification.verify(tenant));
        }
        return "identity/audit";
    }

    @PreAuthorize("@access.signedIn(principal)")
    @GetMapping("/me/accesses")
    String accesses(@AuthenticationPrincipal CurrentUser user, Model model, Locale locale) {
        model.addAttribute("accesses", audit.accessesTo(user.tenant(), user.accountId().toString(), 200));
        return "identity/accesses";
    }

    private java.util.List<String> unitCodes(String tenant) {
        var city = directory.tenant(tenant);
        return directory.tree(city.id(), directory.today(city)).stream().map(u -> u.code()).toList();
    }
}
