package org.onedoor.audit;

import java.util.Set;

/**
 * The first place where a lane's chain does not hold, and why; the message key {@code audit.broken.<reason>} names the
 * reason for people.
 *
 * @param seq    the sequence number the trail breaks at: the edited or out-of-place record, or the first missing one
 * @param reason {@link #HASH_MISMATCH}, {@link #SEQUENCE_GAP}, {@link #PREV_HASH_MISMATCH} or {@link #HEAD_MISMATCH}
 */
public record BrokenRecord(int lane, long seq, String reason) {

    /** The record's content does not give its stored hash: it was edited. */
    public static final String HASH_MISMATCH = "HASH_MISMATCH";
    /** A sequence number is missing: a record was deleted, or moved. */
    public static final String SEQUENCE_GAP = "SEQUENCE_GAP";
    /** The record does not follow the one before it: records were reordered, or the chain forked. */
    public static final String PREV_HASH_MISMATCH = "PREV_HASH_MISMATCH";
    /** The lane's last record is not the one its head names: trailing records were deleted (or forged). */
    public static final String HEAD_MISMATCH = "HEAD_MISMATCH";

    static final Set<String> REASONS = Set.of(HASH_MISMATCH, SEQUENCE_GAP, PREV_HASH_MISMATCH, HEAD_MISMATCH);

    public BrokenRecord {
        if (!REASONS.contains(reason)) throw new IllegalArgumentException("Unknown reason: " + reason);
    }

    /** The key of the reason's text in the {@code audit} message bundle. */
    public String messageKey() {
        return "audit.broken." + reason;
    }
}
