package org.onedoor.notification.outbox;

import java.util.UUID;
import org.onedoor.notification.MessageStatus;
import org.onedoor.shared.Problem;

/** Why an operator's action on a message is refused. */
public final class MessageProblems {

    private MessageProblems() {
    }

    /** No such message in the tenant. */
    public static final class UnknownMessage extends Problem {
        public UnknownMessage(UUID id) {
            super("notification-not-found", Kind.NOT_FOUND, id);
        }
    }

    /** The message was delivered or withdrawn: nothing is left to retry or cancel. */
    public static final class MessageClosed extends Problem {
        public MessageClosed(UUID id, MessageStatus status) {
            super("notification-closed", Kind.CONFLICT, id, status.name());
        }
    }
}
