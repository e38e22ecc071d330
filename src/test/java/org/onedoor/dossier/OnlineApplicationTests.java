package org.onedoor.dossier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.onedoor.DatabaseTest;
import org.onedoor.TestClock;
import org.onedoor.calendar.Calendars;
import org.onedoor.identity.Accounts;
import org.onedoor.identity.Api;
import org.onedoor.identity.CurrentUser;
import org.onedoor.procedure.Procedures;
import org.onedoor.shared.TenantId;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A citizen's online application with its scans in one go: the dossier waits for the completeness check with every
 * paper attached and digitised; a bad file anywhere refuses the whole application, naming every bad file, storing
 * neither the dossier nor any file. The page offers the procedure's papers with a file input each.
 */
@DatabaseTest
class OnlineApplicationTests {

    private static final byte[] PDF = "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n".getBytes(StandardCharsets.UTF_8);

    @LocalServerPort
    int port;
    @Autowired
    TestClock clock;
    @Autowired
    Calendars calendars;
    @Autowired
    Procedures procedures;
    @Autowired
    OnlineApplications applications;
    @Autowired
    Attachments attachments;
    @Autowired
    Accounts accounts;
    @Autowired
    JdbcClient jdbc;

    CurrentUser citizen;

    @BeforeEach
    void setUp() {
        DossierFixtures.ensureProcedures(procedures);
        DossierFixtures.nextWorkingMorning(clock, calendars);
        citizen = accounts.find("citizen1.hanoi").orElseThrow().asCurrentUser();
    }

    @Test
    void theDossierAndItsScansAreStoredTogetherOrNotAtAll() {
        var hanoi = new TenantId("hanoi");
        var files = (long) count("dossier.attachment");
        var dossiersBefore = count("dossier.dossier");
        // a disguised executable among good files: refused, the bad one named, nothing stored
        var refused = assertThatThrownBy(() -> applications.apply(citizen, hanoi, submission(),
                List.of(new OnlineApplications.Upload("Tờ khai", "to-khai.pdf", PDF),
                        new OnlineApplications.Upload("Tờ khai", "anh.pdf", "MZ\u0090\u0000 not a pdf".getBytes(StandardCharsets.ISO_8859_1))), null))
                .isInstanceOf(Attachments.Refused.class).actual();
        assertThat(((Attachments.Refused) refused).violations()).extracting(v -> v.pointer()).containsExactly("/files/1");
        assertThat(count("dossier.dossier")).isEqualTo(dossiersBefore);
        assertThat(count("dossier.attachment")).isEqualTo(files);

        var dossier = applications.apply(citizen, hanoi, submission(), List.of(new OnlineApplications.Upload("Tờ khai", "to-khai.pdf", PDF)), null);
        assertThat(dossier.statusCode()).isEqualTo(1);
        assertThat(dossier.applicantAccount()).isEqualTo(citizen.accountId());
        var attached = attachments.list(citizen, hanoi, dossier.code());
        assertThat(attached).singleElement().satisfies(a -> {
            assertThat(a.component()).isEqualTo("Tờ khai");
            assertThat(a.kind()).isEqualTo(Attachments.FileKind.PAPER);
        });
        assertThat(attachments.content(citizen, hanoi, dossier.code(), attached.getFirst().id()).bytes()).isEqualTo(PDF);
    }

    @Test
    void thePageOffersThePapersOfTheProcedureWithAFileInputEachAndRefusesStaff() {
        var api = new Api(port, clock);
        var demo = Api.demoAccounts();
        var page = api.browser().signIn(demo.get("citizen1.hanoi")).get("/tenants/hanoi/apply?procedure=" + DossierFixtures.PROCEDURE);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("id=\"apply-form\"").contains("enctype=\"multipart/form-data\"").contains("name=\"file.0\"")
                .contains("name=\"receivingUnit\"").contains("value=\"00004\"");
        var staff = api.browser().signIn(demo.get("clerk.00004")).get("/tenants/hanoi/apply");
        assertThat(staff.statusCode()).isEqualTo(403);
    }

    private static Dossiers.Submission submission() {
        return new Dossiers.Submission(DossierFixtures.PROCEDURE, null,
                new Dossier.Applicant("Lê Thị Mai", null, "0987000111", "mai@example.invalid", null, false),
                List.of(new Dossier.Component("Tờ khai", 1, 0, true)), null, "00004", null, Dossier.Delivery.ONLINE, null, null,
                null, List.of());
    }

    private long count(String table) {
        return jdbc.sql("select count(*) from " + table).query(Long.class).single();
    }
}
