package org.onedoor.calendar;

import org.onedoor.shared.Problem;

/**
 * No such lunar day: the month or day is out of range, the leap month does not exist that year, or the day lies outside
 * the years the calendar covers.
 */
public class InvalidLunarDate extends Problem {

    public InvalidLunarDate(int year, int month, int day, boolean leap) {
        super("invalid-lunar-date", Kind.INVALID, year, month, day, leap);
    }
}
