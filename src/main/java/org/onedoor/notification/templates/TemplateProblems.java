package org.onedoor.notification.templates;

import java.util.List;
import org.onedoor.shared.Problem;
import org.onedoor.shared.Violation;

/** Why a city's wording of a message is refused. */
public final class TemplateProblems {

    private TemplateProblems() {
    }

    /** No message of that key. */
    public static final class UnknownTemplate extends Problem {
        public UnknownTemplate(String key) {
            super("notification-template-not-found", Kind.NOT_FOUND, key);
        }
    }

    /** The wording breaks rules: each is listed (unknown placeholder, too long, a channel the message does not use…). */
    public static final class WordingRefused extends Problem {
        public WordingRefused(List<Violation> violations) {
            super("notification-template-invalid", Kind.UNPROCESSABLE, violations);
        }
    }
}
