package org.onedoor.identity.web;

import jakarta.annotation.security.PermitAll;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.onedoor.identity.Accounts;
import org.onedoor.identity.LoginOutcome;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Sign-in in the browser: the password, then for staff the TOTP code (or the enrolment of an authenticator first).
 * Every refusal shows the same words, so nobody learns whether a user name exists.
 */
@Controller
class LoginPages {

    private final Accounts accounts;
    private final SignIn signIn;
    private final SecurityEvents events;

    LoginPages(Accounts accounts, SignIn signIn, SecurityEvents events) {
        this.accounts = accounts;
        this.signIn = signIn;
        this.events = events;
    }

    @PermitAll
    @GetMapping("/login")
    String form(@RequestParam(required = false) @Nullable String next, Model model) {
        model.addAttribute("next", SignIn.safeNext(next));
        return "identity/login";
    }

    @PermitAll
    @PostMapping("/login")
    String login(@RequestParam String username, @RequestParam String password,
                 @RequestParam(required = false) @Nullable String next, HttpServletRequest request,
                 HttpServletResponse response, Model model) {
        var target = SignIn.safeNext(next);
        var outcome = accounts.checkPassword(username, password);
        events.passwordChecked(username, outcome, request);
        var account = outcome.account();
        if (outcome.result() == LoginOutcome.Result.AUTHENTICATED && account != null) {
            signIn.complete(request, response, account);
            return "redirect:" + target;
        }
        if (outcome.result() == LoginOutcome.Result.SECOND_FACTOR_REQUIRED && account != null) {
            signIn.awaitSecondFactor(request, account, null, target);
            return "redirect:/login/second-factor";
        }
        if (outcome.result() == LoginOutcome.Result.SECOND_FACTOR_ENROLMENT_REQUIRED && account != null) {
            signIn.awaitSecondFactor(request, account, accounts.startEnrolment(account).secret(), target);
            return "redirect:/login/enrol";
        }
        response.setStatus(HttpStatus.UNAUTHORIZED.value());
        model.addAttribute("next", target);
        model.addAttribute("username", username);
        model.addAttribute("failed", true);
        return "identity/login";
    }

    @PermitAll
    @GetMapping("/login/second-factor")
    String secondFactor(HttpServletRequest request) {
        return signIn.pending(request) == null ? "redirect:/login" : "identity/second-factor";
    }

    @PermitAll
    @PostMapping("/login/second-factor")
    String verify(@RequestParam String code, HttpServletRequest request, HttpServletResponse response, Model model) {
        var pending = signIn.pending(request);
        if (pending == null) return "redirect:/login";
        var account = accounts.find(pending.tenant(), pending.account()).orElse(null);
        var accepted = account != null && accounts.verifySecondFactor(account, code.strip());
        events.secondFactorChecked(pending.tenant(), pending.account(), accepted, request);
        if (accepted) {
            signIn.complete(request, response, account);
            return "redirect:" + pending.next();
        }
        response.setStatus(HttpStatus.UNAUTHORIZED.value());
        model.addAttribute("failed", true);
        return "identity/second-factor";
    }

    @PermitAll
    @GetMapping("/login/enrol")
    String enrolment(HttpServletRequest request, Model model) {
        var pending = signIn.pending(request);
        if (pending == null || pending.enrolmentSecret() == null) return "redirect:/login";
        var account = accounts.find(pending.tenant(), pending.account()).orElse(null);
        if (account == null) return "redirect:/login";
        model.addAttribute("enrolment", accounts.enrolmentFor(account, pending.enrolmentSecret()));
        return "identity/enrol";
    }

    @PermitAll
    @PostMapping("/login/enrol")
    String enrol(@RequestParam String code, HttpServletRequest request, HttpServletResponse response, Model model) {
        var pending = signIn.pending(request);
        if (pending == null || pending.enrolmentSecret() == null) return "redirect:/login";
        var account = accounts.find(pending.tenant(), pending.account()).orElse(null);
        if (account == null) return "redirect:/login";
        var accepted = accounts.confirmEnrolment(account, pending.enrolmentSecret(), code.strip());
        events.secondFactorEnrolled(account, accepted, request);
        if (accepted) {
            signIn.complete(request, response, account);
            return "redirect:" + pending.next();
        }
        response.setStatus(HttpStatus.UNAUTHORIZED.value());
        model.addAttribute("enrolment", accounts.enrolmentFor(account, pending.enrolmentSecret()));
        model.addAttribute("failed", true);
        return "identity/enrol";
    }
}
