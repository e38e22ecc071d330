package org.onedoor.dossier;

import java.time.Clock;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.onedoor.shared.Problem;
import org.onedoor.shared.TenantId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * {@code Idempotency-Key}: the first answer to a request is stored in the transaction that made the change, and a
 * replay of the same request (same caller, key and body) gets that answer again without changing anything; the same
 * key with another body is refused (422). Concurrent requests with one key queue on its row: the first does the work,
 * the others wait for its commit and replay its answer. A request that fails stores nothing, so it can be retried.
 */
@Component
public class Idempotency {

    /** Keys are kept this long: a client retries within minutes, not days. */
    static final java.time.Duration KEPT = java.time.Duration.ofDays(2);

    /** An answer as it was given: status, ETag, Location and body. */
    public record Answer(int status, @Nullable String etag, @Nullable String location, String body) {
    }

    public static class KeyReused extends Problem {
        public KeyReused() {
            super("idempotency-key-reused", Kind.UNPROCESSABLE);
        }
    }

    public static class BadKey extends Problem {
        public BadKey() {
            super("idempotency-key-invalid", Kind.INVALID);
        }
    }

    private final JdbcClient jdbc;
    private final Clock clock;

    Idempotency(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** What identifies a request for its key: method, path, the version it was decided on, and its body. */
    public static String requestHash(String method, String path, @Nullable String ifMatch, String body) {
        return Attachments.sha256((method + " " + path + "\n" + (ifMatch == null ? "" : ifMatch.strip()) + "\n" + body)
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** Runs {@code work} once for the key; {@code requestHash} identifies the request (method, path and body). */
    @Transactional
    public Answer once(TenantId tenant, UUID account, String key, String requestHash, Supplier<Answer> work) {
        if (key.isBlank() || key.length() > 200) throw new BadKey();
        var claimed = jdbc.sql("""
                insert into dossier.idempotency (tenant_id, account_id, key, request_hash, created_at)
                values (:t, :a, :k, :h, :now) on conflict do nothing""")
                .param("t", tenant.value()).param("a", account).param("k", key).param("h", requestHash)
                .param("now", clock.instant().atOffset(java.time.ZoneOffset.UTC)).update() == 1;
        if (!claimed) {
            var stored = stored(tenant, account, key).orElseThrow();
            if (!stored.hash().equals(requestHash)) throw new KeyReused();
            return stored.answer();
        }
        var answer = work.get();
        jdbc.sql("""
                update dossier.idempotency set status = :s, etag = :e, location = :l, body = :b
                 where tenant_id = :t and account_id = :a and key = :k""")
                .param("s", answer.status()).param("e", answer.etag()).param("l", answer.location()).param("b", answer.body())
                .param("t", tenant.value()).param("a", account).param("k", key).update();
        return answer;
    }

    private record Stored(String hash, Answer answer) {
    }

    private Optional<Stored> stored(TenantId tenant, UUID account, String key) {
        return jdbc.sql("select request_hash, status, etag, location, body from dossier.idempotency where tenant_id = :t and account_id = :a and key = :k")
                .param("t", tenant.value()).param("a", account).param("k", key)
                .query((rs, n) -> new Stored(rs.getString(1), new Answer(rs.getInt(2), rs.getString(3), rs.getString(4),
                        rs.getString(5) == null ? "" : rs.getString(5)))).optional();
    }

    @Scheduled(cron = "${onedoor.dossier.idempotency-cleanup:0 17 3 * * *}")
    @Transactional
    void forgetOld() {
        jdbc.sql("delete from dossier.idempotency where created_at < :before")
                .param("before", clock.instant().minus(KEPT).atOffset(java.time.ZoneOffset.UTC)).update();
    }
}
