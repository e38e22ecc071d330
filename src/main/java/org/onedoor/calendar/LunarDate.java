package org.onedoor.calendar;

/**
 * A day of the Vietnamese lunar calendar: the lunar year it belongs to (the Gregorian year in which its Tết falls),
 * the month, the day of the month, and whether the month is the year's leap month (tháng nhuận).
 */
public record LunarDate(int year, int month, int day, boolean leap) {

    public LunarDate {
        if (month < 1 || month > 12 || day < 1 || day > 30) throw new InvalidLunarDate(year, month, day, leap);
    }
}
