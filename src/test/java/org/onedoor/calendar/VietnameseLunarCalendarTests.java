package org.onedoor.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class VietnameseLunarCalendarTests {

    static final String HOLIDAY_SPANS = "/calendar/vn-holiday-spans-2016-2026.csv";
    static final Path SHARED_HOLIDAYS = Path.of("../shared/data/vn_holidays_civil_servants_2016_2026.csv");

    @ParameterizedTest
    @CsvSource({
            "1968, 1968-01-29", "1985, 1985-01-21", "2007, 2007-02-17", "2025, 2025-01-29",
            "2026, 2026-02-17", "2027, 2027-02-06", "2030, 2030-02-02", "2053, 2053-02-18"})
    void putsTetOnTheDayOfTheNewMoonAtHanoiTime(int year, LocalDate tet) {
        assertThat(VietnameseLunarCalendar.tet(year)).isEqualTo(tet);
        assertThat(VietnameseLunarCalendar.toLunar(tet)).isEqualTo(new LunarDate(year, 1, 1, false));
        assertThat(VietnameseLunarCalendar.toLunar(tet.minusDays(1)).year()).isEqualTo(year - 1);
    }

    @Test
    void namesTheYearOfTet2026BinhNgo() {
        LunarDate tet = VietnameseLunarCalendar.toLunar(LocalDate.of(2026, 2, 17));

        assertThat(tet).isEqualTo(new LunarDate(2026, 1, 1, false));
        assertThat(VietnameseLunarCalendar.yearName(tet.year())).isEqualTo("Bính Ngọ");
    }

    @ParameterizedTest
    @CsvSource({
            "2026, Bính Ngọ", "2025, Ất Tỵ", "2024, Giáp Thìn", "2023, Quý Mão", "2020, Canh Tý", "2019, Kỷ Hợi",
            "1945, Ất Dậu", "1975, Ất Mão", "2000, Canh Thìn", "2017, Đinh Dậu", "2021, Tân Sửu", "2022, Nhâm Dần",
            "2027, Đinh Mùi", "2028, Mậu Thân", "2030, Canh Tuất"})
    void namesYearsByStemAndBranchInVietnamese(int year, String name) {
        String named = VietnameseLunarCalendar.yearName(year);

        assertThat(named).isEqualTo(Normalizer.normalize(name, Normalizer.Form.NFC));
        assertThat(Normalizer.isNormalized(named, Normalizer.Form.NFC)).isTrue();
    }

    @Test
    void findsLunarNewYearAndTheTenthOfTheThirdMonthInsideEveryAnnouncedHolidaySpan() throws IOException {
        List<String[]> spans = holidaySpans();

        assertThat(spans).hasSize(22);
        for (String[] span : spans) {
            int year = Integer.parseInt(span[0]);
            LocalDate from = LocalDate.parse(span[2]), to = LocalDate.parse(span[3]);
            LocalDate day = span[1].equals("tet_nguyen_dan")
                    ? VietnameseLunarCalendar.tet(year) : VietnameseLunarCalendar.hungKingsDay(year);
            assertThat(day).as("%s %s", year, span[1]).isBetween(from, to);
        }
    }

    @Test
    void keepsItsCopyOfTheHolidaySpansInStepWithTheSharedDataWhereThatIsAvailable() throws IOException {
        if (!Files.exists(SHARED_HOLIDAYS)) return;
        List<String> shared = new ArrayList<>();
        for (String line : Files.readAllLines(SHARED_HOLIDAYS, StandardCharsets.UTF_8)) {
            String[] cells = line.split(",", 5);
            if (cells[1].startsWith("tet_nguyen_dan") || cells[1].startsWith("gio_to_"))
                shared.add(String.join(",", cells[0], cells[1], cells[2], cells[3]));
        }

        assertThat(holidaySpans()).extracting(span -> String.join(",", span)).containsExactlyElementsOf(shared);
    }

    @Test
    void convertsEveryDayOf1900To2199ThereAndBack() {
        for (LocalDate day = VietnameseLunarCalendar.FIRST_DAY; !day.isAfter(VietnameseLunarCalendar.LAST_DAY);
                day = day.plusDays(1)) {
            LunarDate lunar = VietnameseLunarCalendar.toLunar(day);
            LocalDate back = VietnameseLunarCalendar.toSolar(lunar.year(), lunar.month(), lunar.day(), lunar.leap());
            if (!back.equals(day)) assertThat(back).as("%s via %s", day, lunar).isEqualTo(day);
        }
    }

    @Test
    void startsThe1900CalendarInTheTwelfthMonthOf1899AndEndsItInLunar2199() {
        assertThat(VietnameseLunarCalendar.toLunar(LocalDate.of(1900, 1, 1))).isEqualTo(new LunarDate(1899, 12, 1, false));
        assertThat(VietnameseLunarCalendar.tet(1900)).isEqualTo(LocalDate.of(1900, 1, 31));
        assertThat(VietnameseLunarCalendar.toLunar(LocalDate.of(2199, 12, 31)).year()).isEqualTo(2199);
    }

    @Test
    void givesEveryMonth29Or30DaysAndEveryYear12Or13Months() {
        for (int year = 1900; year <= 2199; year++) {
            OptionalInt leap = VietnameseLunarCalendar.leapMonth(year);
            int days = 0;
            for (int month = 1; month <= 12; month++) {
                days += lengthOf(year, month, false);
                if (leap.isPresent() && leap.getAsInt() == month) days += lengthOf(year, month, true);
            }
            int months = leap.isPresent() ? 13 : 12;
            if (year < 2199) {
                long daysToNextTet = VietnameseLunarCalendar.tet(year + 1).toEpochDay()
                        - VietnameseLunarCalendar.tet(year).toEpochDay();
                assertThat(days).as("year %d", year).isEqualTo((int) daysToNextTet);
            }
            assertThat(days).as("year %d", year).isBetween(months * 29, months * 30);
            assertThat(days).as("year %d", year).isIn(leap.isPresent() ? List.of(383, 384, 385) : List.of(353, 354, 355));
        }
    }

    private static int lengthOf(int year, int month, boolean leap) {
        int length = VietnameseLunarCalendar.monthLength(year, month, leap);
        assertThat(length).as("%d/%d%s", month, year, leap ? " leap" : "").isIn(29, 30);
        return length;
    }

    @Test
    void reportsTheLeapMonthWhereTheDaysAreAndNowhereElse() {
        Map<Integer, Integer> leapMonthsSeen = new TreeMap<>();
        for (LocalDate day = LocalDate.of(1900, 1, 31); !day.isAfter(VietnameseLunarCalendar.LAST_DAY);
                day = day.plusDays(1)) {
            LunarDate lunar = VietnameseLunarCalendar.toLunar(day);
            if (lunar.leap()) leapMonthsSeen.put(lunar.year(), lunar.month());
        }

        for (int year = 1900; year <= 2199; year++) {
            OptionalInt leap = VietnameseLunarCalendar.leapMonth(year);
            if (year < 2199 || leap.isEmpty() || leap.getAsInt() < 11)
                assertThat(leap.isPresent() ? leap.getAsInt() : null).as("year %d", year)
                        .isEqualTo(leapMonthsSeen.get(year));
        }
        // Known Vietnamese leap months: 2020 leap 4, 2023 leap 2, 2025 leap 6, 2028 leap 5, 2033 leap 11.
        assertThat(VietnameseLunarCalendar.leapMonth(2020)).hasValue(4);
        assertThat(VietnameseLunarCalendar.leapMonth(2023)).hasValue(2);
        assertThat(VietnameseLunarCalendar.leapMonth(2025)).hasValue(6);
        assertThat(VietnameseLunarCalendar.leapMonth(2028)).hasValue(5);
        assertThat(VietnameseLunarCalendar.leapMonth(2033)).hasValue(11);
        assertThat(VietnameseLunarCalendar.leapMonth(2026)).isEmpty();
        assertThat(leapMonthsSeen).hasSizeBetween(105, 115);
    }

    @Test
    void placesTheLeapMonthAfterTheMonthItRepeats() {
        LocalDate sixth = VietnameseLunarCalendar.toSolar(2025, 6, 1, false);
        LocalDate leapSixth = VietnameseLunarCalendar.toSolar(2025, 6, 1, true);
        LocalDate seventh = VietnameseLunarCalendar.toSolar(2025, 7, 1, false);

        assertThat(leapSixth).isEqualTo(sixth.plusDays(VietnameseLunarCalendar.monthLength(2025, 6, false)));
        assertThat(seventh).isEqualTo(leapSixth.plusDays(VietnameseLunarCalendar.monthLength(2025, 6, true)));
        assertThat(VietnameseLunarCalendar.toLunar(leapSixth)).isEqualTo(new LunarDate(2025, 6, 1, true));
    }

    @Test
    void refusesDaysThatDoNotExist() {
        assertRefused(() -> VietnameseLunarCalendar.toSolar(2026, 13, 1, false));
        assertRefused(() -> VietnameseLunarCalendar.toSolar(2026, 0, 1, false));
        assertRefused(() -> VietnameseLunarCalendar.toSolar(2026, 1, 31, false));
        assertRefused(() -> VietnameseLunarCalendar.toSolar(2026, 1, 0, false));
        assertRefused(() -> VietnameseLunarCalendar.toSolar(2026, 4, 1, true));
        assertRefused(() -> VietnameseLunarCalendar.toSolar(2025, 5, 1, true));
        assertRefused(() -> VietnameseLunarCalendar.toSolar(1899, 1, 1, false));
        assertRefused(() -> VietnameseLunarCalendar.toSolar(2200, 1, 1, false));
        assertRefused(() -> VietnameseLunarCalendar.tet(1899));
        assertRefused(() -> VietnameseLunarCalendar.tet(2200));
        assertRefused(() -> VietnameseLunarCalendar.leapMonth(2200));
        assertRefused(() -> VietnameseLunarCalendar.monthLength(2026, 13, false));
        assertRefused(() -> new LunarDate(2026, 13, 1, false));
        assertRefused(() -> new LunarDate(2026, 1, 31, false));
    }

    @Test
    void refusesTheThirtiethOfAShortMonth() {
        int year = 2026, month = 1;
        while (VietnameseLunarCalendar.monthLength(year, month, false) == 30) month++;
        int shortMonth = month;

        assertRefused(() -> VietnameseLunarCalendar.toSolar(year, shortMonth, 30, false));
        assertThat(VietnameseLunarCalendar.toSolar(year, shortMonth, 29, false)).isNotNull();
    }

    private static void assertRefused(org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOfSatisfying(InvalidLunarDate.class,
                problem -> assertThat(problem.code()).isEqualTo("invalid-lunar-date"));
    }

    static List<String[]> holidaySpans() throws IOException {
        List<String[]> spans = new ArrayList<>();
        try (InputStream in = VietnameseLunarCalendarTests.class.getResourceAsStream(HOLIDAY_SPANS)) {
            assertThat(in).as(HOLIDAY_SPANS).isNotNull();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#") || line.startsWith("year,")) continue;
                spans.add(line.strip().split(","));
            }
        }
        return spans;
    }
}
