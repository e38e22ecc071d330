package org.onedoor.identity.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.onedoor.audit.AccessEntry;
import org.onedoor.audit.AuditEvent;
import org.onedoor.audit.AuditQueries;
import org.onedoor.audit.AuditRecord;
import org.onedoor.audit.AuditTrail;
import org.onedoor.audit.AuditVerification;
import org.onedoor.audit.Verification;
import org.onedoor.identity.CurrentUser;
import org.onedoor.shared.PageRequest;
import org.onedoor.shared.ResultPage;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The audit trail for auditors (events, and verification of the hash chains), and for citizens the list of who
 * accessed their data. Reading the trail is itself audited.
 */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Audit", description = "The hash-chained audit trail: verification, events, and a citizen's access log")
class AuditApi {

    private final AuditVerification verification;
    private final AuditQueries queries;
    private final AuditTrail audit;

    AuditApi(AuditVerification verification, AuditQueries queries, AuditTrail audit) {
        this.verification = verification;
        this.queries = queries;
        this.audit = audit;
    }

    @PreAuthorize("@access.anywhere(principal, 'audit:verify', #tenant)")
    @GetMapping("/tenants/{tenant}/audit/verify")
    @Operation(summary = "Verify every hash chain of the tenant's audit trail; reports the first broken record")
    Verification verify(@PathVariable String tenant, @AuthenticationPrincipal CurrentUser user, HttpServletRequest request) {
        var result = verification.verify(tenant);
        audit.recordAlone(AuditRecord.of(tenant, user.username(), "audit.verify", "audit", tenant)
                .from(SecurityEvents.client(request)).with("valid", String.valueOf(result.valid()))
                .with("checked", String.valueOf(result.checked())).succeeded());
        return result;
    }

    @PreAuthorize("@access.anywhere(principal, 'audit:read', #tenant)")
    @GetMapping("/tenants/{tenant}/audit/events")
    @Operation(summary = "The tenant's audit events, newest first, optionally of one action")
    ResultPage<AuditEvent> events(@PathVariable String tenant, @RequestParam(required = false) @Nullable String action,
                                  @RequestParam(required = false) @Nullable Integer page,
                                  @RequestParam(required = false) @Nullable Integer size,
                                  @AuthenticationPrincipal CurrentUser user, HttpServletRequest request) {
        var paging = PageRequest.of(page, size);
        audit.recordAlone(AuditRecord.of(tenant, user.username(), "audit.read", "audit", tenant)
                .from(SecurityEvents.client(request)).succeeded());
        return queries.events(tenant, action, paging.page(), paging.size());
    }

    @PreAuthorize("@access.signedIn(principal)")
    @GetMapping("/me/accesses")
    @Operation(summary = "Who accessed the caller's personal data: unit, official, time and purpose")
    List<AccessEntry> accesses(@AuthenticationPrincipal CurrentUser user) {
        return queries.accessesTo(user.tenant(), user.accountId().toString(), 200);
    }
}
