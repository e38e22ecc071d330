package org.onedoor.organisation;

import java.time.LocalDate;
import org.jspecify.annotations.Nullable;
import org.onedoor.shared.LocalizedText;

/**
 * A unit as one of its versions shows it: valid from {@code validFrom} (inclusive) until {@code validUntil}
 * (exclusive, null while in force).
 */
public record Unit(
        UnitId id,
        String code,
        @Nullable String identifier,
        LocalizedText name,
        UnitType type,
        @Nullable UnitId parentId,
        @Nullable String parentCode,
        @Nullable LocalizedText headPosition,
        LocalDate validFrom,
        @Nullable LocalDate validUntil) {

    public UnitLevel level() {
        return type.level();
    }

    /** The last day this version was valid, as people say it ("valid to 30/06/2025"), or null while in force. */
    public @Nullable LocalDate validTo() {
        return validUntil == null ? null : validUntil.minusDays(1);
    }

    public boolean inForceOn(LocalDate date) {
        return !validFrom.isAfter(date) && (validUntil == null || validUntil.isAfter(date));
    }
}
