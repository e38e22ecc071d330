package org.onedoor.identity;

import org.onedoor.shared.Problem;

/** The account has no grant that allows this action on this unit (or this object is not its own). */
public class AccessDenied extends Problem {

    public AccessDenied(String permission) {
        super("access-denied", Kind.FORBIDDEN, permission);
    }
}
