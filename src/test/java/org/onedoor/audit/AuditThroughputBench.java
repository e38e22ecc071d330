package org.onedoor.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Measures sustained audited writes per second from 8 concurrent writers, each record in its own transaction, alone and
 * with a business row, and then how fast the trail verifies; see {@code bench/audit/README.md}. It runs only when asked
 * ({@code -Donedoor.bench=true}) and its name keeps it out of the normal test run.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE, properties = {
        "onedoor.data-dir=target/bench-data",
        "onedoor.db.fresh=true",
        "onedoor.db.durable=${onedoor.bench.durable:true}",
        "onedoor.demo=false",
        "logging.level.org.onedoor=WARN"})
@ActiveProfiles("test")
@Tag("bench")
@EnabledIfSystemProperty(named = "onedoor.bench", matches = "true")
class AuditThroughputBench {

    static final int THREADS = 8;
    static final Duration WARM_UP = Duration.ofSeconds(5);
    static final Duration RUN = Duration.ofSeconds(Long.getLong("onedoor.bench.seconds", 20));
    static final Path REPORT = Path.of("target/bench/audit-throughput.txt");

    @Autowired
    AuditTrail trail;
    @Autowired
    AuditVerification verification;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    PlatformTransactionManager transactionManager;
    @Value("${onedoor.db.durable}")
    boolean durable;
    @Value("${onedoor.audit.lanes:16}")
    int lanes;

    @Test
    void sustainedAuditedWritesAndVerification() throws IOException {
        var transactions = new TransactionTemplate(transactionManager);
        jdbc.sql("create schema if not exists audit_bench").update();
        jdbc.sql("create table if not exists audit_bench.business_change (id bigserial primary key, tenant_id text not null, payload jsonb not null)").update();
        var out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "Audit throughput: %d writer threads, %d lanes, %d s per run, embedded PostgreSQL %s, %s, %d cores%n",
                THREADS, lanes, RUN.toSeconds(), jdbc.sql("show server_version").query(String.class).single(),
                durable ? "durable (fsync on, synchronous_commit on)" : "test settings (fsync off, synchronous_commit off)",
                Runtime.getRuntime().availableProcessors()));

        run(Workload.AUDIT_RECORD, "bench-warm-up", WARM_UP, transactions);
        var auditOnly = run(Workload.AUDIT_RECORD, "bench-a", RUN, transactions);
        var withBusiness = run(Workload.BUSINESS_ROW_AND_AUDIT_RECORD, "bench-b", RUN, transactions);
        var businessOnly = run(Workload.BUSINESS_ROW, "bench-c", RUN, transactions);
        for (var result : List.of(auditOnly, withBusiness, businessOnly)) out.append(result.line()).append('\n');

        verification.verify("bench-warm-up");
        for (var tenant : List.of("bench-a", "bench-b")) {
            var started = System.nanoTime();
            var verified = verification.verify(tenant);
            var seconds = (System.nanoTime() - started) / 1e9;
            out.append(String.format(Locale.ROOT, "verify %-8s %,10d records in %6.2f s = %,9.0f records/s, valid=%s%n",
                    tenant, verified.checked(), seconds, verified.checked() / seconds, verified.valid()));
            assertThat(verified.valid()).isTrue();
        }

        Files.createDirectories(REPORT.getParent());
        Files.writeString(REPORT, out);
        System.out.print(out);
    }

    /** What each transaction writes. */
    enum Workload {
        AUDIT_RECORD("audit record only"),
        BUSINESS_ROW_AND_AUDIT_RECORD("business row + audit record"),
        BUSINESS_ROW("business row only (no audit)");

        final String label;

        Workload(String label) {
            this.label = label;
        }
    }

    record Result(String name, long operations, Duration run, long[] latenciesNanos) {

        String line() {
            Arrays.sort(latenciesNanos);
            return String.format(Locale.ROOT, "%-30s %,10d tx in %d s = %,7.0f tx/s   p50 %5.2f ms   p99 %6.2f ms   max %7.2f ms",
                    name, operations, run.toSeconds(), operations / (double) run.toSeconds(),
                    percentile(0.50), percentile(0.99), latenciesNanos[latenciesNanos.length - 1] / 1e6);
        }

        private double percentile(double p) {
            return latenciesNanos[(int) Math.min(latenciesNanos.length - 1, Math.ceil(p * latenciesNanos.length) - 1)] / 1e6;
        }
    }

    /** Each writer commits transactions back to back until the time is up: an audit record, a business row, or both. */
    Result run(Workload workload, String tenant, Duration duration, TransactionTemplate transactions) {
        var counter = new AtomicLong();
        var deadline = System.nanoTime() + duration.toNanos();
        var jobs = new ArrayList<Callable<long[]>>();
        for (int t = 0; t < THREADS; t++) {
            jobs.add(() -> {
                var latencies = new long[1 << 16];
                int n = 0;
                while (System.nanoTime() < deadline) {
                    long i = counter.incrementAndGet();
                    var started = System.nanoTime();
                    transactions.executeWithoutResult(status -> {
                        if (workload != Workload.AUDIT_RECORD) {
                            jdbc.sql("insert into audit_bench.business_change (tenant_id, payload) values (:tenant, cast(:payload as jsonb))")
                                    .param("tenant", tenant).param("payload", "{\"status\":\"PROCESSING\",\"n\":" + i + "}").update();
                        }
                        if (workload != Workload.BUSINESS_ROW) trail.record(AuditFixtures.aDossierRead(tenant, (int) i));
                    });
                    if (n == latencies.length) latencies = Arrays.copyOf(latencies, n * 2);
                    latencies[n++] = System.nanoTime() - started;
                }
                return Arrays.copyOf(latencies, n);
            });
        }
        try (var pool = Executors.newFixedThreadPool(THREADS)) {
            var all = new ArrayList<long[]>();
            for (var future : pool.invokeAll(jobs)) all.add(future.get());
            var merged = all.stream().flatMapToLong(Arrays::stream).toArray();
            return new Result(workload.label, merged.length, duration, merged);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }
}
