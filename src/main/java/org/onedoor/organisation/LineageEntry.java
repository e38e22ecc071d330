package org.onedoor.organisation;

import java.time.LocalDate;
import org.jspecify.annotations.Nullable;
import org.onedoor.shared.LocalizedText;

/**
 * One step of a unit's lineage: the other unit (null where the source does not say where a unit went), as it was
 * called on that side of the change, what the change was, and how far removed it is (1 = direct).
 */
public record LineageEntry(
        @Nullable UnitId unitId,
        @Nullable String code,
        @Nullable LocalizedText name,
        ChangeKind event,
        Share share,
        LocalDate effectiveDate,
        String legalBasis,
        int depth,
        boolean inferred) {
}
