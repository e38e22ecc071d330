package org.onedoor.audit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.onedoor.audit.AuditRecord.Outcome;
import org.onedoor.shared.InvalidParameter;
import org.onedoor.shared.PageRequest;
import org.onedoor.shared.ResultPage;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Reads the audit trail for the people entitled to see it: a citizen their own access log, auditors every event. */
@Service
@Transactional(readOnly = true)
public class AuditQueries {

    private static final HexFormat HEX = HexFormat.of();
    private static final String NEWEST_FIRST = "order by recorded_at desc, lane desc, seq desc";

    private final JdbcClient jdbc;

    AuditQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Who accessed or changed the subject's data, newest first, at most {@code limit} (1 to 500) entries. */
    public List<AccessEntry> accessesTo(String tenant, String subject, int limit) {
        if (limit < 1 || limit > ResultPage.MAX_SIZE) throw new InvalidParameter("limit", limit);
        return jdbc.sql("""
                        select recorded_at, actor, actor_unit, action, purpose, outcome from audit.event
                         where tenant_id = :tenant and subject = :subject
                        """ + NEWEST_FIRST + " limit :limit")
                .param("tenant", tenant).param("subject", subject).param("limit", limit)
                .query((rs, row) -> new AccessEntry(instant(rs), rs.getString("actor"), rs.getString("actor_unit"),
                        rs.getString("action"), rs.getString("purpose"), Outcome.valueOf(rs.getString("outcome"))))
                .list();
    }

    /** The tenant's events, newest first, optionally only those of one action, one page at a time. */
    public ResultPage<AuditEvent> events(String tenant, @Nullable String action, int page, int size) {
        var request = new PageRequest(page, size);
        var where = "tenant_id = :tenant" + (action == null ? "" : " and action = :action");
        var total = bind(jdbc.sql("select count(*) from audit.event where " + where), tenant, action)
                .query(Long.class).single();
        var items = bind(jdbc.sql("""
                        select tenant_id, lane, seq, recorded_at, actor, actor_unit, client_address, action, object_type,
                               object_id, subject, purpose, outcome, before_digest, after_digest, details::text as details,
                               hash
                          from audit.event where\s""" + where + " " + NEWEST_FIRST + " limit :size offset :offset"),
                tenant, action)
                .param("size", request.size()).param("offset", request.offset())
                .query(AuditQueries::event).list();
        return new ResultPage<>(items, request.page(), request.size(), total);
    }

    private static JdbcClient.StatementSpec bind(JdbcClient.StatementSpec statement, String tenant, @Nullable String action) {
        statement = statement.param("tenant", tenant);
        return action == null ? statement : statement.param("action", action);
    }

    private static AuditEvent event(ResultSet rs, int row) throws SQLException {
        var details = AuditVerification.details(rs.getString("details"));
        return new AuditEvent(rs.getString("tenant_id"), rs.getInt("lane"), rs.getLong("seq"), instant(rs),
                rs.getString("actor"), rs.getString("actor_unit"), rs.getString("client_address"),
                rs.getString("action"), rs.getString("object_type"), rs.getString("object_id"),
                rs.getString("subject"), rs.getString("purpose"), Outcome.valueOf(rs.getString("outcome")),
                hex(rs.getBytes("before_digest")), hex(rs.getBytes("after_digest")),
                details == null ? Map.of() : details, HEX.formatHex(rs.getBytes("hash")));
    }

    private static Instant instant(ResultSet rs) throws SQLException {
        return rs.getObject("recorded_at", OffsetDateTime.class).toInstant();
    }

    private static @Nullable String hex(byte @Nullable [] bytes) {
        return bytes == null ? null : HEX.formatHex(bytes);
    }
}
