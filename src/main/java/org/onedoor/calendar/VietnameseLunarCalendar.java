package org.onedoor.calendar;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.OptionalInt;

/**
 * The Vietnamese lunar calendar (âm lịch) for the Gregorian days 1900-01-01 to 2199-12-31, following the method
 * published by Hồ Ngọc Đức: months begin on the day of the astronomical new moon and the sun's longitude decides the
 * major solar terms, both after Jean Meeus and both reckoned at UTC+7 (which is why Tết sometimes differs from the
 * Chinese New Year); the month holding the winter solstice is month 11; in a year of 13 months the first month
 * without a major solar term is the leap month and repeats the number of the month before it.
 *
 * <p>The whole range is tabulated once, on first use (about 3,700 months), so that each conversion is a binary search
 * or an array look-up.
 */
public final class VietnameseLunarCalendar {

    /** The first and last lunar years whose months, Tết and leap month are known. */
    static final int FIRST_YEAR = 1900, LAST_YEAR = 2199;

    static final LocalDate FIRST_DAY = LocalDate.of(1900, 1, 1), LAST_DAY = LocalDate.of(2199, 12, 31);

    private static final String[] STEMS = {"Giáp", "Ất", "Bính", "Đinh", "Mậu", "Kỷ", "Canh", "Tân", "Nhâm", "Quý"};
    private static final String[] BRANCHES =
            {"Tý", "Sửu", "Dần", "Mão", "Thìn", "Tỵ", "Ngọ", "Mùi", "Thân", "Dậu", "Tuất", "Hợi"};

    private VietnameseLunarCalendar() {
    }

    /** The lunar day of a Gregorian day between 1900-01-01 and 2199-12-31. */
    public static LunarDate toLunar(LocalDate date) {
        if (date.isBefore(FIRST_DAY) || date.isAfter(LAST_DAY))
            throw new IllegalArgumentException("The lunar calendar covers 1900-01-01 to 2199-12-31, not " + date);
        Months months = Months.TABLE;
        int epochDay = (int) date.toEpochDay();
        int found = Arrays.binarySearch(months.start, epochDay);
        int i = found >= 0 ? found : -found - 2;
        return new LunarDate(months.year[i], months.number[i], epochDay - months.start[i] + 1, months.leap[i]);
    }

    /**
     * The Gregorian day of a lunar day; refused when the month or day is out of range, the leap month does not exist
     * that year, or the day is not between 1900-01-01 and 2199-12-31 (lunar years 1900 to 2199, and the last lunar
     * month of 1899, which begins on 1900-01-01).
     */
    public static LocalDate toSolar(int year, int month, int day, boolean leap) {
        if (month < 1 || month > 12 || day < 1 || day > 30) throw new InvalidLunarDate(year, month, day, leap);
        Months months = Months.TABLE;
        int i = months.indexOf(year, month, leap);
        if (i < 0 || day > months.length(i)) throw new InvalidLunarDate(year, month, day, leap);
        LocalDate date = LocalDate.ofEpochDay(months.start[i] + day - 1L);
        if (date.isBefore(FIRST_DAY) || date.isAfter(LAST_DAY)) throw new InvalidLunarDate(year, month, day, leap);
        return date;
    }

    /** The number of days (29 or 30) of a month of a lunar year between 1900 and 2199. */
    public static int monthLength(int year, int month, boolean leap) {
        if (year < FIRST_YEAR || year > LAST_YEAR || month < 1 || month > 12)
            throw new InvalidLunarDate(year, month, 1, leap);
        Months months = Months.TABLE;
        int i = months.indexOf(year, month, leap);
        if (i < 0) throw new InvalidLunarDate(year, month, 1, leap);
        return months.length(i);
    }

    /** The month a lunar year between 1900 and 2199 repeats as its leap month, if it has 13 months. */
    public static OptionalInt leapMonth(int year) {
        if (year < FIRST_YEAR || year > LAST_YEAR) throw new InvalidLunarDate(year, 1, 1, false);
        int month = Months.TABLE.leapMonth[year - Months.FIRST_TABULATED_YEAR];
        return month == 0 ? OptionalInt.empty() : OptionalInt.of(month);
    }

    /** The can-chi name of a lunar year in Vietnamese, e.g. "Bính Ngọ" for 2026. */
    public static String yearName(int year) {
        return STEMS[Math.floorMod(year - 4, 10)] + " " + BRANCHES[Math.floorMod(year - 4, 12)];
    }

    /** Tết Nguyên đán, the first day of the first month of a lunar year. */
    public static LocalDate tet(int year) {
        return toSolar(year, 1, 1, false);
    }

    /** Giỗ Tổ Hùng Vương, the tenth day of the third (never the leap third) month, a public holiday. */
    public static LocalDate hungKingsDay(int year) {
        return toSolar(year, 3, 10, false);
    }

    /**
     * Every lunar month from the eleventh month of 1898 to the tenth month of 2200, in order: the epoch day it begins
     * on, its lunar year, number and leap flag; and for each lunar year the index of its first month and its leap
     * month (0 for none).
     */
    private static final class Months {

        static final int FIRST_TABULATED_YEAR = 1899, LAST_TABULATED_YEAR = LAST_YEAR;

        static final Months TABLE = new Months();

        final int[] start;
        final int[] year;
        final int[] number;
        final boolean[] leap;
        final int[] firstMonth = new int[LAST_TABULATED_YEAR - FIRST_TABULATED_YEAR + 1];
        final int[] leapMonth = new int[LAST_TABULATED_YEAR - FIRST_TABULATED_YEAR + 1];

        private Months() {
            // The lunar "span" of year y runs from month 11 of y - 1 up to (not including) month 11 of y.
            int firstSpan = FIRST_TABULATED_YEAR, lastSpan = LAST_TABULATED_YEAR + 1;
            int[] eleventh = new int[lastSpan - firstSpan + 2];
            for (int y = firstSpan - 1; y <= lastSpan; y++) eleventh[y - firstSpan + 1] = Astronomy.eleventhMonth(y);
            int count = eleventh[eleventh.length - 1] - eleventh[0] + 1;
            start = new int[count];
            year = new int[count];
            number = new int[count];
            leap = new boolean[count];
            Arrays.fill(firstMonth, -1);
            int i = 0;
            for (int y = firstSpan; y <= lastSpan; y++) {
                int k = eleventh[y - firstSpan], next = eleventh[y - firstSpan + 1];
                int leapOffset = next - k == 13 ? Astronomy.firstMonthWithoutMajorTerm(k) : Integer.MAX_VALUE;
                for (int offset = 0; offset < next - k; offset++, i++) {
                    int month = 11 + offset - (offset >= leapOffset ? 1 : 0);
                    start[i] = Astronomy.newMoonDay(k + offset);
                    year[i] = month > 12 ? y : y - 1;
                    number[i] = month > 12 ? month - 12 : month;
                    leap[i] = offset == leapOffset;
                    record(year[i], number[i], leap[i], i);
                }
            }
            start[i] = Astronomy.newMoonDay(eleventh[eleventh.length - 1]);
            year[i] = lastSpan;
            number[i] = 11;
        }

        private void record(int lunarYear, int month, boolean isLeap, int index) {
            if (lunarYear < FIRST_TABULATED_YEAR || lunarYear > LAST_TABULATED_YEAR) return;
            int y = lunarYear - FIRST_TABULATED_YEAR;
            if (month == 1 && !isLeap) firstMonth[y] = index;
            if (isLeap) leapMonth[y] = month;
        }

        /** The index of a month, or -1 if the year is not tabulated or has no such leap month. */
        int indexOf(int lunarYear, int month, boolean isLeap) {
            if (lunarYear < FIRST_TABULATED_YEAR || lunarYear > LAST_TABULATED_YEAR) return -1;
            int y = lunarYear - FIRST_TABULATED_YEAR;
            int leapOfYear = leapMonth[y];
            if (isLeap && month != leapOfYear) return -1;
            boolean afterLeap = leapOfYear != 0 && (month > leapOfYear || isLeap);
            return firstMonth[y] + month - 1 + (afterLeap ? 1 : 0);
        }

        int length(int index) {
            return start[index + 1] - start[index];
        }
    }

    /**
     * New moons and the sun's longitude with the short series of Jean Meeus (the 1900-epoch new-moon series of
     * "Astronomical Formulae for Calculators", and the low-accuracy solar coordinates of "Astronomical Algorithms",
     * ch. 25), turned into days at UTC+7.
     */
    static final class Astronomy {

        /** Hours east of Greenwich of the calendar's time zone, as a fraction of a day. */
        private static final double ZONE = 7 / 24.0;

        /** Julian day number minus epoch day. */
        private static final int JDN_OF_EPOCH_DAY_0 = 2440588;

        private static final double SYNODIC_MONTH = 29.530588853;

        /** Julian date of new moon number 0 of the series, 1900 January 0.76 (TT). */
        private static final double NEW_MOON_0 = 2415020.75933;

        private Astronomy() {
        }

        /** The Julian date (UT) of the k-th new moon after the one of 1900 January 0. */
        static double newMoon(int k) {
            double t = k / 1236.85, t2 = t * t, t3 = t2 * t;
            double mean = NEW_MOON_0 + 29.53058868 * k + 0.0001178 * t2 - 0.000000155 * t3
                    + 0.00033 * sin(166.56 + 132.87 * t - 0.009173 * t2);
            double sun = 359.2242 + 29.10535608 * k - 0.0000333 * t2 - 0.00000347 * t3;
            double moon = 306.0253 + 385.81691806 * k + 0.0107306 * t2 + 0.00001236 * t3;
            double latitude = 21.2964 + 390.67050646 * k - 0.0016528 * t2 - 0.00000239 * t3;
            double correction = (0.1734 - 0.000393 * t) * sin(sun) + 0.0021 * sin(2 * sun)
                    - 0.4068 * sin(moon) + 0.0161 * sin(2 * moon) - 0.0004 * sin(3 * moon)
                    + 0.0104 * sin(2 * latitude) - 0.0051 * sin(sun + moon) - 0.0074 * sin(sun - moon)
                    + 0.0004 * sin(2 * latitude + sun) - 0.0004 * sin(2 * latitude - sun)
                    - 0.0006 * sin(2 * latitude + moon) + 0.0010 * sin(2 * latitude - moon)
                    + 0.0005 * sin(sun + 2 * moon);
            double deltaT = t < -11
                    ? 0.001 + 0.000839 * t + 0.0002261 * t2 - 0.00000845 * t3 - 0.000000081 * t * t3
                    : -0.000278 + 0.000265 * t + 0.000262 * t2;
            return mean + correction - deltaT;
        }

        /** The epoch day, at UTC+7, of the k-th new moon. */
        static int newMoonDay(int k) {
            return (int) Math.floor(newMoon(k) + 0.5 + ZONE) - JDN_OF_EPOCH_DAY_0;
        }

        /** The sun's true longitude in degrees, [0, 360), at a Julian date. */
        static double sunLongitude(double julianDate) {
            double t = (julianDate - 2451545.0) / 36525, t2 = t * t;
            double anomaly = 357.52910 + 35999.05030 * t - 0.0001559 * t2 - 0.00000048 * t * t2;
            double meanLongitude = 280.46645 + 36000.76983 * t + 0.0003032 * t2;
            double centre = (1.914600 - 0.004817 * t - 0.000014 * t2) * sin(anomaly)
                    + (0.019993 - 0.000101 * t) * sin(2 * anomaly) + 0.000290 * sin(3 * anomaly);
            double longitude = (meanLongitude + centre) % 360;
            return longitude < 0 ? longitude + 360 : longitude;
        }

        /**
         * Which twelfth of the ecliptic (0 from the spring equinox, 9 from the winter solstice) the sun is in at the
         * start (00:00 UTC+7) of an epoch day; a major solar term falls in a month if this changes between the first
         * day of the month and the first day of the next.
         */
        static int sector(int epochDay) {
            double midnight = epochDay + JDN_OF_EPOCH_DAY_0 - 0.5 - ZONE;
            return (int) (sunLongitude(midnight) / 30);
        }

        /** The number k of the new moon that begins month 11 (the month holding the winter solstice) of a year. */
        static int eleventhMonth(int year) {
            int lastDay = (int) LocalDate.of(year, 12, 31).toEpochDay();
            int k = (int) Math.floor((lastDay + JDN_OF_EPOCH_DAY_0 - NEW_MOON_0 - 0.5) / SYNODIC_MONTH);
            // The new moon k falls in December (give or take a day); if the sun is already past the solstice when
            // that month begins, the solstice belongs to the month before.
            return sector(newMoonDay(k)) >= 9 ? k - 1 : k;
        }

        /** Which month after month 11 (1 to 12) is the first without a major solar term, from month 11 at k. */
        static int firstMonthWithoutMajorTerm(int k) {
            int offset = 1;
            while (offset < 12 && sector(newMoonDay(k + offset)) != sector(newMoonDay(k + offset + 1))) offset++;
            return offset;
        }

        private static double sin(double degrees) {
            return Math.sin(Math.toRadians(degrees));
        }
    }
}
