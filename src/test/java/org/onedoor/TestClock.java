package org.onedoor;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The application's clock in tests: real time plus an offset that tests may only move forward (to expire sessions,
 * tokens and throttles), so that tests sharing the application never see time run backwards.
 */
public final class TestClock extends Clock {

    private final AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        var self = this;
        return new Clock() {
            @Override
            public ZoneId getZone() {
                return zone;
            }

            @Override
            public Clock withZone(ZoneId other) {
                return self.withZone(other);
            }

            @Override
            public Instant instant() {
                return self.instant();
            }
        };
    }

    @Override
    public Instant instant() {
        return Clock.systemUTC().instant().plus(offset.get());
    }

    public void advance(Duration duration) {
        if (duration.isNegative()) throw new IllegalArgumentException("time only moves forward in tests");
        offset.accumulateAndGet(duration, Duration::plus);
    }
}
