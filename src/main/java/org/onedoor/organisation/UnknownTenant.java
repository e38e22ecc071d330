package org.onedoor.organisation;

import org.onedoor.shared.Problem;

/** No city with this code shares the installation. */
public class UnknownTenant extends Problem {

    public UnknownTenant(String tenant) {
        super("tenant-not-found", Kind.NOT_FOUND, tenant);
    }
}
