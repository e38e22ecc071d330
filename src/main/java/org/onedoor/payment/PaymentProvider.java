package org.onedoor.payment;

import java.net.URI;
import java.util.Currency;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A payment provider: a bank's gateway or the national payment platform. OneDoor sends the payer's browser to the
 * provider with an order; the provider reports the outcome, signed, both by sending the browser back to the return
 * address and by a server-to-server notification. Only a result whose signature the provider verifies counts.
 */
public interface PaymentProvider {

    /** The provider's name in the configuration and in its notification address ({@code /api/v1/payments/{id}/notify}). */
    String id();

    /** Where the payer's browser goes to pay the order. */
    URI checkout(Order order);

    /** The outcome the parameters report, if they are signed by this provider; empty when the signature is not good. */
    Optional<Result> verify(Map<String, String> parameters);

    /** What is to be paid, under OneDoor's reference, and where the provider sends the payer back. */
    record Order(String reference, long amount, Currency currency, String description, URI returnTo, Locale locale) {
    }

    /** How the payment ended, as the provider reports it, with the provider's own transaction number. */
    record Result(String reference, Outcome outcome, long amount, String currency, String transaction) {
    }

    enum Outcome { PAID, CANCELLED, FAILED }
}
