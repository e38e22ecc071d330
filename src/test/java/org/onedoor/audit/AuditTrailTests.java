package org.onedoor.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.onedoor.audit.AuditFixtures.aDossierRead;
import static org.onedoor.audit.AuditFixtures.aTenantOfItsOwn;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.onedoor.DatabaseTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.IllegalTransactionStateException;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/** The trail keeps what it is given, in the transaction of the change, append-only and gap-free under concurrency. */
@DatabaseTest
@ExtendWith(OutputCaptureExtension.class)
class AuditTrailTests {

    @Autowired
    AuditTrail trail;
    @Autowired
    AuditVerification verification;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    PlatformTransactionManager transactionManager;

    AuditFixtures fixtures;
    String tenant;

    @BeforeEach
    void aTrailOfItsOwn() {
        fixtures = new AuditFixtures(trail, jdbc, transactionManager);
        tenant = aTenantOfItsOwn();
        jdbc.sql("create schema if not exists audit_test").update();
        jdbc.sql("create table if not exists audit_test.business_change (tenant_id text, id text)").update();
    }

    @Test
    void AUD1_theApplicationCannotUpdateDeleteOrTruncateAuditRows() {
        fixtures.inTransaction(audit -> audit.record(aDossierRead(tenant, 1)));
        var lane = fixtures.longestLane(tenant).lane();
        var stored = fixtures.row(tenant, lane, 1);
        var heads = fixtures.heads(tenant);

        for (var statement : new String[] {
                "update audit.event set actor = 'mallory' where tenant_id = :tenant",
                "delete from audit.event where tenant_id = :tenant",
                "truncate audit.event",
                "update audit.chain_head set seq = seq - 1 where tenant_id = :tenant",
                "update audit.chain_head set seq = seq + 2 where tenant_id = :tenant",
                "update audit.chain_head set hash = sha256(hash) where tenant_id = :tenant",
                "delete from audit.chain_head where tenant_id = :tenant",
                "truncate audit.chain_head"}) {
            assertThatThrownBy(() -> fixtures.inTransaction(audit ->
                    jdbc.sql(statement).paramSource(Map.of("tenant", tenant)).update()))
                    .as(statement).isInstanceOf(DataAccessException.class)
                    .rootCause().hasMessageMatching("(?s).*(is append-only|only moves forward).*refused.*");
        }

        assertThat(fixtures.row(tenant, lane, 1)).isEqualTo(stored);
        assertThat(fixtures.heads(tenant)).isEqualTo(heads);
        assertThat(verification.verify(tenant).valid()).isTrue();
    }

    @Test
    void AUD3_anAuditRecordIsRolledBackWithTheChangeItBelongsTo() {
        fixtures.inTransaction(audit -> audit.record(aDossierRead(tenant, 1)));
        var heads = fixtures.heads(tenant);

        assertThatThrownBy(() -> fixtures.inTransaction(audit -> {
            jdbc.sql("insert into audit_test.business_change values (:tenant, 'change-2')").param("tenant", tenant).update();
            audit.record(aDossierRead(tenant, 2));
            throw new IllegalStateException("the business rule failed after both writes");
        })).hasMessage("the business rule failed after both writes");

        assertThat(jdbc.sql("select count(*) from audit_test.business_change where tenant_id = :tenant")
                .param("tenant", tenant).query(Long.class).single()).isZero();
        assertThat(fixtures.count(tenant)).isEqualTo(1);
        assertThat(fixtures.heads(tenant)).isEqualTo(heads);
        assertThat(verification.verify(tenant)).isEqualTo(new Verification(true, 1, null));
    }

    @Test
    void AUD3_aChangeAndItsRecordAreCommittedTogether() {
        fixtures.inTransaction(audit -> {
            jdbc.sql("insert into audit_test.business_change values (:tenant, 'change-1')").param("tenant", tenant).update();
            audit.record(aDossierRead(tenant, 1));
        });

        assertThat(jdbc.sql("select count(*) from audit_test.business_change where tenant_id = :tenant")
                .param("tenant", tenant).query(Long.class).single()).isEqualTo(1);
        assertThat(fixtures.count(tenant)).isEqualTo(1);
    }

    @Test
    void AUD3_recordingOutsideATransactionIsRefused() {
        assertThatThrownBy(() -> trail.record(aDossierRead(tenant, 1)))
                .isInstanceOf(IllegalTransactionStateException.class);

        assertThat(fixtures.count(tenant)).isZero();
    }

    @Test
    void aSecurityEventRecordedAloneSurvivesTheRollbackOfItsCaller() {
        assertThatThrownBy(() -> fixtures.inTransaction(audit -> {
            audit.record(aDossierRead(tenant, 1));
            audit.recordAlone(AuditRecord.of(tenant, "nguyen.van.a", "account.login", "account", null)
                    .from("198.51.100.7:50123").failed().with("reason", "bad-password"));
            throw new IllegalStateException("the login is refused");
        })).hasMessage("the login is refused");

        assertThat(jdbc.sql("select action || ' ' || outcome || ' ' || client_address from audit.event where tenant_id = :tenant")
                .param("tenant", tenant).query(String.class).list())
                .containsExactly("account.login FAILURE 198.51.100.7:50123");
        assertThat(verification.verify(tenant).valid()).isTrue();
    }

    @Test
    @Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aSecurityEventRecordedAloneNeverWaitsForTheLaneItsSuspendedCallerHolds() {
        var alone = new TransactionTemplate(transactionManager);
        alone.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        var twoLanes = new AuditTrail(jdbc, Clock.systemUTC(), 2);

        // A fresh tenant each time, so that the caller's lane head is created and still uncommitted.
        for (int i = 0; i < 8; i++) {
            var city = aTenantOfItsOwn();
            fixtures.inTransaction(audit -> {
                twoLanes.record(aDossierRead(city, 1));
                alone.executeWithoutResult(status -> twoLanes.record(aDossierRead(city, 2)));
            });
            assertThat(jdbc.sql("select lane || ':' || seq from audit.event where tenant_id = :tenant order by lane")
                    .param("tenant", city).query(String.class).list()).containsExactly("0:1", "1:1");
        }
        var oneLane = new AuditTrail(jdbc, Clock.systemUTC(), 1);
        assertThatThrownBy(() -> fixtures.inTransaction(audit -> {
            oneLane.record(aDossierRead(tenant, 1));
            alone.executeWithoutResult(status -> oneLane.record(aDossierRead(tenant, 2)));
        })).isInstanceOf(IllegalStateException.class).hasMessageContaining("raise onedoor.audit.lanes");
        assertThat(fixtures.count(tenant)).isZero();
    }

    @Test
    void AUD5_concurrentWritersKeepEveryLaneGapFree() {
        int threads = 16, perThread = 500;

        fixtures.write(tenant, threads, perThread, 1);

        var lanes = jdbc.sql("""
                        select e.lane, count(*) as records, min(e.seq) as first, max(e.seq) as last, h.seq as head
                          from audit.event e join audit.chain_head h on h.tenant_id = e.tenant_id and h.lane = e.lane
                         where e.tenant_id = :tenant group by e.lane, h.seq order by e.lane""")
                .param("tenant", tenant)
                .query((rs, row) -> new long[] {rs.getLong("records"), rs.getLong("first"), rs.getLong("last"), rs.getLong("head")})
                .list();
        assertThat(lanes).hasSizeGreaterThan(1).allSatisfy(lane -> {
            assertThat(lane[1]).as("first seq").isEqualTo(1);
            assertThat(lane[2]).as("last seq = number of records").isEqualTo(lane[0]);
            assertThat(lane[3]).as("head").isEqualTo(lane[2]);
        });
        assertThat(lanes.stream().mapToLong(lane -> lane[0]).sum()).isEqualTo(threads * perThread);
        assertThat(verification.verify(tenant)).isEqualTo(new Verification(true, threads * perThread, null));
    }

    @Test
    void aTransactionKeepsItsRecordsTogetherInOneLane() {
        fixtures.inTransaction(audit -> {
            for (int i = 0; i < 5; i++) audit.record(aDossierRead(tenant, i));
        });

        assertThat(jdbc.sql("select lane || ':' || seq from audit.event where tenant_id = :tenant order by seq")
                .param("tenant", tenant).query(String.class).list())
                .hasSize(5).extracting(s -> s.substring(s.indexOf(':') + 1)).containsExactly("1", "2", "3", "4", "5");
    }

    @Test
    void LOG2_controlCharactersDoNotForgeLogLines(CapturedOutput output) {
        var forged = "mallory\r\n2026-11-25T00:00:00.000Z  INFO 1 --- [main] org.onedoor.audit.AuditTrail : audit tenant="
                + tenant + " actor=admin action=account.login outcome=SUCCESS";
        var objectId = "acct\u001b[2K\u2028\u202Eevil\t\\";

        trail.recordAlone(AuditRecord.of(tenant, forged, "account.login", "account", objectId)
                .from("198.51.100.7:50123").failed().with("user-name", forged));

        // Stored exactly as given, and part of a valid chain.
        assertThat(jdbc.sql("select actor, object_id, details ->> 'user-name' from audit.event where tenant_id = :tenant")
                .param("tenant", tenant).query((rs, row) -> new String[] {rs.getString(1), rs.getString(2), rs.getString(3)})
                .single()).containsExactly(forged, objectId, forged);
        assertThat(verification.verify(tenant).valid()).isTrue();
        // Logged as one line, with every control character visible instead of acted on.
        var lines = output.getOut().lines().filter(line -> line.contains(tenant)).toList();
        assertThat(lines).filteredOn(line -> line.contains("action=account.login")).singleElement().satisfies(line -> {
            assertThat(line).contains("actor=mallory\\r\\n2026-11-25T00:00:00.000Z", "outcome=FAILURE",
                    "object=account/acct\\u001b[2K\\u2028\\u202eevil\\t\\\\");
            assertThat(line).doesNotContain("\u001b", "\u2028", "\u202E", "\t");
        });
        assertThat(output.getOut().lines()).noneMatch(line -> line.startsWith("2026-11-25T00:00:00.000Z"));
    }

    @Test
    void LOG2_forLogEscapesEveryCharacterThatCouldEndOrDisguiseALine() {
        assertThat(AuditTrail.forLog("a\r\nb")).isEqualTo("a\\r\\nb");
        assertThat(AuditTrail.forLog("\u0000\u0007\u0085\u2028\u2029\u202E")).isEqualTo("\\u0000\\u0007\\u0085\\u2028\\u2029\\u202e");
        assertThat(AuditTrail.forLog("C:\\r")).isEqualTo("C:\\\\r");
        assertThat(AuditTrail.forLog("Phường Phúc Xá ບ້ານ")).isEqualTo("Phường Phúc Xá ບ້ານ");
        assertThat(AuditTrail.forLog(null)).isEqualTo("-");
    }

    @Test
    void timeComesFromTheInjectedClockInUtcToTheMicrosecond() {
        var clock = Clock.fixed(Instant.parse("2026-07-01T01:02:03.123456789Z"), ZoneId.of("Asia/Ho_Chi_Minh"));
        var trailAtThatTime = new AuditTrail(jdbc, clock, 4);

        fixtures.inTransaction(audit -> trailAtThatTime.record(aDossierRead(tenant, 1)));

        assertThat(jdbc.sql("select to_char(recorded_at at time zone 'UTC', 'YYYY-MM-DD HH24:MI:SS.US') from audit.event where tenant_id = :tenant")
                .param("tenant", tenant).query(String.class).single()).isEqualTo("2026-07-01 01:02:03.123456");
        assertThat(verification.verify(tenant).valid()).isTrue();
    }
}
