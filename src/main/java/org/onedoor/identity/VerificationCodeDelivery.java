package org.onedoor.identity;

import java.time.Duration;
import java.util.Locale;
import java.util.UUID;

/**
 * Hands a registration's one-time code to whoever delivers messages, inside the registering transaction (so a rolled
 * back registration sends nothing). The {@code notification} module provides it: identity declares what it needs
 * instead of depending on notification, which itself reads identity's accounts (ADR 0023).
 */
public interface VerificationCodeDelivery {

    /** A code to send: to whom, where, in which language, and how long it lives; the code itself is secret. */
    record Code(String tenant, UUID account, ContactChannel channel, String address, String fullName, String code,
                Duration lifetime, Locale locale) {

        @Override
        public String toString() {
            return "Code[" + tenant + ", " + account + ", " + channel + "]";
        }
    }

    void deliver(Code code);
}
