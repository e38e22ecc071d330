package org.onedoor.notification.outbox;

import java.time.Clock;
import java.util.UUID;
import org.onedoor.notification.MessageStatus;
import org.onedoor.notification.delivery.Deliveries;
import org.onedoor.notification.delivery.DeliveryFailed;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Delivers what the outbox holds. Every node runs it on a fixed delay: it claims due messages in batches (rows another
 * node holds are skipped), delivers each outside any transaction and records the outcome; a failure waits for the
 * backoff, the last one gives the message up. A message just committed also gets one attempt at once, so that a
 * person waiting for a code does not wait for the next round.
 */
@Component
public class Dispatcher {

    private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);
    /** Batches one round takes at most, so that a long queue does not hold the scheduler from the other jobs. */
    private static final int BATCHES_PER_ROUND = 10;

    private final Outbox outbox;
    private final Deliveries deliveries;
    private final OutboxSettings settings;
    private final Clock clock;

    Dispatcher(Outbox outbox, Deliveries deliveries, OutboxSettings settings, Clock clock) {
        this.outbox = outbox;
        this.deliveries = deliveries;
        this.settings = settings;
        this.clock = clock;
    }

    /** One round: every due message, a batch at a time. */
    @Scheduled(fixedDelayString = "${onedoor.notification.dispatch-interval:PT10S}",
            initialDelayString = "${onedoor.notification.dispatch-interval:PT10S}")
    public void dispatchDue() {
        for (int round = 0; round < BATCHES_PER_ROUND; round++) {
            var batch = outbox.claimDue(clock.instant(), settings.batchSize());
            batch.forEach(this::deliver);
            if (batch.size() < settings.batchSize()) return;
        }
    }

    /**
     * One attempt at a message once the current transaction commits (at once without one); nothing happens if the
     * transaction rolls back, and whatever this attempt does not deliver is left to the rounds.
     */
    public void attemptAfterCommit(String tenant, UUID id) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            attempt(tenant, id);
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                attempt(tenant, id);
            }
        });
    }

    private void attempt(String tenant, UUID id) {
        try {
            outbox.claim(tenant, id, clock.instant()).ifPresent(this::deliver);
        } catch (RuntimeException e) {
            // the message is committed: the next round takes it
            log.warn("Could not attempt message {} of {} at once; the dispatcher will: {}", id, tenant, e.toString());
        }
    }

    private void deliver(Outbox.Claimed message) {
        try {
            deliveries.deliver(message.channel(), message.address(), message.subject(), message.body());
            outbox.sent(message, clock.instant());
        } catch (DeliveryFailed failed) {
            var status = outbox.failed(message, clock.instant(), failed.reason());
            if (status == MessageStatus.FAILED) {
                log.error("Gave up message {} of {} ({} {}, to {}) after {} attempts: {}", message.id(), message.tenant(),
                        message.channel(), message.template(), Deliveries.masked(message.address()), message.attempts(), failed.reason());
            } else {
                log.warn("Message {} of {} ({} {}, to {}) failed at attempt {}, next in {}: {}", message.id(), message.tenant(),
                        message.channel(), message.template(), Deliveries.masked(message.address()), message.attempts(),
                        settings.backoffAfter(message.attempts()), failed.reason());
            }
        }
    }
}
