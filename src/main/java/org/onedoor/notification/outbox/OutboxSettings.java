package org.onedoor.notification.outbox;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the outbox delivers ({@code onedoor.notification.*}); the dispatcher's interval is
 * {@code onedoor.notification.dispatch-interval} (default 10 s).
 *
 * @param batchSize          messages a dispatcher claims at a time
 * @param maxAttempts        attempts before a message is given up (FAILED)
 * @param backoff            the wait after the 1st, 2nd, … failed attempt; the last one repeats
 * @param lease              how long a claimed message stays with its dispatcher: longer than the slowest delivery
 * @param stuckAfter         a waiting message this much overdue shows as stuck (no dispatcher is running)
 * @param smsWithEmail       an applicant with both gets an SMS as well as the e-mail
 * @param retention          how long a message that is over (sent, given up, cancelled) is kept, with its address
 */
@ConfigurationProperties("onedoor.notification")
public record OutboxSettings(
        @DefaultValue("20") int batchSize,
        @DefaultValue("6") int maxAttempts,
        @DefaultValue({"1m", "5m", "15m", "1h", "4h"}) List<Duration> backoff,
        @DefaultValue("5m") Duration lease,
        @DefaultValue("15m") Duration stuckAfter,
        @DefaultValue("true") boolean smsWithEmail,
        @DefaultValue("90d") Duration retention) {

    public OutboxSettings {
        if (batchSize < 1) throw new IllegalArgumentException("onedoor.notification.batch-size must be at least 1");
        if (maxAttempts < 1) throw new IllegalArgumentException("onedoor.notification.max-attempts must be at least 1");
        if (backoff.isEmpty() || backoff.stream().anyMatch(d -> d.isNegative() || d.isZero())) {
            throw new IllegalArgumentException("onedoor.notification.backoff needs positive durations");
        }
        backoff = List.copyOf(backoff);
    }

    /** The wait after the given number of failed attempts. */
    public Duration backoffAfter(int attempts) {
        return backoff.get(Math.min(Math.max(attempts, 1), backoff.size()) - 1);
    }
}
