package org.onedoor.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.onedoor.audit.AuditFixtures.aTenantOfItsOwn;

import java.time.OffsetDateTime;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.onedoor.DatabaseTest;
import org.onedoor.audit.ChainEncoding.ChainedEvent;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The verifier proves an untouched trail whole and names the exact first record of a tampered one (AUD-2). Tampering is
 * done as the tables' owner would, with the append-only triggers disabled; each test tampers with a tenant of its own.
 */
@DatabaseTest
class AuditVerificationTests {

    @Autowired
    AuditTrail trail;
    @Autowired
    AuditVerification verification;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    PlatformTransactionManager transactionManager;

    AuditFixtures fixtures;

    @BeforeEach
    void fixtures() {
        fixtures = new AuditFixtures(trail, jdbc, transactionManager);
    }

    /** A small trail over a few lanes: 4 transactions of 8 records, so that each lane used holds 8 or more. */
    String aTrail() {
        var tenant = aTenantOfItsOwn();
        fixtures.write(tenant, 2, 2, 8);
        return tenant;
    }

    @Test
    void AUD2_verifiesAnUntamperedTrail() {
        var tenant = aTenantOfItsOwn();
        fixtures.write(tenant, 4, 50, 100);

        var result = verification.verify(tenant);

        assertThat(result).isEqualTo(new Verification(true, 20_000, null));
        assertThat(jdbc.sql("select count(distinct lane) from audit.event where tenant_id = :tenant").param("tenant", tenant)
                .query(Integer.class).single()).isGreaterThan(1);
    }

    @Test
    void AUD2_verifiesATenantWithoutRecords() {
        assertThat(verification.verify(aTenantOfItsOwn())).isEqualTo(new Verification(true, 0, null));
    }

    @Test
    void AUD2_detectsAnEditedRecordAtItsExactSequence() {
        var edits = new LinkedHashMap<String, String>();
        edits.put("a flipped bit in the actor", "actor = chr(ascii(actor) # 1) || substr(actor, 2)");
        edits.put("another unit", "actor_unit = '00001'");
        edits.put("an address removed", "client_address = null");
        edits.put("an empty address instead of none", "client_address = ''");
        edits.put("a purpose rewritten", "purpose = purpose || '.'");
        edits.put("a later time by one microsecond", "recorded_at = recorded_at + interval '1 microsecond'");
        edits.put("another outcome", "outcome = 'DENIED'");
        edits.put("a flipped byte in the after digest", "after_digest = set_byte(after_digest, 31, get_byte(after_digest, 31) # 255)");
        edits.put("a detail added", "details = details || '{\"approved\": \"yes\"}'");
        edits.put("a detail that is not a string", "details = jsonb_set(details, '{n}', '7')");
        edits.put("a flipped byte in the stored hash", "hash = set_byte(hash, 0, get_byte(hash, 0) # 1)");
        edits.put("another format", "format = 2");

        edits.forEach((edit, assignment) -> {
            var tenant = aTrail();
            var lane = fixtures.longestLane(tenant).lane();

            fixtures.tamper(tenant, "update audit.event set " + assignment + " where tenant_id = :tenant and lane = " + lane + " and seq = 5");

            assertThat(verification.verify(tenant).firstBroken()).as(edit)
                    .isEqualTo(new BrokenRecord(lane, 5, BrokenRecord.HASH_MISMATCH));
        });
    }

    @Test
    void AUD2_detectsARecordWhosePreviousHashWasEdited() {
        var tenant = aTrail();
        var lane = fixtures.longestLane(tenant).lane();

        fixtures.tamper(tenant, "update audit.event set prev_hash = set_byte(prev_hash, 7, get_byte(prev_hash, 7) # 128)"
                + " where tenant_id = :tenant and lane = " + lane + " and seq = 3");

        assertThat(verification.verify(tenant).firstBroken()).isEqualTo(new BrokenRecord(lane, 3, BrokenRecord.PREV_HASH_MISMATCH));
    }

    @Test
    void AUD2_detectsADeletedRecord() {
        var tenant = aTrail();
        var lane = fixtures.longestLane(tenant).lane();

        fixtures.tamper(tenant, "delete from audit.event where tenant_id = :tenant and lane = " + lane + " and seq = 4");

        var result = verification.verify(tenant);
        assertThat(result.valid()).isFalse();
        assertThat(result.firstBroken()).isEqualTo(new BrokenRecord(lane, 4, BrokenRecord.SEQUENCE_GAP));
    }

    @Test
    void AUD2_detectsADeletedFirstRecord() {
        var tenant = aTrail();
        var lane = fixtures.longestLane(tenant).lane();

        fixtures.tamper(tenant, "delete from audit.event where tenant_id = :tenant and lane = " + lane + " and seq = 1");

        assertThat(verification.verify(tenant).firstBroken()).isEqualTo(new BrokenRecord(lane, 1, BrokenRecord.SEQUENCE_GAP));
    }

    @Test
    void AUD2_detectsADeletedLastRecord() {
        var tenant = aTrail();
        var longest = fixtures.longestLane(tenant);

        fixtures.tamper(tenant, "delete from audit.event where tenant_id = :tenant and lane = " + longest.lane()
                + " and seq = " + longest.length());

        assertThat(verification.verify(tenant).firstBroken())
                .isEqualTo(new BrokenRecord(longest.lane(), longest.length(), BrokenRecord.HEAD_MISMATCH));
    }

    @Test
    void AUD2_detectsTwoSwappedRecords() {
        var tenant = aTrail();
        var lane = fixtures.longestLane(tenant).lane();

        // Every column but the key changes places: record 3 now says what record 6 said, and the other way round.
        fixtures.tamper(tenant, """
                update audit.event e set recorded_at = o.recorded_at, actor = o.actor, actor_unit = o.actor_unit,
                       client_address = o.client_address, action = o.action, object_type = o.object_type,
                       object_id = o.object_id, subject = o.subject, purpose = o.purpose, outcome = o.outcome,
                       before_digest = o.before_digest, after_digest = o.after_digest, details = o.details,
                       prev_hash = o.prev_hash, hash = o.hash, format = o.format
                  from audit.event o
                 where e.tenant_id = :tenant and o.tenant_id = e.tenant_id and e.lane = %d and o.lane = e.lane
                   and ((e.seq = 3 and o.seq = 6) or (e.seq = 6 and o.seq = 3))""".formatted(lane));

        assertThat(verification.verify(tenant).firstBroken()).isEqualTo(new BrokenRecord(lane, 3, BrokenRecord.PREV_HASH_MISMATCH));
    }

    @Test
    void AUD2_detectsTwoRecordsWhoseContentsAloneWereSwapped() {
        var tenant = aTrail();
        var lane = fixtures.longestLane(tenant).lane();

        // The chain columns stay; what the records say changes places.
        fixtures.tamper(tenant, """
                update audit.event e set actor = o.actor, object_id = o.object_id, subject = o.subject,
                       purpose = o.purpose, after_digest = o.after_digest, details = o.details
                  from audit.event o
                 where e.tenant_id = :tenant and o.tenant_id = e.tenant_id and e.lane = %d and o.lane = e.lane
                   and ((e.seq = 2 and o.seq = 7) or (e.seq = 7 and o.seq = 2))""".formatted(lane));

        assertThat(verification.verify(tenant).firstBroken()).isEqualTo(new BrokenRecord(lane, 2, BrokenRecord.HASH_MISMATCH));
    }

    @Test
    void AUD2_detectsAWellChainedRecordAppendedBehindTheHeadsBack() {
        var tenant = aTrail();
        var longest = fixtures.longestLane(tenant);
        var last = jdbc.sql("select hash, recorded_at from audit.event where tenant_id = :tenant and lane = :lane and seq = :seq")
                .param("tenant", tenant).param("lane", longest.lane()).param("seq", longest.length())
                .query((rs, row) -> new Object[] {rs.getBytes(1), rs.getObject(2, OffsetDateTime.class)}).single();
        var forged = new ChainedEvent(tenant, longest.lane(), longest.length() + 1,
                ChainEncoding.micros(((OffsetDateTime) last[1]).toInstant()), "mallory", null, null, "dossier.approve",
                "dossier", "HN-1", null, null, "SUCCESS", null, null, Map.of());
        var hash = HexFormat.of().formatHex(ChainEncoding.chain((byte[]) last[0], forged));

        // The forger knows the algorithm and chains the record correctly, but leaves the head where it was.
        fixtures.tamper(tenant, """
                insert into audit.event (tenant_id, lane, seq, recorded_at, actor, action, object_type, object_id, outcome,
                                         prev_hash, hash, format)
                select tenant_id, lane, seq + 1, recorded_at, 'mallory', 'dossier.approve', 'dossier', 'HN-1', 'SUCCESS',
                       hash, decode('%s', 'hex'), 1
                  from audit.event where tenant_id = :tenant and lane = %d and seq = %d"""
                .formatted(hash, longest.lane(), longest.length()));

        assertThat(verification.verify(tenant).firstBroken())
                .isEqualTo(new BrokenRecord(longest.lane(), longest.length() + 1, BrokenRecord.HEAD_MISMATCH));
    }

    @Test
    void reportsTheFirstBreakInLaneOrderAndCountsTheIntactRecordsBeforeIt() {
        var tenant = aTrail();
        var lanes = lanes(tenant);
        while (lanes.size() < 2) {
            fixtures.write(tenant, 1, 1, 2);
            lanes = lanes(tenant);
        }
        var first = lanes.getFirst();
        var last = lanes.getLast();

        fixtures.tamper(tenant,
                "update audit.event set actor = 'x' where tenant_id = :tenant and lane = " + last + " and seq = 1",
                "update audit.event set actor = 'x' where tenant_id = :tenant and lane = " + first + " and seq = 2");

        var result = verification.verify(tenant);
        assertThat(result.firstBroken()).isEqualTo(new BrokenRecord(first, 2, BrokenRecord.HASH_MISMATCH));
        assertThat(result.checked()).isEqualTo(1);
    }

    private List<Integer> lanes(String tenant) {
        return jdbc.sql("select lane from audit.event where tenant_id = :tenant group by lane order by lane")
                .param("tenant", tenant).query(Integer.class).list();
    }
}
