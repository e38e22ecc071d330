package org.onedoor.notification;

import java.time.Clock;
import org.onedoor.notification.outbox.Dispatcher;
import org.onedoor.notification.outbox.Outbox;
import org.springframework.stereotype.Service;

/**
 * Sends a message through the outbox: it is written in the sender's transaction, so nobody is told of something that
 * was rolled back and nothing committed is lost; once the transaction commits it is tried at once, and retried by the
 * dispatchers until it goes through or is given up (ADR 0023).
 */
@Service
public class Notifications {

    private final Outbox outbox;
    private final Dispatcher dispatcher;
    private final Clock clock;

    Notifications(Outbox outbox, Dispatcher dispatcher, Clock clock) {
        this.outbox = outbox;
        this.dispatcher = dispatcher;
        this.clock = clock;
    }

    /** Queues the message; false when one with the same dedupe key is already queued or sent (a redelivered event). */
    public boolean send(Message message) {
        var queued = outbox.insertClaimed(message, clock.instant());
        queued.ifPresent(dispatcher::deliverAfterCommit);
        return queued.isPresent();
    }
}
