package org.onedoor.shared;

import java.util.List;

/**
 * A refusal the system explains to its user: a stable code (the key of its localised title and detail), the kind that
 * decides the HTTP status, and the arguments of the detail message. Domain exceptions name the fact, e.g.
 * {@code UnknownUnit}, and extend this.
 */
public abstract class Problem extends RuntimeException {

    /** What went wrong, from the caller's point of view. */
    public enum Kind {
        NOT_FOUND, INVALID, UNAUTHORISED, CONFLICT, FORBIDDEN, PRECONDITION_FAILED, TOO_MANY_REQUESTS,
        /** The request is well formed but what it asks breaks rules; the problem lists every {@link Violation}. */
        UNPROCESSABLE,
        /** The request must carry a precondition (e.g. {@code If-Match}) and did not. */
        PRECONDITION_REQUIRED
    }

    private final String code;
    private final Kind kind;
    private final List<Object> arguments;
    private final List<Violation> violations;

    protected Problem(String code, Kind kind, Object... arguments) {
        this(code, kind, List.of(), arguments);
    }

    /** A problem that lists every rule broken, each with its own localised message. */
    protected Problem(String code, Kind kind, List<Violation> violations, Object... arguments) {
        super(code + " " + List.of(arguments) + (violations.isEmpty() ? "" : " " + violations));
        this.code = code;
        this.kind = kind;
        this.arguments = List.of(arguments);
        this.violations = List.copyOf(violations);
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

    public List<Violation> violations() {
        return violations;
    }
}
