package org.onedoor.identity;

import org.jspecify.annotations.Nullable;

/**
 * What a password check concluded. Callers show one generic message for every refusal, so that nobody learns
 * whether a user name exists.
 */
public record LoginOutcome(Result result, @Nullable Account account) {

    /** The steps of a login. */
    public enum Result {
        /** Password right; a citizen is logged in. */
        AUTHENTICATED,
        /** Password right; staff must now give a TOTP code. */
        SECOND_FACTOR_REQUIRED,
        /** Password right; staff must first enrol a TOTP authenticator. */
        SECOND_FACTOR_ENROLMENT_REQUIRED,
        /** Wrong user name or password. */
        REFUSED,
        /** Staff account locked after too many failures (AUTH-4). */
        LOCKED,
        /** Too many recent failures for a citizen account: try again later (AUTH-4, throttled, not locked). */
        THROTTLED,
        /** Disabled or not yet verified. */
        INACTIVE
    }

    public boolean passwordAccepted() {
        return result == Result.AUTHENTICATED || result == Result.SECOND_FACTOR_REQUIRED
                || result == Result.SECOND_FACTOR_ENROLMENT_REQUIRED;
    }
}
