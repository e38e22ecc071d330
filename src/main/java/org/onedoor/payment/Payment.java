package org.onedoor.payment;

import java.net.URI;
import java.time.Instant;
import java.util.Currency;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * One attempt to pay a dossier's obligation online.
 *
 * @param reference   OneDoor's reference, given to the provider and printed on its receipt
 * @param transaction the provider's transaction number, once it reported an outcome
 * @param checkout    where the payer's browser goes to pay (only on the answer that created it)
 */
public record Payment(UUID id, String reference, String tenant, String dossierCode, UUID obligation, UUID payer,
                      String provider, long amount, Currency currency, PaymentStatus status, @Nullable String transaction,
                      Instant createdAt, @Nullable Instant completedAt, @Nullable URI checkout) {

    Payment withCheckout(URI uri) {
        return new Payment(id, reference, tenant, dossierCode, obligation, payer, provider, amount, currency, status,
                transaction, createdAt, completedAt, uri);
    }
}
