package org.onedoor.calendar;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

/**
 * When an office works: its time zone, which days are working days and the office sessions of each working day
 * (domain note §5.1: Monday–Friday without public holidays and compensatory days, plus the swapped Saturdays declared
 * working days). {@link Deadlines} counts legal time limits on it.
 */
public interface WorkingCalendar {

    ZoneId zone();

    boolean isWorkingDay(LocalDate day);

    /** The office sessions of the day in local time, ordered and not overlapping; empty on a day off. */
    List<OfficeSession> sessions(LocalDate day);

    /**
     * Whether the day is a declared day off (a public holiday, a compensatory or swapped day, a weekend inside a
     * holiday period), as opposed to an ordinary weekly rest day. Calendar-day limits that skip days off skip these
     * (domain note §5.1: "calendar-day procedures optionally skip holidays"). By default every day that is not a
     * working day; calendars that know their declared days off answer more precisely.
     */
    default boolean isDayOff(LocalDate day) {
        return !isWorkingDay(day);
    }
}
