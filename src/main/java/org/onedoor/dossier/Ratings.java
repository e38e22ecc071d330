package org.onedoor.dossier;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.onedoor.audit.AuditRecord;
import org.onedoor.audit.AuditTrail;
import org.onedoor.identity.AccessDenied;
import org.onedoor.identity.AccessPolicy;
import org.onedoor.identity.CurrentUser;
import org.onedoor.identity.Permission;
import org.onedoor.shared.Problem;
import org.onedoor.shared.TenantId;
import org.onedoor.shared.Violation;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The applicant's satisfaction with a returned dossier, once, on the 5-level scale (1 very dissatisfied … 5 very
 * satisfied) with an optional comment (domain note §1.3 step 8). Staff who see the dossier see the rating.
 */
@Service
public class Ratings {

    public static final int MAX_COMMENT = 1000;

    private final Dossiers dossiers;
    private final AccessPolicy access;
    private final JdbcClient jdbc;
    private final AuditTrail audit;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    Ratings(Dossiers dossiers, AccessPolicy access, JdbcClient jdbc, AuditTrail audit, ApplicationEventPublisher events, Clock clock) {
        this.dossiers = dossiers;
        this.access = access;
        this.jdbc = jdbc;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
    }

    public record Rating(String dossierCode, int level, @Nullable String comment, Instant ratedAt) {
    }

    /** Only a returned dossier is rated, and only once. */
    public static class NotRateable extends Problem {
        public NotRateable(String code, String reason) {
            super("dossier-rating-" + reason, Kind.CONFLICT, code);
        }
    }

    @Transactional
    public Rating rate(CurrentUser user, TenantId tenant, String code, @Nullable Integer level, @Nullable String comment,
                       @Nullable String clientAddress) {
        var dossier = dossiers.read(user, tenant, code);
        if (user.isStaff() || !user.accountId().equals(dossier.applicantAccount()) || !access.citizenMay(user, Permission.DOSSIER_OWN, tenant)) {
            throw new AccessDenied(Permission.DOSSIER_OWN);
        }
        var text = comment == null || comment.isBlank() ? null : java.text.Normalizer.normalize(comment.strip(), java.text.Normalizer.Form.NFC);
        if (level == null || level < 1 || level > 5) {
            throw new Dossiers.Refused(List.of(Violation.of("dossier-rating-level", "/level")));
        }
        if (text != null && text.length() > MAX_COMMENT) {
            throw new Dossiers.Refused(List.of(Violation.of("dossier-too-long", "/comment", MAX_COMMENT)));
        }
        if (dossier.state() != Dossier.State.RETURNED) throw new NotRateable(code, "not-returned");
        var now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        var inserted = jdbc.sql("""
                insert into dossier.rating (tenant_id, dossier_id, level, comment, rated_at, rated_by)
                values (:t, :d, :level, :comment, :at, :by) on conflict do nothing""")
                .param("t", tenant.value()).param("d", dossier.id()).param("level", level).param("comment", text)
                .param("at", now.atOffset(ZoneOffset.UTC)).param("by", user.accountId()).update();
        if (inserted == 0) throw new NotRateable(code, "already");
        var details = new LinkedHashMap<String, String>();
        details.put("level", String.valueOf(level));
        audit.record(new AuditRecord(tenant.value(), user.username(), null, clientAddress, "dossier.rate", "dossier", code,
                user.accountId().toString(), dossier.procedureCode(), AuditRecord.Outcome.SUCCESS, null, null, details));
        events.publishEvent(new DossierEvents.DossierRated(tenant.value(), dossier.id(), code, dossier.receptionPoint().value(),
                dossier.competentUnit().value(), level, now));
        return new Rating(code, level, text, now);
    }

    /** The dossier's rating, for whoever may see the dossier. */
    @Transactional(readOnly = true)
    public Optional<Rating> of(CurrentUser user, TenantId tenant, String code) {
        var dossier = dossiers.read(user, tenant, code);
        return find(tenant, dossier.id(), code);
    }

    Optional<Rating> find(TenantId tenant, UUID dossier, String code) {
        return jdbc.sql("select level, comment, rated_at from dossier.rating where tenant_id = :t and dossier_id = :d")
                .param("t", tenant.value()).param("d", dossier)
                .query((rs, n) -> new Rating(code, rs.getInt("level"), rs.getString("comment"),
                        rs.getObject("rated_at", java.time.OffsetDateTime.class).toInstant())).optional();
    }
}
