package org.onedoor.calendar;

import java.time.Duration;
import java.time.LocalTime;

/** One opening of the office on a working day, in local time, e.g. 08:00–12:00; the end is exclusive of work. */
public record OfficeSession(LocalTime start, LocalTime end) {

    public OfficeSession {
        if (start == null || end == null || !start.isBefore(end)) {
            throw new IllegalArgumentException("An office session starts before it ends: " + start + "–" + end);
        }
    }

    public static OfficeSession of(String start, String end) {
        return new OfficeSession(LocalTime.parse(start), LocalTime.parse(end));
    }

    public Duration length() {
        return Duration.between(start, end);
    }

    @Override
    public String toString() {
        return start + "–" + end;
    }
}
