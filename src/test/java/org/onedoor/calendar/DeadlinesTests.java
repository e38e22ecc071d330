package org.onedoor.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Deadlines on the real 2024–2026 civil-service calendar (Asia/Ho_Chi_Minh, Mon–Fri, 08:00–12:00 and 13:00–17:00).
 * Every expectation carries its hand count; "day 1" is the first working day counted.
 */
class DeadlinesTests {

    static final ScheduledCalendar VIETNAM = vietnam2024to2026();

    static ScheduledCalendar vietnam2024to2026() {
        var daysOff = new HashSet<LocalDate>();
        var makeUpDays = new HashSet<LocalDate>();
        var resource = Objects.requireNonNull(
                DeadlinesTests.class.getResourceAsStream("/calendar/vn-days-off-2024-2026.csv"));
        try (var reader = new BufferedReader(new InputStreamReader(resource, StandardCharsets.UTF_8))) {
            reader.lines()
                    .filter(line -> !line.isBlank() && !line.startsWith("#") && !line.startsWith("date,"))
                    .map(line -> line.split(","))
                    .forEach(columns -> {
                        var day = LocalDate.parse(columns[0]);
                        switch (columns[1]) {
                            case "day_off", "weekend_in_holiday" -> daysOff.add(day);
                            case "makeup_workday" -> makeUpDays.add(day);
                            default -> throw new IllegalArgumentException("Unknown kind: " + columns[1]);
                        }
                    });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return ScheduledCalendar.vietnamCivilService(daysOff, makeUpDays);
    }

    /** A local date-time in Hanoi as an instant. */
    static Instant hanoi(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(ScheduledCalendar.VIETNAM_ZONE).toInstant();
    }

    static Instant due(String received, TimeLimit limit) {
        return Deadlines.due(VIETNAM, hanoi(received), limit);
    }

    @Test
    void theCalendarFileIsRead() {
        assertThat(VIETNAM.daysOff()).hasSize(65);
        assertThat(VIETNAM.makeUpDays()).containsExactlyInAnyOrder(LocalDate.of(2024, 5, 4), LocalDate.of(2025, 4, 26),
                LocalDate.of(2026, 1, 10), LocalDate.of(2026, 8, 22));
        assertThat(VIETNAM.isWorkingDay(LocalDate.of(2025, 4, 26))).isTrue();   // make-up Saturday
        assertThat(VIETNAM.isWorkingDay(LocalDate.of(2025, 4, 30))).isFalse();  // Victory Day
        assertThat(VIETNAM.isWorkingDay(LocalDate.of(2025, 5, 10))).isFalse();  // ordinary Saturday
        assertThat(VIETNAM.sessions(LocalDate.of(2025, 5, 10))).isEmpty();
        assertThat(VIETNAM.isDayOff(LocalDate.of(2025, 5, 3))).isTrue();        // weekend inside the holiday
        assertThat(VIETNAM.isDayOff(LocalDate.of(2025, 5, 10))).isFalse();      // a weekly rest day only
    }

    @Nested
    class WorkingDays {

        @Test
        void acrossTet2024() {
            // Received Wed 7/2 10:00, during office hours: counting starts the next working day.
            // Thu 8, Fri 9 off; Sat 10, Sun 11 weekend in Tết; Mon 12, Tue 13, Wed 14 off.
            // Day 1 Thu 15, 2 Fri 16, 3 Mon 19, 4 Tue 20, 5 Wed 21 → Wed 21/2 17:00.
            assertThat(due("2024-02-07T10:00", TimeLimit.workingDays(5))).isEqualTo(hanoi("2024-02-21T17:00"));
        }

        @Test
        void acrossTet2025() {
            // Received Fri 24/1 16:00. Sat 25 – Sun 2/2 off (Mon 27 – Fri 31 Tết).
            // Day 1 Mon 3/2, 2 Tue 4/2, 3 Wed 5/2 → Wed 5/2 17:00.
            assertThat(due("2025-01-24T16:00", TimeLimit.workingDays(3))).isEqualTo(hanoi("2025-02-05T17:00"));
        }

        @Test
        void acrossTet2026() {
            // Received Fri 13/2 09:00. Sat 14 – Sun 22/2 off (Mon 16 – Fri 20 Tết).
            // Day 1 Mon 23/2, 2 Tue 24/2 → Tue 24/2 17:00.
            assertThat(due("2026-02-13T09:00", TimeLimit.workingDays(2))).isEqualTo(hanoi("2026-02-24T17:00"));
        }

        @Test
        void acrossVictoryAndLabourDay2025WithTheMakeUpSaturday() {
            // Received Fri 25/4 14:00. Sat 26/4 is the make-up working day.
            // Day 1 Sat 26/4, 2 Mon 28/4, 3 Tue 29/4 → Tue 29/4 17:00.
            assertThat(due("2025-04-25T14:00", TimeLimit.workingDays(3))).isEqualTo(hanoi("2025-04-29T17:00"));
            // Wed 30/4, Thu 1/5, Fri 2/5 off, Sat 3, Sun 4 in the holiday: day 4 Mon 5/5 → Mon 5/5 17:00.
            assertThat(due("2025-04-25T14:00", TimeLimit.workingDays(4))).isEqualTo(hanoi("2025-05-05T17:00"));
        }

        @Test
        void acrossNationalDay2025() {
            // Received Fri 29/8 10:00. Sat 30, Sun 31/8, Mon 1/9, Tue 2/9 off.
            // Day 1 Wed 3/9, 2 Thu 4/9 → Thu 4/9 17:00.
            assertThat(due("2025-08-29T10:00", TimeLimit.workingDays(2))).isEqualTo(hanoi("2025-09-04T17:00"));
        }

        @Test
        void acrossNationalDay2026WithItsMakeUpSaturday() {
            // Received Fri 21/8 16:30; Sat 22/8 is a make-up working day: day 1 Sat 22/8 → 17:00.
            assertThat(due("2026-08-21T16:30", TimeLimit.workingDays(1))).isEqualTo(hanoi("2026-08-22T17:00"));
            // Received Fri 28/8 11:00. Sat 29, Sun 30/8, Mon 31/8, Tue 1/9, Wed 2/9 off.
            // Day 1 Thu 3/9 → Thu 3/9 17:00.
            assertThat(due("2026-08-28T11:00", TimeLimit.workingDays(1))).isEqualTo(hanoi("2026-09-03T17:00"));
        }

        @Test
        void acrossNewYear2026WithItsMakeUpSaturday() {
            // Received Wed 31/12/2025 09:00. Thu 1/1 – Sun 4/1 off.
            // Day 1 Mon 5, 2 Tue 6, 3 Wed 7, 4 Thu 8, 5 Fri 9, 6 Sat 10 (make-up) → Sat 10/1 17:00.
            assertThat(due("2025-12-31T09:00", TimeLimit.workingDays(6))).isEqualTo(hanoi("2026-01-10T17:00"));
            // Day 7: Sun 11 is a rest day → Mon 12/1 17:00.
            assertThat(due("2025-12-31T09:00", TimeLimit.workingDays(7))).isEqualTo(hanoi("2026-01-12T17:00"));
        }

        @Test
        void receivedOnASundayEveningCountsFromMondayMorning() {
            // Sun 8/3/2026 20:00 → received Mon 9/3 08:00; day 1 Mon 9/3 → 17:00.
            assertThat(due("2026-03-08T20:00", TimeLimit.workingDays(1))).isEqualTo(hanoi("2026-03-09T17:00"));
            // Day 1 Mon 9, 2 Tue 10, 3 Wed 11 → Wed 11/3 17:00.
            assertThat(due("2026-03-08T20:00", TimeLimit.workingDays(3))).isEqualTo(hanoi("2026-03-11T17:00"));
            // 8 working hours: Mon 08:00–12:00 and 13:00–17:00.
            assertThat(due("2026-03-08T20:00", TimeLimit.workingHours(8))).isEqualTo(hanoi("2026-03-09T17:00"));
        }

        @Test
        void theReceptionDayCountsOnlyWhenReceivedByOpening() {
            // 07:30 and 08:00: the whole Monday is available, day 1 = Mon 9/3.
            assertThat(due("2026-03-09T07:30", TimeLimit.workingDays(1))).isEqualTo(hanoi("2026-03-09T17:00"));
            assertThat(due("2026-03-09T08:00", TimeLimit.workingDays(1))).isEqualTo(hanoi("2026-03-09T17:00"));
            // 08:01: day 1 = Tue 10/3.
            assertThat(due("2026-03-09T08:01", TimeLimit.workingDays(1))).isEqualTo(hanoi("2026-03-10T17:00"));
            // After closing on Fri 13/3: day 1 = Mon 16/3.
            assertThat(due("2026-03-13T17:30", TimeLimit.workingDays(1))).isEqualTo(hanoi("2026-03-16T17:00"));
        }

        @Test
        void halfDaysCountInMorningsAndAfternoons() {
            // Mon 9/3/2026 07:00: the morning half is day ½ → Mon 12:00.
            assertThat(due("2026-03-09T07:00", TimeLimit.workingDays(new BigDecimal("0.5"))))
                    .isEqualTo(hanoi("2026-03-09T12:00"));
            // Mon 10:00: the morning has begun; the afternoon half → Mon 17:00.
            assertThat(due("2026-03-09T10:00", TimeLimit.workingDays(new BigDecimal("0.5"))))
                    .isEqualTo(hanoi("2026-03-09T17:00"));
            // Mon 08:00, 1½ days: Mon morning, Mon afternoon, Tue morning → Tue 12:00.
            assertThat(due("2026-03-09T08:00", TimeLimit.workingDays(new BigDecimal("1.5"))))
                    .isEqualTo(hanoi("2026-03-10T12:00"));
        }

        @Test
        void zeroIsDueAtReception() {
            assertThat(due("2026-03-08T20:00", TimeLimit.workingDays(0))).isEqualTo(hanoi("2026-03-08T20:00"));
            assertThat(due("2026-03-09T10:00", TimeLimit.workingHours(0))).isEqualTo(hanoi("2026-03-09T10:00"));
        }
    }

    @Nested
    class WorkingHours {

        @Test
        void skipLunch() {
            // Mon 9/3/2026 10:30 + 4 h: 10:30–12:00 (1 h 30), 13:00–15:30 (2 h 30) → 15:30.
            assertThat(due("2026-03-09T10:30", TimeLimit.workingHours(4))).isEqualTo(hanoi("2026-03-09T15:30"));
        }

        @Test
        void endExactlyAtASessionEnd() {
            // Mon 08:00 + 4 h → 12:00, not 13:00.
            assertThat(due("2026-03-09T08:00", TimeLimit.workingHours(4))).isEqualTo(hanoi("2026-03-09T12:00"));
        }

        @Test
        void halfHours() {
            // Mon 11:00 + 1.5 h: 11:00–12:00 (1 h), 13:00–13:30 → 13:30.
            assertThat(due("2026-03-09T11:00", TimeLimit.workingHours(new BigDecimal("1.5"))))
                    .isEqualTo(hanoi("2026-03-09T13:30"));
        }

        @Test
        void acrossTet2026() {
            // Fri 13/2/2026 15:00 + 4 h: Fri 15:00–17:00 (2 h); Sat 14 – Sun 22 off; Mon 23/2 08:00–10:00 → 10:00.
            assertThat(due("2026-02-13T15:00", TimeLimit.workingHours(4))).isEqualTo(hanoi("2026-02-23T10:00"));
        }
    }

    @Nested
    class CalendarDays {

        @Test
        void dueOnADayOffMovesToTheNextWorkingDay() {
            // Mon 28/4/2025 10:00 + 3 days = Thu 1/5 (Labour Day); Fri 2, Sat 3, Sun 4 off → Mon 5/5 17:00.
            assertThat(due("2025-04-28T10:00", TimeLimit.calendarDays(3, false))).isEqualTo(hanoi("2025-05-05T17:00"));
        }

        @Test
        void skippingDaysOff() {
            // Mon 28/4/2025 10:00: day 1 Tue 29/4; 30/4 – 4/5 are declared days off, not counted;
            // day 2 Mon 5/5, day 3 Tue 6/5 → Tue 6/5 17:00.
            assertThat(due("2025-04-28T10:00", TimeLimit.calendarDays(3, true))).isEqualTo(hanoi("2025-05-06T17:00"));
        }

        @Test
        void ordinaryWeekendsCountEvenWhenSkippingDaysOff() {
            // Thu 5/3/2026 10:00: day 1 Fri 6, 2 Sat 7, 3 Sun 8, 4 Mon 9 → Mon 9/3 17:00.
            assertThat(due("2026-03-05T10:00", TimeLimit.calendarDays(4, true))).isEqualTo(hanoi("2026-03-09T17:00"));
            // 2 days: Sat 7 is not a working day → Mon 9/3 17:00.
            assertThat(due("2026-03-05T10:00", TimeLimit.calendarDays(2, true))).isEqualTo(hanoi("2026-03-09T17:00"));
        }
    }

    @Nested
    class WithinTheDay {

        static final TimeLimit BY_15 = TimeLimit.withinDay(LocalTime.of(15, 0));

        @Test
        void receivedBeforeTheCutoff() {
            // Tue 3/3/2026 14:59 and 15:00 exactly → the same day 17:00.
            assertThat(due("2026-03-03T14:59", BY_15)).isEqualTo(hanoi("2026-03-03T17:00"));
            assertThat(due("2026-03-03T15:00", BY_15)).isEqualTo(hanoi("2026-03-03T17:00"));
            // Before opening, 07:00: received at 08:00 the same day.
            assertThat(due("2026-03-03T07:00", BY_15)).isEqualTo(hanoi("2026-03-03T17:00"));
        }

        @Test
        void receivedAfterTheCutoff() {
            // Tue 3/3/2026 15:01 → Wed 4/3 17:00.
            assertThat(due("2026-03-03T15:01", BY_15)).isEqualTo(hanoi("2026-03-04T17:00"));
            // Wed 29/4/2026 16:00: Thu 30/4, Fri 1/5 off, Sat 2, Sun 3 → Mon 4/5 17:00.
            assertThat(due("2026-04-29T16:00", BY_15)).isEqualTo(hanoi("2026-05-04T17:00"));
        }

        @Test
        void receivedOutsideOfficeHours() {
            // Tue 3/3/2026 18:00, no cutoff → Wed 4/3 17:00; Sun 8/3 20:00 with the cutoff → Mon 9/3 17:00.
            assertThat(due("2026-03-03T18:00", TimeLimit.withinDay(null))).isEqualTo(hanoi("2026-03-04T17:00"));
            assertThat(due("2026-03-08T20:00", BY_15)).isEqualTo(hanoi("2026-03-09T17:00"));
        }
    }

    @Nested
    class Pauses {

        @Test
        void aPauseOfTwoWorkingDaysPushesTheDueDateByTwoWorkingDays() {
            // Received Mon 9/3/2026 10:00, 5 working days: day 1 Tue 10 … day 5 Mon 16/3 → Mon 16/3 17:00.
            var received = hanoi("2026-03-09T10:00");
            var limit = TimeLimit.workingDays(5);
            assertThat(Deadlines.due(VIETNAM, received, limit)).isEqualTo(hanoi("2026-03-16T17:00"));
            // Waiting for a supplement Wed 11/3 10:00 → Fri 13/3 10:00: Wed 6 h + Thu 8 h + Fri 2 h = 16 h = 2 days.
            // Mon 16/3 17:00 + 16 working hours → Tue 17/3 17:00 → Wed 18/3 17:00.
            var pause = new Deadlines.Pause(hanoi("2026-03-11T10:00"), hanoi("2026-03-13T10:00"));
            assertThat(Deadlines.due(VIETNAM, received, limit, List.of(pause))).isEqualTo(hanoi("2026-03-18T17:00"));
        }

        @Test
        void overlappingPausesCountOnceAndPausesAfterTheDueDateDoNotCount() {
            var received = hanoi("2026-03-09T10:00");
            var limit = TimeLimit.workingDays(5);
            var pauses = List.of(
                    new Deadlines.Pause(hanoi("2026-03-11T10:00"), hanoi("2026-03-12T10:00")),
                    new Deadlines.Pause(hanoi("2026-03-11T14:00"), hanoi("2026-03-13T10:00")),
                    new Deadlines.Pause(hanoi("2026-03-30T08:00"), hanoi("2026-03-31T08:00")));
            assertThat(Deadlines.due(VIETNAM, received, limit, pauses)).isEqualTo(hanoi("2026-03-18T17:00"));
        }

        @Test
        void aPauseOverTetCountsOnlyItsWorkingTime() {
            // Received Fri 6/2/2026 08:00, 5 working days: Fri 6, Mon 9 … Thu 12 → Thu 12/2 17:00.
            // Paused Thu 12/2 08:00 → Mon 23/2 08:00: Thu 12 and Fri 13 = 16 h (Tết 14–22 is not working time).
            // Thu 12/2 17:00 + 16 h: Fri 13/2, then Mon 23/2 → Mon 23/2 17:00.
            var pause = new Deadlines.Pause(hanoi("2026-02-12T08:00"), hanoi("2026-02-23T08:00"));
            assertThat(Deadlines.due(VIETNAM, hanoi("2026-02-06T08:00"), TimeLimit.workingDays(5), List.of(pause)))
                    .isEqualTo(hanoi("2026-02-23T17:00"));
        }
    }

    @Nested
    class Timeliness {

        static final Instant DUE = hanoi("2026-03-16T17:00");

        @Test
        void earlyOnTimeAndLate() {
            // Due Mon 16/3/2026 17:00: Friday 13/3 is a day before the due day (early); any time on Monday up to
            // 17:00 is on time (§3.2 indicator 2.1: end ≤ appointment); one second later is late.
            assertThat(classify("2026-03-13T16:00")).isEqualTo(Deadlines.Timeliness.EARLY);
            assertThat(classify("2026-03-16T00:30")).isEqualTo(Deadlines.Timeliness.ON_TIME);
            assertThat(classify("2026-03-16T09:00")).isEqualTo(Deadlines.Timeliness.ON_TIME);
            assertThat(Deadlines.classify(DUE, DUE, VIETNAM.zone())).isEqualTo(Deadlines.Timeliness.ON_TIME);
            assertThat(Deadlines.classify(DUE.plusSeconds(1), DUE, VIETNAM.zone()))
                    .isEqualTo(Deadlines.Timeliness.LATE);
            assertThat(classify("2026-03-17T08:00")).isEqualTo(Deadlines.Timeliness.LATE);
        }

        static Deadlines.Timeliness classify(String ended) {
            return Deadlines.classify(hanoi(ended), DUE, VIETNAM.zone());
        }
    }

    @Nested
    class Remaining {

        static final Instant DUE = hanoi("2026-03-16T17:00");

        @Test
        void workingTimeLeftAndOverdue() {
            // Mon 13:00 → 17:00: 4 h.
            assertThat(Deadlines.remaining(VIETNAM, hanoi("2026-03-16T13:00"), DUE)).isEqualTo(Duration.ofHours(4));
            // Fri 13/3 16:00: Fri 1 h + Mon 8 h = 9 h.
            assertThat(Deadlines.remaining(VIETNAM, hanoi("2026-03-13T16:00"), DUE)).isEqualTo(Duration.ofHours(9));
            // During lunch on Mon: 13:00–17:00 = 4 h.
            assertThat(Deadlines.remaining(VIETNAM, hanoi("2026-03-16T12:30"), DUE)).isEqualTo(Duration.ofHours(4));
            // Tue 17/3 09:00: 1 h overdue (Mon evening is not working time).
            assertThat(Deadlines.remaining(VIETNAM, hanoi("2026-03-17T09:00"), DUE)).isEqualTo(Duration.ofHours(-1));
            assertThat(Deadlines.remaining(VIETNAM, DUE, DUE)).isZero();
        }
    }

    @Nested
    class Validation {

        @Test
        void timeLimits() {
            assertThat(TimeLimit.workingHours(new BigDecimal("4.0"))).isEqualTo(TimeLimit.workingHours(4));
            assertThat(TimeLimit.workingDays(10).value()).isEqualByComparingTo("10");
            assertThatThrownBy(() -> TimeLimit.workingDays(-1)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> TimeLimit.workingDays(new BigDecimal("0.25")))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> TimeLimit.workingHours(new BigDecimal("1.3")))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> new TimeLimit(new BigDecimal("1.5"), TimeLimit.Unit.CALENDAR_DAYS, null, false))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> new TimeLimit(BigDecimal.ONE, TimeLimit.Unit.WORKING_DAYS, LocalTime.NOON, false))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> new TimeLimit(BigDecimal.ONE, TimeLimit.Unit.WORKING_DAYS, null, true))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> new TimeLimit(BigDecimal.ONE, TimeLimit.Unit.WITHIN_DAY, null, false))
                    .isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        void sessionsAndCalendars() {
            assertThat(OfficeSession.of("08:00", "12:00").length()).isEqualTo(Duration.ofHours(4));
            assertThatThrownBy(() -> OfficeSession.of("12:00", "08:00")).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> OfficeSession.of("08:00", "08:00")).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> new ScheduledCalendar(ScheduledCalendar.VIETNAM_ZONE,
                    ScheduledCalendar.VIETNAM_WORKING_WEEK,
                    List.of(OfficeSession.of("08:00", "12:00"), OfficeSession.of("11:00", "17:00")), Set.of(),
                    Set.of())).isInstanceOf(IllegalArgumentException.class);
            var day = LocalDate.of(2026, 3, 7);
            assertThatThrownBy(() -> ScheduledCalendar.vietnamCivilService(Set.of(day), Set.of(day)))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> new Deadlines.Pause(hanoi("2026-03-02T10:00"), hanoi("2026-03-02T09:00")))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }
}
