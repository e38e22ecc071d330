package org.onedoor.notification.outbox;

import java.time.Clock;
import java.util.UUID;
import org.onedoor.audit.AuditRecord;
import org.onedoor.audit.AuditTrail;
import org.onedoor.notification.MessageStatus;
import org.onedoor.notification.outbox.MessageProblems.MessageClosed;
import org.onedoor.notification.outbox.MessageProblems.UnknownMessage;
import org.onedoor.shared.PageRequest;
import org.onedoor.shared.ResultPage;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What a city's operators do with its messages: list them by status, send one again now, or withdraw it. Each retry and
 * cancellation is audited in its transaction, like every administrative action.
 */
@Service
public class OutboxAdministration {

    private final Outbox outbox;
    private final Dispatcher dispatcher;
    private final AuditTrail audit;
    private final Clock clock;

    OutboxAdministration(Outbox outbox, Dispatcher dispatcher, AuditTrail audit, Clock clock) {
        this.outbox = outbox;
        this.dispatcher = dispatcher;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public ResultPage<OutboxMessage> list(String tenant, Selection selection, PageRequest page) {
        return outbox.list(tenant, selection, page, clock.instant());
    }

    /** Due again at once, with one more attempt if it had been given up; tried as soon as this commits. */
    @Transactional
    public OutboxMessage retry(String tenant, UUID id, String operator, String client) {
        var before = open(tenant, id);
        outbox.reopen(tenant, id, clock.instant());
        audit.record(AuditRecord.of(tenant, operator, "notification.retry", "notification", id.toString()).from(client)
                .changing(before.name(), MessageStatus.PENDING.name()).succeeded());
        dispatcher.attemptAfterCommitAndWait(tenant, id, 30);
        return outbox.find(tenant, id, clock.instant()).orElseThrow();
    }

    /** Withdrawn: never sent (unless an attempt already under way gets through). */
    @Transactional
    public OutboxMessage cancel(String tenant, UUID id, String operator, String client) {
        var before = open(tenant, id);
        outbox.cancel(tenant, id);
        audit.record(AuditRecord.of(tenant, operator, "notification.cancel", "notification", id.toString()).from(client)
                .changing(before.name(), MessageStatus.CANCELLED.name()).succeeded());
        return outbox.find(tenant, id, clock.instant()).orElseThrow();
    }

    private MessageStatus open(String tenant, UUID id) {
        var status = outbox.lock(tenant, id).orElseThrow(() -> new UnknownMessage(id));
        if (status == MessageStatus.SENT || status == MessageStatus.CANCELLED) throw new MessageClosed(id, status);
        return status;
    }
}
