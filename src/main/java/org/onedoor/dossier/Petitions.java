package org.onedoor.dossier;

import java.text.Normalizer;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;
import org.onedoor.audit.AuditRecord;
import org.onedoor.audit.AuditTrail;
import org.onedoor.calendar.Calendars;
import org.onedoor.calendar.Deadlines;
import org.onedoor.calendar.TimeLimit;
import org.onedoor.identity.AccessDenied;
import org.onedoor.identity.AccessPolicy;
import org.onedoor.identity.CurrentUser;
import org.onedoor.identity.Grants;
import org.onedoor.identity.Permission;
import org.onedoor.organisation.OrganisationDirectory;
import org.onedoor.organisation.UnitId;
import org.onedoor.organisation.UnknownUnit;
import org.onedoor.shared.PageRequest;
import org.onedoor.shared.Problem;
import org.onedoor.shared.ResultPage;
import org.onedoor.shared.TenantId;
import org.onedoor.shared.TimeOrderedIds;
import org.onedoor.shared.Violation;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Petitions (phản ánh, kiến nghị) about a dossier: its applicant sends feedback on how it is handled or a
 * recommendation, at any status, and exactly one unit answers for it — the one focal point: the unit holding the dossier
 * when it is sent, or once the dossier has ended the reception point that returned it — with its head as the accountable
 * person, before a due instant counted in working days by the city's calendar ({@link PetitionSettings}: 15 working
 * days, Decision 766 indicator 5.2). Staff of that unit who may process dossiers list its petitions, overdue ones marked,
 * and one of them answers, once: the answer is final, audited with its author and time, and the applicant is told.
 */
@Service
public class Petitions {

    public static final int MAX_SUBJECT = 200;
    public static final int MAX_TEXT = 2000;
    public static final int MAX_ANSWER = 4000;
    /** The role whose holder answers for a unit's petitions. */
    static final String HEAD = "UNIT_LEADER";

    private final Dossiers dossiers;
    private final AccessPolicy access;
    private final Grants grants;
    private final Calendars calendars;
    private final OrganisationDirectory directory;
    private final JdbcClient jdbc;
    private final AuditTrail audit;
    private final ApplicationEventPublisher events;
    private final PetitionSettings settings;
    private final Clock clock;

    Petitions(Dossiers dossiers, AccessPolicy access, Grants grants, Calendars calendars, OrganisationDirectory directory,
              JdbcClient jdbc, AuditTrail audit, ApplicationEventPublisher events, PetitionSettings settings, Clock clock) {
        this.dossiers = dossiers;
        this.access = access;
        this.grants = grants;
        this.calendars = calendars;
        this.directory = directory;
        this.jdbc = jdbc;
        this.audit = audit;
        this.events = events;
        this.settings = settings;
        this.clock = clock;
    }

    /** Feedback on how the dossier is handled (phản ánh), or a recommendation or request (kiến nghị). */
    public enum Kind { FEEDBACK, RECOMMENDATION }

    /** What the applicant writes; every field is checked and every rule broken reported at once. */
    public record Request(@Nullable String kind, @Nullable String subject, @Nullable String text) {
    }

    /** The answer: final once given. */
    public record Answer(String text, Instant at, UUID by, String byName) {
    }

    /**
     * A petition as it stands when read.
     *
     * @param answeringUnit the one unit that answers for it
     * @param accountable   the head of that unit when it was sent (null when the unit had none)
     * @param overdue       still unanswered after its due instant, as of the reading
     */
    public record Petition(UUID id, String dossierCode, String applicantName, Kind kind, String subject, String text,
                           Instant sentAt, UnitId answeringUnit, @Nullable UUID accountable, Instant dueAt,
                           @Nullable Answer answer, boolean overdue) {

        public boolean open() {
            return answer == null;
        }

        /** Answered after its due instant (Decision 766 indicator 5.2 counts it as not on time). */
        public boolean answeredLate() {
            return answer != null && answer.at().isAfter(dueAt);
        }
    }

    /**
     * Which petitions a unit list shows: one unit (by code) or every unit where the caller may process dossiers;
     * {@code open} true only unanswered, false only answered; {@code overdue} true only unanswered past due,
     * false the others; {@code dossier} only those about the dossier with this code.
     */
    public record Query(@Nullable String unit, @Nullable Boolean open, @Nullable Boolean overdue, @Nullable String dossier) {
    }

    // ---- problems -------------------------------------------------------------------------------------------------

    public static class UnknownPetition extends Problem {
        public UnknownPetition(Object id) {
            super("petition-not-found", Kind.NOT_FOUND, String.valueOf(id));
        }
    }

    /** The petition or its answer breaks rules; every one is listed and nothing was stored. */
    public static class PetitionRefused extends Problem {
        public PetitionRefused(String code, List<Violation> violations) {
            super(code, Kind.UNPROCESSABLE, violations);
        }
    }

    /** The dossier already has as many petitions awaiting an answer as are allowed. */
    public static class TooManyOpen extends Problem {
        public TooManyOpen(String code, int limit) {
            super("petition-too-many-open", Kind.CONFLICT, code, limit);
        }
    }

    /** A petition is answered once; the answer is final. */
    public static class AlreadyAnswered extends Problem {
        public AlreadyAnswered(UUID id) {
            super("petition-answered", Kind.CONFLICT, id.toString());
        }
    }

    // ---- sending --------------------------------------------------------------------------------------------------

    /**
     * The applicant's petition about their dossier, at any status, routed to the unit that holds the dossier (or, once
     * it has ended, its reception point) and due in the configured working days. Someone else → 403; a rule broken →
     * 422 listing every one; too many awaiting an answer → 409; nothing is stored in any of these cases.
     */
    @Transactional
    public Petition send(CurrentUser user, TenantId tenant, String code, Request request, @Nullable String clientAddress) {
        var dossier = dossiers.read(user, tenant, code);
        if (user.isStaff() || !user.accountId().equals(dossier.applicantAccount())
                || !access.citizenMay(user, Permission.DOSSIER_OWN, tenant)) {
            throw new AccessDenied(Permission.DOSSIER_OWN);
        }
        var violations = new ArrayList<Violation>();
        var kind = kind(request.kind(), violations);
        var subject = line(request.subject());
        var text = text(request.text());
        required(subject, "/subject", MAX_SUBJECT, violations);
        required(text, "/text", MAX_TEXT, violations);
        if (!violations.isEmpty()) throw new PetitionRefused("petition-refused", violations);

        // one petition at a time per dossier, so that two sent together cannot both be the one over the limit
        jdbc.sql("select count(*) from (select pg_advisory_xact_lock(hashtextextended(:k, 0))) l")
                .param("k", "dossier.petition:" + dossier.id()).query(Long.class).single();
        var open = jdbc.sql("select count(*) from dossier.petition where tenant_id = :t and dossier_id = :d and answered_at is null")
                .param("t", tenant.value()).param("d", dossier.id()).query(Long.class).single();
        if (open >= settings.openPerDossier()) throw new TooManyOpen(code, settings.openPerDossier());

        var now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        var unit = answeringUnit(dossier);
        // the head answers for the unit; where several hold the role (deputies), the first by user name, so that the
        // choice does not depend on the order of the grants
        var heads = grants.holders(tenant, unit, HEAD);
        var accountable = heads.isEmpty() ? null : heads.getFirst().accountId();
        var due = Deadlines.due(calendars.workingCalendar(tenant), now, TimeLimit.workingDays(settings.answerWorkingDays()))
                .truncatedTo(ChronoUnit.MICROS);
        var id = TimeOrderedIds.at(now);
        jdbc.sql("""
                insert into dossier.petition (tenant_id, id, dossier_id, kind, subject, body, sent_at, sent_by,
                                              answering_unit_id, accountable_account_id, due_at)
                values (:t, :id, :d, :kind, :subject, :body, :at, :by, :unit, :accountable, :due)""")
                .param("t", tenant.value()).param("id", id).param("d", dossier.id()).param("kind", kind.name())
                .param("subject", subject).param("body", text).param("at", utc(now)).param("by", user.accountId())
                .param("unit", unit.value()).param("accountable", accountable).param("due", utc(due)).update();
        var details = new LinkedHashMap<String, String>();
        details.put("petition", id.toString());
        details.put("kind", kind.name());
        details.put("answeringUnit", unit.value().toString());
        details.put("dueAt", due.toString());
        audit.record(new AuditRecord(tenant.value(), user.username(), null, clientAddress, "dossier.petition", "dossier", code,
                user.accountId().toString(), dossier.procedureCode(), AuditRecord.Outcome.SUCCESS, null, "OPEN", details));
        events.publishEvent(new DossierEvents.PetitionSent(tenant.value(), id, dossier.id(), code, kind.name(), unit.value(),
                accountable, due, now));
        return new Petition(id, code, dossier.applicant().name(), kind, Objects.requireNonNull(subject),
                Objects.requireNonNull(text), now, unit, accountable, due, null, false);
    }

    /** The one unit that answers: the dossier's holder, or once it has ended the reception point that returned it. */
    static UnitId answeringUnit(Dossier dossier) {
        return dossier.closed() ? dossier.receptionPoint() : dossier.ownerUnit();
    }

    // ---- reading --------------------------------------------------------------------------------------------------

    /** A dossier's petitions, oldest first, for whoever may see the dossier (its applicant, staff who read it). */
    @Transactional(readOnly = true)
    public List<Petition> ofDossier(CurrentUser user, TenantId tenant, String code) {
        var dossier = dossiers.read(user, tenant, code);
        var now = clock.instant();
        return jdbc.sql(SELECT + " where p.tenant_id = :t and p.dossier_id = :d order by p.sent_at, p.id")
                .param("t", tenant.value()).param("d", dossier.id()).query((rs, n) -> row(rs, now)).list();
    }

    /**
     * One petition, for staff who answer for its unit or whoever may see its dossier (its applicant, staff who read it);
     * someone else → 403.
     */
    @Transactional(readOnly = true)
    public Petition one(CurrentUser user, TenantId tenant, UUID id) {
        if (!user.tenant().equals(tenant.value())) throw new AccessDenied(Permission.DOSSIER_READ);
        var petition = find(tenant, id);
        if (user.isStaff() && access.can(user, Permission.DOSSIER_PROCESS, tenant, petition.answeringUnit())) return petition;
        dossiers.read(user, tenant, petition.dossierCode());
        return petition;
    }

    /**
     * The petitions a unit answers for — one unit, or every unit where the caller may process dossiers — unanswered
     * first, soonest due (so overdue) first, then answered ones, latest answer first.
     */
    @Transactional(readOnly = true)
    public ResultPage<Petition> list(CurrentUser user, TenantId tenant, Query query, PageRequest page) {
        var units = answerableUnits(user, tenant);
        if (units.isEmpty()) throw new AccessDenied(Permission.DOSSIER_PROCESS);
        if (query.unit() != null) {
            var today = directory.today(directory.tenant(tenant.value()));
            var one = directory.unitOn(tenant, query.unit(), today).orElseThrow(() -> new UnknownUnit(query.unit(), today));
            if (!units.contains(one.id())) throw new AccessDenied(Permission.DOSSIER_PROCESS);
            units = Set.of(one.id());
        }
        var now = clock.instant();
        var where = new StringBuilder(" where p.tenant_id = :t and p.answering_unit_id = any (:units)");
        if (Boolean.TRUE.equals(query.open())) where.append(" and p.answered_at is null");
        if (Boolean.FALSE.equals(query.open())) where.append(" and p.answered_at is not null");
        if (Boolean.TRUE.equals(query.overdue())) where.append(" and p.answered_at is null and p.due_at < :now");
        if (Boolean.FALSE.equals(query.overdue())) where.append(" and (p.answered_at is not null or p.due_at >= :now)");
        if (query.dossier() != null) where.append(" and d.code = :dossier");
        var unitIds = units.stream().map(UnitId::value).toArray(UUID[]::new);
        UnaryOperator<JdbcClient.StatementSpec> bind = spec -> {
            spec = spec.param("t", tenant.value()).param("units", unitIds);
            if (query.dossier() != null) spec = spec.param("dossier", query.dossier());
            return query.overdue() == null ? spec : spec.param("now", utc(now));
        };
        var total = bind.apply(jdbc.sql("select count(*)" + FROM + where)).query(Long.class).single();
        var items = bind.apply(jdbc.sql(SELECT + where + " " + """
                 order by (p.answered_at is null) desc, case when p.answered_at is null then p.due_at end,
                          p.answered_at desc, p.id limit :size offset :offset"""))
                .param("size", page.size()).param("offset", page.offset()).query((rs, n) -> row(rs, now)).list();
        return new ResultPage<>(items, page.page(), page.size(), total);
    }

    /** The units whose petitions the caller answers: where they may process dossiers (subtrees expanded). */
    public Set<UnitId> answerableUnits(CurrentUser user, TenantId tenant) {
        if (!user.isStaff() || !user.tenant().equals(tenant.value())) return Set.of();
        return access.unitsWhere(user, Permission.DOSSIER_PROCESS, tenant);
    }

    /** Whether the caller could answer the petition now: it is open and they may process dossiers of its unit. */
    public boolean mayAnswer(CurrentUser user, TenantId tenant, Petition petition) {
        return petition.open() && user.isStaff() && access.can(user, Permission.DOSSIER_PROCESS, tenant, petition.answeringUnit());
    }

    /** Whether the caller may send a petition about the dossier now: its applicant, below the limit of open ones. */
    public boolean maySend(CurrentUser user, Dossier dossier, List<Petition> petitions) {
        return !user.isStaff() && user.accountId().equals(dossier.applicantAccount())
                && petitions.stream().filter(Petition::open).count() < settings.openPerDossier();
    }

    public int openPerDossier() {
        return settings.openPerDossier();
    }

    public int answerWorkingDays() {
        return settings.answerWorkingDays();
    }

    // ---- answering ------------------------------------------------------------------------------------------------

    /**
     * The answer, by staff who may process dossiers of the answering unit; once only (a second answer → 409, also when
     * two are sent together), final, audited with its author and time, and told to the applicant.
     */
    @Transactional
    public Petition answer(CurrentUser user, TenantId tenant, UUID id, @Nullable String answer, @Nullable String clientAddress) {
        var petition = find(tenant, id);
        if (!user.isStaff() || !access.can(user, Permission.DOSSIER_PROCESS, tenant, petition.answeringUnit())) {
            throw new AccessDenied(Permission.DOSSIER_PROCESS);
        }
        if (!petition.open()) throw new AlreadyAnswered(id);
        var text = text(answer);
        var violations = new ArrayList<Violation>();
        required(text, "/text", MAX_ANSWER, violations);
        if (!violations.isEmpty()) throw new PetitionRefused("petition-answer-refused", violations);

        var now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        var answered = jdbc.sql("""
                update dossier.petition set answer = :answer, answered_at = :at, answered_by = :by, answered_by_name = :name
                 where tenant_id = :t and id = :id and answered_at is null
                returning dossier_id""")
                .param("answer", text).param("at", utc(now)).param("by", user.accountId()).param("name", user.displayName())
                .param("t", tenant.value()).param("id", id).query(UUID.class).optional();
        if (answered.isEmpty()) throw new AlreadyAnswered(id);
        var late = now.isAfter(petition.dueAt());
        var applicant = jdbc.sql("select applicant_account_id from dossier.dossier where tenant_id = :t and id = :d")
                .param("t", tenant.value()).param("d", answered.get()).query(UUID.class).optional().orElse(null);
        var details = new LinkedHashMap<String, String>();
        details.put("petition", id.toString());
        details.put("answeringUnit", petition.answeringUnit().value().toString());
        details.put("late", String.valueOf(late));
        audit.record(new AuditRecord(tenant.value(), user.username(), user.unit() == null ? null : user.unit().toString(),
                clientAddress, "dossier.petition-answer", "dossier", petition.dossierCode(),
                applicant == null ? null : applicant.toString(), null, AuditRecord.Outcome.SUCCESS, "OPEN", "ANSWERED", details));
        events.publishEvent(new DossierEvents.PetitionAnswered(tenant.value(), id, answered.get(), petition.dossierCode(),
                applicant, petition.answeringUnit().value(), late, now));
        return new Petition(petition.id(), petition.dossierCode(), petition.applicantName(), petition.kind(), petition.subject(),
                petition.text(), petition.sentAt(), petition.answeringUnit(), petition.accountable(), petition.dueAt(),
                new Answer(Objects.requireNonNull(text), now, user.accountId(), user.displayName()), false);
    }

    /** One petition of the city, whoever asks (callers check access). */
    Petition find(TenantId tenant, UUID id) {
        var now = clock.instant();
        return jdbc.sql(SELECT + " where p.tenant_id = :t and p.id = :id").param("t", tenant.value()).param("id", id)
                .query((rs, n) -> row(rs, now)).optional().orElseThrow(() -> new UnknownPetition(id));
    }

    // ---- helpers --------------------------------------------------------------------------------------------------

    private static final String FROM = " from dossier.petition p join dossier.dossier d on d.tenant_id = p.tenant_id and d.id = p.dossier_id";
    private static final String SELECT = """
            select p.id, p.kind, p.subject, p.body, p.sent_at, p.answering_unit_id, p.accountable_account_id, p.due_at,
                   p.answer, p.answered_at, p.answered_by, p.answered_by_name, d.code, d.applicant_name""" + FROM;

    private static Petition row(java.sql.ResultSet rs, Instant now) throws java.sql.SQLException {
        var due = instant(rs, "due_at");
        var answeredAt = rs.getObject("answered_at", OffsetDateTime.class);
        var answer = answeredAt == null ? null : new Answer(rs.getString("answer"), answeredAt.toInstant(),
                rs.getObject("answered_by", UUID.class), rs.getString("answered_by_name"));
        return new Petition(rs.getObject("id", UUID.class), rs.getString("code"), rs.getString("applicant_name"),
                Kind.valueOf(rs.getString("kind")), rs.getString("subject"), rs.getString("body"), instant(rs, "sent_at"),
                new UnitId(rs.getObject("answering_unit_id", UUID.class)), rs.getObject("accountable_account_id", UUID.class),
                due, answer, answer == null && now.isAfter(due));
    }

    private static Instant instant(java.sql.ResultSet rs, String column) throws java.sql.SQLException {
        return rs.getObject(column, OffsetDateTime.class).toInstant();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static Kind kind(@Nullable String value, List<Violation> violations) {
        if (value != null && !value.isBlank()) {
            try {
                return Kind.valueOf(value.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                // reported below
            }
        }
        violations.add(Violation.of("petition-kind", "/kind"));
        return Kind.FEEDBACK;
    }

    private static void required(@Nullable String value, String pointer, int max, List<Violation> violations) {
        if (value == null) violations.add(Violation.of("petition-required", pointer));
        else if (value.codePointCount(0, value.length()) > max) violations.add(Violation.of("petition-too-long", pointer, max));
    }

    /** A text as stored: composed (NFC), line ends as {@code \n}, no other control characters, trimmed; null if blank. */
    static @Nullable String text(@Nullable String value) {
        if (value == null) return null;
        var cleaned = Normalizer.normalize(value.replace("\r\n", "\n").replace('\r', '\n'), Normalizer.Form.NFC)
                .replaceAll("[\\p{Cc}&&[^\\n\\t]]", "").strip();
        return cleaned.isEmpty() ? null : cleaned;
    }

    /** A one-line text (a subject): as {@link #text}, every run of white space one space. */
    static @Nullable String line(@Nullable String value) {
        var cleaned = text(value);
        return cleaned == null ? null : cleaned.replaceAll("\\s+", " ");
    }
}
