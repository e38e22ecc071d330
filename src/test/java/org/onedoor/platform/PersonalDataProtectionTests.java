package org.onedoor.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.text.Normalizer;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PersonalDataProtectionTests {

    static final String ID_NUMBER = "001090012345";

    static final byte[] K1 = filled(1);
    static final byte[] K2 = filled(2);
    static final byte[] INDEX_KEY = filled(9);

    final PersonalDataProtection protection = new PersonalDataProtection(Map.of("k1", K1), "k1", INDEX_KEY);

    static byte[] filled(int value) {
        var key = new byte[32];
        Arrays.fill(key, (byte) value);
        key[0] = 0x5a;
        return key;
    }

    @Test
    void roundTripsVietnameseText() {
        var text = "Nguyễn Thị Hương, số 12 phố Hàng Bạc, phường Hoàn Kiếm, Hà Nội";

        assertThat(protection.decrypt(protection.encrypt(text))).isEqualTo(text);
        assertThat(protection.decrypt(protection.encrypt(ID_NUMBER))).isEqualTo(ID_NUMBER);
        assertThat(protection.decrypt(protection.encrypt(""))).isEmpty();
    }

    @Test
    void storesNeitherThePlaintextNorTheSameBytesTwice() {
        var first = protection.encrypt(ID_NUMBER);
        var second = protection.encrypt(ID_NUMBER);

        assertThat(indexOf(first, ID_NUMBER.getBytes(StandardCharsets.UTF_8))).isEqualTo(-1);
        assertThat(new String(first, StandardCharsets.ISO_8859_1)).doesNotContain(ID_NUMBER);
        assertThat(second).isNotEqualTo(first);
    }

    @Test
    void writesVersionAndKeyIdInFrontOfNonceAndCiphertext() {
        var sealed = protection.encrypt(ID_NUMBER);

        assertThat(sealed[0]).isEqualTo((byte) 1);
        assertThat(sealed[1]).isEqualTo((byte) 2);
        assertThat(new String(sealed, 2, 2, StandardCharsets.US_ASCII)).isEqualTo("k1");
        assertThat(sealed).hasSize(4 + 12 + ID_NUMBER.length() + 16);
    }

    @Test
    void refusesEveryValueWithAnyByteChanged() {
        var sealed = protection.encrypt("Lê Văn Tám " + ID_NUMBER);

        for (int position = 0; position < sealed.length; position++) {
            for (int flip : new int[] {0x01, 0x80, 0xff}) {
                var tampered = sealed.clone();
                tampered[position] ^= (byte) flip;

                assertThatThrownBy(() -> protection.decrypt(tampered))
                        .as("byte %d xor %02x", position, flip)
                        .isInstanceOf(PersonalDataProtection.TamperedData.class)
                        .isInstanceOf(IllegalStateException.class)
                        .hasMessageContaining("integrity");
            }
        }
    }

    @Test
    void refusesValuesCutShortOrLengthened() {
        var sealed = protection.encrypt(ID_NUMBER);

        for (int length = 0; length < sealed.length; length++) {
            var cut = Arrays.copyOf(sealed, length);
            assertThatThrownBy(() -> protection.decrypt(cut)).as("length %d", length)
                    .isInstanceOf(PersonalDataProtection.TamperedData.class);
        }
        var lengthened = Arrays.copyOf(sealed, sealed.length + 1);
        assertThatThrownBy(() -> protection.decrypt(lengthened)).isInstanceOf(PersonalDataProtection.TamperedData.class);
    }

    @Test
    void refusesAValueMovedUnderAnotherKeyId() {
        var both = new PersonalDataProtection(Map.of("k1", K1, "k2", K2), "k1", INDEX_KEY);
        var sealed = both.encrypt(ID_NUMBER);

        sealed[3] = '2';

        assertThatThrownBy(() -> both.decrypt(sealed)).isInstanceOf(PersonalDataProtection.TamperedData.class);
    }

    @Test
    void opensOldValuesAfterRotationAndSealsNewOnesUnderTheNewKey() {
        var sealedUnderK1 = protection.encrypt(ID_NUMBER);

        var rotated = new PersonalDataProtection(Map.of("k1", K1, "k2", K2), "k2", INDEX_KEY);
        var sealedUnderK2 = rotated.encrypt(ID_NUMBER);

        assertThat(rotated.decrypt(sealedUnderK1)).isEqualTo(ID_NUMBER);
        assertThat(new String(sealedUnderK2, 2, 2, StandardCharsets.US_ASCII)).isEqualTo("k2");
        assertThat(rotated.decrypt(sealedUnderK2)).isEqualTo(ID_NUMBER);
        assertThatThrownBy(() -> protection.decrypt(sealedUnderK2))
                .isInstanceOf(PersonalDataProtection.TamperedData.class).hasMessageContaining("k2");
    }

    @Test
    void indexesEqualValuesEquallyAndOnlyUnderTheSameKey() {
        var index = protection.blindIndex(ID_NUMBER);

        assertThat(index).matches("[0-9a-f]{64}");
        assertThat(protection.blindIndex("  " + ID_NUMBER + "\n")).isEqualTo(index);
        assertThat(protection.blindIndex("001090012346")).isNotEqualTo(index);
        assertThat(new PersonalDataProtection(Map.of("k2", K2), "k2", INDEX_KEY).blindIndex(ID_NUMBER))
                .as("the index does not depend on the encryption key, so it survives rotation").isEqualTo(index);
        assertThat(new PersonalDataProtection(Map.of("k1", K1), "k1", filled(8)).blindIndex(ID_NUMBER))
                .isNotEqualTo(index);
    }

    @Test
    void indexesDecomposedTextLikeComposedText() {
        var name = "Trần Thị Thuỷ";

        assertThat(protection.blindIndex(Normalizer.normalize(name, Normalizer.Form.NFD)))
                .isEqualTo(protection.blindIndex(name));
    }

    @ParameterizedTest
    @CsvSource({
            "001090012345, *********345",
            "123456789012, *********012",
            "123456789,    ******789",
            "123456,       ***456",
            "12345,        *****",
            "123,          ***",
            "'',           ''"})
    void masksAllButTheLastThreeCharactersOfIdNumbers(String idNumber, String masked) {
        assertThat(PersonalDataProtection.mask(idNumber)).isEqualTo(masked);
    }

    @Test
    void readsKeysFromBase64Configuration() {
        var encoder = Base64.getEncoder();
        var spec = "k1:" + encoder.encodeToString(K1) + ", k2:" + encoder.encodeToString(K2);

        var configured = PersonalDataProtection.fromBase64(spec, "k2", encoder.encodeToString(INDEX_KEY));

        assertThat(configured.decrypt(protection.encrypt(ID_NUMBER))).isEqualTo(ID_NUMBER);
        assertThat(new String(configured.encrypt(ID_NUMBER), 2, 2, StandardCharsets.US_ASCII)).isEqualTo("k2");
        assertThat(configured.blindIndex(ID_NUMBER)).isEqualTo(protection.blindIndex(ID_NUMBER));
    }

    @Test
    void refusesKeysOfTheWrongSizeOrAnUnknownCurrentKey() {
        assertThatThrownBy(() -> new PersonalDataProtection(Map.of("k1", new byte[16]), "k1", INDEX_KEY))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PersonalDataProtection(Map.of("k1", K1), "k2", INDEX_KEY))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PersonalDataProtection(Map.of("k1", K1), "k1", new byte[31]))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PersonalDataProtection(Map.of(), "k1", INDEX_KEY))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PersonalDataProtection(Map.of("khoá", K1), "khoá", INDEX_KEY))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesMalformedKeySpecsWithoutEchoingKeyMaterial() {
        var index = Base64.getEncoder().encodeToString(INDEX_KEY);

        assertThatThrownBy(() -> PersonalDataProtection.fromBase64("k1", "k1", index))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PersonalDataProtection.fromBase64("k1:not*base64", "k1", index))
                .isInstanceOf(IllegalArgumentException.class).message().doesNotContain("not*base64");
        var k1 = Base64.getEncoder().encodeToString(K1);
        assertThatThrownBy(() -> PersonalDataProtection.fromBase64("k1:" + k1 + ",k1:" + k1, "k1", index))
                .isInstanceOf(IllegalArgumentException.class).message().doesNotContain(k1);
    }

    @Test
    void createsTheDevelopmentKeyFileOnceForTheOwnerOnlyAndReusesIt(@TempDir Path directory) throws Exception {
        var keyFile = directory.resolve("keys").resolve("personal-data.keys");

        var first = PersonalDataProtection.forDevelopment(keyFile);
        var content = Files.readString(keyFile);
        var sealed = first.encrypt(ID_NUMBER);
        var second = PersonalDataProtection.forDevelopment(keyFile);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile))).isEqualTo("rw-------");
        assertThat(Files.readString(keyFile)).isEqualTo(content);
        assertThat(second.decrypt(sealed)).isEqualTo(ID_NUMBER);
        assertThat(second.blindIndex(ID_NUMBER)).isEqualTo(first.blindIndex(ID_NUMBER));
        try (var files = Files.list(keyFile.getParent())) {
            assertThat(files).containsExactly(keyFile);
        }
    }

    @Test
    void givesEachDevelopmentKeyFileItsOwnRandomKeys(@TempDir Path directory) {
        var one = PersonalDataProtection.forDevelopment(directory.resolve("one.keys"));
        var other = PersonalDataProtection.forDevelopment(directory.resolve("other.keys"));

        assertThat(other.blindIndex(ID_NUMBER)).isNotEqualTo(one.blindIndex(ID_NUMBER));
        assertThatThrownBy(() -> other.decrypt(one.encrypt(ID_NUMBER)))
                .isInstanceOf(PersonalDataProtection.TamperedData.class);
    }

    static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
