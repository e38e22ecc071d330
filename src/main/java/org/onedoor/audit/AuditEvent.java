package org.onedoor.audit;

import java.time.Instant;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.onedoor.audit.AuditRecord.Outcome;

/**
 * A stored audit record with its place in the chain, as auditors read it; digests and the hash are lower-case hex.
 */
public record AuditEvent(String tenant, int lane, long seq, Instant recordedAt, String actor, @Nullable String actorUnit,
                         @Nullable String clientAddress, String action, String objectType, @Nullable String objectId,
                         @Nullable String subject, @Nullable String purpose, Outcome outcome,
                         @Nullable String beforeDigest, @Nullable String afterDigest, Map<String, String> details,
                         String hash) {

    public AuditEvent {
        details = Map.copyOf(details);
    }
}
