package org.onedoor.procedure;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** A procedure of the national catalogue: code, name, who issued it, its field and levels, and how it is done. */
public record CatalogueEntry(String code, String name, @Nullable String ministry, @Nullable String agency, @Nullable String field,
                             List<Level> levels, @Nullable String kind, @Nullable String decision, @Nullable String applicants,
                             @Nullable String portalUrl, List<Channel> channels) {

    /** The tier of government that carries the procedure out. */
    public enum Level { MINISTRY, PROVINCE, COMMUNE }

    /** One way of doing the procedure, with its time limit and fee as the catalogue states them. */
    public record Channel(Kind channel, java.math.@Nullable BigDecimal timeValue, @Nullable TimeUnit timeUnit, @Nullable String timeText,
                          boolean free, @Nullable Long feeAmount, @Nullable String feeCurrency, @Nullable String feeText) {

        /** Online, at the counter, or by post. */
        public enum Kind { ONLINE, DIRECT, POSTAL }

        /** The unit of a catalogue time limit; UNKNOWN where the source gives a number only. */
        public enum TimeUnit { WORKING_DAYS, WORKING_HOURS, CALENDAR_DAYS, UNKNOWN }
    }

    public CatalogueEntry {
        levels = List.copyOf(levels);
        channels = List.copyOf(channels);
    }
}
