package org.onedoor.audit;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The canonical encoding of a stored audit event and the hash chain over it, shared by the writer and the verifier so
 * that both compute exactly the same bytes. The layout of format 1 is documented on {@link AuditTrail}.
 */
final class ChainEncoding {

    static final int FORMAT = 1;
    static final int HASH_LENGTH = 32;

    private static final byte ABSENT = 0;
    private static final byte PRESENT = 1;

    private ChainEncoding() {
    }

    /** Every column of {@code audit.event} that the hash covers, as stored. */
    record ChainedEvent(String tenant, int lane, long seq, long recordedAtMicros, String actor, @Nullable String actorUnit,
                        @Nullable String clientAddress, String action, String objectType, @Nullable String objectId,
                        @Nullable String subject, @Nullable String purpose, String outcome,
                        byte @Nullable [] beforeDigest, byte @Nullable [] afterDigest, Map<String, String> details) {
    }

    /** The hash a lane starts from, before its first record. */
    static byte[] genesis(String tenant, int lane) {
        return sha256(("onedoor-audit-genesis|" + tenant + "|" + lane).getBytes(StandardCharsets.UTF_8));
    }

    /** {@code SHA-256(prevHash || canonical(event))}. */
    static byte[] chain(byte[] prevHash, ChainedEvent event) {
        var digest = sha256();
        digest.update(prevHash);
        digest.update(canonical(event));
        return digest.digest();
    }

    static byte[] canonical(ChainedEvent e) {
        var out = new Encoder();
        out.int32(FORMAT);
        out.text(e.tenant());
        out.field(int32Bytes(e.lane()));
        out.field(int64Bytes(e.seq()));
        out.field(int64Bytes(e.recordedAtMicros()));
        out.text(e.actor());
        out.text(e.actorUnit());
        out.text(e.clientAddress());
        out.text(e.action());
        out.text(e.objectType());
        out.text(e.objectId());
        out.text(e.subject());
        out.text(e.purpose());
        out.text(e.outcome());
        out.field(e.beforeDigest());
        out.field(e.afterDigest());
        var entries = new ArrayList<byte[][]>(e.details().size());
        e.details().forEach((key, value) -> entries.add(new byte[][] {utf8(key), utf8(value)}));
        entries.sort((a, b) -> Arrays.compareUnsigned(a[0], b[0]));
        out.int32(entries.size());
        for (var entry : entries) {
            out.field(entry[0]);
            out.field(entry[1]);
        }
        return out.toByteArray();
    }

    /** The instant as stored by PostgreSQL's {@code timestamptz}: whole microseconds. */
    static Instant storedPrecision(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MICROS);
    }

    static long micros(Instant instant) {
        return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1_000);
    }

    static byte @Nullable [] digest(@Nullable String snapshot) {
        return snapshot == null ? null : sha256(utf8(snapshot));
    }

    static byte[] sha256(byte[] bytes) {
        return sha256().digest(bytes);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] int32Bytes(int value) {
        return new byte[] {(byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8), (byte) value};
    }

    private static byte[] int64Bytes(long value) {
        var bytes = new byte[8];
        for (int i = 7; i >= 0; i--) {
            bytes[i] = (byte) value;
            value >>>= 8;
        }
        return bytes;
    }

    private static final class Encoder extends ByteArrayOutputStream {

        Encoder() {
            super(256);
        }

        void int32(int value) {
            writeBytes(int32Bytes(value));
        }

        void text(@Nullable String value) {
            field(value == null ? null : utf8(value));
        }

        void field(byte @Nullable [] value) {
            if (value == null) {
                write(ABSENT);
                return;
            }
            write(PRESENT);
            int32(value.length);
            writeBytes(value);
        }
    }
}
