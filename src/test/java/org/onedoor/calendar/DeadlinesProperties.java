package org.onedoor.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** Invariants of the deadline arithmetic on the real 2024–2026 civil-service calendar. */
class DeadlinesProperties {

    static final ScheduledCalendar CALENDAR = DeadlinesTests.VIETNAM;
    static final Instant FIRST = DeadlinesTests.hanoi("2024-01-01T00:00");
    static final Instant LAST = DeadlinesTests.hanoi("2026-12-31T23:59");

    @Provide
    Arbitrary<Instant> instants() {
        // Whole minutes, with extra weight on the edges of office sessions.
        var anyMinute = Arbitraries.longs().between(FIRST.getEpochSecond() / 60, LAST.getEpochSecond() / 60)
                .map(minute -> Instant.ofEpochSecond(minute * 60));
        var edges = Combinators.combine(anyMinute, Arbitraries.of("07:59", "08:00", "11:59", "12:00", "12:30",
                "13:00", "15:00", "15:01", "16:59", "17:00", "17:01"))
                .as((instant, time) -> atLocal(instant.atZone(CALENDAR.zone()).toLocalDate(), LocalTime.parse(time)));
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(3, anyMinute), net.jqwik.api.Tuple.of(2, edges));
    }

    @Provide
    Arbitrary<TimeLimit> limits() {
        return Arbitraries.oneOf(
                Arbitraries.integers().between(0, 60).map(halves -> TimeLimit.workingDays(halfOf(halves))),
                Arbitraries.integers().between(0, 200).map(halves -> TimeLimit.workingHours(halfOf(halves))),
                Combinators.combine(Arbitraries.integers().between(0, 60), Arbitraries.of(true, false))
                        .as(TimeLimit::calendarDays),
                Arbitraries.of(LocalTime.of(15, 0), LocalTime.of(11, 30)).injectNull(0.3).map(TimeLimit::withinDay));
    }

    /** The start of a working period: the opening of a working day or the start of its afternoon session. */
    @Provide
    Arbitrary<Instant> periodStarts() {
        return Combinators.combine(instants(), Arbitraries.of(0, 1)).as((instant, session) -> {
            var day = Deadlines.startOfCounting(CALENDAR, instant).atZone(CALENDAR.zone()).toLocalDate();
            return atLocal(day, CALENDAR.sessions(day).get(session).start());
        });
    }

    @Provide
    Arbitrary<List<Deadlines.Pause>> pauses() {
        var pause = Combinators.combine(instants(), Arbitraries.integers().between(0, 20 * 24 * 60))
                .as((from, minutes) -> new Deadlines.Pause(from, from.plus(Duration.ofMinutes(minutes))));
        return pause.list().ofMaxSize(4);
    }

    @Property
    void theDueInstantIsNeverBeforeReception(@ForAll("instants") Instant received, @ForAll("limits") TimeLimit limit) {
        assertThat(Deadlines.due(CALENDAR, received, limit)).isAfterOrEqualTo(received);
    }

    @Property
    void workingDaysAddUp(@ForAll("periodStarts") Instant received, @ForAll @IntRange(max = 30) int n,
            @ForAll @IntRange(max = 30) int m) {
        var inTwoSteps = Deadlines.due(CALENDAR, Deadlines.due(CALENDAR, received, TimeLimit.workingDays(n)),
                TimeLimit.workingDays(m));
        var inOneStep = Deadlines.due(CALENDAR, received, TimeLimit.workingDays(n + m));
        assertThat(inTwoSteps).isEqualTo(inOneStep);
    }

    @Property
    void workingHoursAddUp(@ForAll("instants") Instant received, @ForAll @IntRange(max = 100) int n,
            @ForAll @IntRange(max = 100) int m) {
        var inTwoSteps = Deadlines.due(CALENDAR, Deadlines.due(CALENDAR, received, TimeLimit.workingHours(halfOf(n))),
                TimeLimit.workingHours(halfOf(m)));
        var inOneStep = Deadlines.due(CALENDAR, received, TimeLimit.workingHours(halfOf(n + m)));
        assertThat(inTwoSteps).isEqualTo(inOneStep);
    }

    @Property
    void aWorkingHourLimitGivesExactlyThatMuchOfficeTime(@ForAll("instants") Instant received,
            @ForAll @IntRange(max = 200) int halves) {
        var due = Deadlines.due(CALENDAR, received, TimeLimit.workingHours(halfOf(halves)));
        assertThat(Deadlines.workingTime(CALENDAR, received, due)).isEqualTo(Duration.ofMinutes(30L * halves));
        assertThat(Deadlines.remaining(CALENDAR, received, due)).isEqualTo(Duration.ofMinutes(30L * halves));
    }

    @Property
    void aWorkingDayLimitEndsAtTheEndOfAnOfficeSessionOnAWorkingDay(@ForAll("instants") Instant received,
            @ForAll @IntRange(min = 1, max = 60) int halves) {
        var due = Deadlines.due(CALENDAR, received, TimeLimit.workingDays(halfOf(halves))).atZone(CALENDAR.zone());
        assertThat(CALENDAR.isWorkingDay(due.toLocalDate())).isTrue();
        assertThat(CALENDAR.sessions(due.toLocalDate())).extracting(OfficeSession::end).contains(due.toLocalTime());
        if (halves % 2 == 0) {
            assertThat(due.toLocalTime()).isEqualTo(LocalTime.of(17, 0));
        }
    }

    @Property
    void aWorkingDayLimitGivesAtLeastThatManyFullDaysOfOfficeTime(@ForAll("instants") Instant received,
            @ForAll @IntRange(max = 30) int days) {
        var due = Deadlines.due(CALENDAR, received, TimeLimit.workingDays(days));
        assertThat(Deadlines.workingTime(CALENDAR, received, due)).isGreaterThanOrEqualTo(Duration.ofHours(8L * days));
        // … and less than one more day.
        assertThat(Deadlines.workingTime(CALENDAR, received, due)).isLessThan(Duration.ofHours(8L * days + 8));
    }

    @Property
    void calendarDayLimitsAreNeverDueOnADayOff(@ForAll("instants") Instant received,
            @ForAll @IntRange(max = 60) int days, @ForAll boolean skipDaysOff) {
        var due = Deadlines.due(CALENDAR, received, TimeLimit.calendarDays(days, skipDaysOff)).atZone(CALENDAR.zone());
        assertThat(CALENDAR.isWorkingDay(due.toLocalDate())).isTrue();
        assertThat(due.toLocalTime()).isEqualTo(LocalTime.of(17, 0));
    }

    @Property
    void moreTimeIsNeverDueEarlier(@ForAll("instants") Instant received, @ForAll @IntRange(max = 60) int halves) {
        assertThat(Deadlines.due(CALENDAR, received, TimeLimit.workingDays(halfOf(halves + 1))))
                .isAfterOrEqualTo(Deadlines.due(CALENDAR, received, TimeLimit.workingDays(halfOf(halves))));
        assertThat(Deadlines.due(CALENDAR, received, TimeLimit.workingHours(halfOf(halves + 1))))
                .isAfterOrEqualTo(Deadlines.due(CALENDAR, received, TimeLimit.workingHours(halfOf(halves))));
        assertThat(Deadlines.due(CALENDAR, received, TimeLimit.calendarDays(halves + 1, true)))
                .isAfterOrEqualTo(Deadlines.due(CALENDAR, received, TimeLimit.calendarDays(halves, true)));
        assertThat(Deadlines.due(CALENDAR, received, TimeLimit.calendarDays(halves + 1, false)))
                .isAfterOrEqualTo(Deadlines.due(CALENDAR, received, TimeLimit.calendarDays(halves, false)));
    }

    @Property
    void aLaterReceptionIsNeverDueEarlier(@ForAll("instants") Instant received, @ForAll("limits") TimeLimit limit,
            @ForAll @IntRange(max = 5 * 24 * 60) int minutesLater) {
        var later = received.plus(Duration.ofMinutes(minutesLater));
        assertThat(Deadlines.due(CALENDAR, later, limit)).isAfterOrEqualTo(Deadlines.due(CALENDAR, received, limit));
    }

    @Property
    void aPauseNeverMakesTheDueInstantEarlier(@ForAll("instants") Instant received, @ForAll("limits") TimeLimit limit,
            @ForAll("pauses") List<Deadlines.Pause> pauses) {
        var withoutPauses = Deadlines.due(CALENDAR, received, limit);
        var withPauses = Deadlines.due(CALENDAR, received, limit, pauses);
        assertThat(withPauses).isAfterOrEqualTo(withoutPauses);
        // One more pause never makes it earlier either.
        if (!pauses.isEmpty()) {
            var fewer = new ArrayList<>(pauses);
            fewer.removeLast();
            assertThat(withPauses).isAfterOrEqualTo(Deadlines.due(CALENDAR, received, limit, fewer));
        }
    }

    @Property
    void aPauseInsideTheLimitAddsItsWorkingTime(@ForAll("instants") Instant received,
            @ForAll @IntRange(min = 1, max = 30) int days, @ForAll @IntRange(max = 100) int pausedMinutesTimesTen) {
        var limit = TimeLimit.workingDays(days);
        var due = Deadlines.due(CALENDAR, received, limit);
        var start = Deadlines.startOfCounting(CALENDAR, received);
        var pause = new Deadlines.Pause(start, start.plus(Duration.ofMinutes(10L * pausedMinutesTimesTen)));
        var paused = Deadlines.workingTime(CALENDAR, pause.from(), pause.to());
        var moved = Deadlines.due(CALENDAR, received, limit, List.of(pause));
        assertThat(Deadlines.workingTime(CALENDAR, due, moved)).isEqualTo(paused);
    }

    @Property
    void theRemainingTimeShrinksAsTimeGoesOn(@ForAll("instants") Instant received, @ForAll("limits") TimeLimit limit,
            @ForAll("instants") Instant a, @ForAll("instants") Instant b) {
        var due = Deadlines.due(CALENDAR, received, limit);
        var earlier = a.isBefore(b) ? a : b;
        var later = a.isBefore(b) ? b : a;
        var before = Deadlines.remaining(CALENDAR, earlier, due);
        var after = Deadlines.remaining(CALENDAR, later, due);
        assertThat(after).isLessThanOrEqualTo(before);
        assertThat(before.minus(after)).isEqualTo(Deadlines.workingTime(CALENDAR, earlier, later));
    }

    @Property
    void finishingAtTheDueInstantIsOnTime(@ForAll("instants") Instant received, @ForAll("limits") TimeLimit limit) {
        var due = Deadlines.due(CALENDAR, received, limit);
        assertThat(Deadlines.classify(due, due, CALENDAR.zone())).isEqualTo(Deadlines.Timeliness.ON_TIME);
        assertThat(Deadlines.classify(due.plusSeconds(1), due, CALENDAR.zone()))
                .isEqualTo(Deadlines.Timeliness.LATE);
    }

    @Property
    void timelinessFollowsTime(@ForAll("instants") Instant due, @ForAll("instants") Instant a,
            @ForAll("instants") Instant b) {
        var earlier = a.isBefore(b) ? a : b;
        var later = a.isBefore(b) ? b : a;
        assertThat(Deadlines.classify(earlier, due, CALENDAR.zone()))
                .isLessThanOrEqualTo(Deadlines.classify(later, due, CALENDAR.zone()));
    }

    @Property
    void aWorkingDayIsAMakeUpDayOrAWeekdayThatIsNotOff(@ForAll @IntRange(min = -3000, max = 6000) int daysAfter2020) {
        var day = LocalDate.of(2020, 1, 1).plusDays(daysAfter2020);
        var expected = CALENDAR.makeUpDays().contains(day)
                || ScheduledCalendar.VIETNAM_WORKING_WEEK.contains(day.getDayOfWeek()) && !CALENDAR.isDayOff(day);
        assertThat(CALENDAR.isWorkingDay(day)).isEqualTo(expected);
        assertThat(CALENDAR.sessions(day)).isEqualTo(expected ? ScheduledCalendar.HANOI_OFFICE_HOURS : List.of());
    }

    private static BigDecimal halfOf(int halves) {
        return BigDecimal.valueOf(halves).divide(BigDecimal.TWO);
    }

    private static Instant atLocal(LocalDate day, LocalTime time) {
        return day.atTime(time).atZone(CALENDAR.zone()).toInstant();
    }
}
