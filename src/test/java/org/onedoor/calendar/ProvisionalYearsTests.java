package org.onedoor.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.onedoor.calendar.seed.CalendarSeed;

/** A year without an announced schedule is forecast from the lunar calendar and the Labour Code. */
class ProvisionalYearsTests {

    @Test
    void forecasts2027WithTetOnASaturdayAndItsCompensatoryDays() {
        var days = ProvisionalYears.vietnam(2027, CalendarSeed.occasions());
        var off = days.stream().filter(d -> d.kind().closesOffices()).map(SpecialDay::day).toList();

        // Tết 2027 is Saturday 6/2: the 5 days are Fri 5/2 to Tue 9/2; Sat 6 and Sun 7 are owed back on Wed 10 and Thu 11.
        assertThat(off).contains(LocalDate.of(2027, 2, 5), LocalDate.of(2027, 2, 6), LocalDate.of(2027, 2, 9),
                LocalDate.of(2027, 2, 10), LocalDate.of(2027, 2, 11));
        // 30/4/2027 is a Friday and 1/5 a Saturday, owed back on Monday 3/5.
        assertThat(off).contains(LocalDate.of(2027, 4, 30), LocalDate.of(2027, 5, 1), LocalDate.of(2027, 5, 3));
        // 2/9/2027 is a Thursday: the second day is Friday 3/9.
        assertThat(off).contains(LocalDate.of(2027, 9, 2), LocalDate.of(2027, 9, 3)).doesNotContain(LocalDate.of(2027, 9, 1));
        assertThat(off).contains(VietnameseLunarCalendar.hungKingsDay(2027), LocalDate.of(2027, 1, 1));
        assertThat(days).allSatisfy(d -> assertThat(d.legalBasis()).contains("Điều 112"));
        assertThat(days.stream().map(SpecialDay::day).distinct()).hasSameSizeAs(days);
    }

    @Test
    void aForecastNeverMakesAWorkingWeekdayOutOfAHoliday() {
        for (int y = 2027; y <= 2060; y++) {
            var year = y;
            var days = ProvisionalYears.vietnam(year, CalendarSeed.occasions());
            assertThat(days).as("year " + year).anySatisfy(d -> assertThat(d.day()).isEqualTo(VietnameseLunarCalendar.tet(year)));
            assertThat(days).filteredOn(d -> d.kind() == DayKind.WEEKEND_IN_HOLIDAY)
                    .allSatisfy(d -> assertThat(d.day().getDayOfWeek().getValue()).isGreaterThanOrEqualTo(6));
        }
    }
}
