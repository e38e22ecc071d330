package org.onedoor.audit;

import java.security.MessageDigest;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.onedoor.audit.ChainEncoding.ChainedEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Proves a tenant's audit trail whole, or finds the first record where it was edited, deleted or reordered (AUD-2), by
 * recomputing every hash from the stored columns. It streams each lane in seq order, so a trail of any length is
 * checked in constant memory, and reads one snapshot of the database, so concurrent writers cause no false alarm.
 */
@Service
public class AuditVerification {

    private static final Logger log = LoggerFactory.getLogger(AuditVerification.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int FETCH_SIZE = 2_000;

    private static final String HEADS = "select lane, seq, hash from audit.chain_head where tenant_id = :tenant";
    /** The lanes holding records, one index probe per lane rather than a scan of the trail. */
    private static final String LANES_WITH_RECORDS = """
            with recursive lanes (lane) as (
                select min(lane) from audit.event where tenant_id = :tenant
                union all
                select (select min(e.lane) from audit.event e where e.tenant_id = :tenant and e.lane > lanes.lane)
                  from lanes where lanes.lane is not null)
            select lane from lanes where lane is not null""";
    private static final String LANE = """
            select tenant_id, lane, seq, recorded_at, actor, actor_unit, client_address, action, object_type, object_id,
                   subject, purpose, outcome, before_digest, after_digest, details::text as details, prev_hash, hash,
                   format
              from audit.event where tenant_id = :tenant and lane = :lane order by seq""";

    private final JdbcClient jdbc;

    AuditVerification(DataSource dataSource) {
        var template = new JdbcTemplate(dataSource);
        template.setFetchSize(FETCH_SIZE);
        this.jdbc = JdbcClient.create(template);
    }

    /**
     * Checks every lane of the tenant's trail, in lane order, and stops at the first broken record. It runs in a
     * read-only transaction of its own, whatever the caller's, so that all lanes and heads are read in one snapshot of
     * what is committed.
     */
    @Transactional(propagation = Propagation.REQUIRES_NEW, readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public Verification verify(String tenant) {
        if (tenant == null || tenant.isBlank()) throw new IllegalArgumentException("Which tenant's trail?");
        var started = System.nanoTime();
        var heads = new HashMap<Integer, Head>();
        jdbc.sql(HEADS).param("tenant", tenant).query(AuditVerification::head).list()
                .forEach(head -> heads.put(head.lane(), head));
        var lanes = new TreeSet<>(heads.keySet());
        lanes.addAll(jdbc.sql(LANES_WITH_RECORDS).param("tenant", tenant).query(Integer.class).list());

        long checked = 0;
        for (int lane : lanes) {
            var result = verifyLane(tenant, lane, heads.get(lane));
            checked += result.checked();
            if (result.broken() != null) {
                var broken = result.broken();
                log.warn("Audit trail of {} is broken at lane {} seq {}: {} ({} records intact before it)",
                        AuditTrail.forLog(tenant), broken.lane(), broken.seq(), broken.reason(), checked);
                return new Verification(false, checked, broken);
            }
        }
        var millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        log.info("Audit trail of {} verified: {} records in {} lanes, {} ms", AuditTrail.forLog(tenant), checked,
                lanes.size(), millis);
        return new Verification(true, checked, null);
    }

    private record Head(int lane, long seq, byte[] hash) {
    }

    private record LaneResult(long checked, @Nullable BrokenRecord broken) {
    }

    /** A stored row: the hashed columns, or null ones when its details are not a JSON object of strings. */
    private record StoredRow(long seq, @Nullable ChainedEvent event, byte[] prevHash, byte[] hash, int format) {
    }

    private LaneResult verifyLane(String tenant, int lane, @Nullable Head head) {
        long expected = 1;
        byte[] previous = ChainEncoding.genesis(tenant, lane);
        try (var rows = jdbc.sql(LANE).param("tenant", tenant).param("lane", lane)
                .query(AuditVerification::storedRow).stream()) {
            for (var iterator = rows.iterator(); iterator.hasNext(); ) {
                var row = iterator.next();
                if (row.seq() != expected) {
                    return broken(expected, lane, expected, BrokenRecord.SEQUENCE_GAP);
                }
                if (!MessageDigest.isEqual(row.prevHash(), previous)) {
                    return broken(expected, lane, row.seq(), BrokenRecord.PREV_HASH_MISMATCH);
                }
                if (row.format() != ChainEncoding.FORMAT || row.event() == null
                        || !MessageDigest.isEqual(ChainEncoding.chain(previous, row.event()), row.hash())) {
                    return broken(expected, lane, row.seq(), BrokenRecord.HASH_MISMATCH);
                }
                previous = row.hash();
                expected++;
            }
        }
        long last = expected - 1;
        long headSeq = head == null ? 0 : head.seq();
        if (headSeq > last) return broken(expected, lane, last + 1, BrokenRecord.HEAD_MISMATCH);
        if (headSeq < last) return broken(expected, lane, headSeq + 1, BrokenRecord.HEAD_MISMATCH);
        if (head != null && !MessageDigest.isEqual(head.hash(), previous)) {
            return broken(expected, lane, last, BrokenRecord.HEAD_MISMATCH);
        }
        return new LaneResult(last, null);
    }

    private static LaneResult broken(long expected, int lane, long seq, String reason) {
        return new LaneResult(expected - 1, new BrokenRecord(lane, seq, reason));
    }

    private static Head head(ResultSet rs, int row) throws SQLException {
        return new Head(rs.getInt("lane"), rs.getLong("seq"), rs.getBytes("hash"));
    }

    private static StoredRow storedRow(ResultSet rs, int row) throws SQLException {
        var details = details(rs.getString("details"));
        var recordedAt = rs.getObject("recorded_at", OffsetDateTime.class).toInstant();
        var event = details == null ? null : new ChainedEvent(rs.getString("tenant_id"), rs.getInt("lane"),
                rs.getLong("seq"), ChainEncoding.micros(recordedAt), rs.getString("actor"), rs.getString("actor_unit"),
                rs.getString("client_address"), rs.getString("action"), rs.getString("object_type"),
                rs.getString("object_id"), rs.getString("subject"), rs.getString("purpose"), rs.getString("outcome"),
                rs.getBytes("before_digest"), rs.getBytes("after_digest"), details);
        return new StoredRow(rs.getLong("seq"), event, rs.getBytes("prev_hash"), rs.getBytes("hash"),
                rs.getInt("format"));
    }

    /** The details as written (an object of strings), or null when they are something else and so not as written. */
    static @Nullable Map<String, String> details(@Nullable String json) {
        if (json == null) return Map.of();
        try {
            var node = JSON.readTree(json);
            if (!node.isObject()) return null;
            var details = new TreeMap<String, String>();
            for (var property : node.properties()) {
                JsonNode value = property.getValue();
                if (!value.isString()) return null;
                details.put(property.getKey(), value.asString());
            }
            return details;
        } catch (JacksonException e) {
            return null;
        }
    }
}
