package org.onedoor.dossier;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.onedoor.audit.AuditRecord;
import org.onedoor.audit.AuditTrail;
import org.onedoor.calendar.Calendars;
import org.onedoor.calendar.Deadlines;
import org.onedoor.calendar.TimeLimit;
import org.onedoor.calendar.WorkingCalendar;
import org.onedoor.dossier.Dossier.State;
import org.onedoor.identity.AccessDenied;
import org.onedoor.identity.AccessPolicy;
import org.onedoor.identity.CurrentUser;
import org.onedoor.identity.Grants;
import org.onedoor.identity.Permission;
import org.onedoor.organisation.OrganisationDirectory;
import org.onedoor.organisation.Tenant;
import org.onedoor.organisation.Unit;
import org.onedoor.organisation.UnitId;
import org.onedoor.procedure.ProcedureDefinition;
import org.onedoor.procedure.ProcedureDefinition.Channel;
import org.onedoor.procedure.Procedures;
import org.onedoor.procedure.Workflow;
import org.onedoor.shared.Problem;
import org.onedoor.shared.SearchText;
import org.onedoor.shared.TenantId;
import org.onedoor.shared.TimeOrderedIds;
import org.onedoor.shared.Violation;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The one-stop shop's engine: receives dossiers at a counter or online, runs each through the workflow of the
 * procedure version in force when it was submitted, and keeps one accountable owner — a unit and a person — at every
 * moment (ADR 0022). Every action is checked against the caller's grants on the owning unit and against the owner,
 * stored only if the dossier still has the version the caller read, and written with its hand-over line, its audit
 * record and its events in one transaction.
 */
@Service
public class Dossiers {

    private static final DateTimeFormatter CODE_DAY = DateTimeFormatter.ofPattern("yyMMdd");

    private final DossierStore store;
    private final ObligationStore obligations;
    private final Procedures procedures;
    private final OrganisationDirectory directory;
    private final Calendars calendars;
    private final AccessPolicy access;
    private final Grants grants;
    private final AuditTrail audit;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    /** Published procedure versions never change, so each is parsed once. */
    private final Map<UUID, ProcedureDefinition> definitions = new ConcurrentHashMap<>();
    private final Map<String, Tenant> tenants = new ConcurrentHashMap<>();

    Dossiers(DossierStore store, ObligationStore obligations, Procedures procedures, OrganisationDirectory directory, Calendars calendars,
             AccessPolicy access, Grants grants, AuditTrail audit, ApplicationEventPublisher events, Clock clock) {
        this.store = store;
        this.obligations = obligations;
        this.procedures = procedures;
        this.directory = directory;
        this.calendars = calendars;
        this.access = access;
        this.grants = grants;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
    }

    // ---- requests -------------------------------------------------------------------------------------------------

    /**
     * A dossier handed in. Online, by a citizen: it waits for the completeness check (status 1). At a counter or by
     * post, by a clerk: the check is made on the spot and {@code outcome} says how it ended — ACCEPT (the default;
     * received, status 2), REQUEST_SUPPLEMENT with the complete list of {@code items}, or REFUSE with a reason.
     *
     * @param receptionPoint a clerk's counter unit (default: the unit the clerk belongs to)
     * @param receivingUnit  online: the unit the dossier is sent to (default: the competent unit)
     * @param competentUnit  the deciding authority (default: the receiving unit)
     * @param timeLimit      the time limit a clerk sets for a procedure whose legal time has no known unit
     */
    public record Submission(String procedureCode, @Nullable Channel channel, Dossier.Applicant applicant,
                             List<Dossier.Component> components, @Nullable String receptionPoint,
                             @Nullable String receivingUnit, @Nullable String competentUnit,
                             Dossier.@Nullable Delivery resultDelivery, @Nullable TimeLimit timeLimit,
                             @Nullable DossierAction outcome, @Nullable String reason, List<String> items) {
        public Submission {
            components = components == null ? List.of() : List.copyOf(components);
            items = items == null ? List.of() : List.copyOf(items);
        }
    }

    /**
     * An action on a dossier.
     *
     * @param to         the person (user name or account id) to hand it to; by default the one who last held the
     *                   target step, else the holder of the step's role in the unit with the fewest open dossiers
     * @param step       the target step, when the current step allows the action towards several
     * @param items      the complete list of papers a supplement request asks for
     * @param components the papers a supplement brings
     * @param newDueAt   an apology's new appointment
     * @param timeLimit  acceptance of a procedure whose legal time has no known unit: the limit the clerk sets
     * @param amount     a financial obligation's amount in the city's currency (default: the procedure's fee on the
     *                   dossier's channel, when the catalogue states one)
     */
    public record Command(DossierAction action, @Nullable String to, @Nullable String step, @Nullable String reason,
                          List<String> items, List<Dossier.Component> components, @Nullable Instant newDueAt,
                          @Nullable TimeLimit timeLimit, @Nullable Long amount) {
        public Command {
            if (action == null) throw new IllegalArgumentException("A command names its action");
            items = items == null ? List.of() : List.copyOf(items);
            components = components == null ? List.of() : List.copyOf(components);
        }

        /** An action that asks for no money. */
        public Command(DossierAction action, @Nullable String to, @Nullable String step, @Nullable String reason,
                       List<String> items, List<Dossier.Component> components, @Nullable Instant newDueAt,
                       @Nullable TimeLimit timeLimit) {
            this(action, to, step, reason, items, components, newDueAt, timeLimit, null);
        }
    }

    // ---- problems -------------------------------------------------------------------------------------------------

    public static class UnknownDossier extends Problem {
        public UnknownDossier(String code) {
            super("dossier-not-found", Kind.NOT_FOUND, code);
        }
    }

    /** The request breaks rules; every one is listed. */
    public static class Refused extends Problem {
        public Refused(List<Violation> violations) {
            super("dossier-refused", Kind.UNPROCESSABLE, violations);
        }
    }

    /** The caller read an older version of the dossier. */
    public static class StaleVersion extends Problem {
        public StaleVersion(String code, int current) {
            super("dossier-stale", Kind.PRECONDITION_FAILED, code, current);
        }
    }

    /** Another action on the same dossier was stored first; nothing was changed. */
    public static class ConcurrentAction extends Problem {
        public ConcurrentAction(String code) {
            super("dossier-conflict", Kind.CONFLICT, code);
        }
    }

    /** The action is not one the dossier allows where it is now. */
    public static class ActionNotAllowed extends Problem {
        public ActionNotAllowed(DossierAction action, int statusCode, @Nullable String step) {
            super("action-not-allowed", Kind.CONFLICT, action.name(), statusCode, step == null ? "—" : step);
        }
    }

    /** Nobody holds the role the next step needs in its unit: an administrator must grant it first. */
    public static class NoHolder extends Problem {
        public NoHolder(String role, String unit) {
            super("no-holder", Kind.CONFLICT, role, unit);
        }
    }

    // ---- reception ------------------------------------------------------------------------------------------------

    /** Receives a dossier (see {@link Submission}); the caller is the citizen submitting online or the clerk. */
    @Transactional
    public Dossier submit(CurrentUser user, TenantId tenant, Submission s, @Nullable String clientAddress) {
        var city = city(tenant);
        var now = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        var today = now.atZone(city.timeZone()).toLocalDate();
        if (!user.tenant().equals(tenant.value())) throw new AccessDenied(Permission.DOSSIER_SUBMIT);
        var violations = new ArrayList<Violation>();
        var staff = user.isStaff();
        var channel = s.channel() != null ? s.channel() : staff ? Channel.DIRECT : Channel.ONLINE;
        if (!staff && channel != Channel.ONLINE) violations.add(Violation.of("dossier-channel-citizen", "/channel"));
        if (staff && channel == Channel.ONLINE) violations.add(Violation.of("dossier-channel-staff", "/channel"));
        if (!staff && !access.citizenMay(user, Permission.DOSSIER_SUBMIT, tenant)) throw new AccessDenied(Permission.DOSSIER_SUBMIT);
        var versionId = s.procedureCode() == null ? null : procedures.idInForce(tenant, s.procedureCode(), today).orElse(null);
        if (versionId == null) {
            violations.add(Violation.of("procedure-not-in-force", "/procedureCode", String.valueOf(s.procedureCode())));
            throw new Refused(violations);
        }
        var procedure = definition(versionId);
        if (channel == Channel.ONLINE && procedure.onlineLevel() == ProcedureDefinition.OnlineLevel.NONE) {
            violations.add(Violation.of("dossier-not-online", "/channel", procedure.code()));
        }
        if (!procedure.channels().isEmpty() && procedure.channels().stream().noneMatch(c -> c.channel() == channel)) {
            violations.add(Violation.of("dossier-channel-not-offered", "/channel", channel.name()));
        }
        checkApplicant(s.applicant(), violations);
        checkComponents(s.components(), "/components", violations);

        // the three organisation references
        Unit receptionPoint;
        if (staff) {
            receptionPoint = s.receptionPoint() != null ? unit(tenant, s.receptionPoint(), today, "/receptionPoint", violations)
                    : user.unitId() == null ? null : directory.unitOn(tenant, user.unitId(), today).orElse(null);
            if (receptionPoint == null && s.receptionPoint() == null) violations.add(Violation.of("dossier-required", "/receptionPoint"));
        } else {
            var named = s.receivingUnit() != null ? s.receivingUnit() : s.competentUnit();
            receptionPoint = named == null ? null : unit(tenant, named, today, "/receivingUnit", violations);
            if (named == null) violations.add(Violation.of("dossier-required", "/receivingUnit"));
        }
        var competent = s.competentUnit() != null ? unit(tenant, s.competentUnit(), today, "/competentUnit", violations)
                : receptionPoint;
        if (competent != null && !procedure.competentUnitTypes().isEmpty()
                && !procedure.competentUnitTypes().contains(competent.type().name())) {
            violations.add(Violation.of("dossier-competent-type", "/competentUnit", competent.code(),
                    String.join(", ", procedure.competentUnitTypes())));
        }
        if (receptionPoint != null && competent != null && !procedure.boundaryFree()
                && !receptionPoint.id().equals(competent.id()) && !receptionPoint.type().name().startsWith("SERVICE_CENTRE")) {
            violations.add(Violation.of("dossier-not-boundary-free", "/receptionPoint", procedure.code(), competent.code()));
        }
        var outcome = staff ? (s.outcome() == null ? DossierAction.ACCEPT : s.outcome()) : null;
        if (!staff && s.outcome() != null) violations.add(Violation.of("dossier-outcome-staff", "/outcome"));
        if (outcome != null && !EnumSet.of(DossierAction.ACCEPT, DossierAction.REQUEST_SUPPLEMENT, DossierAction.REFUSE).contains(outcome)) {
            violations.add(Violation.of("dossier-outcome", "/outcome", outcome.name()));
        }
        if (outcome == DossierAction.ACCEPT || !staff) missingComponents(procedure, s.components(), violations);
        if (outcome == DossierAction.ACCEPT && legalLimit(procedure, channel) == null && s.timeLimit() == null) {
            violations.add(Violation.of("dossier-time-limit-unknown", "/timeLimit", procedure.code()));
        }
        if (!violations.isEmpty()) throw new Refused(violations);
        Objects.requireNonNull(receptionPoint);
        Objects.requireNonNull(competent);
        if (staff) access.require(user, Permission.DOSSIER_RECEIVE, tenant, receptionPoint.id());

        var receiving = codeBearer(tenant, receptionPoint, today);
        var seq = store.nextSequence(tenant, receiving.id(), today);
        var code = (receiving.identifier() != null ? receiving.identifier() : receiving.code()) + "-" + today.format(CODE_DAY)
                + "-" + String.format("%04d", seq);
        var first = procedure.workflow().steps().getFirst();
        var owner = staff ? new Owner(receptionPoint.id(), user.accountId(), user.displayName())
                : holder(tenant, receptionPoint, first.role(), null, null);
        var digitised = !s.components().isEmpty() && s.components().stream().allMatch(Dossier.Component::digitised);
        var submitted = new Dossier(org.onedoor.shared.TimeOrderedIds.at(now), tenant.value(), code, 1, procedure.code(), versionId, channel,
                State.SUBMITTED, 1, null, receptionPoint.id(), receiving.id(), competent.id(), owner.unit(), owner.account(),
                owner.name(), staff ? null : user.accountId(), s.applicant(), s.components(), null,
                s.resultDelivery() != null ? s.resultDelivery() : channel == Channel.ONLINE ? Dossier.Delivery.ONLINE
                        : Dossier.Delivery.COUNTER, now, null, null, null, null, null, null, null, null, List.of(), 0, 0,
                false, null, null, null, new Dossier.Flags(digitised, false, false, false));
        if (!staff) {
            store.insert(submitted);
            var line = new Handover(1, now, "SUBMIT", null, null, 1, user.accountId(), s.applicant().name(), null,
                    owner.account(), owner.name(), owner.unit().value(), null, null, null, List.of(), null);
            store.insertHandover(tenant.value(), submitted.id(), 1, line);
            record(user, clientAddress, "dossier.submit", submitted, null, Map.of("procedure", procedure.code()));
            events.publishEvent(new DossierEvents.DossierSubmitted(tenant.value(), submitted.id(), code, procedure.code(),
                    receiving.id().value(), user.accountId(), now));
            return submitted;
        }
        // at the counter the completeness check is made at once: one row, one line
        var command = new Command(outcome, null, null, s.reason(), s.items(), List.of(), null, s.timeLimit(), null);
        var change = transition(submitted, command, user, new Reach(user, tenant), city, now, true);
        var received = change.next().withVersion(1);
        store.insert(received);
        store.insertHandover(tenant.value(), received.id(), 1, change.line());
        record(user, clientAddress, "dossier." + change.auditVerb(), received, null, Map.of("procedure", procedure.code(),
                "channel", channel.name()));
        change.events().forEach(events::publishEvent);
        return received;
    }

    // ---- actions --------------------------------------------------------------------------------------------------

    /**
     * Takes an action on the dossier the caller read at {@code expectedVersion}: stale → 412, another action stored
     * first → 409, an action the dossier does not allow now → 409, a caller who may not → 403; in every such case
     * nothing changes.
     */
    @Transactional
    public Dossier act(CurrentUser user, TenantId tenant, String code, int expectedVersion, Command command,
                       @Nullable String clientAddress) {
        var city = city(tenant);
        var dossier = store.find(tenant, code).orElseThrow(() -> new UnknownDossier(code));
        var reach = new Reach(user, tenant);
        requireVisible(user, reach, dossier);
        if (dossier.version() != expectedVersion) throw new StaleVersion(code, dossier.version());
        var now = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        var change = transition(dossier, command, user, reach, city, now, false);
        var next = change.next().withVersion(dossier.version() + 1);
        if (!store.advance(next, expectedVersion, change.line())) throw new ConcurrentAction(code);
        keep(tenant, change, user, null);
        record(user, clientAddress, "dossier." + change.auditVerb(), next, dossier, Map.of());
        change.events().forEach(events::publishEvent);
        return next;
    }

    /** The dossier, if the caller may see it: its applicant, or staff who may read dossiers of a unit it concerns. */
    @Transactional(readOnly = true)
    public Dossier read(CurrentUser user, TenantId tenant, String code) {
        var dossier = store.find(tenant, code).orElseThrow(() -> new UnknownDossier(code));
        requireVisible(user, new Reach(user, tenant), dossier);
        return dossier;
    }

    /** The most lines a tracking book (form 06) holds: a larger period is asked for in parts. */
    public static final int TRACKING_BOOK_LIMIT = 5_000;

    /** The period of a tracking book is too long to list at once. */
    public static class PeriodTooLarge extends Problem {
        public PeriodTooLarge(int limit) {
            super("dossier-period-too-large", Kind.UNPROCESSABLE, limit);
        }
    }

    /**
     * The dossiers a reception point received from {@code from} to {@code to} (local days of the tenant, both included),
     * in order of reception: its tracking book (form 06). The caller must read the unit's dossiers.
     */
    @Transactional(readOnly = true)
    public List<Dossier> receivedBy(CurrentUser user, TenantId tenant, UnitId unit, LocalDate from, LocalDate to) {
        if (!user.tenant().equals(tenant.value()) || !new Reach(user, tenant).has(Permission.DOSSIER_READ, unit)) {
            throw new AccessDenied(Permission.DOSSIER_READ);
        }
        var zone = city(tenant).timeZone();
        var found = store.receivedAt(tenant, unit.value(), from.atStartOfDay(zone).toInstant(),
                to.plusDays(1).atStartOfDay(zone).toInstant(), TRACKING_BOOK_LIMIT + 1);
        if (found.size() > TRACKING_BOOK_LIMIT) throw new PeriodTooLarge(TRACKING_BOOK_LIMIT);
        return found;
    }

    @Transactional(readOnly = true)
    public List<Handover> timeline(Dossier dossier) {
        return store.timeline(new TenantId(dossier.tenant()), dossier.id());
    }

    /** The procedure version the dossier follows. */
    public ProcedureDefinition procedure(Dossier dossier) {
        return definition(dossier.procedureVersion());
    }

    /** The applicant's ID number masked for a staff member who may see the dossier (e.g. {@code 0010******45}). */
    @Transactional(readOnly = true)
    public @Nullable String maskedIdNumber(Dossier dossier) {
        return store.applicantId(new TenantId(dossier.tenant()), dossier.id())
                .map(org.onedoor.platform.PersonalDataProtection::mask).orElse(null);
    }

    /** The actions the caller could take on the dossier now. */
    @Transactional(readOnly = true)
    public List<DossierAction> allowed(CurrentUser user, Dossier dossier) {
        var allowed = new ArrayList<DossierAction>();
        if (dossier.closed()) return allowed;
        var procedure = definition(dossier.procedureVersion());
        var step = dossier.stepKey() == null ? null : procedure.workflow().step(dossier.stepKey()).orElse(null);
        var tenant = new TenantId(dossier.tenant());
        var reach = new Reach(user, tenant);
        for (var action : DossierAction.values()) {
            if (!possible(dossier, step, action)) continue;
            if (permitted(user, tenant, reach, dossier, action)) allowed.add(action);
        }
        return allowed;
    }

    // ---- the engine -----------------------------------------------------------------------------------------------

    /** The next state of a dossier, the line it adds to its history, and what to tell other modules. */
    record Change(Dossier next, Handover line, List<Object> events, String auditVerb, @Nullable Obligation obligation) {
    }

    private record Owner(UnitId unit, UUID account, String name) {
    }

    /** Whether the action fits where the dossier is now (the workflow's step and the state), whoever asks. */
    static boolean possible(Dossier d, Workflow.@Nullable Step step, DossierAction action) {
        if (d.closed()) return false;
        return switch (action) {
            case ACCEPT -> d.state() == State.SUBMITTED;
            case REFUSE -> d.state() == State.SUBMITTED || d.state() == State.AT_STEP && offers(step, action);
            case REQUEST_SUPPLEMENT -> d.state() == State.SUBMITTED || d.state() == State.AT_STEP && offers(step, action);
            case SUPPLEMENT -> d.state() == State.WAITING_SUPPLEMENT;
            case PAY -> d.state() == State.WAITING_PAYMENT;
            case WITHDRAW -> true;
            case APOLOGISE -> d.received() && d.processedAt() == null;
            case ASSIGN -> true;
            default -> d.state() == State.AT_STEP && offers(step, action);
        };
    }

    private static boolean offers(Workflow.@Nullable Step step, DossierAction action) {
        var wanted = action.workflowAction();
        return step != null && wanted != null && step.actions().stream().anyMatch(t -> t.action() == wanted);
    }

    /** Whether the caller may take the action on the dossier: by permission on the owning unit and as its owner. */
    private boolean permitted(CurrentUser user, TenantId tenant, Reach reach, Dossier d, DossierAction action) {
        if (!user.isStaff()) {
            // an applicant pays through a payment provider, never by saying so (settleOnline)
            return action.applicants() && action != DossierAction.PAY && user.accountId().equals(d.applicantAccount())
                    && access.citizenMay(user, Permission.DOSSIER_OWN, tenant);
        }
        if (action == DossierAction.ASSIGN) return reach.has(Permission.DOSSIER_ASSIGN, d.ownerUnit());
        var owner = user.accountId().equals(d.ownerAccount());
        if (action.applicants()) {
            // on the applicant's behalf: the owner, or a clerk of the counter that received it
            return owner && reach.has(Permission.DOSSIER_READ, d.ownerUnit())
                    || reach.has(Permission.DOSSIER_RECEIVE, d.receptionPoint());
        }
        if (!owner) return false;
        return switch (action) {
            case ACCEPT, REFUSE, RETURN_RESULT -> reach.has(Permission.DOSSIER_RECEIVE, d.ownerUnit());
            case APPROVE -> reach.has(Permission.DOSSIER_DECIDE, d.ownerUnit());
            default -> reach.has(Permission.DOSSIER_RECEIVE, d.ownerUnit())
                    || reach.has(Permission.DOSSIER_PROCESS, d.ownerUnit());
        };
    }

    private Change transition(Dossier d, Command c, CurrentUser user, Reach reach, Tenant city, Instant now, boolean atCounter) {
        var tenant = city.id();
        var procedure = definition(d.procedureVersion());
        var workflow = procedure.workflow();
        var step = d.stepKey() == null ? null : workflow.step(d.stepKey()).orElse(null);
        if (!possible(d, step, c.action())) throw new ActionNotAllowed(c.action(), d.statusCode(), d.stepKey());
        if (!atCounter && !permitted(user, tenant, reach, d, c.action())) throw new AccessDenied(c.action().name());
        var violations = new ArrayList<Violation>();
        var actorName = user.isStaff() ? user.displayName() : d.applicant().name();
        var today = now.atZone(city.timeZone()).toLocalDate();
        var b = new Builder(d);
        String verb = c.action().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        List<Object> published = new ArrayList<>();
        Obligation obligation = null;
        Handover line;
        switch (c.action()) {
            case ACCEPT -> {
                var limit = c.timeLimit() != null ? c.timeLimit() : legalLimit(procedure, d.channel());
                if (limit == null) violations.add(Violation.of("dossier-time-limit-unknown", "/timeLimit", procedure.code()));
                fail(violations);
                Objects.requireNonNull(limit);
                var calendar = calendars.workingCalendar(tenant);
                var due = Deadlines.due(calendar, now, limit);
                var minutes = Deadlines.workingTime(calendar, Deadlines.startOfCounting(calendar, now).isAfter(due) ? due
                        : Deadlines.startOfCounting(calendar, now), due).toMinutes();
                var first = workflow.steps().getFirst();
                b.state = State.AT_STEP;
                b.statusCode = first.statusCode();
                b.stepKey = first.key();
                b.timeLimit = limit;
                b.receivedAt = now;
                b.dueAt = due;
                b.legalDueAt = due;
                b.legalMinutes = (int) Math.min(Integer.MAX_VALUE, minutes);
                b.stepStartedAt = now;
                b.stepDueAt = stepDue(calendar, now, first.allotment(), b.legalMinutes);
                b.owner(d.ownerUnit(), user.accountId(), user.displayName());
                verb = atCounter ? "receive" : "accept";
                line = new Handover(0, now, atCounter ? "RECEIVE" : "ACCEPT", null, first.key(), b.statusCode,
                        d.applicantAccount(), d.applicant().name(), null, user.accountId(), user.displayName(),
                        d.ownerUnit().value(), null, null, null, List.of(), due);
                published.add(new DossierEvents.DossierReceived(tenant.value(), d.id(), d.code(), d.procedureCode(),
                        d.channel().name(), d.receptionPoint().value(), d.receivingUnit().value(), d.competentUnit().value(),
                        d.applicantAccount(), now, due));
            }
            case FORWARD, SEND_BACK, PROPOSE, APPROVE, TRANSFER -> {
                var wanted = c.action().workflowAction();
                var candidates = Objects.requireNonNull(step).actions().stream()
                        .filter(t -> t.action() == wanted && (c.step() == null || c.step().equals(t.to()))).toList();
                if (candidates.isEmpty()) violations.add(Violation.of("dossier-step-unknown", "/step", String.valueOf(c.step())));
                if (candidates.size() > 1) violations.add(Violation.of("dossier-step-ambiguous", "/step",
                        String.join(", ", candidates.stream().map(t -> String.valueOf(t.to())).toList())));
                fail(violations);
                var target = workflow.step(Objects.requireNonNull(candidates.getFirst().to())).orElseThrow();
                var unit = stepUnit(d, workflow, target, today, 0);
                var owner = holder(city.id(), unit, target.role(), c.to(), d);
                var calendar = calendars.workingCalendar(tenant);
                var result = stepResult(d, now, city);
                b.statusCode = target.statusCode();
                b.stepKey = target.key();
                b.owner(owner.unit(), owner.account(), owner.name());
                b.stepStartedAt = now;
                b.stepDueAt = stepDue(calendar, now, target.allotment(), d.legalMinutes());
                line = new Handover(0, now, c.action().name(), step.key(), target.key(), b.statusCode, user.accountId(),
                        actorName, d.ownerUnit().value(), owner.account(), owner.name(), owner.unit().value(), d.stepDueAt(),
                        result, c.reason(), List.of(), null);
                published.add(new DossierEvents.StepHandedOver(tenant.value(), d.id(), d.code(), c.action().name(), step.key(),
                        target.key(), user.accountId(), owner.account(), owner.unit().value(), result, now));
                if (target.statusCode() == 9 && d.processedAt() == null) {
                    b.processedAt = now;
                    b.late = d.late() || d.legalDueAt() != null && now.isAfter(d.legalDueAt());
                    published.add(new DossierEvents.ResultReady(tenant.value(), d.id(), d.code(), d.applicantAccount(), b.late, now));
                }
            }
            case REQUEST_SUPPLEMENT -> {
                var items = c.items().stream().filter(i -> i != null && !i.isBlank()).map(String::strip).toList();
                if (items.isEmpty()) violations.add(Violation.of("dossier-items-required", "/items"));
                fail(violations);
                b.state = State.WAITING_SUPPLEMENT;
                b.statusCode = 5;
                b.pausedSince = now;
                b.pausedFrom = d.state();
                b.supplementRequests = d.supplementRequests() + 1;
                // Decision 766, indicator 2.1: a second request for papers after reception counts the dossier late
                if (d.received() && b.supplementRequests > 1) b.late = true;
                line = new Handover(0, now, c.action().name(), d.stepKey(), d.stepKey(), 5, user.accountId(), actorName,
                        d.ownerUnit().value(), d.applicantAccount(), d.applicant().name(), null, d.stepDueAt(), null,
                        c.reason(), items, null);
                published.add(new DossierEvents.SupplementRequested(tenant.value(), d.id(), d.code(), d.applicantAccount(),
                        items, c.reason() == null ? "" : c.reason(), now));
            }
            case SUPPLEMENT -> {
                checkComponents(c.components(), "/components", violations);
                fail(violations);
                var back = Objects.requireNonNull(d.pausedFrom());
                b.state = back;
                b.statusCode = back == State.SUBMITTED ? 1 : Objects.requireNonNull(step).statusCode();
                b.pausedSince = null;
                b.pausedFrom = null;
                var components = new ArrayList<>(d.components());
                components.addAll(c.components());
                b.components = components;
                b.digitised = !components.isEmpty() && components.stream().allMatch(Dossier.Component::digitised);
                var since = Objects.requireNonNull(d.pausedSince());
                if (d.received()) {
                    var calendar = calendars.workingCalendar(tenant);
                    var pauses = new ArrayList<>(d.pauses());
                    pauses.add(new Deadlines.Pause(since, now));
                    b.pauses = pauses;
                    var legal = Deadlines.due(calendar, Objects.requireNonNull(d.receivedAt()), Objects.requireNonNull(d.timeLimit()), pauses);
                    var stopped = Deadlines.workingTime(calendar, since, now);
                    b.legalDueAt = legal;
                    b.dueAt = d.apologies() == 0 ? legal : shifted(calendar, d.dueAt(), since, stopped);
                    b.stepDueAt = shifted(calendar, d.stepDueAt(), since, stopped);
                }
                line = new Handover(0, now, c.action().name(), d.stepKey(), d.stepKey(), b.statusCode,
                        user.isStaff() ? user.accountId() : d.applicantAccount(), actorName, null, d.ownerAccount(),
                        d.ownerName(), d.ownerUnit().value(), null, null, c.reason(),
                        c.components().stream().map(Dossier.Component::name).toList(), b.dueAt);
                published.add(new DossierEvents.SupplementReceived(tenant.value(), d.id(), d.code(), b.dueAt, now));
            }
            case REQUEST_FINANCIAL_OBLIGATION -> {
                var amount = c.amount() != null ? c.amount() : statedFee(procedure, d.channel(), city);
                if (amount == null) violations.add(Violation.of("dossier-amount-required", "/amount"));
                else if (amount <= 0 || amount > MAX_AMOUNT) violations.add(Violation.of("dossier-amount-range", "/amount", MAX_AMOUNT));
                fail(violations);
                obligation = new Obligation(TimeOrderedIds.at(now), d.id(), Objects.requireNonNull(amount), city.currency(),
                        c.reason(), now, null, null, null);
                b.state = State.WAITING_PAYMENT;
                b.statusCode = 6;
                b.pausedFrom = State.AT_STEP;
                line = new Handover(0, now, c.action().name(), d.stepKey(), d.stepKey(), 6, user.accountId(), actorName,
                        d.ownerUnit().value(), d.applicantAccount(), d.applicant().name(), null, d.stepDueAt(), null,
                        c.reason(), c.items(), null);
                published.add(new DossierEvents.FinancialObligationRequested(tenant.value(), d.id(), d.code(),
                        d.applicantAccount(), c.reason() == null ? "" : c.reason(), obligation.amount(),
                        city.currency().getCurrencyCode(), now));
            }
            case PAY -> {
                // settled at the counter by staff, or online through the payment module (settleOnline)
                obligation = new Obligation(TimeOrderedIds.at(now), d.id(), 0, city.currency(), null, now, now,
                        !user.isStaff(), c.reason());
                b.state = State.AT_STEP;
                b.statusCode = Objects.requireNonNull(step).statusCode();
                b.pausedFrom = null;
                b.paidOnline = d.flags().paidOnline() || !user.isStaff();
                line = new Handover(0, now, c.action().name(), d.stepKey(), d.stepKey(), b.statusCode,
                        user.isStaff() ? user.accountId() : d.applicantAccount(), actorName, null, d.ownerAccount(),
                        d.ownerName(), d.ownerUnit().value(), null, null, c.reason(), List.of(), null);
            }
            case REFUSE, STOP, WITHDRAW -> {
                var reason = c.reason() == null ? "" : c.reason().strip();
                if (reason.isEmpty() && c.action() != DossierAction.WITHDRAW) violations.add(Violation.of("dossier-reason-required", "/reason"));
                fail(violations);
                b.state = switch (c.action()) {
                    case REFUSE -> State.REFUSED;
                    case STOP -> State.STOPPED;
                    default -> State.WITHDRAWN;
                };
                b.statusCode = switch (c.action()) {
                    case REFUSE -> 3;
                    case STOP -> 8;
                    default -> 7;
                };
                b.pausedSince = null;
                b.pausedFrom = null;
                if (d.processedAt() == null) b.processedAt = now;
                b.closedAt = now;
                var result = d.state() == State.AT_STEP ? stepResult(d, now, city) : null;
                line = new Handover(0, now, c.action().name(), d.stepKey(), null, b.statusCode,
                        user.isStaff() ? user.accountId() : d.applicantAccount(), actorName,
                        user.isStaff() ? d.ownerUnit().value() : null, null, null, null, d.stepDueAt(), result, reason,
                        c.items(), null);
                published.add(new DossierEvents.DossierEnded(tenant.value(), d.id(), d.code(), b.statusCode,
                        d.applicantAccount(), reason, now));
            }
            case RETURN_RESULT -> {
                b.state = State.RETURNED;
                b.statusCode = 10;
                b.returnedAt = now;
                b.closedAt = now;
                if (d.processedAt() == null) {
                    b.processedAt = now;
                    b.late = d.late() || d.legalDueAt() != null && now.isAfter(d.legalDueAt());
                }
                b.electronicResult = d.flags().electronicResult() || d.resultDelivery() == Dossier.Delivery.ONLINE;
                var result = stepResult(d, now, city);
                line = new Handover(0, now, c.action().name(), d.stepKey(), null, 10, user.accountId(), actorName,
                        d.ownerUnit().value(), d.applicantAccount(), d.applicant().name(), null, d.stepDueAt(), result,
                        c.reason(), List.of(), null);
                published.add(new DossierEvents.ResultReturned(tenant.value(), d.id(), d.code(), b.late, now));
            }
            case APOLOGISE -> {
                var reason = c.reason() == null ? "" : c.reason().strip();
                if (reason.isEmpty()) violations.add(Violation.of("dossier-reason-required", "/reason"));
                var current = Objects.requireNonNull(d.dueAt());
                if (c.newDueAt() == null) violations.add(Violation.of("dossier-required", "/newDueAt"));
                else if (!c.newDueAt().isAfter(current) || !c.newDueAt().isAfter(now)) {
                    violations.add(Violation.of("dossier-new-due-later", "/newDueAt", current.toString()));
                }
                fail(violations);
                var afterDue = now.isAfter(Objects.requireNonNull(d.legalDueAt()));
                b.dueAt = c.newDueAt();
                b.apologies = d.apologies() + 1;
                line = new Handover(0, now, c.action().name(), d.stepKey(), d.stepKey(), d.statusCode(), user.accountId(),
                        actorName, d.ownerUnit().value(), d.applicantAccount(), d.applicant().name(), null, d.stepDueAt(),
                        null, reason, List.of(), c.newDueAt());
                published.add(new DossierEvents.ApologyIssued(tenant.value(), d.id(), d.code(), d.applicantAccount(), reason,
                        current, Objects.requireNonNull(c.newDueAt()), afterDue, now));
            }
            case ASSIGN -> {
                if (c.to() == null) violations.add(Violation.of("dossier-required", "/to"));
                fail(violations);
                var role = step != null ? step.role() : workflow.steps().getFirst().role();
                var unit = directory.unitOn(tenant, d.ownerUnit(), today).orElseThrow();
                var owner = holder(tenant, unit, role, c.to(), null);
                b.owner(owner.unit(), owner.account(), owner.name());
                line = new Handover(0, now, c.action().name(), d.stepKey(), d.stepKey(), d.statusCode(), d.ownerAccount(),
                        d.ownerName(), d.ownerUnit().value(), owner.account(), owner.name(), owner.unit().value(), d.stepDueAt(),
                        null, c.reason(), List.of(), null);
                published.add(new DossierEvents.StepHandedOver(tenant.value(), d.id(), d.code(), c.action().name(), d.stepKey(),
                        d.stepKey(), d.ownerAccount(), owner.account(), owner.unit().value(), null, now));
            }
            default -> throw new ActionNotAllowed(c.action(), d.statusCode(), d.stepKey());
        }
        return new Change(b.build(), line, published, verb, obligation);
    }

    private static void fail(List<Violation> violations) {
        if (!violations.isEmpty()) throw new Refused(violations);
    }

    /** How the dossier's current step went, as of now: early, on time or late against its allotment. */
    private static @Nullable String stepResult(Dossier d, Instant now, Tenant city) {
        return d.stepDueAt() == null ? null : Deadlines.classify(now, d.stepDueAt(), city.timeZone()).name();
    }

    /** A due instant moved by the working time the clock stood still, if the stop began before it. */
    private static @Nullable Instant shifted(WorkingCalendar calendar, @Nullable Instant due, Instant stoppedAt, Duration stopped) {
        if (due == null || !stoppedAt.isBefore(due) || !stopped.isPositive()) return due;
        return Deadlines.afterWorkingTime(calendar, due, stopped);
    }

    /** When a step entered at {@code start} is due: its hours, or its share of the legal working time. */
    static @Nullable Instant stepDue(WorkingCalendar calendar, Instant start, Workflow.Allotment allotment,
                                     @Nullable Integer legalMinutes) {
        if (allotment.hours() != null) {
            return Deadlines.afterWorkingTime(calendar, start, Duration.ofMinutes(allotment.hours().multiply(
                    java.math.BigDecimal.valueOf(60)).longValue()));
        }
        if (allotment.share() == null || legalMinutes == null) return null;
        var minutes = allotment.share().multiply(java.math.BigDecimal.valueOf(legalMinutes))
                .setScale(0, java.math.RoundingMode.HALF_UP).longValue();
        return Deadlines.afterWorkingTime(calendar, start, Duration.ofMinutes(minutes));
    }

    /** The largest amount one obligation may ask for (10 billion in the city's currency). */
    public static final long MAX_AMOUNT = 10_000_000_000L;

    /** The fee the catalogue states for the channel, when it is a fixed amount in the city's currency. */
    public static @Nullable Long statedFee(ProcedureDefinition procedure, Channel channel, Tenant city) {
        return procedure.channels().stream().filter(t -> t.channel() == channel).map(ProcedureDefinition.ChannelTerms::fee)
                .filter(f -> f.kind() == ProcedureDefinition.Fee.FeeKind.AMOUNT && f.amount() != null && f.amount() > 0
                        && city.currency().getCurrencyCode().equals(f.currency()))
                .map(ProcedureDefinition.Fee::amount).findFirst().orElse(null);
    }

    /** Writes what the change does to the dossier's obligations, in the action's transaction. */
    private void keep(TenantId tenant, Change change, CurrentUser user, @Nullable UUID settling) {
        var o = change.obligation();
        if (o == null) return;
        if (o.open()) {
            obligations.request(tenant, o.dossierId(), o.amount(), o.currency(), o.note(), o.requestedAt(), user.accountId());
        } else if (!obligations.settle(tenant, o.dossierId(), settling, Objects.requireNonNull(o.settledAt()),
                user.accountId(), Boolean.TRUE.equals(o.online()), o.paymentRef()) && settling != null) {
            throw new ObligationSettled(change.next().code());
        }
    }

    /** The obligation a payment was for is no longer open (settled at the counter meanwhile, or replaced). */
    public static class ObligationSettled extends Problem {
        public ObligationSettled(String code) {
            super("dossier-obligation-settled", Kind.CONFLICT, code);
        }
    }

    /** The open financial obligation of a dossier the caller has read (only one waiting for payment has one). */
    @Transactional(readOnly = true)
    public Optional<Obligation> openObligation(Dossier dossier) {
        if (dossier.state() != State.WAITING_PAYMENT) return Optional.empty();
        return obligations.open(new TenantId(dossier.tenant()), dossier.id());
    }

    /** Every financial obligation of the dossier, oldest first, for whoever may see the dossier. */
    @Transactional(readOnly = true)
    public List<Obligation> obligations(CurrentUser user, TenantId tenant, String code) {
        return obligations.all(tenant, read(user, tenant, code).id());
    }

    /**
     * Records an online payment of the open obligation {@code obligation}, confirmed by a payment provider: the dossier
     * goes back to its step as if its applicant had paid (flag "paid online"). For the payment module only; it has
     * checked the provider's signature, the amount and the currency. Empty, and nothing changed, when that obligation
     * is no longer open (settled at the counter meanwhile) or the dossier no longer waits for payment.
     */
    @Transactional
    public Optional<Dossier> settleOnline(TenantId tenant, String code, UUID obligation, String paymentRef) {
        var city = city(tenant);
        var d = store.find(tenant, code).orElseThrow(() -> new UnknownDossier(code));
        var open = obligations.open(tenant, d.id());
        if (d.state() != State.WAITING_PAYMENT || open.isEmpty() || !open.get().id().equals(obligation) || d.applicantAccount() == null) {
            return Optional.empty();
        }
        var payer = new CurrentUser(d.applicantAccount(), tenant.value(), org.onedoor.identity.AccountKind.CITIZEN,
                "payment:" + paymentRef, d.applicant().name(), null);
        var now = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        var change = transition(d, new Command(DossierAction.PAY, null, null, paymentRef, List.of(), List.of(), null, null, null),
                payer, new Reach(payer, tenant), city, now, true);
        var next = change.next().withVersion(d.version() + 1);
        if (!store.advance(next, d.version(), change.line())) throw new ConcurrentAction(code);
        keep(tenant, change, payer, obligation);
        record(payer, null, "dossier.pay-online", next, d, Map.of("paymentRef", paymentRef));
        change.events().forEach(events::publishEvent);
        return Optional.of(next);
    }

    /** The legal time limit on the channel (or the procedure's), or null when its unit is not known. */
    static @Nullable TimeLimit legalLimit(ProcedureDefinition procedure, Channel channel) {
        var terms = procedure.channels().stream().filter(c -> c.channel() == channel && c.timeLimit() != null).findFirst();
        var legal = terms.isPresent() ? terms.get().timeLimit() : procedure.timeLimit();
        return legal == null ? null : legal.limit();
    }

    /** The unit a step is held in, for this dossier. */
    private Unit stepUnit(Dossier d, Workflow workflow, Workflow.Step step, LocalDate today, int depth) {
        var tenant = new TenantId(d.tenant());
        var selector = step.unit();
        return switch (selector.kind()) {
            case RECEIVING -> directory.unitOn(tenant, d.receptionPoint(), today).orElseThrow();
            case COMPETENT -> directory.unitOn(tenant, d.competentUnit(), today).orElseThrow();
            case NAMED -> directory.unitOn(tenant, Objects.requireNonNull(selector.unitCode()), today)
                    .orElseThrow(() -> new NoHolder(step.role(), selector.unitCode()));
            case PARENT_OF_STEP -> {
                if (depth > workflow.steps().size()) throw new NoHolder(step.role(), step.key());
                var below = stepUnit(d, workflow, workflow.step(Objects.requireNonNull(selector.step())).orElseThrow(), today, depth + 1);
                if (below.parentId() == null) throw new NoHolder(step.role(), below.code());
                yield directory.unitOn(tenant, below.parentId(), today).orElseThrow();
            }
        };
    }

    /**
     * Who takes the dossier in a unit for a role: the person asked for (who must hold the role there); else, of the
     * role's holders, the one who last received this dossier in this unit (continuity: one focal point); else the
     * holder with the fewest open dossiers; with nobody holding the role, the head of the unit, who answers for it.
     * Never nobody.
     */
    private Owner holder(TenantId tenant, Unit unit, String role, @Nullable String wanted, @Nullable Dossier dossier) {
        var holders = grants.holders(tenant, unit.id(), role);
        if (wanted != null) {
            var match = holders.stream().filter(h -> h.username().equals(wanted) || h.accountId().toString().equals(wanted)).findFirst();
            if (match.isEmpty()) throw new Refused(List.of(Violation.of("dossier-not-a-holder", "/to", wanted, role, unit.code())));
            return new Owner(unit.id(), match.get().accountId(), match.get().displayName());
        }
        if (holders.isEmpty()) holders = grants.holders(tenant, unit.id(), "UNIT_LEADER");
        if (holders.isEmpty()) throw new NoHolder(role, unit.code());
        if (holders.size() == 1) {
            return new Owner(unit.id(), holders.getFirst().accountId(), holders.getFirst().displayName());
        }
        var accounts = holders.stream().map(Grants.Holder::accountId).toList();
        if (dossier != null) {
            var earlier = store.lastReceiverAmong(tenant, dossier.id(), unit.id().value(), accounts);
            if (earlier.isPresent()) {
                var h = holders.stream().filter(x -> x.accountId().equals(earlier.get())).findFirst().orElseThrow();
                return new Owner(unit.id(), h.accountId(), h.displayName());
            }
        }
        var counts = store.openCounts(tenant, accounts);
        var least = holders.stream().min(Comparator.comparingInt((Grants.Holder h) -> counts.getOrDefault(h.accountId(), 0))
                .thenComparing(Grants.Holder::username)).orElseThrow();
        return new Owner(unit.id(), least.accountId(), least.displayName());
    }

    /** The unit whose identifier the code bears: the reception point or the nearest unit above it that has one. */
    private Unit codeBearer(TenantId tenant, Unit receptionPoint, LocalDate today) {
        if (receptionPoint.identifier() != null) return receptionPoint;
        var above = directory.ancestors(tenant, receptionPoint, today);
        for (int i = above.size() - 1; i >= 0; i--) {
            if (above.get(i).identifier() != null) return above.get(i);
        }
        return receptionPoint;
    }

    // ---- access ---------------------------------------------------------------------------------------------------

    /** The applicant sees their own dossier; staff see dossiers of the units they may read dossiers of. */
    private void requireVisible(CurrentUser user, Reach reach, Dossier d) {
        if (!visible(user, reach, d)) throw new AccessDenied(Permission.DOSSIER_READ);
    }

    boolean visible(CurrentUser user, Reach reach, Dossier d) {
        if (!user.tenant().equals(d.tenant())) return false;
        if (!user.isStaff()) return user.accountId().equals(d.applicantAccount());
        for (var unit : new java.util.LinkedHashSet<>(List.of(d.ownerUnit(), d.receptionPoint(), d.competentUnit(), d.receivingUnit()))) {
            if (reach.has(Permission.DOSSIER_READ, unit)) return true;
        }
        return false;
    }

    // ---- helpers --------------------------------------------------------------------------------------------------

    public Tenant city(TenantId tenant) {
        return tenants.computeIfAbsent(tenant.value(), directory::tenant);
    }

    public ProcedureDefinition definition(UUID version) {
        return definitions.computeIfAbsent(version, id -> procedures.version(id).orElseThrow().definition());
    }

    private @Nullable Unit unit(TenantId tenant, String code, LocalDate today, String pointer, List<Violation> violations) {
        var unit = directory.unitOn(tenant, code, today);
        if (unit.isEmpty()) violations.add(Violation.of("dossier-unit-unknown", pointer, code));
        return unit.orElse(null);
    }

    private static void checkApplicant(Dossier.@Nullable Applicant applicant, List<Violation> violations) {
        if (applicant == null) {
            violations.add(Violation.of("dossier-required", "/applicant/name"));
            return;
        }
        if (applicant.name() == null || applicant.name().isBlank()) violations.add(Violation.of("dossier-required", "/applicant/name"));
        else if (applicant.name().length() > 200) violations.add(Violation.of("dossier-too-long", "/applicant/name", 200));
        if (applicant.phone() != null) {
            var digits = applicant.phone().replaceAll("[\\s.+()-]", "");
            if (!digits.matches("\\d{8,15}")) violations.add(Violation.of("dossier-phone", "/applicant/phone"));
        }
        if (applicant.email() != null && !applicant.email().matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
            violations.add(Violation.of("dossier-email", "/applicant/email"));
        }
        if (applicant.idNumber() != null && !applicant.idNumber().matches("[0-9A-Za-z]{6,20}")) {
            violations.add(Violation.of("dossier-id-number", "/applicant/idNumber"));
        }
    }

    private static void checkComponents(List<Dossier.Component> components, String pointer, List<Violation> violations) {
        for (int i = 0; i < components.size(); i++) {
            var c = components.get(i);
            if (c == null || c.name() == null || c.name().isBlank()) violations.add(Violation.of("dossier-required", pointer + "/" + i + "/name"));
            else if (c.originals() < 0 || c.copies() < 0 || c.originals() + c.copies() > 100) {
                violations.add(Violation.of("dossier-component-count", pointer + "/" + i));
            }
        }
        if (components.size() > 100) violations.add(Violation.of("dossier-too-long", pointer, 100));
    }

    /** The mandatory papers of the procedure that the dossier lacks, each reported (the applicant is told at once). */
    private static void missingComponents(ProcedureDefinition procedure, List<Dossier.Component> given, List<Violation> violations) {
        var names = given.stream().filter(c -> c != null && c.name() != null).map(c -> SearchText.fold(c.name())).toList();
        for (var component : procedure.components()) {
            if (!component.mandatory()) continue;
            var name = component.name().in(java.util.Locale.of("vi"));
            if (!names.contains(SearchText.fold(name))) violations.add(Violation.of("dossier-component-missing", "/components", name));
        }
    }

    private void record(CurrentUser user, @Nullable String clientAddress, String action, Dossier d, @Nullable Dossier before,
                        Map<String, String> extra) {
        var details = new LinkedHashMap<String, String>(extra);
        details.put("status", String.valueOf(d.statusCode()));
        if (d.stepKey() != null) details.put("step", d.stepKey());
        details.put("owner", d.ownerAccount().toString());
        audit.record(new AuditRecord(d.tenant(), user.username(), user.unit() == null ? null : user.unit().toString(),
                clientAddress, action, "dossier", d.code(), d.applicantAccount() == null ? null : d.applicantAccount().toString(),
                d.procedureCode(), AuditRecord.Outcome.SUCCESS, before == null ? null : before.state() + "/" + before.statusCode(),
                d.state() + "/" + d.statusCode(), details));
    }

    /** What one caller may do, unit by unit, read once per unit for the length of one call. */
    private final class Reach {
        private final CurrentUser user;
        private final TenantId tenant;
        private final Map<UnitId, Set<String>> known = new java.util.HashMap<>();

        Reach(CurrentUser user, TenantId tenant) {
            this.user = user;
            this.tenant = tenant;
        }

        boolean has(String permission, UnitId unit) {
            return known.computeIfAbsent(unit, u -> access.permissionsOn(user, tenant, u)).contains(permission);
        }
    }

    /** A copy of a dossier with some fields changed: the engine's working state. */
    private static final class Builder {
        private final Dossier d;
        State state;
        int statusCode;
        @Nullable String stepKey;
        UnitId ownerUnit;
        UUID ownerAccount;
        String ownerName;
        List<Dossier.Component> components;
        @Nullable TimeLimit timeLimit;
        @Nullable Instant receivedAt, dueAt, legalDueAt, stepStartedAt, stepDueAt, pausedSince, processedAt, returnedAt, closedAt;
        @Nullable Integer legalMinutes;
        @Nullable State pausedFrom;
        List<Deadlines.Pause> pauses;
        int supplementRequests, apologies;
        boolean late, digitised, electronicResult, paidOnline;

        Builder(Dossier d) {
            this.d = d;
            state = d.state();
            statusCode = d.statusCode();
            stepKey = d.stepKey();
            ownerUnit = d.ownerUnit();
            ownerAccount = d.ownerAccount();
            ownerName = d.ownerName();
            components = d.components();
            timeLimit = d.timeLimit();
            receivedAt = d.receivedAt();
            dueAt = d.dueAt();
            legalDueAt = d.legalDueAt();
            legalMinutes = d.legalMinutes();
            stepStartedAt = d.stepStartedAt();
            stepDueAt = d.stepDueAt();
            pausedSince = d.pausedSince();
            pausedFrom = d.pausedFrom();
            pauses = d.pauses();
            supplementRequests = d.supplementRequests();
            apologies = d.apologies();
            late = d.late();
            processedAt = d.processedAt();
            returnedAt = d.returnedAt();
            closedAt = d.closedAt();
            digitised = d.flags().digitised();
            electronicResult = d.flags().electronicResult();
            paidOnline = d.flags().paidOnline();
        }

        void owner(UnitId unit, UUID account, String name) {
            ownerUnit = unit;
            ownerAccount = account;
            ownerName = name;
        }

        Dossier build() {
            return new Dossier(d.id(), d.tenant(), d.code(), d.version(), d.procedureCode(), d.procedureVersion(), d.channel(),
                    state, statusCode, stepKey, d.receptionPoint(), d.receivingUnit(), d.competentUnit(), ownerUnit, ownerAccount,
                    ownerName, d.applicantAccount(), d.applicant(), components, timeLimit, d.resultDelivery(), d.submittedAt(),
                    receivedAt, dueAt, legalDueAt, legalMinutes, stepStartedAt, stepDueAt, pausedSince, pausedFrom, pauses,
                    supplementRequests, apologies, late, processedAt, returnedAt, closedAt,
                    new Dossier.Flags(digitised, electronicResult, paidOnline, d.flags().identityVerified()));
        }
    }
}
