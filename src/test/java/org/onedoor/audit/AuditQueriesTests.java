package org.onedoor.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;
import static org.onedoor.audit.AuditFixtures.aTenantOfItsOwn;

import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.onedoor.DatabaseTest;
import org.onedoor.audit.AuditRecord.Outcome;
import org.onedoor.shared.InvalidParameter;
import org.onedoor.shared.PageRequest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

/** A citizen sees who accessed their data and why; auditors page through every event. */
@DatabaseTest
class AuditQueriesTests {

    @Autowired
    AuditTrail trail;
    @Autowired
    AuditQueries queries;
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
    }

    @Test
    void aCitizenSeesWhoAccessedTheirDataAndWhyNewestFirst() {
        fixtures.inTransaction(audit -> {
            audit.record(AuditRecord.of(tenant, "clerk.lan", "dossier.read", "dossier", "HN-1").actingFor("00004")
                    .concerning("citizen-42").because("receiving dossier HN-1"));
            audit.record(AuditRecord.of(tenant, "clerk.minh", "dossier.read", "dossier", "HN-9")
                    .concerning("citizen-7").because("receiving dossier HN-9"));
            audit.record(AuditRecord.of(tenant, "leader.hoa", "citizen.id-number.read", "citizen", "citizen-42")
                    .actingFor("00097").concerning("citizen-42").because("approving dossier HN-1"));
            audit.record(AuditRecord.of(tenant, "clerk.tuan", "citizen.id-number.read", "citizen", "citizen-42")
                    .actingFor("00001").concerning("citizen-42").because("curiosity").denied());
        });

        var accesses = queries.accessesTo(tenant, "citizen-42", 10);

        assertThat(accesses).extracting(AccessEntry::actor, AccessEntry::actorUnit, AccessEntry::action,
                        AccessEntry::purpose, AccessEntry::outcome)
                .containsExactly(
                        tuple("clerk.tuan", "00001", "citizen.id-number.read", "curiosity", Outcome.DENIED),
                        tuple("leader.hoa", "00097", "citizen.id-number.read", "approving dossier HN-1", Outcome.SUCCESS),
                        tuple("clerk.lan", "00004", "dossier.read", "receiving dossier HN-1", Outcome.SUCCESS));
        assertThat(accesses.get(0).at()).isAfterOrEqualTo(accesses.get(2).at());
        assertThat(queries.accessesTo(tenant, "citizen-42", 1)).extracting(AccessEntry::actor).containsExactly("clerk.tuan");
        assertThat(queries.accessesTo(aTenantOfItsOwn(), "citizen-42", 10)).isEmpty();
        assertThatThrownBy(() -> queries.accessesTo(tenant, "citizen-42", 0)).isInstanceOf(InvalidParameter.class);
    }

    @Test
    void auditorsPageThroughEventsOfOneActionOrAll() {
        fixtures.inTransaction(audit -> {
            for (int i = 0; i < 7; i++) {
                audit.record(AuditRecord.of(tenant, "clerk-" + i, i % 2 == 0 ? "dossier.read" : "dossier.accept",
                        "dossier", "HN-" + i).changing("{\"status\":1}", "{\"status\":2}").with("i", Integer.toString(i)));
            }
        });

        var reads = queries.events(tenant, "dossier.read", 0, 3);
        var secondPage = queries.events(tenant, "dossier.read", 1, 3);
        var all = queries.events(tenant, null, 0, 50);

        assertThat(reads.total()).isEqualTo(4);
        assertThat(reads.items()).extracting(AuditEvent::actor).containsExactly("clerk-6", "clerk-4", "clerk-2");
        assertThat(secondPage.items()).extracting(AuditEvent::actor).containsExactly("clerk-0");
        assertThat(all.total()).isEqualTo(7);
        assertThat(all.items()).extracting(AuditEvent::seq).containsExactly(7L, 6L, 5L, 4L, 3L, 2L, 1L);
        var newest = all.items().getFirst();
        assertThat(newest.details()).containsExactly(Map.entry("i", "6"));
        assertThat(newest.beforeDigest()).isEqualTo(HexFormat.of().formatHex(ChainEncoding.digest("{\"status\":1}")));
        assertThat(newest.hash()).hasSize(64);
        assertThatThrownBy(() -> queries.events(tenant, null, 0, 501)).isInstanceOf(PageRequest.PageSizeOverCap.class);
    }
}
