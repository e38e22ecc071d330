package org.onedoor.notification.delivery;

/** The channel did not take the message; {@link #reason()} is safe to store and show (no address, no secret). */
public class DeliveryFailed extends Exception {

    private final String reason;

    DeliveryFailed(String reason, Throwable cause) {
        super(reason, cause);
        this.reason = reason;
    }

    public String reason() {
        return reason;
    }
}
