package org.onedoor.identity.credentials;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PasswordPolicyTests {

    final PasswordPolicy policy = new PasswordPolicy();

    /** A password of exactly {@code length} characters that is neither common nor anyone's username. */
    static String passwordOf(int length) {
        return "correcthorsebatterystaple".repeat(length / 25 + 1).substring(0, length);
    }

    static String nfd(String text) {
        return Normalizer.normalize(text, Normalizer.Form.NFD);
    }

    @ParameterizedTest(name = "{1} characters, MFA {0}: accepted {2}")
    @CsvSource({
            "true,  7,   false, too-short",
            "true,  8,   true,  ''",
            "false, 8,   false, too-short",
            "false, 13,  false, too-short",
            "false, 14,  true,  ''",
            "true,  64,  true,  ''",
            "true,  128, true,  ''",
            "false, 128, true,  ''",
            "true,  129, false, too-long",
            "false, 129, false, too-long"})
    void asksForMoreLengthWithoutASecondFactorAndAcceptsUpTo128(boolean mfa, int length, boolean accepted, String reason) {
        var verdict = policy.check(passwordOf(length), mfa, "citizen01");

        assertThat(verdict.accepted()).isEqualTo(accepted);
        assertThat(verdict.reasons()).isEqualTo(reason.isEmpty() ? List.of() : List.of(reason));
    }

    @ParameterizedTest
    @ValueSource(strings = {"password", "Password", "PASSWORD", "qwertyuiop", "iloveyou", "1qaz2wsx", "P@ssw0rd1",
            "matkhau123", "anhyeuem", "EmYeuAnh", "123456a@", "hanoi123", "vietnam123", "sabaidee123"})
    void refusesCommonPasswordsWhateverTheirCase(String common) {
        var verdict = policy.check(common, true, null);

        assertThat(verdict.accepted()).isFalse();
        assertThat(verdict.reasons()).containsExactly(PasswordPolicy.COMMON);
    }

    @Test
    void givesEveryReasonAtOnce() {
        assertThat(policy.check("123456", true, null).reasons())
                .containsExactly(PasswordPolicy.TOO_SHORT, PasswordPolicy.COMMON);
        assertThat(policy.check("password", false, "password").reasons())
                .containsExactly(PasswordPolicy.TOO_SHORT, PasswordPolicy.COMMON, PasswordPolicy.CONTAINS_USERNAME);
    }

    @Test
    void refusesEveryEntryOfTheBundledListOfAtLeastAThousand() throws Exception {
        var stream = Objects.requireNonNull(PasswordPolicy.class.getResourceAsStream("/identity/common-passwords.txt"));
        List<String> entries;
        try (var reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
            entries = reader.lines().filter(line -> !line.isBlank() && !line.startsWith("#")).toList();
        }

        assertThat(entries).hasSizeGreaterThanOrEqualTo(1_000);
        assertThat(entries).allSatisfy(entry ->
                assertThat(policy.check(entry, true, null).reasons()).as(entry).contains(PasswordPolicy.COMMON));
    }

    @ParameterizedTest
    @ValueSource(strings = {"alllowercaseletters", "ALLUPPERCASELETTERS", "no digits or symbols at all",
            "48213907561243", "                   spaces count too"})
    void imposesNoCompositionRules(String password) {
        assertThat(policy.check(password, false, "citizen01").accepted()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Tôi yêu Hà Nội mùa thu", "Đường đi khó không vì ngăn sông cách núi",
            "ຂ້ອຍຮັກນະຄອນຫຼວງວຽງຈັນ", "ສະບາຍດີ ປີໃໝ່ ລາວ 2025", "ฉันชอบกินข้าวเหนียวมะม่วง"})
    void acceptsVietnameseLaoAndThaiPassphrases(String passphrase) {
        assertThat(policy.check(passphrase, false, "citizen01").accepted()).isTrue();
        assertThat(policy.check(nfd(passphrase), false, "citizen01").accepted()).isTrue();
    }

    @Test
    void countsDecomposedInputLikeComposedInput() {
        var thirteen = "Nguyễn Thị Hà";
        assertThat(thirteen.codePointCount(0, thirteen.length())).isEqualTo(13);
        assertThat(nfd(thirteen).codePoints().count()).isGreaterThan(14);

        assertThat(policy.check(nfd(thirteen), false, null)).isEqualTo(policy.check(thirteen, false, null));
        assertThat(policy.check(nfd(thirteen), false, null).reasons()).containsExactly(PasswordPolicy.TOO_SHORT);
        assertThat(policy.check(nfd("ễ".repeat(128)), true, null).accepted()).isTrue();
        assertThat(policy.check(nfd("ễ".repeat(129)), true, null).reasons()).containsExactly(PasswordPolicy.TOO_LONG);
    }

    @Test
    void refusesCommonPasswordsTypedInDecomposedForm() {
        assertThat(policy.check(nfd("ຂ້ອຍຮັກເຈົ້າ"), true, null).reasons()).contains(PasswordPolicy.COMMON);
    }

    @ParameterizedTest
    @CsvSource({
            "nguyenvana,  nguyenvana",
            "nguyenvana,  nguyenvana2025!",
            "nguyenvana,  my name is NguyenVanA ok",
            "NguyenVanA,  secret-nguyenvana-secret",
            "' hương ',   Hương thơm ngày mùa",
            "abcd,        xyzabcdxyzabcd"})
    void refusesPasswordsThatContainTheUsername(String username, String password) {
        var verdict = policy.check(password, true, username);

        assertThat(verdict.reasons()).contains(PasswordPolicy.CONTAINS_USERNAME);
        assertThat(policy.check(nfd(password), true, username).reasons()).contains(PasswordPolicy.CONTAINS_USERNAME);
        assertThat(policy.check(password, true, nfd(username)).reasons()).contains(PasswordPolicy.CONTAINS_USERNAME);
    }

    @ParameterizedTest
    @CsvSource({
            "an,          ancient manuscripts",
            "abc,         abcdefghij klmnop",
            "nguyenvanb,  nguyenvana2025!"})
    void looksForUsernamesOfFourCharactersOrMoreOnly(String username, String password) {
        assertThat(policy.check(password, true, username).accepted()).isTrue();
    }

    @Test
    void skipsTheUsernameRuleWhenThereIsNoUsernameYet() {
        assertThat(policy.check("correct horse battery", true, null).accepted()).isTrue();
    }

    @Test
    void aVerdictIsAcceptedExactlyWhenItHasNoReasons() {
        assertThatThrownBy(() -> new PasswordPolicy.Verdict(true, List.of(PasswordPolicy.COMMON)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PasswordPolicy.Verdict(false, List.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
