package org.onedoor.notification.outbox;

import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Forgets, every night, the messages that have been over for longer than the retention (90 days by default): their
 * addresses and texts are personal data, kept only as long as operators may need to answer for a delivery.
 */
@Component
class Retention {

    private static final Logger log = LoggerFactory.getLogger(Retention.class);
    private final Outbox outbox;
    private final OutboxSettings settings;
    private final Clock clock;

    Retention(Outbox outbox, OutboxSettings settings, Clock clock) {
        this.outbox = outbox;
        this.settings = settings;
        this.clock = clock;
    }

    @Scheduled(cron = "${onedoor.notification.retention-cron:0 47 2 * * *}")
    void forgetOldMessages() {
        var forgotten = outbox.forget(clock.instant().minus(settings.retention()));
        if (forgotten > 0) log.info("Forgot {} messages over for more than {}", forgotten, settings.retention());
    }
}
