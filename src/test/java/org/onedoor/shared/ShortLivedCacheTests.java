package org.onedoor.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** A value is read once for its lifetime, read again after it or after a change, and a load that raced a change is not kept. */
class ShortLivedCacheTests {

    final AtomicLong nanos = new AtomicLong(1_000);
    final AtomicInteger loads = new AtomicInteger();
    final ShortLivedCache<String, String> cache = new ShortLivedCache<>(Duration.ofMinutes(1), 3, nanos::get);

    String load(String key) {
        return key + "#" + loads.incrementAndGet();
    }

    @Test
    void keepsAValueForItsLifetimeAndNoLonger() {
        assertThat(cache.get("ba-dinh", this::load)).isEqualTo("ba-dinh#1");
        nanos.addAndGet(Duration.ofSeconds(59).toNanos());
        assertThat(cache.get("ba-dinh", this::load)).isEqualTo("ba-dinh#1");
        nanos.addAndGet(Duration.ofSeconds(1).toNanos());
        assertThat(cache.get("ba-dinh", this::load)).isEqualTo("ba-dinh#2");
    }

    @Test
    void aChangeOnThisNodeIsSeenAtOnce() {
        cache.get("ba-dinh", this::load);

        cache.forget();

        assertThat(cache.get("ba-dinh", this::load)).isEqualTo("ba-dinh#2");
    }

    @Test
    void aValueReadWhileAChangeCameIsNotKept() {
        var raced = cache.get("hoan-kiem", key -> {
            cache.forget(); // the change commits while the old value is being read
            return "old";
        });

        assertThat(raced).isEqualTo("old");
        assertThat(cache.get("hoan-kiem", this::load)).isEqualTo("hoan-kiem#1");
    }

    @Test
    void startsAfreshWhenFull() {
        cache.get("a", this::load);
        cache.get("b", this::load);
        cache.get("c", this::load);

        cache.get("d", this::load);

        assertThat(cache.get("d", this::load)).isEqualTo("d#4");
        assertThat(cache.get("a", this::load)).isEqualTo("a#5");
    }
}
