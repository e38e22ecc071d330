package org.onedoor.identity;

import java.io.Serializable;
import java.security.Principal;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.onedoor.organisation.UnitId;
import org.onedoor.shared.TenantId;

/**
 * The person behind a request, as authenticated: kept in the session, so it holds identity only; permissions are read
 * from the grants on every check, so that a revoked grant takes effect at once.
 */
public record CurrentUser(UUID accountId, String tenant, AccountKind kind, String username, String displayName,
                          @Nullable UUID unit) implements Serializable, Principal {

    /** The user name, which also names the user's sessions in the session store. */
    @Override
    public String getName() {
        return username;
    }

    public TenantId tenantId() {
        return new TenantId(tenant);
    }

    public @Nullable UnitId unitId() {
        return unit == null ? null : new UnitId(unit);
    }

    public boolean isStaff() {
        return kind == AccountKind.STAFF;
    }
}
