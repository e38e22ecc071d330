package org.onedoor.notification.outbox;

import java.time.Clock;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;
import org.onedoor.notification.MessageStatus;
import org.onedoor.notification.delivery.Deliveries;
import org.onedoor.notification.delivery.DeliveryFailed;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Delivers what the outbox holds. Every node runs it on a fixed delay: it claims due messages in batches (rows another
 * node holds are skipped), delivers each outside any transaction and records the outcome; a failure waits for the
 * backoff, the last one gives the message up. A message just committed also gets one attempt at once, on a small pool
 * of its own, so that a person waiting for a code does not wait for the next round and the committing request does not
 * wait for the channel; the message was written already claimed for that attempt, so that it costs no statement of
 * its own. When that pool is busy, the message is released to the next round.
 */
@Component
public class Dispatcher implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);
    /** Batches one round takes at most, so that a long queue does not hold the scheduler from the other jobs. */
    private static final int BATCHES_PER_ROUND = 10;

    private final Outbox outbox;
    private final Deliveries deliveries;
    private final OutboxSettings settings;
    private final Clock clock;
    /** Immediate attempts: two threads, a bounded queue; what does not fit is left to the rounds. */
    private final ThreadPoolExecutor immediate;

    Dispatcher(Outbox outbox, Deliveries deliveries, OutboxSettings settings, Clock clock) {
        this.outbox = outbox;
        this.deliveries = deliveries;
        this.settings = settings;
        this.clock = clock;
        this.immediate = new ThreadPoolExecutor(2, 2, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(1_000),
                Thread.ofPlatform().name("notification-", 1).daemon().factory(), new ThreadPoolExecutor.AbortPolicy());
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
     * The first attempt at a message written claimed ({@link Outbox#insertClaimed}) once the current transaction commits
     * (at once without one), on the dispatcher's own threads; nothing happens if the transaction rolls back. When those
     * threads are busy the message is released to the rounds.
     */
    public void deliverAfterCommit(Outbox.Claimed message) {
        afterCommit(() -> {
            try {
                immediate.execute(() -> {
                    try {
                        deliver(message);
                    } catch (RuntimeException e) {
                        // the outcome could not be recorded: the message is committed, and a round takes it after the lease
                        log.warn("Could not record the first attempt at message {} of {}; the dispatcher will retry it: {}",
                                message.id(), message.tenant(), e.toString());
                    }
                });
            } catch (RejectedExecutionException busy) {
                try {
                    outbox.release(message, clock.instant());
                } catch (RuntimeException e) {
                    // its lease ends in a few minutes, and a round takes it then
                    log.warn("Could not release message {} of {} to the rounds: {}", message.id(), message.tenant(), e.toString());
                }
            }
        });
    }

    /**
     * One attempt at a message once the current transaction commits, the committing thread waiting for it (at most the
     * given seconds): an operator who asks for a retry sees its outcome.
     */
    public void attemptAfterCommitAndWait(String tenant, UUID id, long seconds) {
        afterCommit(() -> {
            var attempt = submit(tenant, id);
            if (attempt == null) return;
            try {
                attempt.get(seconds, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException | TimeoutException e) {
                log.debug("Attempt at message {} of {} not over yet: {}", id, tenant, e.toString());
            }
        });
    }

    private static void afterCommit(Runnable action) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            action.run();
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                action.run();
            }
        });
    }

    private @Nullable Future<?> submit(String tenant, UUID id) {
        try {
            return immediate.submit(() -> attempt(tenant, id));
        } catch (RejectedExecutionException busy) {
            log.debug("Message {} of {} waits for the next round: immediate attempts are busy", id, tenant);
            return null;
        }
    }

    private void attempt(String tenant, UUID id) {
        try {
            outbox.claim(tenant, id, clock.instant()).ifPresent(this::deliver);
        } catch (RuntimeException e) {
            // the message is committed: the next round takes it
            log.warn("Could not attempt message {} of {} at once; the dispatcher will: {}", id, tenant, e.toString());
        }
    }

    @Override
    public void destroy() throws InterruptedException {
        immediate.shutdown();
        if (!immediate.awaitTermination(10, TimeUnit.SECONDS)) immediate.shutdownNow();
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
