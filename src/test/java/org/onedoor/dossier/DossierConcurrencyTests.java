package org.onedoor.dossier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.onedoor.dossier.DossierFixtures.HANOI;

import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.onedoor.DatabaseTest;
import org.onedoor.TestClock;
import org.onedoor.calendar.Calendars;
import org.onedoor.identity.AccountKind;
import org.onedoor.identity.Accounts;
import org.onedoor.identity.Api;
import org.onedoor.identity.Grants;
import org.onedoor.identity.Scope;
import org.onedoor.organisation.OrganisationDirectory;
import org.onedoor.procedure.Procedures;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Retries and races: one dossier per Idempotency-Key, one transition per version, gap-free daily codes. */
@DatabaseTest
class DossierConcurrencyTests {

    @LocalServerPort
    int port;
    @Autowired
    TestClock clock;
    @Autowired
    Calendars calendars;
    @Autowired
    Procedures procedures;
    @Autowired
    Dossiers dossiers;
    @Autowired
    Accounts accounts;
    @Autowired
    Grants grants;
    @Autowired
    OrganisationDirectory directory;
    @Autowired
    JdbcClient jdbc;

    Api api;
    String clerk;

    @BeforeEach
    void setUp() {
        DossierFixtures.ensureProcedures(procedures);
        DossierFixtures.nextWorkingMorning(clock, calendars);
        api = new Api(port, clock);
        clerk = api.token(Api.demoAccounts().get("clerk.00004"));
    }

    @Test
    void aHundredConcurrentRetriesWithOneKeyCreateOneDossier() throws Exception {
        var applicant = "Idempotent " + UUID.randomUUID();
        var body = DossierFixtures.counter(applicant, null);
        var key = UUID.randomUUID().toString();
        var responses = race(100, () -> api.send("POST", "/api/v1/tenants/hanoi/dossiers", clerk, body, Map.of("Idempotency-Key", key)));

        assertThat(responses).extracting(HttpResponse::statusCode).containsOnly(201);
        var codes = responses.stream().map(r -> api.json(r).get("code").asString()).collect(Collectors.toSet());
        assertThat(codes).hasSize(1);
        assertThat(responses).extracting(r -> r.headers().firstValue("ETag").orElseThrow()).containsOnly("\"1\"");
        assertThat(jdbc.sql("select count(*) from dossier.dossier where tenant_id = 'hanoi' and applicant_name = :n")
                .param("n", applicant).query(Long.class).single()).isEqualTo(1);

        // the same key with another request is refused and creates nothing
        var other = api.send("POST", "/api/v1/tenants/hanoi/dossiers", clerk, DossierFixtures.counter(applicant + " khác", null),
                Map.of("Idempotency-Key", key));
        assertThat(other.statusCode()).isEqualTo(422);
        assertThat(api.json(other).get("code").asString()).isEqualTo("idempotency-key-reused");
        assertThat(jdbc.sql("select count(*) from dossier.dossier where tenant_id = 'hanoi' and applicant_name like :n")
                .param("n", applicant + "%").query(Long.class).single()).isEqualTo(1);

        // an action replayed with its key is taken once and answered the same
        var code = codes.iterator().next();
        var actionKey = UUID.randomUUID().toString();
        var first = api.send("POST", "/api/v1/tenants/hanoi/dossiers/" + code + "/actions", clerk,
                DossierFixtures.action("FORWARD", Map.of()), Map.of("If-Match", "\"1\"", "Idempotency-Key", actionKey));
        var again = api.send("POST", "/api/v1/tenants/hanoi/dossiers/" + code + "/actions", clerk,
                DossierFixtures.action("FORWARD", Map.of()), Map.of("If-Match", "\"1\"", "Idempotency-Key", actionKey));
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(again.body()).isEqualTo(first.body());
        assertThat(handovers(code)).isEqualTo(2);
    }

    @Test
    void fiftyConcurrentActionsOnOneDossierMakeOneTransition() throws Exception {
        var d = DossierFixtures.created(api.send("POST", "/api/v1/tenants/hanoi/dossiers", clerk,
                DossierFixtures.counter("Race " + UUID.randomUUID(), null), Map.of()));
        var code = d.get("code").asString();
        var responses = race(50, () -> api.send("POST", "/api/v1/tenants/hanoi/dossiers/" + code + "/actions", clerk,
                DossierFixtures.action("FORWARD", Map.of()), Map.of("If-Match", "\"1\"")));

        var statuses = responses.stream().map(HttpResponse::statusCode).toList();
        assertThat(statuses.stream().filter(s -> s == 200)).hasSize(1);
        assertThat(statuses).as("the others: conflict or stale").allMatch(s -> s == 200 || s == 409 || s == 412);
        assertThat(handovers(code)).isEqualTo(2);
        assertThat(jdbc.sql("select version from dossier.dossier where tenant_id = 'hanoi' and code = :c").param("c", code)
                .query(Integer.class).single()).isEqualTo(2);
        var losers = responses.stream().filter(r -> r.statusCode() == 409).findFirst();
        losers.ifPresent(r -> assertThat(api.json(r).get("code").asString()).isIn("dossier-conflict", "action-not-allowed"));
    }

    @Test
    void tenThousandConcurrentReceptionsInOneUnitGetUniqueGapFreeCodes() throws Exception {
        // a unit of its own, so that no other test's dossiers share its daily sequence
        var unit = directory.unitOn(HANOI, "00008", LocalDate.now(clock.withZone(DossierFixtures.ZONE))).orElseThrow();
        var account = accounts.provision(new Accounts.NewAccount("hanoi", AccountKind.STAFF, "clerk.seq." + UUID.randomUUID().toString().substring(0, 8),
                "Cán bộ một cửa phường Ngọc Hà", null, null, unit.id().value(), null), "Một mật khẩu dài cho thử nghiệm 2026!", null, "test");
        grants.provision(HANOI, account.id(), "CLERK", unit.id(), Scope.UNIT, LocalDate.of(2025, 7, 1), "test");
        var user = account.asCurrentUser();
        var submission = new Dossiers.Submission(DossierFixtures.PROCEDURE, null,
                new Dossier.Applicant("Người nộp", null, null, null, null, false),
                List.of(new Dossier.Component("Tờ khai", 1, 0, false)), null, null, null, null, null, null, null, List.of());

        int receptions = 10_000;
        var pool = Executors.newFixedThreadPool(16);
        var start = new CountDownLatch(1);
        var futures = new ArrayList<Future<String>>();
        for (int i = 0; i < receptions; i++) {
            futures.add(pool.submit(() -> {
                start.await();
                return dossiers.submit(user, HANOI, submission, null).code();
            }));
        }
        start.countDown();
        var codes = new ArrayList<String>();
        for (var f : futures) codes.add(f.get());
        pool.shutdown();

        assertThat(new TreeSet<>(codes)).hasSize(receptions);
        // per reception day (a run across midnight starts a new sequence): 1, 2, … n without a gap
        var byDay = new HashMap<String, List<Integer>>();
        for (var code : codes) {
            var parts = code.split("-");
            assertThat(parts[0]).isEqualTo("00008");
            byDay.computeIfAbsent(parts[1], k -> new ArrayList<>()).add(Integer.parseInt(parts[2]));
        }
        for (var day : byDay.entrySet()) {
            var stored = jdbc.sql("select code from dossier.dossier where tenant_id = 'hanoi' and code like :p")
                    .param("p", "00008-" + day.getKey() + "-%").query(String.class).list().stream()
                    .map(c -> Integer.parseInt(c.split("-")[2])).sorted().toList();
            var expected = java.util.stream.IntStream.rangeClosed(1, stored.size()).boxed().toList();
            assertThat(stored).as("gap-free on " + day.getKey()).isEqualTo(expected);
            assertThat(stored).containsAll(day.getValue());
        }
        assertThat(codes.getFirst()).matches("00008-\\d{6}-\\d{4,5}");
    }

    private long handovers(String code) {
        return jdbc.sql("""
                select count(*) from dossier.handover h join dossier.dossier d on d.tenant_id = h.tenant_id and d.id = h.dossier_id
                 where d.tenant_id = 'hanoi' and d.code = :c""").param("c", code).query(Long.class).single();
    }

    private static <T> List<T> race(int n, Callable<T> call) throws Exception {
        var pool = Executors.newFixedThreadPool(n);
        var start = new CountDownLatch(1);
        var futures = new ArrayList<Future<T>>();
        for (int i = 0; i < n; i++) {
            futures.add(pool.submit(() -> {
                start.await();
                return call.call();
            }));
        }
        start.countDown();
        var results = new ArrayList<T>();
        for (var f : futures) results.add(f.get());
        pool.shutdown();
        return results;
    }
}
