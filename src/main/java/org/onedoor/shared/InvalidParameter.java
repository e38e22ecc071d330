package org.onedoor.shared;

/** A request parameter that cannot be understood: a malformed date, an unknown level, a page size over the cap. */
public class InvalidParameter extends Problem {

    public InvalidParameter(String parameter, Object value) {
        super("invalid-parameter", Kind.INVALID, parameter, value);
    }
}
