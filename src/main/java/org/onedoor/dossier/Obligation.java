package org.onedoor.dossier;

import java.time.Instant;
import java.util.Currency;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A financial obligation of a dossier (status 6): what the applicant is asked to pay, and how it was settled.
 *
 * @param online     null while open; true when paid online through a payment provider, false when at the counter
 * @param paymentRef the provider's reference of an online payment, or the counter's receipt note
 */
public record Obligation(UUID id, UUID dossierId, long amount, Currency currency, @Nullable String note,
                         Instant requestedAt, @Nullable Instant settledAt, @Nullable Boolean online,
                         @Nullable String paymentRef) {

    public boolean open() {
        return settledAt == null;
    }
}
