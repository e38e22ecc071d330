package org.onedoor.notification.outbox;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.onedoor.notification.Channel;
import org.onedoor.notification.Message;
import org.onedoor.notification.MessageStatus;
import org.onedoor.notification.delivery.Deliveries;
import org.onedoor.shared.PageRequest;
import org.onedoor.shared.ResultPage;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The SQL of the outbox. Writing a message joins the caller's transaction; a dispatcher's claims and outcomes are each
 * one statement outside any transaction, so that no lock is held while a message travels. A claim moves the attempt
 * count on and holds the row for the lease; an outcome is recorded only by the claim it belongs to (same attempt count,
 * still PENDING). Claims and outcomes do not wait for their commit to reach the disk ({@link #NO_WAIT}): one lost in a
 * crash means at worst one more attempt, which at-least-once delivery allows, and the request threads' commits do not
 * queue behind the dispatcher's.
 */
@Repository
public class Outbox {

    /** A message claimed for one attempt; {@code attempts} counts this one. */
    public record Claimed(String tenant, UUID id, Channel channel, String address, @Nullable String subject, String body,
                          String template, int attempts) {

        @Override
        public String toString() {
            return "Claimed[" + tenant + ", " + id + ", " + channel + ", " + template + ", attempt " + attempts + "]";
        }
    }

    private static final String CLAIMED = " o.tenant_id, o.id, o.channel, o.address, o.subject, o.body, o.template_key, o.attempts";
    private static final String VIEW = """
            id, channel, address, recipient_account_id, template_key, locale, status, attempts, next_attempt_at, last_attempt_at,
            last_error, created_at, sent_at""";
    private static final String STUCK = "(status = 'PENDING' and (last_error is not null or next_attempt_at < :stuckBefore))";

    /**
     * A condition that turns {@code synchronous_commit} off for the statement's own (implicit) transaction and is true:
     * its commit does not wait for the write-ahead log to be flushed.
     */
    private static final String NO_WAIT = "(select set_config('synchronous_commit', 'off', true)) = 'off'";

    private final JdbcClient jdbc;
    private final OutboxSettings settings;

    Outbox(JdbcClient jdbc, OutboxSettings settings) {
        this.jdbc = jdbc;
        this.settings = settings;
    }

    /** Writes the message, due at once, in the caller's transaction; empty when its dedupe key was already there. */
    public Optional<UUID> insert(Message m, Instant now) {
        return write(m, now, false).map(Claimed::id);
    }

    /**
     * Writes the message in the caller's transaction already claimed for its first attempt, which the caller makes once
     * the transaction commits: no dispatcher takes it before the lease ends, and if the node dies before the attempt, a
     * dispatcher sends it then. Empty when its dedupe key was already there.
     */
    public Optional<Claimed> insertClaimed(Message m, Instant now) {
        return write(m, now, true);
    }

    private Optional<Claimed> write(Message m, Instant now, boolean claimed) {
        var id = UUID.randomUUID();
        var written = jdbc.sql("""
                insert into notification.outbox (tenant_id, id, channel, address, recipient_account_id, template_key, locale, subject,
                                                 body, confidential, next_attempt_at, created_at, dedupe_key, attempts, last_attempt_at)
                values (:tenant, :id, :channel, :address, :recipient, :template, :locale, :subject, :body, :confidential, :next, :now, :key,
                        :attempts, :attempted)
                on conflict (tenant_id, dedupe_key) do nothing""")
                .param("tenant", m.tenant()).param("id", id).param("channel", m.channel().name())
                .param("address", m.address()).param("recipient", m.recipient()).param("template", m.template())
                .param("locale", m.locale().getLanguage()).param("subject", m.subject()).param("body", m.body())
                .param("confidential", m.confidential()).param("now", utc(now)).param("key", m.dedupeKey())
                .param("next", utc(claimed ? now.plus(settings.lease()) : now)).param("attempts", claimed ? 1 : 0)
                .param("attempted", claimed ? utc(now) : null, java.sql.Types.TIMESTAMP_WITH_TIMEZONE)
                .update() == 1;
        return written ? Optional.of(new Claimed(m.tenant(), id, m.channel(), m.address(), m.subject(), m.body(), m.template(),
                claimed ? 1 : 0)) : Optional.empty();
    }

    /** The first attempt at a message written claimed will not be made here: due at once, that attempt not counted. */
    @Transactional(propagation = Propagation.NOT_SUPPORTED)
    public void release(Claimed c, Instant now) {
        jdbc.sql("""
                update notification.outbox set attempts = attempts - 1, next_attempt_at = :now, last_attempt_at = null
                 where tenant_id = :tenant and id = :id and status = 'PENDING' and attempts = :attempts and """ + NO_WAIT)
                .param("now", utc(now)).param("tenant", c.tenant()).param("id", c.id()).param("attempts", c.attempts()).update();
    }

    /** Claims up to {@code limit} due messages, oldest due first, skipping those another dispatcher holds. */
    @Transactional(propagation = Propagation.NOT_SUPPORTED)
    public List<Claimed> claimDue(Instant now, int limit) {
        return jdbc.sql("""
                with due as (
                    select tenant_id, id from notification.outbox
                     where status = 'PENDING' and next_attempt_at <= :now and """ + NO_WAIT + """
                     order by next_attempt_at limit :limit
                       for update skip locked)
                update notification.outbox o set attempts = o.attempts + 1, next_attempt_at = :until, last_attempt_at = :now
                  from due where o.tenant_id = due.tenant_id and o.id = due.id
                returning """ + CLAIMED)
                .param("now", utc(now)).param("limit", limit).param("until", utc(now.plus(settings.lease())))
                .query(Outbox::claimed).list();
    }

    /** Claims one message if it is due and nobody holds it. */
    @Transactional(propagation = Propagation.NOT_SUPPORTED)
    public Optional<Claimed> claim(String tenant, UUID id, Instant now) {
        return jdbc.sql("""
                update notification.outbox o set attempts = o.attempts + 1, next_attempt_at = :until, last_attempt_at = :now
                 where o.tenant_id = :tenant and o.id = :id and o.status = 'PENDING' and o.next_attempt_at <= :now
                   and """ + NO_WAIT + """
                returning """ + CLAIMED)
                .param("tenant", tenant).param("id", id).param("now", utc(now)).param("until", utc(now.plus(settings.lease())))
                .query(Outbox::claimed).optional();
    }

    /** The claimed attempt delivered the message; a confidential text is not kept. */
    @Transactional(propagation = Propagation.NOT_SUPPORTED)
    public boolean sent(Claimed c, Instant now) {
        return jdbc.sql("""
                update notification.outbox set status = 'SENT', sent_at = :now, next_attempt_at = :now, last_error = null,
                       body = case when confidential then '' else body end
                 where tenant_id = :tenant and id = :id and status = 'PENDING' and attempts = :attempts and """ + NO_WAIT)
                .param("now", utc(now)).param("tenant", c.tenant()).param("id", c.id()).param("attempts", c.attempts()).update() == 1;
    }

    /**
     * The claimed attempt failed: the message waits for the next attempt after the backoff, or is given up after the
     * last one. Answers the status it now has.
     */
    @Transactional(propagation = Propagation.NOT_SUPPORTED)
    public MessageStatus failed(Claimed c, Instant now, String reason) {
        var givenUp = c.attempts() >= settings.maxAttempts();
        var status = givenUp ? MessageStatus.FAILED : MessageStatus.PENDING;
        jdbc.sql("""
                update notification.outbox set status = :status, next_attempt_at = :next, last_error = :reason
                 where tenant_id = :tenant and id = :id and status = 'PENDING' and attempts = :attempts and """ + NO_WAIT)
                .param("status", status.name()).param("next", utc(givenUp ? now : now.plus(settings.backoffAfter(c.attempts()))))
                .param("reason", reason).param("tenant", c.tenant()).param("id", c.id()).param("attempts", c.attempts()).update();
        return status;
    }

    /** A tenant's messages of the selection, newest first. */
    public ResultPage<OutboxMessage> list(String tenant, Selection selection, PageRequest page, Instant now) {
        var where = "tenant_id = :tenant" + switch (selection) {
            case ALL -> "";
            case STUCK -> " and " + STUCK;
            case ATTENTION -> " and (status = 'FAILED' or " + STUCK + ")";
            default -> " and status = '" + selection.name() + "'";
        };
        var stuckBefore = utc(now.minus(settings.stuckAfter()));
        var total = jdbc.sql("select count(*) from notification.outbox where " + where)
                .param("tenant", tenant).param("stuckBefore", stuckBefore).query(Long.class).single();
        var items = jdbc.sql("select " + VIEW + ", " + STUCK + " as stuck from notification.outbox where " + where
                        + " order by created_at desc, id limit :limit offset :offset")
                .param("tenant", tenant).param("stuckBefore", stuckBefore).param("limit", page.size()).param("offset", page.offset())
                .query(Outbox::view).list();
        return new ResultPage<>(items, page.page(), page.size(), total);
    }

    public Optional<OutboxMessage> find(String tenant, UUID id, Instant now) {
        return jdbc.sql("select " + VIEW + ", " + STUCK + " as stuck from notification.outbox where tenant_id = :tenant and id = :id")
                .param("tenant", tenant).param("id", id).param("stuckBefore", utc(now.minus(settings.stuckAfter())))
                .query(Outbox::view).optional();
    }

    /** The message's status, its row locked until the caller's transaction ends. */
    Optional<MessageStatus> lock(String tenant, UUID id) {
        return jdbc.sql("select status from notification.outbox where tenant_id = :tenant and id = :id for update")
                .param("tenant", tenant).param("id", id).query((rs, n) -> MessageStatus.valueOf(rs.getString(1))).optional();
    }

    /** Due again now (an operator's retry); a message given up gets one more attempt. */
    void reopen(String tenant, UUID id, Instant now) {
        jdbc.sql("update notification.outbox set status = 'PENDING', next_attempt_at = :now where tenant_id = :tenant and id = :id")
                .param("now", utc(now)).param("tenant", tenant).param("id", id).update();
    }

    void cancel(String tenant, UUID id) {
        jdbc.sql("""
                update notification.outbox set status = 'CANCELLED', body = case when confidential then '' else body end
                 where tenant_id = :tenant and id = :id""")
                .param("tenant", tenant).param("id", id).update();
    }

    /** Forgets the messages that were over before the given instant: sent, given up or cancelled. */
    @Transactional
    public int forget(Instant before) {
        return jdbc.sql("delete from notification.outbox where status <> 'PENDING' and coalesce(sent_at, last_attempt_at, created_at) < :before")
                .param("before", utc(before)).update();
    }

    private static Claimed claimed(ResultSet rs, int n) throws SQLException {
        return new Claimed(rs.getString("tenant_id"), rs.getObject("id", UUID.class), Channel.valueOf(rs.getString("channel")),
                rs.getString("address"), rs.getString("subject"), rs.getString("body"), rs.getString("template_key"),
                rs.getInt("attempts"));
    }

    private static OutboxMessage view(ResultSet rs, int n) throws SQLException {
        var status = MessageStatus.valueOf(rs.getString("status"));
        return new OutboxMessage(rs.getObject("id", UUID.class), Channel.valueOf(rs.getString("channel")),
                Deliveries.masked(rs.getString("address")), rs.getObject("recipient_account_id", UUID.class),
                rs.getString("template_key"), rs.getString("locale"), status, rs.getInt("attempts"),
                status == MessageStatus.PENDING ? instant(rs, "next_attempt_at") : null, instant(rs, "last_attempt_at"),
                rs.getString("last_error"), java.util.Objects.requireNonNull(instant(rs, "created_at")), instant(rs, "sent_at"),
                rs.getBoolean("stuck"));
    }

    private static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
        var value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
