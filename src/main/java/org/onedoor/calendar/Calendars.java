package org.onedoor.calendar;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.onedoor.audit.AuditRecord;
import org.onedoor.audit.AuditTrail;
import org.onedoor.organisation.OrganisationDirectory;
import org.onedoor.shared.LocalizedText;
import org.onedoor.shared.TenantId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The tenants' working weeks and yearly schedules of days off and make-up working days, as recorded. */
@Service
@Transactional(readOnly = true)
public class Calendars {

    /** Office hours of a working day, in the tenant's local time. */
    public record Hours(LocalTime start, LocalTime end) {
    }

    /** Which weekdays are worked, and the office hours of each. */
    public record WorkingWeek(Set<DayOfWeek> days, List<Hours> hours) {
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final JdbcClient jdbc;
    private final Clock clock;
    private final AuditTrail audit;
    private final java.util.concurrent.ConcurrentHashMap<String, WorkingCalendar> built = new java.util.concurrent.ConcurrentHashMap<>();

    private final OrganisationDirectory directory;

    Calendars(JdbcClient jdbc, Clock clock, AuditTrail audit, OrganisationDirectory directory) {
        this.directory = directory;
        this.jdbc = jdbc;
        this.clock = clock;
        this.audit = audit;
    }

    /**
     * The tenant's working calendar for deadline arithmetic: its zone, working week and office hours, and every day off
     * and make-up working day on record. Built once per tenant and rebuilt after a schedule is recorded.
     */
    public WorkingCalendar workingCalendar(TenantId tenant) {
        return built.computeIfAbsent(tenant.value(), t -> {
            var week = workingWeek(tenant).orElseThrow(() -> new NoWorkingCalendar(tenant.value()));
            var daysOff = new java.util.HashSet<LocalDate>();
            var makeUp = new java.util.HashSet<LocalDate>();
            jdbc.sql("select day, kind from calendar.special_day where tenant_id = :t").param("t", t).query((rs, n) -> {
                var kind = DayKind.valueOf(rs.getString(2));
                if (kind.closesOffices()) daysOff.add(rs.getObject(1, LocalDate.class));
                else if (kind == DayKind.MAKEUP_WORKDAY) makeUp.add(rs.getObject(1, LocalDate.class));
                return kind;
            }).list();
            var zone = directory.tenant(t).timeZone();
            return new ScheduledCalendar(zone, week.days(),
                    week.hours().stream().map(h -> new OfficeSession(h.start(), h.end())).toList(), daysOff, makeUp);
        });
    }

    /** A tenant without a working week on record cannot count working time. */
    public static class NoWorkingCalendar extends org.onedoor.shared.Problem {
        public NoWorkingCalendar(String tenant) {
            super("no-working-calendar", Kind.NOT_FOUND, tenant);
        }
    }

    public Optional<WorkingWeek> workingWeek(TenantId tenant) {
        return jdbc.sql("select working_days, sessions::text from calendar.working_week where tenant_id = :t")
                .param("t", tenant.value()).query((rs, n) -> {
                    var days = EnumSet.noneOf(DayOfWeek.class);
                    for (var day : (String[]) rs.getArray(1).getArray()) days.add(DayOfWeek.valueOf(day));
                    List<Map<String, String>> raw = JSON.readValue(rs.getString(2), new TypeReference<List<Map<String, String>>>() {
                    });
                    var hours = raw.stream().map(h -> new Hours(LocalTime.parse(h.get("start")), LocalTime.parse(h.get("end")))).toList();
                    return new WorkingWeek(days, hours);
                }).optional();
    }

    public Optional<YearSchedule> year(TenantId tenant, int year) {
        return jdbc.sql("select status, decision, published_at, published_by from calendar.year_schedule where tenant_id = :t and year = :y")
                .param("t", tenant.value()).param("y", year)
                .query((rs, n) -> new YearSchedule(year, YearSchedule.Status.valueOf(rs.getString(1)), rs.getString(2),
                        rs.getObject(3, java.time.OffsetDateTime.class) == null ? null : rs.getObject(3, java.time.OffsetDateTime.class).toInstant(),
                        rs.getString(4), between(tenant, LocalDate.of(year, 1, 1), LocalDate.of(year, 12, 31))))
                .optional();
    }

    /** The listed days from one date to another, both included. */
    public List<SpecialDay> between(TenantId tenant, LocalDate from, LocalDate to) {
        return jdbc.sql("""
                select day, kind, occasion::text, legal_basis, note from calendar.special_day
                 where tenant_id = :t and day between :from and :to order by day""")
                .param("t", tenant.value()).param("from", from).param("to", to).query(Calendars::day).list();
    }

    /** The years on record, oldest first. */
    public List<Integer> years(TenantId tenant) {
        return jdbc.sql("select year from calendar.year_schedule where tenant_id = :t order by year").param("t", tenant.value())
                .query(Integer.class).list();
    }

    @Transactional
    public void setWorkingWeek(TenantId tenant, WorkingWeek week) {
        var sessions = new ArrayList<Map<String, String>>();
        week.hours().forEach(h -> sessions.add(Map.of("start", h.start().toString(), "end", h.end().toString())));
        jdbc.sql("""
                insert into calendar.working_week (tenant_id, working_days, sessions) values (:t, :days, cast(:sessions as jsonb))
                on conflict (tenant_id) do update set working_days = excluded.working_days, sessions = excluded.sessions, updated_at = now()""")
                .param("t", tenant.value()).param("days", week.days().stream().sorted().map(Enum::name).toArray(String[]::new))
                .param("sessions", JSON.writeValueAsString(sessions)).update();
        built.remove(tenant.value());
    }

    /**
     * Records a year's schedule as given, replacing its listed days; an official year is not replaced by a provisional
     * one. Answers whether anything was recorded.
     */
    @Transactional
    public boolean recordYear(TenantId tenant, int year, YearSchedule.Status status, @Nullable String decision,
                              @Nullable String publishedBy, List<SpecialDay> days) {
        var current = jdbc.sql("select status from calendar.year_schedule where tenant_id = :t and year = :y")
                .param("t", tenant.value()).param("y", year).query(String.class).optional();
        if (current.isPresent() && current.get().equals("OFFICIAL") && status == YearSchedule.Status.PROVISIONAL) return false;
        jdbc.sql("""
                insert into calendar.year_schedule (tenant_id, year, status, decision, published_at, published_by)
                values (:t, :y, :s, :d, :at, :by)
                on conflict (tenant_id, year) do update set status = excluded.status, decision = excluded.decision,
                    published_at = excluded.published_at, published_by = excluded.published_by""")
                .param("t", tenant.value()).param("y", year).param("s", status.name()).param("d", decision)
                .param("at", status == YearSchedule.Status.OFFICIAL ? clock.instant().atOffset(ZoneOffset.UTC) : null)
                .param("by", publishedBy).update();
        built.remove(tenant.value());
        jdbc.sql("delete from calendar.special_day where tenant_id = :t and year = :y").param("t", tenant.value()).param("y", year).update();
        audit.record(AuditRecord.of(tenant.value(), publishedBy == null ? "system:calendar" : publishedBy, "calendar.year.record",
                "year", String.valueOf(year)).changing(current.orElse(null), status.name()).with("decision", String.valueOf(decision))
                .with("days", String.valueOf(days.size())).succeeded());
        for (var day : days) {
            if (day.day().getYear() != year) throw new IllegalArgumentException(day.day() + " is not in " + year);
            jdbc.sql("""
                    insert into calendar.special_day (tenant_id, day, year, kind, occasion, legal_basis, note)
                    values (:t, :day, :y, :kind, cast(:occasion as jsonb), :basis, :note)""")
                    .param("t", tenant.value()).param("day", day.day()).param("y", year).param("kind", day.kind().name())
                    .param("occasion", JSON.writeValueAsString(day.occasion().values())).param("basis", day.legalBasis())
                    .param("note", day.note()).update();
        }
        return true;
    }

    /** A year that has nothing to publish yet, or is already official. */
    public static class CannotPublish extends org.onedoor.shared.Problem {
        public CannotPublish(int year, String reason) {
            super("calendar-cannot-publish." + reason, Kind.CONFLICT, year);
        }
    }

    /** An administrator publishes a provisional year with the decision that announced it; its days become official. */
    @Transactional
    public YearSchedule publish(TenantId tenant, int year, String decision, String administrator) {
        if (decision == null || decision.isBlank()) throw new org.onedoor.shared.InvalidParameter("decision", decision);
        var current = year(tenant, year).orElseThrow(() -> new CannotPublish(year, "no-schedule"));
        if (current.status() == YearSchedule.Status.OFFICIAL) throw new CannotPublish(year, "already-official");
        recordYear(tenant, year, YearSchedule.Status.OFFICIAL, decision.strip(), administrator, current.days());
        return year(tenant, year).orElseThrow();
    }

    private static SpecialDay day(ResultSet rs, int row) throws SQLException {
        Map<String, String> occasion = JSON.readValue(rs.getString(3), new TypeReference<Map<String, String>>() {
        });
        return new SpecialDay(rs.getObject(1, LocalDate.class), DayKind.valueOf(rs.getString(2)), new LocalizedText(occasion),
                rs.getString(4), rs.getString(5));
    }
}
