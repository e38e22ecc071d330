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
    /** How close to midnight a new moon may fall for the two computations to put it on different days. */
    static final double NEAR_MIDNIGHT_MINUTES = 10;
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
        assertThat(VietnameseLunarCalendar.toLunar(LocalDate.of(1900, 1, 1)))
                .isEqualTo(new LunarDate(1899, 12, 1, false));
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
            assertThat(days).as("year %d", year)
                    .isIn(leap.isPresent() ? List.of(383, 384, 385) : List.of(353, 354, 355));
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

    /**
     * Tết by an independent computation: new moons from Meeus' "true phases" (Astronomical Algorithms, ch. 49, with
     * all its periodic and planetary terms) and Espenak and Meeus' polynomials for ΔT, the sun's apparent longitude
     * (nutation and aberration included, at TT), and the month rules applied afresh. The two may disagree only when
     * the new moon falls within minutes of midnight at UTC+7. Over 1900-2199 they disagree twice: 2175 (the new moon
     * 0.4 minutes from midnight; the calendar says 23 January, the cross-check 22 January) and 2199 (2.1 minutes;
     * 27 against 26 January).
     */
    @Test
    void agreesOnTetWithAnIndependentComputationExceptForNewMoonsAtMidnight() {
        List<Integer> disagreements = new ArrayList<>();
        for (int year = 1900; year <= 2199; year++) {
            LocalDate expected = IndependentTet.of(year), actual = VietnameseLunarCalendar.tet(year);
            if (expected.equals(actual)) continue;
            double minutes = IndependentTet.minutesFromMidnightOfNewMoonNear(expected);
            assertThat(minutes).as("%d: %s instead of %s", year, actual, expected).isLessThan(NEAR_MIDNIGHT_MINUTES);
            disagreements.add(year);
        }

        assertThat(disagreements).containsExactly(2175, 2199);
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

    /** The independent computation of Tết used as a cross-check; it shares no code with the calendar. */
    static final class IndependentTet {

        static final double ZONE = 7 / 24.0;
        static final long JD_OF_EPOCH_DAY_0 = 2440588;

        /** Month 11 holds the solstice; Tết begins the second month after it, or the third after a leap 11 or 12. */
        static LocalDate of(int year) {
            int k = eleventhMonth(year - 1);
            int next = eleventhMonth(year);
            int leapOffset = Integer.MAX_VALUE;
            if (next - k == 13) {
                for (int offset = 1; offset <= 12 && leapOffset == Integer.MAX_VALUE; offset++)
                    if (!hasMajorTerm(k + offset)) leapOffset = offset;
            }
            return LocalDate.ofEpochDay(newMoonDay(k + (leapOffset <= 2 ? 3 : 2)));
        }

        /** The lunation k (0 = 2000 January 6) whose month holds the December solstice of a year. */
        static int eleventhMonth(int year) {
            int k = (int) Math.floor((year + 11.9 / 12 - 2000) * 12.3685);
            while (newMoonDay(k + 1) <= solsticeDay(year)) k++;
            while (newMoonDay(k) > solsticeDay(year)) k--;
            return k;
        }

        /** The epoch day, at UTC+7, on which the sun's apparent longitude reaches 270°. */
        static long solsticeDay(int year) {
            long day = LocalDate.of(year, 12, 18).toEpochDay();
            while (sectorAtStartOf(day + 1) < 9) day++;
            return day;
        }

        /** A month has a major term if the sun enters a new 30° sector between its first day and the next month's. */
        static boolean hasMajorTerm(int k) {
            return sectorAtStartOf(newMoonDay(k)) != sectorAtStartOf(newMoonDay(k + 1));
        }

        static int sectorAtStartOf(long epochDay) {
            double ut = epochDay + JD_OF_EPOCH_DAY_0 - 0.5 - ZONE;
            return (int) Math.floor(apparentSunLongitude(ut + deltaT(ut) / 86400) / 30);
        }

        static long newMoonDay(int k) {
            return (long) Math.floor(newMoonUt(k) + 0.5 + ZONE) - JD_OF_EPOCH_DAY_0;
        }

        /** How far (in minutes) from midnight at UTC+7 the new moon closest to a day falls. */
        static double minutesFromMidnightOfNewMoonNear(LocalDate day) {
            double jd = day.toEpochDay() + JD_OF_EPOCH_DAY_0;
            int k = (int) Math.round((jd - 2451550.09766) / 29.530588861);
            double best = Double.MAX_VALUE;
            for (int i = k - 1; i <= k + 1; i++) {
                double local = newMoonUt(i) + 0.5 + ZONE;
                if (Math.abs(local - jd) > 3) continue;
                double fraction = local - Math.floor(local);
                best = Math.min(best, Math.min(fraction, 1 - fraction) * 1440);
            }
            return best;
        }

        /** Meeus, Astronomical Algorithms, ch. 49: the true new moon k (JDE), less ΔT. */
        static double newMoonUt(int k) {
            double t = k / 1236.85, t2 = t * t, t3 = t2 * t, t4 = t3 * t;
            double jde = 2451550.09766 + 29.530588861 * k + 0.00015437 * t2 - 0.000000150 * t3 + 0.00000000073 * t4;
            double e = 1 - 0.002516 * t - 0.0000074 * t2;
            double m = Math.toRadians(2.5534 + 29.10535670 * k - 0.0000014 * t2 - 0.00000011 * t3);
            double mp = Math.toRadians(201.5643 + 385.81693528 * k + 0.0107582 * t2 + 0.00001238 * t3
                    - 0.000000058 * t4);
            double f = Math.toRadians(160.7108 + 390.67050284 * k - 0.0016118 * t2 - 0.00000227 * t3
                    + 0.000000011 * t4);
            double omega = Math.toRadians(124.7746 - 1.56375588 * k + 0.0020672 * t2 + 0.00000215 * t3);
            double periodic = -0.40720 * Math.sin(mp) + 0.17241 * e * Math.sin(m) + 0.01608 * Math.sin(2 * mp)
                    + 0.01039 * Math.sin(2 * f) + 0.00739 * e * Math.sin(mp - m) - 0.00514 * e * Math.sin(mp + m)
                    + 0.00208 * e * e * Math.sin(2 * m) - 0.00111 * Math.sin(mp - 2 * f)
                    - 0.00057 * Math.sin(mp + 2 * f) + 0.00056 * e * Math.sin(2 * mp + m)
                    - 0.00042 * Math.sin(3 * mp) + 0.00042 * e * Math.sin(m + 2 * f)
                    + 0.00038 * e * Math.sin(m - 2 * f) - 0.00024 * e * Math.sin(2 * mp - m)
                    - 0.00017 * Math.sin(omega) - 0.00007 * Math.sin(mp + 2 * m) + 0.00004 * Math.sin(2 * mp - 2 * f)
                    + 0.00004 * Math.sin(3 * m) + 0.00003 * Math.sin(mp + m - 2 * f)
                    + 0.00003 * Math.sin(2 * mp + 2 * f) - 0.00003 * Math.sin(mp + m + 2 * f)
                    + 0.00003 * Math.sin(mp - m + 2 * f) - 0.00002 * Math.sin(mp - m - 2 * f)
                    - 0.00002 * Math.sin(3 * mp + m) + 0.00002 * Math.sin(4 * mp);
            double[][] planetary = {
                    {299.77, 0.107408, 0.000325}, {251.88, 0.016321, 0.000165}, {251.83, 26.651886, 0.000164},
                    {349.42, 36.412478, 0.000126}, {84.66, 18.206239, 0.000110}, {141.74, 53.303771, 0.000062},
                    {207.14, 2.453732, 0.000060}, {154.84, 7.306860, 0.000056}, {34.52, 27.261239, 0.000047},
                    {207.19, 0.121824, 0.000042}, {291.34, 1.844379, 0.000040}, {161.72, 24.198154, 0.000037},
                    {239.56, 25.513099, 0.000035}, {331.55, 3.592518, 0.000023}};
            double additional = 0;
            for (int i = 0; i < planetary.length; i++) {
                double argument = planetary[i][0] + planetary[i][1] * k - (i == 0 ? 0.009173 * t2 : 0);
                additional += planetary[i][2] * Math.sin(Math.toRadians(argument));
            }
            double tt = jde + periodic + additional;
            return tt - deltaT(tt) / 86400;
        }

        /** The sun's apparent longitude in degrees at a Julian ephemeris day (Meeus ch. 25; nutation, aberration). */
        static double apparentSunLongitude(double jde) {
            double t = (jde - 2451545.0) / 36525;
            double l0 = 280.46646 + 36000.76983 * t + 0.0003032 * t * t;
            double m = Math.toRadians(357.52911 + 35999.05029 * t - 0.0001537 * t * t);
            double c = (1.914602 - 0.004817 * t - 0.000014 * t * t) * Math.sin(m)
                    + (0.019993 - 0.000101 * t) * Math.sin(2 * m) + 0.000289 * Math.sin(3 * m);
            double omega = Math.toRadians(125.04 - 1934.136 * t);
            double longitude = l0 + c - 0.00569 - 0.00478 * Math.sin(omega);
            return ((longitude % 360) + 360) % 360;
        }

        /** ΔT = TT - UT in seconds, from the polynomials of Espenak and Meeus (NASA, 2006). */
        static double deltaT(double jd) {
            double y = 2000 + (jd - 2451544.5) / 365.2425;
            if (y < 1920) {
                double u = y - 1900;
                return -2.79 + 1.494119 * u - 0.0598939 * u * u + 0.0061966 * u * u * u - 0.000197 * u * u * u * u;
            }
            if (y < 1941) {
                double u = y - 1920;
                return 21.20 + 0.84493 * u - 0.076100 * u * u + 0.0020936 * u * u * u;
            }
            if (y < 1961) {
                double u = y - 1950;
                return 29.07 + 0.407 * u - u * u / 233 + u * u * u / 2547;
            }
            if (y < 1986) {
                double u = y - 1975;
                return 45.45 + 1.067 * u - u * u / 260 - u * u * u / 718;
            }
            if (y < 2005) {
                double u = y - 2000;
                return 63.86 + 0.3345 * u - 0.060374 * u * u + 0.0017275 * u * u * u
                        + 0.000651814 * u * u * u * u + 0.00002373599 * u * u * u * u * u;
            }
            if (y < 2050) {
                double u = y - 2000;
                return 62.92 + 0.32217 * u + 0.005589 * u * u;
            }
            double u = (y - 1820) / 100;
            return y < 2150 ? -20 + 32 * u * u - 0.5628 * (2150 - y) : -20 + 32 * u * u;
        }
    }
}
