package org.onedoor.dossier;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.onedoor.audit.AuditRecord;
import org.onedoor.audit.AuditTrail;
import org.onedoor.calendar.Calendars;
import org.onedoor.calendar.Deadlines;
import org.onedoor.identity.AccessDenied;
import org.onedoor.identity.AccessPolicy;
import org.onedoor.identity.CurrentUser;
import org.onedoor.identity.Permission;
import org.onedoor.organisation.OrganisationDirectory;
import org.onedoor.organisation.UnitId;
import org.onedoor.shared.PageRequest;
import org.onedoor.shared.ResultPage;
import org.onedoor.shared.TenantId;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The lists of dossiers: a person's and a unit's work queues (soonest due first, at-risk and late marked), a citizen's
 * own dossiers, the public status look-up, and the sweep that marks dossiers late when their legal time runs out.
 */
@Service
public class WorkQueues {

    /** A dossier is at risk when less than this share of its legal working time is left. */
    static final double AT_RISK_SHARE = 0.2;

    private final DossierStore store;
    private final Dossiers dossiers;
    private final AccessPolicy access;
    private final Calendars calendars;
    private final OrganisationDirectory directory;
    private final AuditTrail audit;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    WorkQueues(DossierStore store, Dossiers dossiers, AccessPolicy access, Calendars calendars, OrganisationDirectory directory,
               AuditTrail audit, ApplicationEventPublisher events, Clock clock) {
        this.store = store;
        this.dossiers = dossiers;
        this.access = access;
        this.calendars = calendars;
        this.directory = directory;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
    }

    /** Whose dossiers: the caller's own queue, or a unit's (every unit the caller may read dossiers of, or one). */
    public enum Scope { MINE, UNIT }

    public record Query(Scope scope, @Nullable String unit, List<Integer> statuses, @Nullable Boolean overdue) {
        public Query {
            statuses = statuses == null ? List.of() : List.copyOf(statuses);
        }
    }

    /** How a dossier stands against its time. */
    public enum Risk { NOT_STARTED, ON_TRACK, AT_RISK, LATE, PAUSED, DONE }

    /** A line of a work queue. */
    public record Item(Dossier dossier, Risk risk, @Nullable Duration remaining) {
    }

    /**
     * A work queue. Staff: their own (MINE) or their units' (UNIT), open dossiers only, soonest appointment first —
     * which is also least working time left first. Citizens: their own dossiers, newest first, whatever the scope.
     */
    @Transactional(readOnly = true)
    public ResultPage<Item> queue(CurrentUser user, TenantId tenant, Query query, PageRequest page) {
        if (!user.tenant().equals(tenant.value())) throw new AccessDenied(Permission.DOSSIER_READ);
        var now = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        DossierStore.Filter filter;
        if (!user.isStaff()) {
            if (!access.citizenMay(user, Permission.DOSSIER_OWN, tenant)) throw new AccessDenied(Permission.DOSSIER_OWN);
            filter = new DossierStore.Filter(null, null, user.accountId(), false, query.statuses(), query.overdue(), now, true);
        } else if (!access.canAnywhere(user, Permission.DOSSIER_READ, tenant)) {
            throw new AccessDenied(Permission.DOSSIER_READ);
        } else if (query.scope() == Scope.MINE) {
            filter = new DossierStore.Filter(user.accountId(), null, null, true, query.statuses(), query.overdue(), now, false);
        } else {
            var units = access.unitsWhere(user, Permission.DOSSIER_READ, tenant);
            if (units.isEmpty()) throw new AccessDenied(Permission.DOSSIER_READ);
            if (query.unit() != null) {
                var today = directory.today(directory.tenant(tenant.value()));
                var one = directory.unitOn(tenant, query.unit(), today)
                        .orElseThrow(() -> new org.onedoor.organisation.UnknownUnit(query.unit(), today));
                if (!units.contains(one.id())) throw new AccessDenied(Permission.DOSSIER_READ);
                units = Set.of(one.id());
            }
            filter = new DossierStore.Filter(null, units.stream().map(UnitId::value).toList(), null, true, query.statuses(),
                    query.overdue(), now, false);
        }
        var calendar = calendars.workingCalendar(tenant);
        return store.list(tenant, filter, page).map(d -> {
            if (d.processedAt() != null || d.closed()) return new Item(d, Risk.DONE, null);
            if (d.pausedSince() != null) return new Item(d, Risk.PAUSED, null);
            if (d.legalDueAt() == null) return new Item(d, Risk.NOT_STARTED, null);
            var appointment = d.dueAt() == null ? d.legalDueAt() : d.dueAt();
            var remaining = left(calendar, now, appointment);
            var legalLeft = appointment.equals(d.legalDueAt()) ? remaining : left(calendar, now, d.legalDueAt());
            Risk risk = d.late() || now.isAfter(d.legalDueAt()) ? Risk.LATE
                    : legalLeft != null && d.legalMinutes() != null && legalLeft.toMinutes() < AT_RISK_SHARE * d.legalMinutes()
                    ? Risk.AT_RISK : Risk.ON_TRACK;
            return new Item(d, risk, remaining);
        });
    }

    /** Queues show at most this much overdue working time; a dossier later than that is simply late. */
    static final Duration LONGEST_SHOWN_DELAY = Duration.ofDays(62);

    /** Working time left until the instant, negative when past it, or null when it passed too long ago to count. */
    private static @Nullable Duration left(org.onedoor.calendar.WorkingCalendar calendar, Instant now, Instant due) {
        if (now.isAfter(due.plus(LONGEST_SHOWN_DELAY))) return null;
        return Deadlines.remaining(calendar, now, due);
    }

    /**
     * The public look-up: the dossier when {@code check} is the last four digits of the applicant's phone number;
     * empty otherwise, exactly as for a code that does not exist, so the answer tells nothing to a guesser.
     */
    @Transactional(readOnly = true)
    public Optional<Dossier> lookUp(TenantId tenant, String code, @Nullable String check) {
        if (check == null || !check.matches("\\d{4}")) return Optional.empty();
        return store.find(tenant, code).filter(d -> {
            var last = DossierStore.lastFour(d.applicant().phone());
            return last != null && java.security.MessageDigest.isEqual(last.getBytes(), check.getBytes());
        });
    }

    /**
     * Marks late every dossier whose legal due instant passed before the end of processing, and tells the other
     * modules (DeadlineMissed); run every minute for every city, and callable for one.
     */
    @Transactional
    public int markLate(TenantId tenant) {
        var now = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        var overdue = store.markLate(tenant, now);
        for (var o : overdue) {
            audit.record(new AuditRecord(tenant.value(), "system", null, null, "dossier.overdue", "dossier", o.code(), null,
                    null, AuditRecord.Outcome.SUCCESS, null, "late", Map.of("legalDueAt", o.legalDueAt().toString())));
            events.publishEvent(new DossierEvents.DeadlineMissed(tenant.value(), o.id(), o.code(), o.ownerUnit(),
                    o.ownerAccount(), o.legalDueAt(), o.apologies() > 0, now));
        }
        return overdue.size();
    }

    /** Every {@code onedoor.dossier.overdue-sweep} (1 minute), first after one period. */
    @Scheduled(fixedDelayString = "${onedoor.dossier.overdue-sweep:PT1M}", initialDelayString = "${onedoor.dossier.overdue-sweep:PT1M}")
    void sweep() {
        var marked = new ArrayList<String>();
        for (var tenant : directory.tenants()) {
            var n = markLate(tenant.id());
            if (n > 0) marked.add(tenant.id().value() + ": " + n);
        }
        if (!marked.isEmpty()) org.slf4j.LoggerFactory.getLogger(WorkQueues.class).info("Dossiers now late: {}", marked);
    }

}
