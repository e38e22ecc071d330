package org.onedoor.notification.outbox;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.onedoor.notification.Channel;
import org.onedoor.notification.MessageStatus;

/**
 * A message as operators see it: its state and history, the address masked, never the text (it may hold personal
 * data or a code).
 *
 * @param nextAttemptAt when it will be tried again (null unless PENDING)
 * @param stuck         waiting after a failure, or overdue for longer than the dispatcher's usual delay
 */
public record OutboxMessage(UUID id, Channel channel, String maskedAddress, @Nullable UUID recipientAccount, String template,
                            String locale, MessageStatus status, int attempts, @Nullable Instant nextAttemptAt,
                            @Nullable Instant lastAttemptAt, @Nullable String lastError, Instant createdAt,
                            @Nullable Instant sentAt, boolean stuck) {
}
