package org.onedoor.identity.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.UUID;
import org.onedoor.audit.AuditRecord;
import org.onedoor.audit.AuditTrail;
import org.onedoor.identity.Account;
import org.onedoor.identity.Accounts;
import org.onedoor.identity.CurrentUser;
import org.onedoor.identity.LoginOutcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Records every authentication event in the audit trail, in a transaction of its own so that a refused attempt is
 * kept (LOG-1): UTC time, actor, tenant, client address and port, action, object and outcome.
 */
@Component
class SecurityEvents {

    private static final Logger log = LoggerFactory.getLogger(SecurityEvents.class);
    private final AuditTrail audit;
    private final Accounts accounts;

    SecurityEvents(AuditTrail audit, Accounts accounts) {
        this.audit = audit;
        this.accounts = accounts;
    }

    void passwordChecked(String username, LoginOutcome outcome, HttpServletRequest request) {
        var known = outcome.account() != null ? java.util.Optional.of(outcome.account()) : accounts.find(username);
        var tenant = known.map(Account::tenant).orElse(AuditTrail.PLATFORM);
        var object = known.map(a -> a.id().toString()).orElse(null);
        var record = AuditRecord.of(tenant, username, "login.password", "account", object).from(client(request))
                .with("result", outcome.result().name());
        record = switch (outcome.result()) {
            case AUTHENTICATED, SECOND_FACTOR_REQUIRED, SECOND_FACTOR_ENROLMENT_REQUIRED -> record.succeeded();
            case LOCKED, THROTTLED, INACTIVE -> record.denied();
            case REFUSED -> record.failed();
        };
        audit.recordAlone(record);
        log.info("login.password user={} result={} client={}", AuditTrail.forLog(username), outcome.result(), client(request));
    }

    void secondFactorChecked(String tenant, UUID account, boolean accepted, HttpServletRequest request) {
        var username = accounts.find(tenant, account).map(Account::username).orElse(account.toString());
        var record = AuditRecord.of(tenant, username, "login.second-factor", "account", account.toString()).from(client(request));
        audit.recordAlone(accepted ? record.succeeded() : record.failed());
    }

    void secondFactorEnrolled(Account account, boolean accepted, HttpServletRequest request) {
        var record = AuditRecord.of(account.tenant(), account.username(), "account.second-factor.enrol", "account",
                account.id().toString()).from(client(request));
        audit.recordAlone(accepted ? record.succeeded() : record.failed());
    }

    void tokenIssued(Account account, HttpServletRequest request) {
        audit.recordAlone(AuditRecord.of(account.tenant(), account.username(), "token.issue", "account", account.id().toString())
                .from(client(request)).succeeded());
    }

    void tokenRevoked(CurrentUser user, HttpServletRequest request) {
        audit.recordAlone(AuditRecord.of(user.tenant(), user.username(), "token.revoke", "account", user.accountId().toString())
                .from(client(request)).succeeded());
    }

    static String client(HttpServletRequest request) {
        return org.onedoor.platform.ClientAddress.of(request);
    }
}
