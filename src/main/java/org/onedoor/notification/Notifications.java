package org.onedoor.notification;

import org.onedoor.notification.delivery.Deliveries;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Sends a message once the sender's transaction has committed, so that nobody is told of something that was rolled
 * back; outside a transaction it is sent at once.
 */
@Service
public class Notifications {

    private final Deliveries deliveries;

    Notifications(Deliveries deliveries) {
        this.deliveries = deliveries;
    }

    public void send(Message message) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    deliveries.deliver(message);
                }
            });
        } else {
            deliveries.deliver(message);
        }
    }
}
