package org.onedoor.shared;

import java.util.List;

/**
 * A refusal the system explains to its user: a stable code (the key of its localised title and detail), the kind that
 * decides the HTTP status, and the arguments of the detail message. Domain exceptions name the fact, e.g.
 * {@code UnknownUnit}, and extend this.
 */
public abstract class Problem extends RuntimeException {

    /** What went wrong, from the caller's point of view. */
    public enum Kind { NOT_FOUND, INVALID, UNAUTHORISED, CONFLICT, FORBIDDEN, PRECONDITION_FAILED, TOO_MANY_REQUESTS }

    private final String code;
    private final Kind kind;
    private final List<Object> arguments;

    protected Problem(String code, Kind kind, Object... arguments) {
        super(code + " " + List.of(arguments));
        this.code = code;
        this.kind = kind;
        this.arguments = List.of(arguments);
    }

    public String code() {
        return code;
    }

    public Kind kind() {
        return kind;
    }

    public Object[] arguments() {
        return arguments.toArray();
    }
}
