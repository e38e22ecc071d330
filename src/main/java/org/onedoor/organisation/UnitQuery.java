package org.onedoor.organisation;

import java.time.LocalDate;
import org.jspecify.annotations.Nullable;
import org.onedoor.shared.PageRequest;

/** Which units to list: those in force on a date, optionally by level, type, parent and a search text. */
public record UnitQuery(LocalDate asOf, @Nullable UnitLevel level, @Nullable UnitType type,
                        @Nullable String parentCode, @Nullable String text, PageRequest page) {

    public static UnitQuery allOn(LocalDate asOf) {
        return new UnitQuery(asOf, null, null, null, null, new PageRequest(0, org.onedoor.shared.ResultPage.MAX_SIZE));
    }
}
