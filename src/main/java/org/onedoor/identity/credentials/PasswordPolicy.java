package org.onedoor.identity.credentials;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The rules a new password must meet (AUTH-2, ASVS 6.2.x): long enough for the account's protection, not common, not
 * the username, and otherwise free of composition rules so that passphrases in any language are welcome.
 */
public final class PasswordPolicy {

    public static final int MINIMUM_LENGTH_WITH_MFA = 8;
    public static final int MINIMUM_LENGTH_WITHOUT_MFA = 14;
    public static final int MAXIMUM_LENGTH = 128;
    /** Shorter usernames ("an", "ly") occur by chance in good passphrases, so they are not looked for. */
    public static final int SHORTEST_USERNAME_LOOKED_FOR = 4;

    public static final String TOO_SHORT = "too-short";
    public static final String TOO_LONG = "too-long";
    public static final String COMMON = "common";
    public static final String CONTAINS_USERNAME = "contains-username";

    private static final String COMMON_PASSWORDS = "/identity/common-passwords.txt";

    /**
     * Whether a password is accepted and, if not, every reason as a stable code ({@value #TOO_SHORT},
     * {@value #TOO_LONG}, {@value #COMMON}, {@value #CONTAINS_USERNAME}) that pages translate.
     */
    public record Verdict(boolean accepted, List<String> reasons) {

        public Verdict {
            reasons = List.copyOf(reasons);
            if (accepted != reasons.isEmpty()) {
                throw new IllegalArgumentException("A password is accepted exactly when there is no reason to refuse it");
            }
        }
    }

    /**
     * Judges a password chosen by {@code username}, or by an account without one yet when it is null; lengths count
     * Unicode code points of the NFC form, so a Vietnamese letter counts once however it was typed.
     */
    public Verdict check(String password, boolean mfaEnabled, @Nullable String username) {
        var normalised = Normalizer.normalize(password, Normalizer.Form.NFC);
        int length = normalised.codePointCount(0, normalised.length());
        var reasons = new ArrayList<String>();

        if (length < (mfaEnabled ? MINIMUM_LENGTH_WITH_MFA : MINIMUM_LENGTH_WITHOUT_MFA)) {
            reasons.add(TOO_SHORT);
        } else if (length > MAXIMUM_LENGTH) {
            reasons.add(TOO_LONG);
        }
        var folded = fold(normalised);
        if (CommonPasswords.SET.contains(folded)) {
            reasons.add(COMMON);
        }
        if (username != null) {
            var name = fold(username.strip());
            if (name.codePointCount(0, name.length()) >= SHORTEST_USERNAME_LOOKED_FOR && folded.contains(name)) {
                reasons.add(CONTAINS_USERNAME);
            }
        }
        return new Verdict(reasons.isEmpty(), reasons);
    }

    /** The form in which passwords are compared: NFC, lower case. */
    private static String fold(String text) {
        var lower = Normalizer.normalize(text, Normalizer.Form.NFC).toLowerCase(Locale.ROOT);
        return Normalizer.normalize(lower, Normalizer.Form.NFC);
    }

    /** Read on first use only, so that starting the application does not pay for it. */
    private static final class CommonPasswords {

        static final Set<String> SET = load();

        private static Set<String> load() {
            var stream = PasswordPolicy.class.getResourceAsStream(COMMON_PASSWORDS);
            if (stream == null) {
                throw new IllegalStateException("The list of common passwords is missing: " + COMMON_PASSWORDS);
            }
            var passwords = new HashSet<String>();
            try (var reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                for (String line; (line = reader.readLine()) != null; ) {
                    if (!line.isBlank() && !line.startsWith("#")) {
                        passwords.add(fold(line));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read " + COMMON_PASSWORDS, e);
            }
            return Set.copyOf(passwords);
        }
    }
}
