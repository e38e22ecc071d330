package org.onedoor.identity;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** An account as stored, without its secrets' plain values (the password hash and the sealed TOTP secret stay inside). */
public record Account(
        UUID id,
        String tenant,
        AccountKind kind,
        String username,
        String displayName,
        @Nullable String email,
        @Nullable String phone,
        @Nullable UUID unit,
        AccountStatus status,
        boolean secondFactorEnrolled,
        boolean mustChangePassword,
        int failedLogins,
        @Nullable Instant lastLoginAt,
        Instant createdAt) {

    public CurrentUser asCurrentUser() {
        return new CurrentUser(id, tenant, kind, username, displayName, unit);
    }
}
