package org.onedoor.calendar;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** A tenant's schedule for one year: official once published with its decision, provisional until then. */
public record YearSchedule(int year, Status status, @Nullable String decision, @Nullable Instant publishedAt,
                           @Nullable String publishedBy, List<SpecialDay> days) {

    /** Whether the year's days off are the government's announced ones or still a forecast. */
    public enum Status { OFFICIAL, PROVISIONAL }

    public YearSchedule {
        days = List.copyOf(days);
    }
}
