package org.onedoor.calendar;

import java.math.BigDecimal;
import java.time.LocalTime;
import org.jspecify.annotations.Nullable;

/**
 * A legal time limit (thời hạn giải quyết) as a published procedure states it: a number of working days, working
 * hours or calendar days, or "within the day" with an optional reception cutoff such as 15:00 (domain note §5.1;
 * style.md H6). Never milliseconds.
 *
 * <ul>
 *   <li>{@link Unit#WORKING_DAYS} and {@link Unit#WORKING_HOURS}: a whole number or a half (0.5 day = 4 working
 *       hours with eight-hour days; 1.5 hours = 1 h 30 min);</li>
 *   <li>{@link Unit#CALENDAR_DAYS}: a whole number; {@code skipDaysOff} leaves the declared days off out of the
 *       count;</li>
 *   <li>{@link Unit#WITHIN_DAY}: value 0, optional {@code cutoff}.</li>
 * </ul>
 * The cutoff belongs only to within-the-day limits and {@code skipDaysOff} only to calendar days. The value is kept
 * without trailing zeros, so {@code 4.0} and {@code 4} hours are the same limit.
 */
public record TimeLimit(BigDecimal value, Unit unit, @Nullable LocalTime cutoff, boolean skipDaysOff) {

    /** Working hours in a standard working day (domain note §5.1: "8 h = 1 working day"). */
    public static final int HOURS_PER_WORKING_DAY = 8;

    /** The largest value accepted in any unit: ten thousand days or hours is beyond any published procedure. */
    public static final BigDecimal MAX_VALUE = BigDecimal.valueOf(10_000);

    private static final BigDecimal TWO = BigDecimal.valueOf(2);

    public enum Unit {
        WORKING_DAYS, WORKING_HOURS, CALENDAR_DAYS, WITHIN_DAY
    }

    public TimeLimit {
        if (value == null || unit == null) {
            throw new IllegalArgumentException("A time limit has a value and a unit");
        }
        if (value.signum() < 0 || value.compareTo(MAX_VALUE) > 0) {
            throw new IllegalArgumentException("A time limit is between 0 and " + MAX_VALUE + ": " + value);
        }
        value = value.stripTrailingZeros();
        if (value.scale() < 0) {
            value = value.setScale(0);
        }
        switch (unit) {
            case WORKING_DAYS, WORKING_HOURS -> {
                if (!isWhole(value.multiply(TWO))) {
                    throw new IllegalArgumentException("Working days and hours count in halves: " + value);
                }
            }
            case CALENDAR_DAYS -> {
                if (!isWhole(value)) {
                    throw new IllegalArgumentException("Calendar days are whole days: " + value);
                }
            }
            case WITHIN_DAY -> {
                if (value.signum() != 0) {
                    throw new IllegalArgumentException("A within-the-day limit has value 0: " + value);
                }
            }
        }
        if (cutoff != null && unit != Unit.WITHIN_DAY) {
            throw new IllegalArgumentException("Only a within-the-day limit has a cutoff: " + unit);
        }
        if (skipDaysOff && unit != Unit.CALENDAR_DAYS) {
            throw new IllegalArgumentException("Only a calendar-day limit skips days off: " + unit);
        }
    }

    public static TimeLimit workingDays(int days) {
        return new TimeLimit(BigDecimal.valueOf(days), Unit.WORKING_DAYS, null, false);
    }

    /** A number of working days in halves, e.g. {@code 0.5}. */
    public static TimeLimit workingDays(BigDecimal days) {
        return new TimeLimit(days, Unit.WORKING_DAYS, null, false);
    }

    public static TimeLimit workingHours(BigDecimal hours) {
        return new TimeLimit(hours, Unit.WORKING_HOURS, null, false);
    }

    public static TimeLimit workingHours(int hours) {
        return workingHours(BigDecimal.valueOf(hours));
    }

    public static TimeLimit calendarDays(int days, boolean skipDaysOff) {
        return new TimeLimit(BigDecimal.valueOf(days), Unit.CALENDAR_DAYS, null, skipDaysOff);
    }

    /** Settled within the day of reception; received after the cutoff (when there is one), the next working day. */
    public static TimeLimit withinDay(@Nullable LocalTime cutoff) {
        return new TimeLimit(BigDecimal.ZERO, Unit.WITHIN_DAY, cutoff, false);
    }

    /** The value in half units (half days or half hours): 2 × value, exact. */
    int halves() {
        return value.multiply(TWO).intValueExact();
    }

    @Override
    public String toString() {
        return switch (unit) {
            case WORKING_DAYS -> value.toPlainString() + " working days";
            case WORKING_HOURS -> value.toPlainString() + " working hours";
            case CALENDAR_DAYS -> value.toPlainString() + " calendar days" + (skipDaysOff ? " without days off" : "");
            case WITHIN_DAY -> "within the day" + (cutoff == null ? "" : " (received by " + cutoff + ")");
        };
    }

    private static boolean isWhole(BigDecimal number) {
        return number.signum() == 0 || number.stripTrailingZeros().scale() <= 0;
    }
}
