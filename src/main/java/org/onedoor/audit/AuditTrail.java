package org.onedoor.audit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.jspecify.annotations.Nullable;
import org.onedoor.audit.ChainEncoding.ChainedEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import tools.jackson.databind.json.JsonMapper;

/**
 * Appends audit records to the tenant's tamper-evident trail in the caller's transaction, so that a change and its
 * record are committed or rolled back together (AUD-3), without making every audited write in the system wait on one
 * lock (AUD-5).
 *
 * <p><b>Lanes.</b> Each tenant's trail is {@code onedoor.audit.lanes} (default 16) independent hash chains, the lanes.
 * A record locks the head of a lane that no other transaction holds ({@code for update skip locked}), preferring the
 * lane its own transaction already holds, and waits only when every lane is busy. The head's {@code seq} is advanced by
 * one in the same transaction, so each lane's {@code seq} runs 1, 2, 3... without gaps or forks once committed.
 *
 * <p><b>Hash.</b> {@code hash = SHA-256(prev_hash || canonical(record))}, where {@code prev_hash} is the previous
 * record's hash in the lane, or for the first record the genesis hash
 * {@code SHA-256(UTF-8("onedoor-audit-genesis|" + tenant + "|" + lane))}.
 *
 * <p><b>Canonical encoding, format 1</b> (column {@code format}). A field is either absent, the single byte
 * {@code 0x00}, or present, the byte {@code 0x01}, its length as a 4-byte big-endian unsigned integer, then its bytes;
 * so null and the empty string differ. Text is UTF-8; integers inside a field are big-endian two's complement. The
 * encoding is: the format as 4 bytes ({@code 00 00 00 01}); then the fields tenant_id, lane (4 bytes), seq (8 bytes),
 * recorded_at (8 bytes: microseconds since 1970-01-01T00:00Z), actor, actor_unit, client_address, action, object_type,
 * object_id, subject, purpose, outcome (its name), before_digest (32 bytes), after_digest (32 bytes); then the number
 * of details as 4 bytes, and each detail as a key field and a value field, ordered by the key's UTF-8 bytes compared
 * unsigned.
 *
 * <p><b>Text.</b> Control characters are stored and hashed as given; they can only reach a text log through
 * {@link #forLog(String)}, which escapes them (LOG-2).
 */
@Service
public class AuditTrail {

    /** The tenant of events that belong to no tenant, such as a login attempt for an unknown user name. */
    public static final String PLATFORM = "platform";

    private static final Logger log = LoggerFactory.getLogger(AuditTrail.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final String LOCK_IF_FREE = """
            select lane, seq, hash from audit.chain_head where tenant_id = :tenant and lane = :lane
             for update skip locked""";
    private static final String LOCK = """
            select lane, seq, hash from audit.chain_head where tenant_id = :tenant and lane = :lane for update""";
    private static final String EXISTS = "select count(*) from audit.chain_head where tenant_id = :tenant and lane = :lane";
    private static final String CREATE = """
            insert into audit.chain_head (tenant_id, lane, seq, hash) values (:tenant, :lane, 0, :genesis)
            on conflict do nothing""";
    /** Advances the head and inserts the record in one statement; the insert happens only if the head moved. */
    private static final String APPEND = """
            with advanced as (
                update audit.chain_head set seq = :seq, hash = :hash
                 where tenant_id = :tenant and lane = :lane and seq = :seq - 1
                returning tenant_id)
            insert into audit.event (tenant_id, lane, seq, recorded_at, actor, actor_unit, client_address, action,
                                     object_type, object_id, subject, purpose, outcome, before_digest, after_digest,
                                     details, prev_hash, hash, format)
            select :tenant, :lane, :seq, :recordedAt, :actor, :actorUnit, :clientAddress, :action,
                   :objectType, :objectId, :subject, :purpose, :outcome, :beforeDigest, :afterDigest,
                   cast(:details as jsonb), :prevHash, :hash, :format
              from advanced""";

    private final JdbcClient jdbc;
    private final Clock clock;
    private final int lanes;

    AuditTrail(JdbcClient jdbc, Clock clock, @Value("${onedoor.audit.lanes:16}") int lanes) {
        if (lanes < 1 || lanes > 1024) throw new IllegalArgumentException("onedoor.audit.lanes must be 1-1024: " + lanes);
        this.jdbc = jdbc;
        this.clock = clock;
        this.lanes = lanes;
    }

    /**
     * Appends the record in the caller's transaction: it is committed with the change it describes, or not at all.
     * Fails with {@code IllegalTransactionStateException} when there is no transaction.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void record(AuditRecord record) {
        append(record);
    }

    /**
     * Appends the record in a transaction of its own, committed at once: for security events that must be kept even
     * when the caller's work is rolled back, such as a failed login. The event is also written to the application log
     * once committed, escaped (LOG-2).
     */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void recordAlone(AuditRecord record) {
        var place = append(record);
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                log.info("audit {}", logLine(record, place));
            }
        });
    }

    /**
     * The text made safe for a line-oriented log: backslash, CR, LF and tab become {@code \\ \r \n \t}, other control
     * characters, Unicode line and paragraph separators and bidirectional controls become {@code \}{@code uXXXX};
     * null becomes {@code -}. One logged value can therefore never start a new log line or disguise one (LOG-2).
     */
    public static String forLog(@Nullable String text) {
        if (text == null) return "-";
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            var escaped = escape(c);
            if (escaped == null) {
                if (out != null) out.append(c);
                continue;
            }
            if (out == null) out = new StringBuilder(text.length() + 16).append(text, 0, i);
            out.append(escaped);
        }
        return out == null ? text : out.toString();
    }

    private static @Nullable String escape(char c) {
        switch (c) {
            case '\\': return "\\\\";
            case '\r': return "\\r";
            case '\n': return "\\n";
            case '\t': return "\\t";
            default:
        }
        var type = Character.getType(c);
        boolean bidi = (c >= '\u202A' && c <= '\u202E') || (c >= '\u2066' && c <= '\u2069') || c == '\u200E'
                || c == '\u200F' || c == '\u061C';
        if (type == Character.CONTROL || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR
                || bidi) {
            return String.format("\\u%04x", (int) c);
        }
        return null;
    }

    static String logLine(AuditRecord r, Place place) {
        return "tenant=" + forLog(r.tenant()) + " lane=" + place.lane() + " seq=" + place.seq()
                + " actor=" + forLog(r.actor()) + " unit=" + forLog(r.actorUnit())
                + " from=" + forLog(r.clientAddress()) + " action=" + forLog(r.action())
                + " object=" + forLog(r.objectType()) + "/" + forLog(r.objectId())
                + " subject=" + forLog(r.subject()) + " outcome=" + r.outcome();
    }

    /** Where a record was appended. */
    record Place(int lane, long seq) {
    }

    private record Head(int lane, long seq, byte[] hash) {
    }

    private Place append(AuditRecord r) {
        var head = lockHead(r.tenant());
        var recordedAt = ChainEncoding.storedPrecision(clock.instant());
        long seq = head.seq() + 1;
        var beforeDigest = ChainEncoding.digest(r.before());
        var afterDigest = ChainEncoding.digest(r.after());
        var event = new ChainedEvent(r.tenant(), head.lane(), seq, ChainEncoding.micros(recordedAt), r.actor(),
                r.actorUnit(), r.clientAddress(), r.action(), r.objectType(), r.objectId(), r.subject(), r.purpose(),
                r.outcome().name(), beforeDigest, afterDigest, r.details());
        var hash = ChainEncoding.chain(head.hash(), event);
        int inserted = jdbc.sql(APPEND)
                .param("tenant", r.tenant(), Types.VARCHAR)
                .param("lane", head.lane(), Types.INTEGER)
                .param("seq", seq, Types.BIGINT)
                .param("recordedAt", recordedAt.atOffset(ZoneOffset.UTC), Types.TIMESTAMP_WITH_TIMEZONE)
                .param("actor", r.actor(), Types.VARCHAR)
                .param("actorUnit", r.actorUnit(), Types.VARCHAR)
                .param("clientAddress", r.clientAddress(), Types.VARCHAR)
                .param("action", r.action(), Types.VARCHAR)
                .param("objectType", r.objectType(), Types.VARCHAR)
                .param("objectId", r.objectId(), Types.VARCHAR)
                .param("subject", r.subject(), Types.VARCHAR)
                .param("purpose", r.purpose(), Types.VARCHAR)
                .param("outcome", r.outcome().name(), Types.VARCHAR)
                .param("beforeDigest", beforeDigest, Types.BINARY)
                .param("afterDigest", afterDigest, Types.BINARY)
                .param("details", r.details().isEmpty() ? null : JSON.writeValueAsString(r.details()), Types.VARCHAR)
                .param("prevHash", head.hash(), Types.BINARY)
                .param("hash", hash, Types.BINARY)
                .param("format", ChainEncoding.FORMAT, Types.INTEGER)
                .update();
        if (inserted != 1) {
            throw new IllegalStateException("The audit chain head of lane " + head.lane() + " did not advance from seq "
                    + head.seq());
        }
        return new Place(head.lane(), seq);
    }

    /**
     * Locks the head of a lane for the rest of the transaction: the lane this transaction already holds for the
     * tenant, else a free one starting from a random lane, creating heads on first use; waits only if all are busy.
     */
    private Head lockHead(String tenant) {
        var held = HeldLanes.ofCurrentTransaction();
        var preferred = held.get(tenant);
        int start = preferred != null ? preferred : ThreadLocalRandom.current().nextInt(lanes);
        for (int i = 0; i < lanes; i++) {
            int lane = (start + i) % lanes;
            // A lane held by a suspended transaction of this thread (recordAlone called inside a transaction that has
            // recorded) is only released when that transaction ends, and it waits for us: never try it.
            if (held.heldBySuspendedTransaction(tenant, lane)) continue;
            var head = query(LOCK_IF_FREE, tenant, lane);
            if (head == null && !exists(tenant, lane)) {
                jdbc.sql(CREATE).param("tenant", tenant, Types.VARCHAR).param("lane", lane, Types.INTEGER)
                        .param("genesis", ChainEncoding.genesis(tenant, lane), Types.BINARY).update();
                head = query(LOCK, tenant, lane);
            }
            if (head != null) {
                held.put(tenant, lane);
                return head;
            }
        }
        // Every lane is busy: wait for one, but again never for one this thread's suspended transactions hold.
        for (int i = 0; i < lanes; i++) {
            int lane = (start + i) % lanes;
            if (held.heldBySuspendedTransaction(tenant, lane)) continue;
            var head = query(LOCK, tenant, lane);
            if (head == null) throw new IllegalStateException("The audit chain head of lane " + lane + " vanished");
            held.put(tenant, lane);
            return head;
        }
        throw new IllegalStateException("Every audit lane of " + forLog(tenant)
                + " is held by this thread's suspended transactions; raise onedoor.audit.lanes");
    }

    private @Nullable Head query(String sql, String tenant, int lane) {
        return jdbc.sql(sql).param("tenant", tenant, Types.VARCHAR).param("lane", lane, Types.INTEGER)
                .query(AuditTrail::head).optional().orElse(null);
    }

    private boolean exists(String tenant, int lane) {
        return jdbc.sql(EXISTS).param("tenant", tenant, Types.VARCHAR).param("lane", lane, Types.INTEGER)
                .query(Long.class).single() > 0;
    }

    private static Head head(ResultSet rs, int row) throws SQLException {
        return new Head(rs.getInt("lane"), rs.getLong("seq"), rs.getBytes("hash"));
    }

    /**
     * The lane each tenant's records go to within one transaction, so that a transaction keeps to the lane it has
     * locked; held as a transaction synchronization, which Spring suspends with the transaction (REQUIRES_NEW).
     */
    private static final class HeldLanes implements TransactionSynchronization {

        /** The lanes of every transaction of this thread still open, the suspended ones included. */
        private static final ThreadLocal<List<HeldLanes>> OPEN = ThreadLocal.withInitial(ArrayList::new);

        private final Map<String, Integer> lanes = new HashMap<>(2);

        static HeldLanes ofCurrentTransaction() {
            for (var synchronization : TransactionSynchronizationManager.getSynchronizations()) {
                if (synchronization instanceof HeldLanes held) return held;
            }
            var held = new HeldLanes();
            TransactionSynchronizationManager.registerSynchronization(held);
            OPEN.get().add(held);
            return held;
        }

        @Override
        public void afterCompletion(int status) {
            var open = OPEN.get();
            open.remove(this);
            if (open.isEmpty()) OPEN.remove();
        }

        boolean heldBySuspendedTransaction(String tenant, int lane) {
            for (var other : OPEN.get()) {
                if (other != this && Integer.valueOf(lane).equals(other.lanes.get(tenant))) return true;
            }
            return false;
        }

        @Nullable Integer get(String tenant) {
            return lanes.get(tenant);
        }

        void put(String tenant, int lane) {
            lanes.put(tenant, lane);
        }
    }
}
