package org.onedoor.organisation.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.onedoor.DatabaseTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The organisation API answers in the page envelope, and every bad request with a localised problem. */
@DatabaseTest
class UnitApiTests {

    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @Test
    void listsUnitsInForceOnADateInThePageEnvelope() throws Exception {
        var response = get("/api/v1/tenants/hanoi/units?asOf=2025-06-30&level=commune&parent=001&size=5", "vi");

        assertThat(response.statusCode()).isEqualTo(200);
        var body = JSON.readTree(response.body());
        assertThat(body.get("total").asInt()).isEqualTo(13);
        assertThat(body.get("size").asInt()).isEqualTo(5);
        assertThat(body.get("page").asInt()).isZero();
        assertThat(body.get("items")).hasSize(5);
        var first = body.get("items").get(0);
        assertThat(first.get("code").asString()).isEqualTo("00001");
        assertThat(first.get("name").asString()).isEqualTo("Phường Phúc Xá");
        assertThat(first.get("type").asString()).isEqualTo("WARD");
        assertThat(first.get("level").asString()).isEqualTo("COMMUNE");
        assertThat(first.get("parentCode").asString()).isEqualTo("001");
        assertThat(first.get("validFrom").asString()).isEqualTo("2020-01-01");
        assertThat(first.get("validTo").asString()).isEqualTo("2025-06-30");
    }

    @Test
    void searchesWithoutDiacritics() throws Exception {
        var body = json("/api/v1/tenants/hanoi/units?asOf=2025-06-30&q=phuc%20xa");
        assertThat(body.get("items").valueStream().map(i -> i.get("name").asString())).contains("Phường Phúc Xá");
    }

    @Test
    void givesAUnitWithItsVersions() throws Exception {
        var body = json("/api/v1/tenants/hanoi/units/10108?asOf=2025-03-01");
        assertThat(body.get("name").asString()).isEqualTo("Xã Hòa Phú");
        assertThat(body.get("versions").valueStream().map(v -> v.get("name").asString()))
                .containsExactly("Xã Hòa Chính", "Xã Hòa Phú");
    }

    @Test
    void givesTheLineageOfAUnit() throws Exception {
        var phucXa = json("/api/v1/tenants/hanoi/units/00001/lineage?asOf=2025-06-30");
        var successor = phucXa.get("successors").get(0);
        assertThat(successor.get("code").asString()).isEqualTo("00097");
        assertThat(successor.get("event").asString()).isEqualTo("MERGE");
        assertThat(successor.get("share").asString()).isEqualTo("FULL");
        assertThat(successor.get("effectiveDate").asString()).isEqualTo("2025-07-01");
        assertThat(successor.get("legalBasis").asString()).contains("1656/NQ-UBTVQH15");

        var baDinh = json("/api/v1/tenants/hanoi/units/00004/lineage");
        assertThat(baDinh.get("unit").get("name").asString()).isEqualTo("Phường Ba Đình");
        assertThat(baDinh.get("predecessors").valueStream().filter(p -> p.get("depth").asInt() == 1)).hasSize(10);
    }

    @Test
    void answersUnknownTenantsAndUnitsWith404Problems() throws Exception {
        assertProblem(get("/api/v1/tenants/atlantis/units", "vi"), 404, "tenant-not-found", "Không có thành phố này");
        assertProblem(get("/api/v1/tenants/hanoi/units/99999", "en"), 404, "unit-not-found", "No such unit");
        assertProblem(get("/api/v1/tenants/hanoi/units/00001?asOf=2025-07-01", "lo"), 404, "unit-not-found", "ບໍ່ມີຫົວໜ່ວຍນີ້");
    }

    @Test
    void answersBadParametersWith400Problems() throws Exception {
        assertProblem(get("/api/v1/tenants/hanoi/units?asOf=2025-13-01", "en"), 400, "invalid-parameter", "Invalid parameter");
        assertProblem(get("/api/v1/tenants/hanoi/units?level=village-council", "en"), 400, "invalid-parameter", "Invalid parameter");
        assertProblem(get("/api/v1/tenants/hanoi/units?type=CASTLE", "vi"), 400, "invalid-parameter", "Tham số không hợp lệ");
        assertProblem(get("/api/v1/tenants/hanoi/units?size=501", "en"), 400, "page-size-over-cap", "Page size too large");
        assertProblem(get("/api/v1/tenants/hanoi/units?page=abc", "en"), 400, "invalid-parameter", "Invalid parameter");
        assertProblem(get("/api/v1/tenants/hanoi/units/00001/lineage?asOf=yesterday", "en"), 400, "invalid-parameter", "Invalid parameter");
    }

    @Test
    void answersUnknownPathsAndMethodsWithProblems() throws Exception {
        assertProblem(get("/api/v1/no-such-thing", "en"), 404, "not-found", "Not found");
        var post = HTTP.send(HttpRequest.newBuilder(uri("/api/v1/tenants/hanoi/units")).POST(HttpRequest.BodyPublishers.noBody())
                .header("Accept-Language", "en").build(), HttpResponse.BodyHandlers.ofString());
        assertProblem(post, 405, "method-not-allowed", "Method not allowed");
    }

    @Test
    void reportsReadinessOnTheHealthEndpoint() throws Exception {
        var response = get("/actuator/health/readiness", "en");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(response.body()).get("status").asString()).isEqualTo("UP");
    }

    private void assertProblem(HttpResponse<String> response, int status, String code, String title) {
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        var body = JSON.readTree(response.body());
        assertThat(body.get("code").asString()).isEqualTo(code);
        assertThat(body.get("title").asString()).isEqualTo(title);
        assertThat(body.get("status").asInt()).isEqualTo(status);
        assertThat(body.get("detail").asString()).isNotBlank();
        assertThat(response.body()).doesNotContain("Exception", "at org.", "select ");
    }

    private JsonNode json(String path) throws IOException, InterruptedException {
        var response = get(path, "vi");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private HttpResponse<String> get(String path, String language) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(uri(path)).header("Accept-Language", language).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }
}
