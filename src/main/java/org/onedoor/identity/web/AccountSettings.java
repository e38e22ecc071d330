package org.onedoor.identity.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.onedoor.identity.AccessPolicy;
import org.onedoor.identity.Account;
import org.onedoor.identity.Accounts;
import org.onedoor.identity.CurrentUser;
import org.onedoor.identity.Permission;
import org.onedoor.shared.Problem;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** A signed-in user changes their password or contact details, re-authenticating in the same form (SESS-4). */
@Controller
class AccountSettings {

    private final Accounts accounts;
    private final AccessPolicy access;

    AccountSettings(Accounts accounts, AccessPolicy access) {
        this.accounts = accounts;
        this.access = access;
    }

    @PreAuthorize("@access.signedIn(principal)")
    @GetMapping("/account/password")
    String passwordForm(@AuthenticationPrincipal CurrentUser user, HttpServletRequest request, Model model) {
        model.addAttribute("staff", user.isStaff());
        model.addAttribute("required", PasswordChangeGate.pending(request));
        return "identity/password";
    }

    @PreAuthorize("@access.signedIn(principal)")
    @PostMapping("/account/password")
    String changePassword(@RequestParam String currentPassword, @RequestParam(required = false) @Nullable String totp,
                          @RequestParam String newPassword, @AuthenticationPrincipal CurrentUser user, HttpServletRequest request,
                          HttpServletResponse response, Model model) {
        var account = accounts.find(user.tenant(), user.accountId()).orElseThrow();
        try {
            accounts.changePassword(account, currentPassword, totp, newPassword, isAdministrator(user));
        } catch (Accounts.ReauthenticationFailed | Accounts.PasswordRejected refused) {
            response.setStatus(refused instanceof Accounts.ReauthenticationFailed ? HttpStatus.FORBIDDEN.value() : HttpStatus.BAD_REQUEST.value());
            model.addAttribute("staff", user.isStaff());
            model.addAttribute("required", PasswordChangeGate.pending(request));
            model.addAttribute("problem", refused.code());
            model.addAttribute("problemArguments", ((Problem) refused).arguments());
            return "identity/password";
        }
        PasswordChangeGate.clear(request);
        return "redirect:/console?password-changed";
    }

    @PreAuthorize("@access.signedIn(principal)")
    @GetMapping("/account/contact")
    String contactForm(@AuthenticationPrincipal CurrentUser user, Model model) {
        model.addAttribute("staff", user.isStaff());
        model.addAttribute("account", accounts.find(user.tenant(), user.accountId()).orElseThrow());
        return "identity/contact";
    }

    @PreAuthorize("@access.signedIn(principal)")
    @PostMapping("/account/contact")
    String changeContact(@RequestParam String currentPassword, @RequestParam(required = false) @Nullable String totp,
                         @RequestParam(required = false) @Nullable String email, @RequestParam(required = false) @Nullable String phone,
                         @AuthenticationPrincipal CurrentUser user, HttpServletResponse response, Model model) {
        var account = accounts.find(user.tenant(), user.accountId()).orElseThrow();
        try {
            account = accounts.changeContact(account, currentPassword, totp, email, phone);
        } catch (Accounts.ReauthenticationFailed refused) {
            response.setStatus(HttpStatus.FORBIDDEN.value());
            model.addAttribute("problem", refused.code());
        }
        model.addAttribute("staff", user.isStaff());
        model.addAttribute("account", account);
        model.addAttribute("saved", model.getAttribute("problem") == null);
        return "identity/contact";
    }

    private boolean isAdministrator(CurrentUser user) {
        return access.canAnywhere(user, Permission.ACCOUNT_MANAGE, user.tenantId()) || access.canAnywhere(user, Permission.GRANT_MANAGE, user.tenantId());
    }

    static boolean administrator(AccessPolicy access, Account account) {
        var user = account.asCurrentUser();
        return access.canAnywhere(user, Permission.ACCOUNT_MANAGE, user.tenantId()) || access.canAnywhere(user, Permission.GRANT_MANAGE, user.tenantId());
    }
}
