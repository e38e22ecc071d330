package org.onedoor.identity.credentials;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.text.Normalizer;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TotpTests {

    /** The seed of RFC 6238 Appendix B for HMAC-SHA1. */
    static final byte[] RFC_SECRET = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);

    /** Twenty seconds into a step, so one step either side is a whole step away. */
    static final Instant NOW = Instant.parse("2025-07-01T08:00:20Z");

    @ParameterizedTest
    @CsvSource({
            "59,          287082",
            "1111111109,  081804",
            "1111111111,  050471",
            "1234567890,  005924",
            "2000000000,  279037",
            "20000000000, 353130"})
    void producesTheCodesOfRfc6238AppendixB(long epochSecond, String expected) {
        var step = Totp.step(Instant.ofEpochSecond(epochSecond));

        assertThat(Totp.code(RFC_SECRET, step)).isEqualTo(expected);
    }

    @Test
    void countsStepsOfThirtySecondsFromTheEpoch() {
        assertThat(Totp.step(Instant.ofEpochSecond(59))).isEqualTo(1);
        assertThat(Totp.step(Instant.ofEpochSecond(60))).isEqualTo(2);
        assertThat(Totp.step(Instant.ofEpochSecond(1111111109))).isEqualTo(0x23523EC);
    }

    @ParameterizedTest
    @CsvSource({
            "'',     '',         ''",
            "f,      MY,         MY======",
            "fo,     MZXQ,       MZXQ====",
            "foo,    MZXW6,      MZXW6===",
            "foob,   MZXW6YQ,    MZXW6YQ=",
            "fooba,  MZXW6YTB,   MZXW6YTB",
            "foobar, MZXW6YTBOI, MZXW6YTBOI======"})
    void encodesAndDecodesTheBase32VectorsOfRfc4648(String plain, String unpadded, String padded) {
        var bytes = plain.getBytes(StandardCharsets.US_ASCII);

        assertThat(Totp.base32(bytes)).isEqualTo(unpadded);
        assertThat(Totp.fromBase32(unpadded)).isEqualTo(bytes);
        assertThat(Totp.fromBase32(padded)).isEqualTo(bytes);
    }

    @Test
    void readsBase32InEitherCaseAndWithSpaces() {
        assertThat(Totp.fromBase32("mzxw 6ytb oi")).isEqualTo("foobar".getBytes(StandardCharsets.US_ASCII));
        assertThat(Totp.fromBase32("GEZD GNBV gy3t qojq GEZD GNBV GY3T QOJQ")).isEqualTo(RFC_SECRET);
    }

    @Test
    void roundTripsSecretsOfEveryLength() {
        var random = new SecureRandom();
        for (int length = 0; length <= 41; length++) {
            var bytes = new byte[length];
            random.nextBytes(bytes);

            assertThat(Totp.fromBase32(Totp.base32(bytes))).as("length %d", length).isEqualTo(bytes);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"MZXW1", "MZXW0", "MZ=XW", "MZXW6-", "MZX", "M", "MZXW6Y", "ſ"})
    void refusesTextThatIsNotBase32(String text) {
        assertThatThrownBy(() -> Totp.fromBase32(text)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void makesTwentyByteSecretsThatDiffer() {
        var random = new SecureRandom();

        var first = Totp.newSecret(random);
        var second = Totp.newSecret(random);

        assertThat(first).hasSize(20);
        assertThat(second).hasSize(20).isNotEqualTo(first);
    }

    @Test
    void refusesSecretsShorterThan128Bits() {
        assertThatThrownBy(() -> Totp.code(new byte[15], 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(longs = {-1, 0, 1})
    void acceptsTheCodeOfTheCurrentStepOrOneStepEitherSide(long drift) {
        var step = Totp.step(NOW) + drift;

        var matched = Totp.verify(RFC_SECRET, Totp.code(RFC_SECRET, step), NOW, Long.MIN_VALUE);

        assertThat(matched).hasValue(step);
    }

    @ParameterizedTest
    @ValueSource(longs = {-3, -2, 2, 3})
    void refusesTheCodeOfAStepTwoOrMoreAway(long drift) {
        var step = Totp.step(NOW) + drift;

        assertThat(Totp.verify(RFC_SECRET, Totp.code(RFC_SECRET, step), NOW, Long.MIN_VALUE)).isEmpty();
    }

    @Test
    void refusesACodeUsedOnce() {
        var code = Totp.code(RFC_SECRET, Totp.step(NOW));
        var used = Totp.verify(RFC_SECRET, code, NOW, Long.MIN_VALUE).orElseThrow();

        var replayed = Totp.verify(RFC_SECRET, code, NOW.plusSeconds(5), used);

        assertThat(replayed).isEmpty();
    }

    @Test
    void refusesAnEarlierStepOnceALaterOneIsUsedButAcceptsTheNext() {
        var current = Totp.step(NOW);
        var used = Totp.verify(RFC_SECRET, Totp.code(RFC_SECRET, current), NOW, current - 5).orElseThrow();

        var previous = Totp.verify(RFC_SECRET, Totp.code(RFC_SECRET, current - 1), NOW, used);
        var next = Totp.verify(RFC_SECRET, Totp.code(RFC_SECRET, current + 1), NOW.plusSeconds(30), used);

        assertThat(previous).isEmpty();
        assertThat(next).hasValue(current + 1);
    }

    @Test
    void refusesAWrongCode() {
        var right = Totp.code(RFC_SECRET, Totp.step(NOW));
        var wrong = String.format("%06d", (Integer.parseInt(right) + 1) % 1_000_000);

        assertThat(Totp.verify(RFC_SECRET, wrong, NOW, Long.MIN_VALUE)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "28708", "2870820", "0287082", "28708a", " 287082", "287082 ", "287 082", "+28708",
            "-28708", "２８７０８２", "٢٨٧٠٨٢"})
    void refusesCodesThatAreNotExactlySixDigits(String malformed) {
        var at = Instant.ofEpochSecond(59);
        assertThat(Totp.verify(RFC_SECRET, "287082", at, Long.MIN_VALUE)).as("the genuine code").isPresent();

        assertThat(Totp.verify(RFC_SECRET, malformed, at, Long.MIN_VALUE)).isEmpty();
    }

    @Test
    void writesTheEnrolmentUriWithVietnameseNamesAsUtf8() {
        var uri = Totp.otpauthUri("OneDoor Hà Nội", "Nguyễn Thị Hương", RFC_SECRET);

        assertThat(uri).isEqualTo("otpauth://totp/OneDoor%20H%C3%A0%20N%E1%BB%99i:Nguy%E1%BB%85n%20Th%E1%BB%8B%20H%C6%B0%C6%A1ng"
                + "?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=OneDoor%20H%C3%A0%20N%E1%BB%99i"
                + "&algorithm=SHA1&digits=6&period=30");
        var parsed = URI.create(uri);
        assertThat(parsed.getPath()).isEqualTo("/OneDoor Hà Nội:Nguyễn Thị Hương");
        assertThat(parsed.getQuery()).contains("issuer=OneDoor Hà Nội");
    }

    @Test
    void writesTheSameUriForDecomposedAndComposedNames() {
        var decomposed = Normalizer.normalize("Nguyễn Thị Hương", Normalizer.Form.NFD);

        assertThat(Totp.otpauthUri("OneDoor", decomposed, RFC_SECRET))
                .isEqualTo(Totp.otpauthUri("OneDoor", "Nguyễn Thị Hương", RFC_SECRET));
    }

    @Test
    void escapesCharactersThatWouldBreakTheUri() {
        var uri = Totp.otpauthUri("A&B", "x?y#z@v+w/%", RFC_SECRET);

        assertThat(uri).startsWith("otpauth://totp/A%26B:x%3Fy%23z%40v%2Bw%2F%25?secret=");
        assertThat(URI.create(uri).getPath()).isEqualTo("/A&B:x?y#z@v+w/%");
    }

    @ParameterizedTest
    @CsvSource({"'OneDoor:Hà Nội', alice", "OneDoor, 'a:b'", "'  ', alice", "OneDoor, ''"})
    void refusesIssuersAndAccountNamesThatAreBlankOrHoldAColon(String issuer, String account) {
        assertThatThrownBy(() -> Totp.otpauthUri(issuer, account, RFC_SECRET))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
