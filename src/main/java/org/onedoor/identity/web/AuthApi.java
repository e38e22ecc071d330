package org.onedoor.identity.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.security.PermitAll;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.onedoor.identity.AccessPolicy;
import org.onedoor.identity.Accounts;
import org.onedoor.identity.CurrentUser;
import org.onedoor.identity.Grants;
import org.onedoor.identity.LoginOutcome;
import org.onedoor.organisation.OrganisationDirectory;
import org.onedoor.shared.Problem;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Bearer tokens for API clients (staff give their TOTP code too), and who the caller is. */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Authentication", description = "Short-lived, revocable bearer tokens; the caller's account, permissions and grants")
class AuthApi {

    /** Wrong credentials, a missing or wrong second factor, or an inactive account: one answer for all. */
    static final class LoginFailed extends Problem {
        LoginFailed() {
            super("login-failed", Kind.UNAUTHORISED);
        }
    }

    /** The password must be changed (in the browser) before an API token is given. */
    static final class PasswordChangeRequired extends Problem {
        PasswordChangeRequired() {
            super("password-change-required", Kind.FORBIDDEN);
        }
    }

    private final Accounts accounts;
    private final AccessPolicy access;
    private final Grants grants;
    private final OrganisationDirectory directory;
    private final SecurityEvents events;

    AuthApi(Accounts accounts, AccessPolicy access, Grants grants, OrganisationDirectory directory, SecurityEvents events) {
        this.accounts = accounts;
        this.access = access;
        this.grants = grants;
        this.directory = directory;
        this.events = events;
    }

    record TokenRequest(String username, String password, @Nullable String totp) {
    }

    record TokenResponse(String token, Instant expiresAt) {
    }

    @PermitAll
    @PostMapping("/auth/token")
    @Operation(summary = "Exchange user name, password and (for staff) a TOTP code for a bearer token")
    TokenResponse token(@RequestBody TokenRequest body, HttpServletRequest request) {
        if (body.username() == null || body.password() == null) throw new LoginFailed();
        var outcome = accounts.checkPassword(body.username(), body.password());
        events.passwordChecked(body.username(), outcome, request);
        var account = outcome.account();
        if (account == null) throw new LoginFailed();
        if (outcome.result() != LoginOutcome.Result.AUTHENTICATED) {
            var accepted = outcome.result() == LoginOutcome.Result.SECOND_FACTOR_REQUIRED && body.totp() != null
                    && accounts.verifySecondFactor(account, body.totp().strip());
            events.secondFactorChecked(account.tenant(), account.id(), accepted, request);
            if (!accepted) throw new LoginFailed();
        }
        if (accounts.mustChangePassword(account, AccountSettings.administrator(access, account))) throw new PasswordChangeRequired();
        var issued = accounts.issueToken(account);
        accounts.recordLogin(account);
        events.tokenIssued(account, request);
        return new TokenResponse(issued.token(), issued.expiresAt());
    }

    @PreAuthorize("@access.signedIn(principal)")
    @DeleteMapping("/auth/token")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Revoke the bearer token of this request")
    void revoke(@RequestHeader(name = "Authorization", required = false) @Nullable String authorization,
                @AuthenticationPrincipal CurrentUser user, HttpServletRequest request) {
        if (authorization != null && authorization.length() > 7) accounts.revokeToken(authorization.substring(7).strip());
        events.tokenRevoked(user, request);
    }

    record PasswordChange(String currentPassword, @Nullable String totp, String newPassword) {
    }

    record ContactChange(String currentPassword, @Nullable String totp, @Nullable String email, @Nullable String phone) {
    }

    record Contact(@Nullable String email, @Nullable String phone) {
    }

    @PreAuthorize("@access.signedIn(principal)")
    @PostMapping("/me/password")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Change the caller's password; re-authenticate with the current password (and TOTP code for staff)")
    void changePassword(@RequestBody PasswordChange body, @AuthenticationPrincipal CurrentUser user) {
        var account = accounts.find(user.tenant(), user.accountId()).orElseThrow();
        accounts.changePassword(account, body.currentPassword(), body.totp(), body.newPassword() == null ? "" : body.newPassword(),
                AccountSettings.administrator(access, account));
    }

    @PreAuthorize("@access.signedIn(principal)")
    @PostMapping("/me/contact")
    @Operation(summary = "Change the caller's e-mail and phone; re-authenticate with the current password (and TOTP code for staff)")
    Contact changeContact(@RequestBody ContactChange body, @AuthenticationPrincipal CurrentUser user) {
        var account = accounts.changeContact(accounts.find(user.tenant(), user.accountId()).orElseThrow(), body.currentPassword(),
                body.totp(), body.email(), body.phone());
        return new Contact(account.email(), account.phone());
    }

    record GrantItem(String role, @Nullable String unitCode, @Nullable String unitName, String scope, LocalDate validFrom,
                     @Nullable LocalDate validTo) {
    }

    record Me(String username, String displayName, String kind, String tenant, @Nullable String unitCode,
              List<String> permissions, List<GrantItem> grants) {
    }

    @PreAuthorize("@access.signedIn(principal)")
    @GetMapping("/me")
    @Operation(summary = "The caller: account, permissions held today and the units of the grants")
    Me me(@AuthenticationPrincipal CurrentUser user, Locale locale) {
        var unit = user.unitId() == null ? null : directory.unitOn(user.tenantId(), user.unitId(), directory.today(directory.tenant(user.tenant())))
                .map(u -> u.code()).orElse(null);
        var items = grants.of(user.tenantId(), user.accountId()).stream()
                .map(g -> new GrantItem(g.role(), g.unitCode(), g.unitName() == null ? null : g.unitName().in(locale),
                        g.scope().name(), g.validFrom(), g.validTo())).toList();
        return new Me(user.username(), user.displayName(), user.kind().name(), user.tenant(), unit, access.permissions(user), items);
    }

}
