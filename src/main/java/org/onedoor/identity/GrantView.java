package org.onedoor.identity;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.onedoor.shared.LocalizedText;

/** A grant as people read it: who holds which role over which unit, how far, for how long, given by whom. */
public record GrantView(UUID id, UUID account, String username, String displayName, String role, UUID unit,
                        @Nullable String unitCode, @Nullable LocalizedText unitName, Scope scope, LocalDate validFrom,
                        @Nullable LocalDate validTo, String grantedBy, Instant grantedAt, boolean direct) {
}
