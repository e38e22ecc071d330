package org.onedoor.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.HashSet;
import org.junit.jupiter.api.Test;

class TimeOrderedIdsTests {

    @Test
    void version7IdsCarryTheirMillisecondAndSortByIt() {
        var instant = Instant.parse("2026-11-25T08:00:00.123Z");
        var id = TimeOrderedIds.at(instant);
        assertThat(id.version()).isEqualTo(7);
        assertThat(id.variant()).isEqualTo(2);
        assertThat(id.getMostSignificantBits() >>> 16).isEqualTo(instant.toEpochMilli());
        var later = TimeOrderedIds.at(instant.plusMillis(1));
        assertThat(later.toString()).isGreaterThan(id.toString());
        var seen = new HashSet<java.util.UUID>();
        for (int i = 0; i < 10_000; i++) assertThat(seen.add(TimeOrderedIds.at(instant))).isTrue();
    }
}
