package org.onedoor.identity.credentials;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.text.Normalizer;
import java.time.Instant;
import java.util.Locale;
import java.util.OptionalLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Time-based one-time codes (RFC 6238: HMAC-SHA1, 6 digits, 30-second steps) so that staff logins need a second
 * factor any authenticator app can produce (AUTH-1).
 */
public final class Totp {

    public static final int DIGITS = 6;
    public static final int PERIOD_SECONDS = 30;
    public static final int SECRET_BYTES = 20;

    /** RFC 4226 R6: a shared secret of less than 128 bits is not allowed. */
    private static final int MINIMUM_SECRET_BYTES = 16;
    /** One step either side absorbs the drift of a phone's clock without widening the window further. */
    private static final int DRIFT_STEPS = 1;
    private static final String BASE32_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    private static final int[] POWERS_OF_TEN = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000};

    private Totp() {
    }

    public static byte[] newSecret(SecureRandom random) {
        var secret = new byte[SECRET_BYTES];
        random.nextBytes(secret);
        return secret;
    }

    /** RFC 4648 base 32 without padding, as authenticator apps expect it in an {@code otpauth} URI. */
    public static String base32(byte[] bytes) {
        var text = new StringBuilder((bytes.length * 8 + 4) / 5);
        int buffer = 0;
        int bits = 0;
        for (byte b : bytes) {
            buffer = (buffer << 8) | (b & 0xff);
            bits += 8;
            while (bits >= 5) {
                bits -= 5;
                text.append(BASE32_ALPHABET.charAt((buffer >>> bits) & 0x1f));
            }
        }
        if (bits > 0) {
            text.append(BASE32_ALPHABET.charAt((buffer << (5 - bits)) & 0x1f));
        }
        return text.toString();
    }

    /**
     * Reads base 32 as people type it from a screen: in either case, with spaces, with or without trailing padding.
     *
     * @throws IllegalArgumentException for a character outside the alphabet or a length no encoding produces
     */
    public static byte[] fromBase32(String text) {
        var bytes = new ByteArrayOutputStream(text.length() * 5 / 8);
        int buffer = 0;
        int bits = 0;
        int symbols = 0;
        var unpadded = text.strip().replaceFirst("=+$", "");
        for (int i = 0; i < unpadded.length(); i++) {
            char c = unpadded.charAt(i);
            if (c == ' ') {
                continue;
            }
            int value = BASE32_ALPHABET.indexOf(Character.toUpperCase(c));
            if (value < 0 || c > 0x7f) {
                throw new IllegalArgumentException("Not a base 32 character at position " + i);
            }
            buffer = (buffer << 5) | value;
            bits += 5;
            symbols++;
            if (bits >= 8) {
                bits -= 8;
                bytes.write((buffer >>> bits) & 0xff);
            }
        }
        // A final group of 1, 3 or 6 symbols cannot come from whole bytes.
        int tail = symbols % 8;
        if (tail == 1 || tail == 3 || tail == 6) {
            throw new IllegalArgumentException("Not a base 32 length: " + symbols + " symbols");
        }
        return bytes.toByteArray();
    }

    /** The number of whole 30-second steps since the Unix epoch (RFC 6238 T). */
    public static long step(Instant instant) {
        return Math.floorDiv(instant.getEpochSecond(), PERIOD_SECONDS);
    }

    /** The code for one step (RFC 4226 HOTP with the step as counter), zero-padded to six digits. */
    public static String code(byte[] secret, long step) {
        if (secret.length < MINIMUM_SECRET_BYTES) {
            throw new IllegalArgumentException("A TOTP secret has at least " + MINIMUM_SECRET_BYTES + " bytes");
        }
        byte[] hash;
        try {
            var mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(secret, "HmacSHA1"));
            hash = mac.doFinal(ByteBuffer.allocate(Long.BYTES).putLong(step).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 is missing from this JDK", e);
        }
        int offset = hash[hash.length - 1] & 0x0f;
        int binary = ((hash[offset] & 0x7f) << 24) | ((hash[offset + 1] & 0xff) << 16)
                | ((hash[offset + 2] & 0xff) << 8) | (hash[offset + 3] & 0xff);
        var digits = Integer.toString(binary % POWERS_OF_TEN[DIGITS]);
        return "0".repeat(DIGITS - digits.length()) + digits;
    }

    /**
     * Checks a code typed at {@code now} against the current step and one step either side, skipping every step up to
     * and including {@code lastUsedStep} so that a code is accepted once only (ASVS 6.5.1).
     *
     * @param lastUsedStep the step returned by the last successful verification, or {@link Long#MIN_VALUE} if none
     * @return the matched step, which the caller stores as the new {@code lastUsedStep}; empty if the code is refused
     */
    public static OptionalLong verify(byte[] secret, String code, Instant now, long lastUsedStep) {
        if (!isSixAsciiDigits(code)) {
            return OptionalLong.empty();
        }
        var offered = code.getBytes(StandardCharsets.US_ASCII);
        long current = step(now);
        long matched = Long.MIN_VALUE;
        boolean found = false;
        // Every candidate is computed and compared, so the time taken does not reveal which step matched.
        for (long candidate = current - DRIFT_STEPS; candidate <= current + DRIFT_STEPS; candidate++) {
            boolean fresh = candidate > lastUsedStep;
            boolean equal = MessageDigest.isEqual(code(secret, candidate).getBytes(StandardCharsets.US_ASCII), offered);
            if (fresh && equal) {
                matched = candidate;
                found = true;
            }
        }
        return found ? OptionalLong.of(matched) : OptionalLong.empty();
    }

    /**
     * The enrolment URI of the Key URI Format that authenticator apps read from a QR code, with the issuer and account
     * name in NFC and percent-encoded as UTF-8 so that Vietnamese and Lao names survive.
     *
     * @throws IllegalArgumentException if the issuer or account name is blank or contains a colon, which apps read as
     *                                  the separator between them
     */
    public static String otpauthUri(String issuer, String accountName, byte[] secret) {
        var issuerText = labelPart("issuer", issuer);
        var accountText = labelPart("account name", accountName);
        return "otpauth://totp/" + percentEncode(issuerText) + ":" + percentEncode(accountText)
                + "?secret=" + base32(secret)
                + "&issuer=" + percentEncode(issuerText)
                + "&algorithm=SHA1&digits=" + DIGITS + "&period=" + PERIOD_SECONDS;
    }

    private static boolean isSixAsciiDigits(String code) {
        if (code.length() != DIGITS) {
            return false;
        }
        for (int i = 0; i < DIGITS; i++) {
            char c = code.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    private static String labelPart(String what, String value) {
        var text = Normalizer.normalize(value.strip(), Normalizer.Form.NFC);
        if (text.isEmpty() || text.indexOf(':') >= 0) {
            throw new IllegalArgumentException("The " + what + " of a TOTP URI is not blank and has no colon");
        }
        return text;
    }

    /** RFC 3986: everything but the unreserved characters is escaped, a space as %20 (never '+'). */
    private static String percentEncode(String text) {
        var encoded = new StringBuilder();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '.' || c == '_' || c == '~') {
                encoded.append(c);
            } else {
                encoded.append('%').append(String.format(Locale.ROOT, "%02X", b & 0xff));
            }
        }
        return encoded.toString();
    }
}
