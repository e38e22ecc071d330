package org.onedoor.notification.outbox;

import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.onedoor.shared.InvalidParameter;

/** Which messages an operator lists: one status, the stuck ones, or those needing attention (failed or stuck). */
public enum Selection {
    ALL, PENDING, SENT, FAILED, CANCELLED, STUCK, ATTENTION;

    /** The selection named by a request parameter; none given means all. */
    public static Selection parse(@Nullable String value) {
        if (value == null || value.isBlank()) return ALL;
        try {
            return valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidParameter("status", value);
        }
    }
}
