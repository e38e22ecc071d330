package org.onedoor.dossier;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.onedoor.DatabaseTest;
import org.onedoor.TestClock;
import org.onedoor.calendar.Calendars;
import org.onedoor.identity.Accounts;
import org.onedoor.identity.Api;
import org.onedoor.procedure.Procedures;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A citizen saves an online application before submitting it and resumes it later, scans included: the draft is
 * theirs alone (another citizen is told it does not exist, staff have none), every change names the version it was
 * decided on, a refused scan stores nothing, the submission creates the dossier with the scans as its attachments and
 * deletes the draft in one go, an account keeps at most 20, and drafts not saved for 90 days are purged with their files.
 */
@DatabaseTest
class DraftTests {

    static final byte[] PDF = "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n".getBytes(StandardCharsets.UTF_8);
    static final byte[] EXECUTABLE = "MZ\u0090\u0000 this is not a scan".getBytes(StandardCharsets.ISO_8859_1);
    static final String BASE = "/api/v1/tenants/hanoi/drafts";

    @LocalServerPort
    int port;
    @Autowired
    TestClock clock;
    @Autowired
    Calendars calendars;
    @Autowired
    Procedures procedures;
    @Autowired
    Accounts accounts;
    @Autowired
    Drafts drafts;
    @Autowired
    JdbcClient jdbc;

    Api api;
    DossierFixtures.Actors actors;

    @BeforeEach
    void start() {
        api = new Api(port, clock);
        actors = DossierFixtures.start(api, procedures, clock, calendars);
        // the demo citizens start without drafts (other tests save some; an account keeps at most 20)
        jdbc.sql("delete from dossier.draft where account_id in (select id from identity.account where username in ('citizen1.hanoi', 'citizen2.hanoi'))")
                .update();
    }

    @Test
    void aDraftIsSavedListedReadAndChangedOnlyWithTheVersionItWasDecidedOn() {
        var created = create(actors.citizen(), draftBody("Lê Thị Mai", "001090012345"));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(created.headers().firstValue("ETag")).contains("\"1\"");
        var id = api.json(created).get("id").asString();
        assertThat(created.headers().firstValue("Location")).contains(BASE + "/" + id);
        assertThat(api.json(created).get("applicant").get("idNumber").asString()).as("masked").contains("*").doesNotContain("1090012");
        assertThat(api.json(created).get("procedureName").asString()).isNotBlank();
        assertThat(api.json(created).get("expiresAt").asString()).isNotBlank();

        var list = api.json(api.send("GET", BASE, actors.citizen(), null, Map.of()));
        assertThat(list.get("total").asLong()).isEqualTo(1);
        assertThat(list.get("items").get(0).get("id").asString()).isEqualTo(id);

        var read = api.send("GET", BASE + "/" + id, actors.citizen(), null, Map.of());
        assertThat(read.headers().firstValue("ETag")).contains("\"1\"");
        assertThat(api.json(read).get("applicant").get("name").asString()).isEqualTo("Lê Thị Mai");

        // without If-Match: 428; with a version already replaced: 412, nothing changed
        var changed = draftBody("Lê Thị Mai Anh", null);
        assertThat(api.send("PUT", BASE + "/" + id, actors.citizen(), changed, Map.of()).statusCode()).isEqualTo(428);
        var saved = api.send("PUT", BASE + "/" + id, actors.citizen(), changed, Map.of("If-Match", "\"1\""));
        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(200);
        assertThat(saved.headers().firstValue("ETag")).contains("\"2\"");
        assertThat(api.json(saved).get("applicant").get("idNumber").asString()).as("an absent ID number is kept").contains("*");
        var stale = api.send("PUT", BASE + "/" + id, actors.citizen(), draftBody("Someone else", null), Map.of("If-Match", "\"1\""));
        assertThat(stale.statusCode()).isEqualTo(412);
        assertThat(api.json(stale).get("code").asString()).isEqualTo("draft-stale");
        assertThat(api.json(api.send("GET", BASE + "/" + id, actors.citizen(), null, Map.of())).get("applicant").get("name").asString())
                .isEqualTo("Lê Thị Mai Anh");

        // a procedure not in force is refused even for a draft, with the rule broken
        var unknown = api.send("POST", BASE, actors.citizen(), "{\"procedureCode\":\"X.NONE\"}", Map.of());
        assertThat(unknown.statusCode()).isEqualTo(422);
        assertThat(unknown.body()).contains("procedure-not-in-force");

        assertThat(api.send("DELETE", BASE + "/" + id, actors.citizen(), null, Map.of("If-Match", "\"1\"")).statusCode()).isEqualTo(412);
        assertThat(api.send("DELETE", BASE + "/" + id, actors.citizen(), null, Map.of("If-Match", "\"2\"")).statusCode()).isEqualTo(204);
        assertThat(api.send("GET", BASE + "/" + id, actors.citizen(), null, Map.of()).statusCode()).isEqualTo(404);
    }

    @Test
    void aRefusedScanStoresNothingAndAnAcceptedOneIsKeptWithTheDraft() throws Exception {
        var id = id(create(actors.citizen(), draftBody("Lê Thị Mai", null)));
        var filesBefore = storedFiles();

        var refused = new Multipart().field("component", "Tờ khai").file("file", "to-khai.pdf", EXECUTABLE)
                .post(port, BASE + "/" + id + "/files", actors.citizen(), Map.of());
        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(api.json(refused).get("code").asString()).isEqualTo("attachment-refused");
        assertThat(api.json(refused).get("violations").get(0).get("code").asString()).isEqualTo("attachment-type");
        assertThat(draftFiles(id)).isZero();
        assertThat(storedFiles()).isEqualTo(filesBefore);
        assertThat(version(id)).as("a refusal changes nothing").isEqualTo(1);
        // a scan over the 10 MB limit is refused as the multipart body is read, before anything is stored
        var tooLarge = new byte[10 * 1024 * 1024 + 1];
        System.arraycopy(PDF, 0, tooLarge, 0, PDF.length);
        var large = new Multipart().field("component", "Tờ khai").file("file", "lon.pdf", tooLarge)
                .post(port, BASE + "/" + id + "/files", actors.citizen(), Map.of());
        assertThat(large.statusCode()).isEqualTo(413);
        assertThat(api.json(large).get("code").asString()).isEqualTo("upload-too-large");
        assertThat(draftFiles(id)).isZero();
        // stale If-Match on an upload: refused too
        assertThat(new Multipart().field("component", "Tờ khai").file("file", "to-khai.pdf", PDF)
                .post(port, BASE + "/" + id + "/files", actors.citizen(), Map.of("If-Match", "\"7\"")).statusCode()).isEqualTo(412);

        var added = new Multipart().field("component", "Tờ khai").file("file", "tờ khai.pdf", PDF)
                .post(port, BASE + "/" + id + "/files", actors.citizen(), Map.of("If-Match", "\"1\""));
        assertThat(added.statusCode()).as(added.body()).isEqualTo(201);
        assertThat(added.headers().firstValue("ETag")).contains("\"2\"");
        var file = api.json(added).get("files").get(0);
        assertThat(file.get("component").asString()).isEqualTo("Tờ khai");
        assertThat(file.get("contentType").asString()).isEqualTo("application/pdf");
        assertThat(added.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/files/" + file.get("id").asString()));
        assertThat(storedFiles()).isEqualTo(filesBefore + 1);
        var download = api.download(BASE + "/" + id + "/files/" + file.get("id").asString(), actors.citizen());
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.body()).isEqualTo(PDF);

        // removed again: the row and, once committed, the stored bytes
        var removed = api.send("DELETE", BASE + "/" + id + "/files/" + file.get("id").asString(), actors.citizen(), null, Map.of());
        assertThat(removed.statusCode()).isEqualTo(200);
        assertThat(api.json(removed).get("files").size()).isZero();
        assertThat(storedFiles()).isEqualTo(filesBefore);
    }

    @Test
    void submittingCreatesTheDossierWithTheScansAsAttachmentsAndDeletesTheDraft() {
        var id = id(create(actors.citizen(), draftBody("Lê Thị Mai", "001090012345")));
        var upload = new Multipart().field("component", "Tờ khai").file("file", "to-khai.pdf", PDF)
                .post(port, BASE + "/" + id + "/files", actors.citizen(), Map.of());
        assertThat(upload.statusCode()).as(upload.body()).isEqualTo(201);
        var dossiersBefore = count("dossier.dossier");

        // a submission the dossier rules refuse (no ward to send it to) changes nothing: the draft stays as it was
        var noWard = api.send("PUT", BASE + "/" + id, actors.citizen(), body("Lê Thị Mai", null, null), Map.of("If-Match", "\"2\""));
        assertThat(noWard.statusCode()).isEqualTo(200);
        var refused = api.send("POST", BASE + "/" + id + "/submit", actors.citizen(), null, Map.of("If-Match", "\"3\""));
        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(refused.body()).contains("/receivingUnit");
        assertThat(count("dossier.dossier")).isEqualTo(dossiersBefore);
        assertThat(draftFiles(id)).isEqualTo(1);
        assertThat(api.send("PUT", BASE + "/" + id, actors.citizen(), draftBody("Lê Thị Mai", null), Map.of("If-Match", "\"3\""))
                .statusCode()).isEqualTo(200);
        assertThat(api.send("POST", BASE + "/" + id + "/submit", actors.citizen(), null, Map.of()).statusCode()).isEqualTo(428);
        assertThat(api.send("POST", BASE + "/" + id + "/submit", actors.citizen(), null, Map.of("If-Match", "\"3\"")).statusCode())
                .isEqualTo(412);

        var key = UUID.randomUUID().toString();
        var submitted = api.send("POST", BASE + "/" + id + "/submit", actors.citizen(), null, Map.of("If-Match", "\"4\"", "Idempotency-Key", key));
        var dossier = DossierFixtures.created(submitted);
        var code = dossier.get("code").asString();
        assertThat(submitted.headers().firstValue("Location")).contains("/api/v1/tenants/hanoi/dossiers/" + code);
        assertThat(dossier.get("statusCode").asInt()).isEqualTo(1);
        // the scan is now the dossier's attachment (the same stored bytes), the paper handed in and digitised
        var attachments = api.json(api.send("GET", "/api/v1/tenants/hanoi/dossiers/" + code + "/attachments", actors.citizen(), null, Map.of()));
        assertThat(attachments.size()).isEqualTo(1);
        assertThat(attachments.get(0).get("component").asString()).isEqualTo("Tờ khai");
        assertThat(api.download("/api/v1/tenants/hanoi/dossiers/" + code + "/attachments/" + attachments.get(0).get("id").asString(),
                actors.citizen()).body()).isEqualTo(PDF);
        var view = DossierFixtures.view(api, actors.citizen(), code);
        assertThat(view.get("components").get(0).get("name").asString()).isEqualTo("Tờ khai");
        assertThat(view.get("components").get(0).get("digitised").asBoolean()).isTrue();
        assertThat(view.get("flags").get("digitised").asBoolean()).isTrue();
        assertThat(api.send("GET", BASE + "/" + id, actors.citizen(), null, Map.of()).statusCode()).isEqualTo(404);
        assertThat(draftFiles(id)).isZero();
        // the ID number saved (sealed) with the draft went to the dossier: staff see it masked
        assertThat(DossierFixtures.view(api, actors.head(), code).get("applicant").get("idNumber").asString()).contains("*");
        // a retry with the same key answers the same, though the draft is gone
        var again = api.send("POST", BASE + "/" + id + "/submit", actors.citizen(), null, Map.of("If-Match", "\"4\"", "Idempotency-Key", key));
        assertThat(again.statusCode()).isEqualTo(201);
        assertThat(api.json(again).get("code").asString()).isEqualTo(code);
        assertThat(count("dossier.dossier")).isEqualTo(dossiersBefore + 1);
    }

    @Test
    void anotherCitizenIsToldTheDraftDoesNotExistAndStaffHaveNone() {
        var id = id(create(actors.citizen(), draftBody("Lê Thị Mai", null)));
        var path = BASE + "/" + id;
        assertThat(api.send("GET", path, actors.otherCitizen(), null, Map.of()).statusCode()).isEqualTo(404);
        assertThat(api.send("PUT", path, actors.otherCitizen(), draftBody("X", null), Map.of("If-Match", "\"1\"")).statusCode()).isEqualTo(404);
        assertThat(api.send("DELETE", path, actors.otherCitizen(), null, Map.of("If-Match", "\"1\"")).statusCode()).isEqualTo(404);
        assertThat(api.send("POST", path + "/submit", actors.otherCitizen(), null, Map.of("If-Match", "\"1\"")).statusCode()).isEqualTo(404);
        assertThat(new Multipart().field("component", "Tờ khai").file("file", "a.pdf", PDF)
                .post(port, path + "/files", actors.otherCitizen(), Map.of()).statusCode()).isEqualTo(404);
        assertThat(api.json(api.send("GET", BASE, actors.otherCitizen(), null, Map.of())).get("total").asLong()).isZero();
        assertThat(api.send("GET", path, actors.clerk(), null, Map.of()).statusCode()).isEqualTo(403);
        assertThat(api.send("GET", BASE, actors.head(), null, Map.of()).statusCode()).isEqualTo(403);
        assertThat(api.send("POST", BASE, actors.clerk(), draftBody("X", null), Map.of()).statusCode()).isEqualTo(403);
        assertThat(version(UUID.fromString(id))).isEqualTo(1);

        // the pages alike: the owner resumes it, another citizen gets "not found"
        var demo = Api.demoAccounts();
        var owner = api.browser().signIn(demo.get("citizen1.hanoi"));
        var page = owner.get("/tenants/hanoi/apply?draft=" + id);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("id=\"draft-facts\"").contains("value=\"Lê Thị Mai\"").contains("/tenants/hanoi/drafts/" + id + "/submission");
        assertThat(owner.get("/tenants/hanoi/dossiers").body()).contains("data-draft=\"" + id + "\"");
        assertThat(api.browser().signIn(demo.get("citizen2.hanoi")).get("/tenants/hanoi/apply?draft=" + id).statusCode()).isEqualTo(404);
    }

    @Test
    void anAccountKeepsAtMostTwentyDrafts() {
        for (int i = 0; i < drafts.limit(); i++) {
            assertThat(create(actors.citizen(), draftBody("Người nộp " + i, null)).statusCode()).isEqualTo(201);
        }
        var over = create(actors.citizen(), draftBody("Người nộp thừa", null));
        assertThat(over.statusCode()).isEqualTo(409);
        assertThat(api.json(over).get("code").asString()).isEqualTo("draft-limit");
        assertThat(api.json(over).get("detail").asString()).contains("20");
        assertThat(api.json(api.send("GET", BASE + "?size=100", actors.citizen(), null, Map.of())).get("total").asLong()).isEqualTo(20);
        // another account is not counted against this one
        assertThat(create(actors.otherCitizen(), draftBody("Người khác", null)).statusCode()).isEqualTo(201);
    }

    @Test
    void draftsNotSavedForTheRetentionArePurgedWithTheirFiles() {
        var old = id(create(actors.citizen(), draftBody("Bản cũ", null)));
        var upload = new Multipart().field("component", "Tờ khai").file("file", "cu.pdf", PDF)
                .post(port, BASE + "/" + old + "/files", actors.citizen(), Map.of());
        assertThat(upload.statusCode()).isEqualTo(201);
        var fresh = id(create(actors.citizen(), draftBody("Bản mới", null)));
        var key = jdbc.sql("select storage_key from dossier.draft_file where draft_id = :d").param("d", UUID.fromString(old))
                .query(String.class).single();
        var file = Path.of("target/test-data/files").resolve(key);
        assertThat(file).exists();
        // untouched for 91 days, against 90 kept
        jdbc.sql("update dossier.draft set updated_at = updated_at - interval '91 days' where id = :d").param("d", UUID.fromString(old)).update();
        jdbc.sql("update dossier.draft set updated_at = updated_at - interval '89 days' where id = :d").param("d", UUID.fromString(fresh)).update();

        assertThat(drafts.purge()).isGreaterThanOrEqualTo(1);

        assertThat(api.send("GET", BASE + "/" + old, actors.citizen(), null, Map.of()).statusCode()).isEqualTo(404);
        assertThat(api.send("GET", BASE + "/" + fresh, actors.citizen(), null, Map.of()).statusCode()).isEqualTo(200);
        assertThat(draftFiles(old)).isZero();
        assertThat(file).doesNotExist();
    }

    // ---- helpers ---------------------------------------------------------------------------------------------------

    private HttpResponse<String> create(String token, String body) {
        return api.send("POST", BASE, token, body, Map.of());
    }

    static String draftBody(String name, @Nullable String idNumber) {
        return body(name, idNumber, "00004");
    }

    static String body(String name, @Nullable String idNumber, @Nullable String ward) {
        var applicant = new HashMap<String, Object>();
        applicant.put("name", name);
        applicant.put("phone", "0987000111");
        if (idNumber != null) applicant.put("idNumber", idNumber);
        var body = new HashMap<String, Object>();
        body.put("procedureCode", DossierFixtures.PROCEDURE);
        body.put("applicant", applicant);
        body.put("components", List.of());
        if (ward != null) body.put("receivingUnit", ward);
        body.put("resultDelivery", "ONLINE");
        return Api.JSON.writeValueAsString(body);
    }

    private String id(HttpResponse<String> created) {
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return api.json(created).get("id").asString();
    }

    private int version(Object id) {
        return jdbc.sql("select version from dossier.draft where id = :d").param("d", UUID.fromString(id.toString())).query(Integer.class).single();
    }

    private long draftFiles(String id) {
        return jdbc.sql("select count(*) from dossier.draft_file where draft_id = :d").param("d", UUID.fromString(id)).query(Long.class).single();
    }

    private long count(String table) {
        return jdbc.sql("select count(*) from " + table).query(Long.class).single();
    }

    /** The files in the storage (all tenants, all months). */
    private static long storedFiles() throws Exception {
        var root = Path.of("target/test-data/files");
        if (!Files.exists(root)) return 0;
        try (var walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().startsWith(".")).count();
        }
    }
}
