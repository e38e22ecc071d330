package org.onedoor.shared;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One rule a submitted document breaks, reported with all the others at once: a stable code (the key of its
 * localised message {@code violation.<code>}), where in the document it is (a JSON pointer such as
 * {@code /workflow/steps/2}, or null for the whole document) and the arguments of its message.
 */
public record Violation(String code, @Nullable String pointer, List<Object> arguments) {

    public Violation {
        if (code == null || code.isBlank()) throw new IllegalArgumentException("A violation has a code");
        arguments = List.copyOf(arguments);
    }

    public static Violation of(String code, @Nullable String pointer, Object... arguments) {
        return new Violation(code, pointer, List.of(arguments));
    }
}
