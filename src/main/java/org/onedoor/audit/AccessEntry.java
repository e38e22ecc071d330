package org.onedoor.audit;

import java.time.Instant;
import org.jspecify.annotations.Nullable;
import org.onedoor.audit.AuditRecord.Outcome;

/**
 * One access to a person's data as the person sees it in their "who accessed my data" view (security-reliability.md
 * §3.3, item 5).
 */
public record AccessEntry(Instant at, String actor, @Nullable String actorUnit, String action, @Nullable String purpose,
                          Outcome outcome) {
}
