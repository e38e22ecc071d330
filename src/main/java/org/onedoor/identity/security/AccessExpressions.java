package org.onedoor.identity.security;

import org.onedoor.identity.AccessPolicy;
import org.onedoor.identity.CurrentUser;
import org.onedoor.shared.TenantId;
import org.springframework.stereotype.Component;

/**
 * The vocabulary of access rules on endpoints, e.g. {@code @PreAuthorize("@access.anywhere(principal, 'audit:verify',
 * #tenant)")}: permission checks through grants, never role names.
 */
@Component("access")
class AccessExpressions {

    private final AccessPolicy policy;

    AccessExpressions(AccessPolicy policy) {
        this.policy = policy;
    }

    /** The principal holds the permission on at least one unit of the tenant. */
    public boolean anywhere(Object principal, String permission, String tenant) {
        return principal instanceof CurrentUser user && TenantId.isWellFormed(tenant)
                && policy.canAnywhere(user, permission, new TenantId(tenant));
    }

    /** The principal is a signed-in member of staff of the tenant. */
    public boolean staffOf(Object principal, String tenant) {
        return principal instanceof CurrentUser user && user.isStaff() && user.tenant().equals(tenant);
    }

    /** The principal is signed in (staff with both factors, or a citizen). */
    public boolean signedIn(Object principal) {
        return principal instanceof CurrentUser;
    }
}
