package org.onedoor.identity.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.Serializable;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.onedoor.identity.AccessPolicy;
import org.onedoor.identity.Account;
import org.onedoor.identity.Accounts;
import org.onedoor.identity.Permission;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.stereotype.Component;

/**
 * Completes a sign-in in the browser session: a new session id (no fixation, SESS-2), the time of sign-in for the
 * absolute lifetime, and a shorter idle timeout for administrators (SESS-1).
 */
@Component
class SignIn {

    static final String PENDING = "onedoor.signin.pending";
    static final String SIGNED_IN_AT = "onedoor.signin.at";
    static final Duration STAFF_IDLE = Duration.ofMinutes(15);
    static final Duration ADMIN_IDLE = Duration.ofMinutes(5);
    static final Duration CITIZEN_IDLE = Duration.ofMinutes(30);

    /** A sign-in waiting for its second factor; the enrolment secret is set while a new authenticator is enrolled. */
    record Pending(UUID account, String tenant, @Nullable String enrolmentSecret, String next) implements Serializable {
    }

    private final Accounts accounts;
    private final AccessPolicy access;
    private final SecurityContextRepository contexts;
    private final Clock clock;

    SignIn(Accounts accounts, AccessPolicy access, SecurityContextRepository contexts, Clock clock) {
        this.accounts = accounts;
        this.access = access;
        this.contexts = contexts;
        this.clock = clock;
    }

    void awaitSecondFactor(HttpServletRequest request, Account account, @Nullable String enrolmentSecret, String next) {
        var session = request.getSession(true);
        request.changeSessionId();
        session.setAttribute(PENDING, new Pending(account.id(), account.tenant(), enrolmentSecret, next));
    }

    @Nullable Pending pending(HttpServletRequest request) {
        var session = request.getSession(false);
        return session == null ? null : session.getAttribute(PENDING) instanceof Pending p ? p : null;
    }

    void complete(HttpServletRequest request, HttpServletResponse response, Account account) {
        var session = request.getSession(true);
        session.removeAttribute(PENDING);
        request.changeSessionId();
        var user = account.asCurrentUser();
        var authorities = List.of(new SimpleGrantedAuthority("KIND_" + account.kind()), new SimpleGrantedAuthority("FACTOR_COMPLETE"));
        var context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(user, null, authorities));
        SecurityContextHolder.setContext(context);
        contexts.saveContext(context, request, response);
        session.setAttribute(SIGNED_IN_AT, clock.instant());
        var idle = !user.isStaff() ? CITIZEN_IDLE
                : access.canAnywhere(user, Permission.ACCOUNT_MANAGE, user.tenantId()) ? ADMIN_IDLE : STAFF_IDLE;
        session.setMaxInactiveInterval((int) idle.toSeconds());
        accounts.recordLogin(account);
        if (accounts.mustChangePassword(account, AccountSettings.administrator(access, account))) PasswordChangeGate.require(request);
    }

    /** Only a path of this site: never an absolute or protocol-relative address (no open redirect). */
    static String safeNext(@Nullable String next) {
        if (next == null || !next.startsWith("/") || next.startsWith("//") || next.startsWith("/\\")) return "/";
        return next;
    }
}
