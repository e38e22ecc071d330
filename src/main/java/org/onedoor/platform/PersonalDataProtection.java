package org.onedoor.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.text.Normalizer;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Pattern;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts sensitive personal data such as citizen ID numbers before they are stored, so that the database holds only
 * ciphertext with an integrity tag and a keyed index for exact look-up (PD-2), and masks them for screens and logs
 * (PD-1).
 */
public final class PersonalDataProtection {

    public static final int KEY_BYTES = 32;
    public static final int MINIMUM_INDEX_KEY_BYTES = 32;

    private static final byte VERSION = 1;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final int VISIBLE_DIGITS = 3;
    /** Key ids travel inside every sealed value and in the {@code id:key,id:key} spec, so they stay short and plain. */
    private static final Pattern KEY_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private final Map<String, SecretKey> keys;
    private final String currentKeyId;
    private final SecretKey indexKey;
    private final SecureRandom random = new SecureRandom();

    /**
     * @param keys         AES-256 keys by id: the current one and every retired one whose data is still stored
     * @param currentKeyId the key that seals new values
     * @param indexKey     the HMAC-SHA256 key of the blind index, kept apart from the encryption keys
     */
    public PersonalDataProtection(Map<String, byte[]> keys, String currentKeyId, byte[] indexKey) {
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("At least one encryption key is needed");
        }
        var byId = new LinkedHashMap<String, SecretKey>();
        keys.forEach((id, key) -> {
            if (!KEY_ID.matcher(id).matches()) {
                throw new IllegalArgumentException("A key id is 1-64 letters, digits, '.', '_' or '-': " + id);
            }
            if (key.length != KEY_BYTES) {
                throw new IllegalArgumentException("Key " + id + " has " + key.length + " bytes, not " + KEY_BYTES);
            }
            byId.put(id, new SecretKeySpec(key, "AES"));
        });
        if (!byId.containsKey(currentKeyId)) {
            throw new IllegalArgumentException("The current key " + currentKeyId + " is not among the keys");
        }
        if (indexKey.length < MINIMUM_INDEX_KEY_BYTES) {
            throw new IllegalArgumentException("The index key has fewer than " + MINIMUM_INDEX_KEY_BYTES + " bytes");
        }
        this.keys = Map.copyOf(byId);
        this.currentKeyId = currentKeyId;
        this.indexKey = new SecretKeySpec(indexKey, "HmacSHA256");
    }

    /**
     * Reads keys as configuration gives them: {@code keysSpec} is {@code id1:base64key,id2:base64key}.
     *
     * @throws IllegalArgumentException naming the faulty key id, never the key material
     */
    public static PersonalDataProtection fromBase64(String keysSpec, String currentKeyId, String indexKeyBase64) {
        var keys = new LinkedHashMap<String, byte[]>();
        for (var entry : keysSpec.split(",")) {
            var parts = entry.strip().split(":", 2);
            if (parts.length != 2) {
                throw new IllegalArgumentException("A key is given as id:base64key, separated by commas");
            }
            var id = parts[0].strip();
            if (keys.put(id, decode("key " + id, parts[1])) != null) {
                throw new IllegalArgumentException("Key " + id + " is given twice");
            }
        }
        return new PersonalDataProtection(keys, currentKeyId.strip(), decode("the index key", indexKeyBase64));
    }

    /**
     * Keys for demo mode and development, kept in {@code keyFile}: created with random keys and owner-only permissions
     * on first use, then read at every start, so that encrypted demo data outlives a restart without configuration.
     * Never for production, where keys come from the environment through {@link #fromBase64}.
     */
    public static PersonalDataProtection forDevelopment(Path keyFile) {
        try {
            if (Files.notExists(keyFile)) {
                createDevelopmentKeyFile(keyFile);
            }
            var properties = new Properties();
            try (var reader = Files.newBufferedReader(keyFile, StandardCharsets.UTF_8)) {
                properties.load(reader);
            }
            return fromBase64(required(properties, "keys", keyFile), required(properties, "current", keyFile),
                    required(properties, "index", keyFile));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot use the development key file " + keyFile, e);
        }
    }

    /** Seals a value under the current key: version, key id, random nonce, then AES-256-GCM ciphertext and tag. */
    public byte[] encrypt(String plaintext) {
        var header = header(currentKeyId);
        var nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        byte[] ciphertext;
        try {
            var cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, keys.get(currentKeyId), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(header);
            ciphertext = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is missing from this JDK", e);
        }
        return ByteBuffer.allocate(header.length + NONCE_BYTES + ciphertext.length)
                .put(header).put(nonce).put(ciphertext).array();
    }

    /**
     * Opens a sealed value with the key it names, so values sealed before a rotation still open.
     *
     * @throws TamperedData if any byte was changed, the value is cut short, or its key is unknown
     */
    public String decrypt(byte[] sealed) {
        if (sealed.length < 2 || sealed[0] != VERSION) {
            throw new TamperedData("unknown format version");
        }
        int idLength = sealed[1] & 0xff;
        int headerLength = 2 + idLength;
        if (idLength == 0 || sealed.length < headerLength + NONCE_BYTES + TAG_BITS / 8) {
            throw new TamperedData("too short");
        }
        var keyId = new String(sealed, 2, idLength, StandardCharsets.ISO_8859_1);
        var key = keys.get(keyId);
        if (key == null) {
            throw new TamperedData("no key with id '" + printable(keyId) + "' (tampered, or a retired key was removed)");
        }
        byte[] plaintext;
        try {
            var cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed, headerLength, NONCE_BYTES));
            cipher.updateAAD(sealed, 0, headerLength);
            plaintext = cipher.doFinal(sealed, headerLength + NONCE_BYTES, sealed.length - headerLength - NONCE_BYTES);
        } catch (AEADBadTagException e) {
            throw new TamperedData("the integrity tag does not match");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is missing from this JDK", e);
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(plaintext)).toString();
        } catch (CharacterCodingException e) {
            // Authentic bytes that are not UTF-8 were not sealed by encrypt(String).
            throw new TamperedData("the plaintext is not text");
        }
    }

    /**
     * A keyed hash (HMAC-SHA256, hex) of the trimmed NFC value, stored beside the ciphertext so that an exact search
     * ("who has ID number 001090012345?") needs no decryption, while the index alone reveals nothing without the key.
     */
    public String blindIndex(String value) {
        var canonical = Normalizer.normalize(value.strip(), Normalizer.Form.NFC);
        try {
            var mac = Mac.getInstance("HmacSHA256");
            mac.init(indexKey);
            return HexFormat.of().formatHex(mac.doFinal(canonical.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JDK", e);
        }
    }

    /** An ID number for screens and logs: every character but the last three replaced by '*', the length kept. */
    public static String mask(String idNumber) {
        var codePoints = idNumber.codePoints().toArray();
        // A value too short to hide at least as much as it shows is not an ID number; it is hidden whole.
        int visible = codePoints.length >= 2 * VISIBLE_DIGITS ? VISIBLE_DIGITS : 0;
        var masked = new StringBuilder(codePoints.length);
        masked.repeat('*', codePoints.length - visible);
        for (int i = codePoints.length - visible; i < codePoints.length; i++) {
            masked.appendCodePoint(codePoints[i]);
        }
        return masked.toString();
    }

    /** Raised instead of returning garbage when a sealed value fails its integrity check. */
    public static final class TamperedData extends IllegalStateException {

        TamperedData(String why) {
            super("Encrypted personal data failed its integrity check: " + why);
        }
    }

    private static byte[] header(String keyId) {
        var id = keyId.getBytes(StandardCharsets.US_ASCII);
        return ByteBuffer.allocate(2 + id.length).put(VERSION).put((byte) id.length).put(id).array();
    }

    private static byte[] decode(String what, String base64) {
        try {
            return Base64.getDecoder().decode(base64.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("The base64 of " + what + " is malformed");
        }
    }

    private static String printable(String keyId) {
        return KEY_ID.matcher(keyId).matches() ? keyId : "(not a key id)";
    }

    private static String required(Properties properties, String name, Path keyFile) {
        var value = properties.getProperty(name);
        if (value == null) {
            throw new IllegalStateException("The development key file " + keyFile + " has no '" + name + "'");
        }
        return value;
    }

    private static void createDevelopmentKeyFile(Path keyFile) throws IOException {
        var random = new SecureRandom();
        var key = new byte[KEY_BYTES];
        var index = new byte[MINIMUM_INDEX_KEY_BYTES];
        random.nextBytes(key);
        random.nextBytes(index);
        var encoder = Base64.getEncoder();
        var content = "# OneDoor development keys, generated on first use: for demo mode only, never for production.\n"
                + "keys=dev1:" + encoder.encodeToString(key) + "\n"
                + "current=dev1\n"
                + "index=" + encoder.encodeToString(index) + "\n";
        Arrays.fill(key, (byte) 0);
        Arrays.fill(index, (byte) 0);

        var directory = keyFile.toAbsolutePath().getParent();
        Files.createDirectories(directory);
        // Written whole under a temporary name, then linked into place: a concurrent start either creates the file or
        // finds a complete one, and never overwrites keys that already sealed data.
        var ownerOnly = PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));
        var temporary = Files.createTempFile(directory, ".onedoor-keys-", ".tmp", ownerOnly);
        try {
            Files.writeString(temporary, content, StandardCharsets.UTF_8);
            Files.createLink(keyFile, temporary);
        } catch (FileAlreadyExistsException e) {
            // Another start created it first; theirs is kept.
        } finally {
            Files.delete(temporary);
        }
    }
}
