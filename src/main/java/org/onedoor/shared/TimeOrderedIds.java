package org.onedoor.shared;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.UUID;

/**
 * Version 7 UUIDs (RFC 9562 §5.7): 48 bits of Unix milliseconds, then random bits. Rows keyed by them are appended at
 * the right edge of their indexes instead of landing on a random page, so that with ten million dossiers stored a new
 * dossier and its hand-over lines touch pages already in memory (bench/dossier/README.md).
 */
public final class TimeOrderedIds {

    private static final SecureRandom RANDOM = new SecureRandom();

    private TimeOrderedIds() {
    }

    public static UUID at(Instant instant) {
        long millis = instant.toEpochMilli();
        long random = RANDOM.nextLong();
        long high = (millis & 0xFFFF_FFFF_FFFFL) << 16 | 0x7000L | (RANDOM.nextInt() & 0x0FFF);
        long low = (random & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
        return new UUID(high, low);
    }
}
