package org.onedoor.organisation;

import org.onedoor.shared.Problem;

/** No unit of the tenant holds this code (on the date asked, where one was asked). */
public class UnknownUnit extends Problem {

    public UnknownUnit(String code, Object asOf) {
        super("unit-not-found", Kind.NOT_FOUND, code, asOf);
    }
}
