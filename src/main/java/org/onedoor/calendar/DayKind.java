package org.onedoor.calendar;

/** What a listed day is for the offices. */
public enum DayKind {
    /** A weekday off (holiday, compensatory or swapped day). */
    DAY_OFF,
    /** A Saturday or Sunday inside a holiday period: off anyway, listed because the period includes it. */
    WEEKEND_IN_HOLIDAY,
    /** A Saturday worked in exchange for a swapped weekday off. */
    MAKEUP_WORKDAY,
    /** A commemoration or a day off for part of the staff only (e.g. 8 March in Laos): offices work. */
    OBSERVANCE;

    public boolean closesOffices() {
        return this == DAY_OFF || this == WEEKEND_IN_HOLIDAY;
    }
}
