package org.onedoor.organisation;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The legal act behind a restructuring and the day it takes effect. Its id makes recording idempotent: recording
 * the same enactment twice changes nothing the second time.
 */
public record Enactment(UUID id, LocalDate effectiveDate, String legalBasis, @Nullable String note) {

    public Enactment {
        if (legalBasis == null || legalBasis.isBlank()) {
            throw new IllegalArgumentException("Every restructuring names its legal basis");
        }
    }

    public static Enactment of(LocalDate effectiveDate, String legalBasis) {
        return new Enactment(UUID.randomUUID(), effectiveDate, legalBasis, null);
    }

    /** An enactment whose id is derived from where it came from, for repeatable imports. */
    public static Enactment derivedFrom(String origin, LocalDate effectiveDate, String legalBasis, @Nullable String note) {
        var id = UUID.nameUUIDFromBytes(("restructuring:" + origin).getBytes(StandardCharsets.UTF_8));
        return new Enactment(id, effectiveDate, legalBasis, note);
    }
}
