package org.onedoor.dossier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.onedoor.dossier.DossierFixtures.act;
import static org.onedoor.dossier.DossierFixtures.created;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.onedoor.DatabaseTest;
import org.onedoor.TestClock;
import org.onedoor.calendar.Calendars;
import org.onedoor.identity.Api;
import org.onedoor.procedure.Procedures;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The applicant answers a request for papers in one call, with the scans: for each paper asked for a scan or their word
 * that they will bring it; everything is checked first and a refusal sends nothing; a stale version is refused; the
 * dossier then resumes with the scans attached to the papers they answer. Withdrawal from the page needs the
 * applicant's confirmation.
 */
@DatabaseTest
class SupplementAnswerTests {

    private static final byte[] PDF = "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n".getBytes(StandardCharsets.UTF_8);

    @LocalServerPort
    int port;
    @Autowired
    TestClock clock;
    @Autowired
    Calendars calendars;
    @Autowired
    Procedures procedures;

    Api api;
    DossierFixtures.Actors actors;

    @BeforeEach
    void start() {
        api = new Api(port, clock);
        actors = DossierFixtures.start(api, procedures, clock, calendars);
    }

    @Test
    void theApplicantSendsTheScansAskedForInOneGoOrNothingAtAll() {
        var code = waitingForPapers();
        var path = "/api/v1/tenants/hanoi/dossiers/" + code + "/supplement";

        // the second paper has neither a scan nor the applicant's word, the first scan is no scan: both named, nothing sent
        var refused = new Multipart().file("file.0", "ban-sao.pdf", "not a pdf".getBytes(StandardCharsets.UTF_8))
                .post(port, path, actors.citizen(), Map.of("If-Match", "\"3\""));
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(422);
        assertThat(api.json(refused).get("code").asString()).isEqualTo("supplement-refused");
        assertThat(api.json(refused).get("violations").valueStream().map(v -> v.get("pointer").asString()).toList())
                .containsExactly("/files/0", "/items/1");
        assertThat(api.json(refused).get("violations").get(1).get("message").asString()).contains("Giấy xác nhận cư trú");
        assertThat(attachmentCount(code)).isZero();
        assertThat(DossierFixtures.view(api, actors.citizen(), code).get("version").asInt()).isEqualTo(3);

        var answer = new Multipart().file("file.0", "ban-sao.pdf", PDF).field("onPaper", "1").field("note", "Xin gửi bổ sung");
        assertThat(answer.post(port, path, actors.citizen(), Map.of()).statusCode()).as("If-Match required").isEqualTo(428);
        var stale = answer.post(port, path, actors.citizen(), Map.of("If-Match", "\"2\""));
        assertThat(stale.statusCode()).isEqualTo(412);
        assertThat(api.json(stale).get("code").asString()).isEqualTo("dossier-stale");
        assertThat(answer.post(port, path, actors.otherCitizen(), Map.of("If-Match", "\"3\"")).statusCode()).isEqualTo(403);
        assertThat(answer.post(port, path, actors.clerk(), Map.of("If-Match", "\"3\"")).statusCode()).as("staff use the action").isEqualTo(403);
        assertThat(attachmentCount(code)).isZero();

        var key = UUID.randomUUID().toString();
        var sent = answer.post(port, path, actors.citizen(), Map.of("If-Match", "\"3\"", "Idempotency-Key", key));
        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(200);
        assertThat(sent.headers().firstValue("ETag")).contains("\"4\"");
        assertThat(api.json(sent).get("statusCode").asInt()).as("back to the completeness check").isEqualTo(1);
        var view = DossierFixtures.view(api, actors.citizen(), code);
        var last = view.get("timeline").get(view.get("timeline").size() - 1);
        assertThat(last.get("action").asString()).isEqualTo("SUPPLEMENT");
        assertThat(last.get("note").asString()).isEqualTo("Xin gửi bổ sung");
        assertThat(last.get("items").valueStream().map(i -> i.asString()).toList())
                .containsExactly("Bản sao giấy khai sinh", "Giấy xác nhận cư trú");
        var attachments = api.json(api.send("GET", "/api/v1/tenants/hanoi/dossiers/" + code + "/attachments", actors.citizen(), null, Map.of()));
        assertThat(attachments.valueStream().map(a -> a.get("component").asString()).toList()).containsExactly("Bản sao giấy khai sinh");
        var components = view.get("components").valueStream().map(c -> c.get("name").asString() + "/" + c.get("digitised").asBoolean()).toList();
        assertThat(components).contains("Bản sao giấy khai sinh/true", "Giấy xác nhận cư trú/false");
        // the same answer again with its key: the first answer, nothing sent twice
        var replay = answer.post(port, path, actors.citizen(), Map.of("If-Match", "\"3\"", "Idempotency-Key", key));
        assertThat(replay.statusCode()).isEqualTo(200);
        assertThat(attachmentCount(code)).isEqualTo(1);
        // not waiting for papers any more
        assertThat(new Multipart().field("onPaper", "0").field("onPaper", "1").post(port, path, actors.citizen(),
                Map.of("If-Match", "\"4\"")).statusCode()).isEqualTo(409);
    }

    @Test
    void thePageWithdrawsOnlyOnceTheApplicantHasConfirmed() {
        var code = created(api.send("POST", "/api/v1/tenants/hanoi/dossiers", actors.citizen(),
                DossierFixtures.submission("ONLINE", "Nguyễn Văn An", "0987654321", "00004", null), Map.of())).get("code").asString();
        var browser = api.browser().signIn(Api.demoAccounts().get("citizen1.hanoi"));
        var page = browser.get("/tenants/hanoi/dossiers/" + code);
        assertThat(page.body()).contains("id=\"withdraw-form\"").doesNotContain("data-action=\"WITHDRAW\"");

        var unconfirmed = browser.post("/tenants/hanoi/dossiers/" + code + "/withdrawal", Map.of("version", "1", "reason", "Không cần nữa"));
        assertThat(unconfirmed.statusCode()).isEqualTo(422);
        assertThat(unconfirmed.body()).contains("data-code=\"dossier-withdraw-confirm\"").contains("Không cần nữa");
        var stale = browser.post("/tenants/hanoi/dossiers/" + code + "/withdrawal", Map.of("version", "9", "confirm", "on"));
        assertThat(stale.statusCode()).isEqualTo(412);
        assertThat(stale.body()).contains("id=\"refusal-changed\"");
        var withdrawn = browser.post("/tenants/hanoi/dossiers/" + code + "/withdrawal", Map.of("version", "1", "confirm", "on", "reason", "Không cần nữa"));
        assertThat(withdrawn.statusCode()).isEqualTo(302);
        assertThat(withdrawn.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith(code + "?done=WITHDRAW"));
        assertThat(DossierFixtures.view(api, actors.citizen(), code).get("statusCode").asInt()).isEqualTo(7);
    }

    /** An online dossier whose completeness check asked for two papers; the citizen has read it at version 3. */
    private String waitingForPapers() {
        var code = created(api.send("POST", "/api/v1/tenants/hanoi/dossiers", actors.citizen(),
                DossierFixtures.submission("ONLINE", "Nguyễn Văn An", "0987654321", "00004", null), Map.of())).get("code").asString();
        act(api, actors.head(), code, 1, "ASSIGN", Map.of("to", "clerk.00004"));
        act(api, actors.clerk(), code, 2, "REQUEST_SUPPLEMENT", Map.of("items", List.of("Bản sao giấy khai sinh", "Giấy xác nhận cư trú"),
                "reason", "Thiếu giấy tờ"));
        return code;
    }

    private long attachmentCount(String code) {
        return api.json(api.send("GET", "/api/v1/tenants/hanoi/dossiers/" + code + "/attachments", actors.citizen(), null, Map.of())).size();
    }
}
