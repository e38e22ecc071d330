package org.onedoor.calendar;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Legal-deadline arithmetic on a {@link WorkingCalendar}: when a dossier is due, how much working time is left, and
 * whether it was settled early, on time or late. Pure functions: every instant is passed in (style.md H6).
 *
 * <h2>Counting rules (domain note §5.1)</h2>
 * <dl>
 *   <dt>Start of counting</dt>
 *   <dd>A dossier received outside office hours, at lunch or on a day off counts from the next working period (§5.1:
 *       "a dossier received after closing counts from next morning"; online dossiers submitted outside working hours
 *       or on holidays are received on the next working day).</dd>
 *   <dt>N working days</dt>
 *   <dd>Due at the close of office of the N-th working day, counting only whole working days: the reception day is
 *       day 1 only when the dossier was received at or before its opening (e.g. an online dossier from Sunday night
 *       or 07:30); a dossier received during office hours counts from the next working day ("counted from the day
 *       after reception"). The remaining hours of the reception day are thus a bonus, never a loss: the due instant
 *       is at least N × (the office hours of a day) of working time after reception, rounded up to the end of a
 *       working day, which is how implementations storing 8 h per day round (§5.1). Half days (N + ½) count in
 *       half-day slots instead: each working day has a morning half ending at the midpoint of its office time (12:00
 *       in Hanoi) and an afternoon half ending at its close; counting starts at the first half-day received at or
 *       before its beginning, and the dossier is due at the end of the (2N + 1)-th half-day.</dd>
 *   <dt>N working hours</dt>
 *   <dd>N hours of office time from the start of counting, skipping lunch, nights, weekly rest days and days off
 *       (§5.1: 8 h = 1 working day, half a day = 4 h). Ending exactly at a session's end, the dossier is due then
 *       (12:00, not 13:00).</dd>
 *   <dt>Zero</dt>
 *   <dd>0 working days or hours is due at reception, so that limits add up: N then M working days (or hours) from
 *       the start of a working period is N + M.</dd>
 *   <dt>N calendar days</dt>
 *   <dd>The day of reception (after moving a reception outside office hours to the next working period) plus N days;
 *       with {@code skipDaysOff} the declared days off ({@link WorkingCalendar#isDayOff}) are not counted. The result
 *       is never due on a non-working day: a due day that is one moves to the next working day (§5.1: "a result is
 *       never due on a non-working day"). Due at the close of office of the due day.</dd>
 *   <dt>Within the day</dt>
 *   <dd>Due at the close of office of the reception day; received after the cutoff (e.g. 15:00, strictly later), or
 *       outside office hours, at the close of the next working day (§5.1: certification, Decree 23/2015 Art. 21).</dd>
 *   <dt>Pauses</dt>
 *   <dd>While the office waits for the applicant's supplement the clock stops: the due instant moves later by the
 *       working time of each pause that starts before the (already moved) due instant (§5.1: "supplement waiting time
 *       is added to the due date"; §3.2 indicator 2.1 subtracts it). Overlapping pauses count once; time before the
 *       reception does not count.</dd>
 * </dl>
 */
public final class Deadlines {

    /** No calendar has more than ten years without a working day; past that the calendar is broken. */
    private static final int MAX_DAYS_WITHOUT_WORK = 3660;

    private Deadlines() {
    }

    /** A time the clock stopped: the office waited for the applicant (a supplement request until its completion). */
    public record Pause(Instant from, Instant to) {

        public Pause {
            if (from == null || to == null || to.isBefore(from)) {
                throw new IllegalArgumentException("A pause ends after it starts: " + from + "–" + to);
            }
        }
    }

    /**
     * How a dossier was settled against its due instant, as the national index counts it (domain note §3.2 indicator
     * 2.1: on time ⇔ end of processing ≤ appointment date; §1.8 indicators 1 and 7: shorter than the legal time =
     * early, equal = on time, longer = late).
     */
    public enum Timeliness {
        /** Finished on a day before the due day. */
        EARLY,
        /** Finished on the due day, not later than the due instant. */
        ON_TIME,
        /** Finished after the due instant. */
        LATE
    }

    /** When a dossier received at {@code received} with the legal time {@code limit} is due (rules above). */
    public static Instant due(WorkingCalendar calendar, Instant received, TimeLimit limit) {
        if (limit.value().signum() == 0
                && (limit.unit() == TimeLimit.Unit.WORKING_DAYS || limit.unit() == TimeLimit.Unit.WORKING_HOURS)) {
            return received;
        }
        return switch (limit.unit()) {
            case WORKING_DAYS -> limit.halves() % 2 == 0
                    ? addWorkingDays(calendar, received, limit.halves() / 2)
                    : addHalfDays(calendar, received, limit.halves());
            case WORKING_HOURS -> addWorkingTime(calendar, received, Duration.ofMinutes(30L * limit.halves()));
            case CALENDAR_DAYS -> addCalendarDays(calendar, received, limit.halves() / 2, limit.skipDaysOff());
            case WITHIN_DAY -> withinDay(calendar, received, limit.cutoff());
        };
    }

    /** As {@link #due(WorkingCalendar, Instant, TimeLimit)}, the clock stopped during the {@code pauses}. */
    public static Instant due(WorkingCalendar calendar, Instant received, TimeLimit limit, List<Pause> pauses) {
        var due = due(calendar, received, limit);
        for (var pause : merged(received, pauses)) {
            if (!pause.from().isBefore(due)) {
                break;
            }
            var paused = workingTime(calendar, pause.from(), pause.to());
            if (paused.isPositive()) {
                due = addWorkingTime(calendar, due, paused);
            }
        }
        return due;
    }

    /** Early, on time or late (domain note §3.2 indicator 2.1, §1.8); days are taken in {@code zone}. */
    public static Timeliness classify(Instant ended, Instant due, ZoneId zone) {
        if (ended.isAfter(due)) {
            return Timeliness.LATE;
        }
        return ended.atZone(zone).toLocalDate().isBefore(due.atZone(zone).toLocalDate())
                ? Timeliness.EARLY
                : Timeliness.ON_TIME;
    }

    /** The working time left from {@code now} until {@code due}; negative (the working time overdue) after it. */
    public static Duration remaining(WorkingCalendar calendar, Instant now, Instant due) {
        return now.isAfter(due) ? workingTime(calendar, due, now).negated() : workingTime(calendar, now, due);
    }

    /** The office time between two instants ({@code from} ≤ {@code to}). */
    public static Duration workingTime(WorkingCalendar calendar, Instant from, Instant to) {
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("Working time runs forwards: " + from + " > " + to);
        }
        var zone = calendar.zone();
        var last = to.atZone(zone).toLocalDate();
        long seconds = 0;
        for (var day = from.atZone(zone).toLocalDate(); !day.isAfter(last); day = day.plusDays(1)) {
            if (!calendar.isWorkingDay(day)) {
                continue;
            }
            for (var session : calendar.sessions(day)) {
                var start = at(zone, day, session.start());
                var end = at(zone, day, session.end());
                var lo = start.isAfter(from) ? start : from;
                var hi = end.isBefore(to) ? end : to;
                if (lo.isBefore(hi)) {
                    seconds += hi.getEpochSecond() - lo.getEpochSecond();
                }
            }
        }
        return Duration.ofSeconds(seconds);
    }

    /**
     * The instant when {@code amount} of office time has passed after {@code from} (counting from the next office
     * session when {@code from} is outside one): how a step's allotment, a share of the legal time, becomes its due.
     */
    public static Instant afterWorkingTime(WorkingCalendar calendar, Instant from, Duration amount) {
        if (amount.isNegative()) {
            throw new IllegalArgumentException("Working time runs forwards: " + amount);
        }
        return addWorkingTime(calendar, from, amount);
    }

    /** The first instant at or after {@code instant} inside an office session: where counting starts. */
    public static Instant startOfCounting(WorkingCalendar calendar, Instant instant) {
        return addWorkingTime(calendar, instant, Duration.ZERO);
    }

    private static Instant addWorkingDays(WorkingCalendar calendar, Instant received, int days) {
        var zone = calendar.zone();
        var receptionDay = received.atZone(zone).toLocalDate();
        var day = isOpen(calendar, receptionDay) && !received.isAfter(opening(calendar, receptionDay))
                ? receptionDay
                : nextOpenDay(calendar, receptionDay);
        for (int counted = 1; counted < days; counted++) {
            day = nextOpenDay(calendar, day);
        }
        return closing(calendar, day);
    }

    private static Instant addHalfDays(WorkingCalendar calendar, Instant received, int halfDays) {
        var zone = calendar.zone();
        var receptionDay = received.atZone(zone).toLocalDate();
        LocalDate day;
        boolean afternoon;
        if (isOpen(calendar, receptionDay) && !received.isAfter(opening(calendar, receptionDay))) {
            day = receptionDay;
            afternoon = false;
        } else if (isOpen(calendar, receptionDay) && !received.isAfter(midday(calendar, receptionDay))) {
            day = receptionDay;
            afternoon = true;
        } else {
            day = nextOpenDay(calendar, receptionDay);
            afternoon = false;
        }
        for (int counted = 1; counted < halfDays; counted++) {
            if (afternoon) {
                day = nextOpenDay(calendar, day);
            }
            afternoon = !afternoon;
        }
        return afternoon ? closing(calendar, day) : midday(calendar, day);
    }

    /** Adds office time; a zero amount gives the start of counting. */
    private static Instant addWorkingTime(WorkingCalendar calendar, Instant from, Duration amount) {
        var zone = calendar.zone();
        var left = amount;
        var day = from.atZone(zone).toLocalDate();
        for (int idle = 0; idle <= MAX_DAYS_WITHOUT_WORK; day = day.plusDays(1)) {
            idle++;
            if (!calendar.isWorkingDay(day)) {
                continue;
            }
            for (var session : calendar.sessions(day)) {
                var end = at(zone, day, session.end());
                if (!end.isAfter(from)) {
                    continue;
                }
                var start = at(zone, day, session.start());
                var effective = start.isAfter(from) ? start : from;
                var available = Duration.between(effective, end);
                if (left.compareTo(available) <= 0) {
                    return effective.plus(left);
                }
                left = left.minus(available);
                idle = 0;
            }
        }
        throw noWorkingDay(day);
    }

    private static Instant addCalendarDays(WorkingCalendar calendar, Instant received, int days, boolean skipDaysOff) {
        var day = startOfCounting(calendar, received).atZone(calendar.zone()).toLocalDate();
        for (int counted = 0; counted < days; counted++) {
            day = day.plusDays(1);
            for (int skipped = 0; skipDaysOff && calendar.isDayOff(day); skipped++) {
                if (skipped > MAX_DAYS_WITHOUT_WORK) {
                    throw noWorkingDay(day);
                }
                day = day.plusDays(1);
            }
        }
        return closing(calendar, isOpen(calendar, day) ? day : nextOpenDay(calendar, day));
    }

    private static Instant withinDay(WorkingCalendar calendar, Instant received, @Nullable LocalTime cutoff) {
        var zone = calendar.zone();
        var day = startOfCounting(calendar, received).atZone(zone).toLocalDate();
        var local = received.atZone(zone);
        var receivedAt = local.toLocalDate().equals(day)
                ? local.toLocalTime()
                : calendar.sessions(day).getFirst().start();
        var late = cutoff != null && receivedAt.isAfter(cutoff);
        return closing(calendar, late ? nextOpenDay(calendar, day) : day);
    }

    private static List<Pause> merged(Instant received, List<Pause> pauses) {
        var sorted = pauses.stream()
                .filter(pause -> pause.to().isAfter(received))
                .map(pause -> pause.from().isBefore(received) ? new Pause(received, pause.to()) : pause)
                .sorted(Comparator.comparing(Pause::from))
                .toList();
        var merged = new ArrayList<Pause>();
        for (var pause : sorted) {
            if (!merged.isEmpty() && !pause.from().isAfter(merged.getLast().to())) {
                var previous = merged.removeLast();
                merged.add(new Pause(previous.from(),
                        pause.to().isAfter(previous.to()) ? pause.to() : previous.to()));
            } else {
                merged.add(pause);
            }
        }
        return merged;
    }

    private static boolean isOpen(WorkingCalendar calendar, LocalDate day) {
        return calendar.isWorkingDay(day) && !calendar.sessions(day).isEmpty();
    }

    private static LocalDate nextOpenDay(WorkingCalendar calendar, LocalDate after) {
        var day = after;
        for (int i = 0; i <= MAX_DAYS_WITHOUT_WORK; i++) {
            day = day.plusDays(1);
            if (isOpen(calendar, day)) {
                return day;
            }
        }
        throw noWorkingDay(after);
    }

    private static Instant opening(WorkingCalendar calendar, LocalDate day) {
        return at(calendar.zone(), day, calendar.sessions(day).getFirst().start());
    }

    private static Instant closing(WorkingCalendar calendar, LocalDate day) {
        return at(calendar.zone(), day, calendar.sessions(day).getLast().end());
    }

    /** The end of the morning half of a working day: when half of its office time has passed. */
    private static Instant midday(WorkingCalendar calendar, LocalDate day) {
        var sessions = calendar.sessions(day);
        var half = sessions.stream().map(OfficeSession::length).reduce(Duration.ZERO, Duration::plus).dividedBy(2);
        for (var session : sessions) {
            if (half.compareTo(session.length()) <= 0) {
                return at(calendar.zone(), day, session.start().plus(half));
            }
            half = half.minus(session.length());
        }
        return closing(calendar, day);
    }

    private static Instant at(ZoneId zone, LocalDate day, LocalTime time) {
        return LocalDateTime.of(day, time).atZone(zone).toInstant();
    }

    private static IllegalStateException noWorkingDay(LocalDate from) {
        return new IllegalStateException("The calendar has no working day for ten years after " + from);
    }
}
