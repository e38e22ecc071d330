package org.onedoor.shared;

import org.jspecify.annotations.Nullable;

/**
 * Optimistic concurrency over HTTP: an answer's {@code ETag} names the version it shows, and a change sends it back
 * in {@code If-Match} to say which version it was decided on (428 without it, 412 when it is no longer current).
 */
public final class IfMatch {

    private IfMatch() {
    }

    /** The ETag of a version: {@code "3"}. */
    public static String etag(int version) {
        return "\"" + version + "\"";
    }

    /** The version an {@code If-Match} names: {@code "3"}, {@code W/"3"} or {@code 3}; a missing one is a problem. */
    public static int version(@Nullable String header) {
        if (header == null || header.isBlank()) throw new Required();
        var value = header.strip();
        if (value.startsWith("W/")) value = value.substring(2);
        value = value.replace("\"", "");
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new InvalidParameter("If-Match", header);
        }
    }

    /** A change must say which version it was decided on. */
    public static final class Required extends Problem {
        Required() {
            super("if-match-required", Kind.PRECONDITION_REQUIRED);
        }
    }
}
