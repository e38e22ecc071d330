package org.onedoor.calendar;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.onedoor.shared.LocalizedText;

/**
 * Forecasts a Vietnamese year for which no schedule was announced, so that deadlines can still be counted: the public
 * holidays of Labour Code 2019 art. 112 with Tết and the Hùng Kings' day from the lunar calendar, and a compensatory
 * day for each holiday falling on a weekly rest day (art. 111(3)). The government's notice replaces it when published.
 */
public final class ProvisionalYears {

    static final String BASIS = "Bộ luật Lao động 2019, Điều 112 và khoản 3 Điều 111 (dự kiến, chờ thông báo chính thức)";
    static final LocalizedText COMPENSATORY = LocalizedText.of("Nghỉ bù", "Compensatory day off", "ວັນພັກຊົດເຊີຍ");

    private ProvisionalYears() {
    }

    /** The forecast days of the year, one per date, in date order. */
    public static List<SpecialDay> vietnam(int year, Map<String, LocalizedText> occasions) {
        var days = new TreeMap<LocalDate, SpecialDay>();
        holiday(days, LocalDate.of(year, 1, 1), occasions.get("tet_duong_lich"));
        // Tết: five days, the last day of the old year and the first four of the new (the usual announced pattern).
        var tet = VietnameseLunarCalendar.tet(year);
        for (var day = tet.minusDays(1); !day.isAfter(tet.plusDays(3)); day = day.plusDays(1)) holiday(days, day, occasions.get("tet_nguyen_dan"));
        holiday(days, VietnameseLunarCalendar.hungKingsDay(year), occasions.get("gio_to_hung_vuong"));
        holiday(days, LocalDate.of(year, 4, 30), occasions.get("chien_thang_30_4_va_1_5"));
        holiday(days, LocalDate.of(year, 5, 1), occasions.get("chien_thang_30_4_va_1_5"));
        var nationalDay = LocalDate.of(year, 9, 2);
        holiday(days, nationalDay, occasions.get("quoc_khanh_2_9"));
        // The second National Day holiday is 1/9 or 3/9; the one next to the weekend makes the longer break.
        var second = nationalDay.getDayOfWeek() == DayOfWeek.TUESDAY || nationalDay.getDayOfWeek() == DayOfWeek.SUNDAY
                ? nationalDay.minusDays(1) : nationalDay.plusDays(1);
        holiday(days, second, occasions.get("quoc_khanh_2_9"));
        compensate(days, year);
        return List.copyOf(days.values());
    }

    private static void holiday(TreeMap<LocalDate, SpecialDay> days, LocalDate day, LocalizedText occasion) {
        var weekend = day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY;
        days.put(day, new SpecialDay(day, weekend ? DayKind.WEEKEND_IN_HOLIDAY : DayKind.DAY_OFF, occasion, BASIS, "provisional"));
    }

    /** Each holiday on a Saturday or Sunday gives the next working weekday after it that is not already a holiday. */
    private static void compensate(TreeMap<LocalDate, SpecialDay> days, int year) {
        var owed = new ArrayList<LocalDate>();
        for (var day : days.values()) if (day.kind() == DayKind.WEEKEND_IN_HOLIDAY) owed.add(day.day());
        for (var holiday : owed) {
            var candidate = holiday.plusDays(1);
            while (candidate.getDayOfWeek() == DayOfWeek.SATURDAY || candidate.getDayOfWeek() == DayOfWeek.SUNDAY
                    || days.containsKey(candidate)) {
                candidate = candidate.plusDays(1);
            }
            if (candidate.getYear() == year) {
                days.put(candidate, new SpecialDay(candidate, DayKind.DAY_OFF, COMPENSATORY, BASIS, "provisional, for " + holiday));
            }
        }
    }
}
