package org.onedoor.audit;

import org.jspecify.annotations.Nullable;

/**
 * The result of checking a tenant's whole audit trail end to end (AUD-2).
 *
 * @param checked     the records found intact, up to the first broken one when there is one
 * @param firstBroken the first break in the order (lane, seq), or null when the trail is valid
 */
public record Verification(boolean valid, long checked, @Nullable BrokenRecord firstBroken) {

    public Verification {
        if (valid != (firstBroken == null)) {
            throw new IllegalArgumentException("A trail is valid exactly when nothing is broken");
        }
    }
}
