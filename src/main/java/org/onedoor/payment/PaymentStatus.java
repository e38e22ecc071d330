package org.onedoor.payment;

/** Where a payment order stands. */
public enum PaymentStatus {
    /** Sent to the provider; no outcome yet. */
    PENDING,
    /** Paid, and the dossier's obligation settled by it. */
    PAID,
    /** The payer gave up at the provider. */
    CANCELLED,
    /** The provider refused it (card declined, insufficient funds …). */
    FAILED,
    /**
     * Paid, but the obligation was no longer open (settled at the counter, or by another payment meanwhile): the money
     * is to be returned; operators see these.
     */
    REFUND_DUE;

    public boolean finished() {
        return this != PENDING;
    }
}
