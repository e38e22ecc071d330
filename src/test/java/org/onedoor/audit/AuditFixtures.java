package org.onedoor.audit;

import java.util.ArrayList;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Trails written through the real API, and the superuser-style tampering an attacker with database access could do. */
final class AuditFixtures {

    private final AuditTrail trail;
    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;

    AuditFixtures(AuditTrail trail, JdbcClient jdbc, PlatformTransactionManager transactionManager) {
        this.trail = trail;
        this.jdbc = jdbc;
        this.transactions = new TransactionTemplate(transactionManager);
    }

    /** A tenant no other test writes to, so that what one test tampers with no other test sees. */
    static String aTenantOfItsOwn() {
        return "t" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    /** A clerk reading a citizen's dossier: the most common audited event. */
    static AuditRecord aDossierRead(String tenant, int n) {
        return AuditRecord.of(tenant, "clerk-" + (n % 7), "dossier.read", "dossier", "HN-250701-" + n)
                .actingFor("00004").from("203.0.113." + (n % 250) + ":" + (40000 + n % 20000))
                .concerning("citizen-" + (n % 50)).because("handling dossier HN-250701-" + n)
                .changing(null, "{\"status\":\"PROCESSING\",\"n\":" + n + "}")
                .with("step", "instruction").with("n", Integer.toString(n));
    }

    void inTransaction(Consumer<AuditTrail> work) {
        transactions.executeWithoutResult(status -> work.accept(trail));
    }

    /**
     * {@code threads} writers each commit {@code transactions} transactions of {@code perTransaction} records, so that
     * the trail spreads over several lanes.
     */
    void write(String tenant, int threads, int transactionsPerThread, int perTransaction) {
        var jobs = new ArrayList<Callable<Void>>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            jobs.add(() -> {
                for (int x = 0; x < transactionsPerThread; x++) {
                    int first = (thread * transactionsPerThread + x) * perTransaction;
                    inTransaction(audit -> {
                        for (int i = 0; i < perTransaction; i++) audit.record(aDossierRead(tenant, first + i));
                    });
                }
                return null;
            });
        }
        try (var pool = Executors.newFixedThreadPool(threads)) {
            for (var future : pool.invokeAll(jobs)) future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    /**
     * Runs the statements as the tables' owner can: with the append-only triggers disabled for this one transaction
     * (works for a non-superuser owner on PostgreSQL 15 as on 17; other sessions never see them disabled).
     */
    void tamper(String tenant, String... statements) {
        transactions.executeWithoutResult(status -> {
            jdbc.sql("alter table audit.event disable trigger user").update();
            jdbc.sql("alter table audit.chain_head disable trigger user").update();
            for (var statement : statements) jdbc.sql(statement).param("tenant", tenant).update();
            jdbc.sql("alter table audit.event enable trigger user").update();
            jdbc.sql("alter table audit.chain_head enable trigger user").update();
        });
    }

    /** The lane holding most of the tenant's records, and how many it holds. */
    LaneLength longestLane(String tenant) {
        return jdbc.sql("""
                        select lane, max(seq) as length from audit.event where tenant_id = :tenant
                         group by lane order by max(seq) desc, lane limit 1""")
                .param("tenant", tenant)
                .query((rs, row) -> new LaneLength(rs.getInt("lane"), rs.getLong("length"))).single();
    }

    record LaneLength(int lane, long length) {
    }

    /** Every column of one record as text, to show that a refused statement changed nothing. */
    String row(String tenant, int lane, long seq) {
        return jdbc.sql("select to_jsonb(e)::text from audit.event e where tenant_id = :tenant and lane = :lane and seq = :seq")
                .param("tenant", tenant).param("lane", lane).param("seq", seq).query(String.class).single();
    }

    String heads(String tenant) {
        return jdbc.sql("select coalesce(jsonb_agg(h order by lane)::text, '[]') from audit.chain_head h where tenant_id = :tenant")
                .param("tenant", tenant).query(String.class).single();
    }

    long count(String tenant) {
        return jdbc.sql("select count(*) from audit.event where tenant_id = :tenant").param("tenant", tenant)
                .query(Long.class).single();
    }
}
