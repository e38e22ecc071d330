package org.onedoor.dossier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.onedoor.dossier.DossierFixtures.act;
import static org.onedoor.dossier.DossierFixtures.created;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.onedoor.DatabaseTest;
import org.onedoor.TestClock;
import org.onedoor.calendar.Calendars;
import org.onedoor.identity.Api;
import org.onedoor.procedure.Procedures;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The end of an online dossier: the owner attaches the electronic result (the dossier then counts as giving one), the
 * applicant sees and downloads it only once the result is ready, and rates the returned dossier once, 1–5.
 */
@DatabaseTest
class ResultAndRatingTests {

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
    JdbcClient jdbc;

    Api api;
    String clerk, specialist, head, citizen, otherCitizen;

    @BeforeEach
    void actors() {
        api = new Api(port, clock);
        var actors = DossierFixtures.start(api, procedures, clock, calendars);
        clerk = actors.clerk();
        specialist = actors.specialist();
        head = actors.head();
        citizen = actors.citizen();
        otherCitizen = actors.otherCitizen();
    }

    @Test
    void theResultIsAttachedSeenWhenReadyDownloadedAndTheReturnedDossierRatedOnce() throws Exception {
        var code = created(api.send("POST", "/api/v1/tenants/hanoi/dossiers", citizen,
                DossierFixtures.submission("ONLINE", "Nguyễn Văn An", "0987654321", "00004", null), Map.of())).get("code").asString();
        var base = "/api/v1/tenants/hanoi/dossiers/" + code;
        act(api, head, code, 1, "ASSIGN", Map.of("to", "clerk.00004"));
        // not received yet: no result can be attached
        assertThat(upload(base + "/attachments/result", clerk).statusCode()).isEqualTo(409);
        act(api, clerk, code, 2, "ACCEPT", Map.of());
        act(api, clerk, code, 3, "FORWARD", Map.of("to", "specialist.00004"));
        // only the owner attaches the result: not the clerk who handed it on, not the applicant
        assertThat(upload(base + "/attachments/result", clerk).statusCode()).isEqualTo(403);
        assertThat(upload(base + "/attachments/result", citizen).statusCode()).isEqualTo(403);
        var result = upload(base + "/attachments/result", specialist);
        assertThat(result.statusCode()).as(result.body()).isEqualTo(201);
        var id = Api.JSON.readTree(result.body()).get("id").asString();
        assertThat(Api.JSON.readTree(result.body()).get("kind").asString()).isEqualTo("RESULT");
        assertThat(DossierFixtures.view(api, specialist, code).get("flags").get("electronicResult").asBoolean()).isTrue();
        // the applicant does not see it before the result is ready
        assertThat(kinds(api.send("GET", base + "/attachments", citizen, null, Map.of()))).doesNotContain("RESULT");
        assertThat(api.download(base + "/attachments/" + id, citizen).statusCode()).isEqualTo(404);
        act(api, specialist, code, 4, "PROPOSE", Map.of("to", "head.00004"));
        act(api, head, clerk, code, 5, "APPROVE", Map.of());
        assertThat(kinds(api.send("GET", base + "/attachments", citizen, null, Map.of()))).contains("RESULT");
        var download = api.download(base + "/attachments/" + id, citizen);
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.body()).isEqualTo(PDF);
        assertThat(api.download(base + "/attachments/" + id, otherCitizen).statusCode()).isEqualTo(403);

        // rating: only once returned, only by the applicant, 1–5, once
        var early = api.send("POST", base + "/rating", citizen, "{\"level\":5}", Map.of("Accept-Language", "vi"));
        assertThat(early.statusCode()).isEqualTo(409);
        assertThat(api.json(early).get("code").asString()).isEqualTo("dossier-rating-not-returned");
        act(api, clerk, code, 6, "RETURN_RESULT", Map.of());
        assertThat(api.send("POST", base + "/rating", clerk, "{\"level\":5}", Map.of()).statusCode()).isEqualTo(403);
        assertThat(api.send("POST", base + "/rating", otherCitizen, "{\"level\":5}", Map.of()).statusCode()).isEqualTo(403);
        for (var bad : List.of("{\"level\":0}", "{\"level\":6}", "{}", "{\"level\":3,\"comment\":\"" + "x".repeat(1001) + "\"}")) {
            assertThat(api.send("POST", base + "/rating", citizen, bad, Map.of()).statusCode()).as(bad).isEqualTo(422);
        }
        assertThat(api.send("GET", base + "/rating", citizen, null, Map.of()).statusCode()).as("nothing stored by refusals").isEqualTo(404);
        var rated = api.send("POST", base + "/rating", citizen, "{\"level\":4,\"comment\":\"Cán bộ hướng dẫn tận tình\"}", Map.of());
        assertThat(rated.statusCode()).as(rated.body()).isEqualTo(201);
        var again = api.send("POST", base + "/rating", citizen, "{\"level\":1}", Map.of());
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(api.json(again).get("code").asString()).isEqualTo("dossier-rating-already");
        var seen = api.json(api.send("GET", base + "/rating", clerk, null, Map.of()));
        assertThat(seen.get("level").asInt()).isEqualTo(4);
        assertThat(seen.get("comment").asString()).isEqualTo("Cán bộ hướng dẫn tận tình");
        assertThat(jdbc.sql("select count(*) from audit.event where action = 'dossier.rate' and object_id = :c").param("c", code)
                .query(Long.class).single()).isEqualTo(1);
    }

    private HttpResponse<String> upload(String path, String token) throws Exception {
        var request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .POST(HttpRequest.BodyPublishers.ofByteArray(PDF)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/pdf").header("X-File-Name", "giay-khai-sinh.pdf").build();
        try (var http = HttpClient.newHttpClient()) {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        }
    }

    private static List<String> kinds(HttpResponse<String> list) {
        assertThat(list.statusCode()).isEqualTo(200);
        return Api.JSON.readTree(list.body()).valueStream().map(n -> n.get("kind").asString()).toList();
    }
}
