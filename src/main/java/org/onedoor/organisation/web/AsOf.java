package org.onedoor.organisation.web;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import org.jspecify.annotations.Nullable;
import org.onedoor.shared.InvalidParameter;

/** Reads the {@code asOf} parameter: an ISO date, or nothing. */
final class AsOf {

    private AsOf() {
    }

    static @Nullable LocalDate parse(@Nullable String value) {
        if (value == null || value.isBlank()) return null;
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw new InvalidParameter("asOf", value);
        }
    }
}
