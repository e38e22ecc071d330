package org.onedoor.calendar;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.BitSet;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * An immutable working calendar: a weekly pattern of working days with the same office sessions every working day,
 * minus the declared days off, plus the make-up working days (a Saturday worked in exchange for a swapped day,
 * e.g. Saturday 26/4/2025). A declared day off wins over the weekly pattern; a make-up day is a working day even on a
 * weekly rest day. The days off are yearly data published by an administrator, not a formula (domain note §5.2).
 */
public final class ScheduledCalendar implements WorkingCalendar {

    /** Vietnam's civil time (UTC+7, no daylight saving). */
    public static final ZoneId VIETNAM_ZONE = ZoneId.of("Asia/Ho_Chi_Minh");

    /** The civil-service working week in Vietnam: Monday to Friday. */
    public static final Set<DayOfWeek> VIETNAM_WORKING_WEEK = EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY);

    /** Hanoi office hours: 08:00–12:00 and 13:00–17:00, eight working hours a day (domain note §5.1: 8 h = 1 day). */
    public static final List<OfficeSession> HANOI_OFFICE_HOURS = List.of(
            new OfficeSession(LocalTime.of(8, 0), LocalTime.of(12, 0)),
            new OfficeSession(LocalTime.of(13, 0), LocalTime.of(17, 0)));

    private final ZoneId zone;
    private final Set<DayOfWeek> workingWeek;
    private final List<OfficeSession> sessions;
    private final Set<LocalDate> daysOff;
    private final Set<LocalDate> makeUpDays;
    /** Working days of the years that have days off or make-up days, by epoch day from {@link #firstEpochDay}. */
    private final BitSet workingDays;
    private final long firstEpochDay;
    private final long endEpochDay;

    public ScheduledCalendar(ZoneId zone, Set<DayOfWeek> workingWeek, List<OfficeSession> sessions,
            Set<LocalDate> daysOff, Set<LocalDate> makeUpDays) {
        if (zone == null || workingWeek == null || sessions == null || daysOff == null || makeUpDays == null) {
            throw new IllegalArgumentException(
                    "A working calendar needs a zone, a week, sessions, days off and make-up days");
        }
        if (workingWeek.isEmpty()) {
            throw new IllegalArgumentException("A working calendar has at least one working day a week");
        }
        if (sessions.isEmpty()) {
            throw new IllegalArgumentException("A working day has at least one office session");
        }
        for (int i = 1; i < sessions.size(); i++) {
            if (sessions.get(i).start().isBefore(sessions.get(i - 1).end())) {
                throw new IllegalArgumentException("Office sessions are ordered and do not overlap: " + sessions);
            }
        }
        var both = new HashSet<>(daysOff);
        both.retainAll(makeUpDays);
        if (!both.isEmpty()) {
            throw new IllegalArgumentException("A day cannot be both a day off and a make-up working day: " + both);
        }
        this.zone = zone;
        this.workingWeek = EnumSet.copyOf(workingWeek);
        this.sessions = List.copyOf(sessions);
        this.daysOff = Set.copyOf(daysOff);
        this.makeUpDays = Set.copyOf(makeUpDays);
        var exceptions = new HashSet<>(daysOff);
        exceptions.addAll(makeUpDays);
        var first = exceptions.stream().min(LocalDate::compareTo)
                .map(day -> day.withDayOfYear(1))
                .orElse(LocalDate.EPOCH);
        var end = exceptions.stream().max(LocalDate::compareTo)
                .map(day -> day.withDayOfYear(1).plusYears(1))
                .orElse(LocalDate.EPOCH);
        this.firstEpochDay = first.toEpochDay();
        this.endEpochDay = end.toEpochDay();
        this.workingDays = new BitSet((int) (endEpochDay - firstEpochDay));
        for (var day = first; day.isBefore(end); day = day.plusDays(1)) {
            var working = this.makeUpDays.contains(day)
                    || this.workingWeek.contains(day.getDayOfWeek()) && !this.daysOff.contains(day);
            workingDays.set((int) (day.toEpochDay() - firstEpochDay), working);
        }
    }

    /** The Vietnamese civil-service calendar: Asia/Ho_Chi_Minh, Monday–Friday, 08:00–12:00 and 13:00–17:00. */
    public static ScheduledCalendar vietnamCivilService(Set<LocalDate> daysOff, Set<LocalDate> makeUpDays) {
        return new ScheduledCalendar(VIETNAM_ZONE, VIETNAM_WORKING_WEEK, HANOI_OFFICE_HOURS, daysOff, makeUpDays);
    }

    @Override
    public ZoneId zone() {
        return zone;
    }

    @Override
    public boolean isWorkingDay(LocalDate day) {
        var epochDay = day.toEpochDay();
        if (epochDay >= firstEpochDay && epochDay < endEpochDay) {
            return workingDays.get((int) (epochDay - firstEpochDay));
        }
        return workingWeek.contains(day.getDayOfWeek());
    }

    @Override
    public List<OfficeSession> sessions(LocalDate day) {
        return isWorkingDay(day) ? sessions : List.of();
    }

    @Override
    public boolean isDayOff(LocalDate day) {
        return daysOff.contains(day);
    }

    public Set<DayOfWeek> workingWeek() {
        return EnumSet.copyOf(workingWeek);
    }

    /** The sessions of every working day. */
    public List<OfficeSession> officeHours() {
        return sessions;
    }

    public Set<LocalDate> daysOff() {
        return daysOff;
    }

    public Set<LocalDate> makeUpDays() {
        return makeUpDays;
    }

    @Override
    public String toString() {
        return "ScheduledCalendar[" + zone + ", " + workingWeek + ", " + sessions + ", " + daysOff.size()
                + " days off, " + makeUpDays.size() + " make-up days]";
    }
}
