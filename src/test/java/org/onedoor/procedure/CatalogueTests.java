package org.onedoor.procedure;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.onedoor.DatabaseTest;
import org.onedoor.procedure.seed.CatalogueImport;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The national catalogue is searchable without diacritics and keeps the time limits and fees as the source states them. */
@DatabaseTest
class CatalogueTests {

    @LocalServerPort
    int port;
    @Autowired
    CatalogueImport imports;

    @Test
    void findsBirthRegistrationWithoutDiacritics() throws Exception {
        var found = json("/api/v1/catalogue/procedures?q=dang%20ky%20khai%20sinh");
        assertThat(found.get("items").valueStream().map(i -> i.get("code").asString())).contains("1.001193");
        assertThat(found.get("items").get(0).get("code").asString()).as("the shortest matching name first").isEqualTo("1.001193");
    }

    @Test
    void givesPermanentResidenceWithSevenWorkingDaysAndItsFeesPerChannel() throws Exception {
        var found = json("/api/v1/catalogue/procedures?q=thuong%20tru&level=COMMUNE");
        assertThat(found.get("items").valueStream().map(i -> i.get("code").asString())).contains("1.004222");

        var residence = json("/api/v1/catalogue/procedures/1.004222");

        assertThat(residence.get("name").asString()).isEqualTo("Đăng ký thường trú");
        var online = channel(residence, "ONLINE");
        assertThat(online.get("timeLimit").get("value").asInt()).isEqualTo(7);
        assertThat(online.get("timeLimit").get("unit").asString()).isEqualTo("WORKING_DAYS");
        assertThat(online.get("fee").get("amount").asLong()).isEqualTo(10_000);
        assertThat(online.get("fee").get("currency").asString()).isEqualTo("VND");
        assertThat(channel(residence, "DIRECT").get("fee").get("amount").asLong()).isEqualTo(20_000);
    }

    @Test
    void keepsATimeWithoutUnitAsUnknownAndAFreeProcedureAsFree() throws Exception {
        var birth = json("/api/v1/catalogue/procedures/1.001193");
        var online = channel(birth, "ONLINE");
        assertThat(online.get("timeLimit").get("value").asInt()).isEqualTo(1);
        assertThat(online.get("timeLimit").get("unit").asString()).as("the portal shows only a number: never guessed").isEqualTo("UNKNOWN");
        assertThat(online.get("free").asBoolean()).isTrue();
        assertThat(online.get("fee").isNull()).isTrue();
    }

    @Test
    void importsAgainWithTheSameResultAndReportsWhatItFlagged() {
        var report = imports.importAll(true);
        assertThat(report.procedures()).isGreaterThanOrEqualTo(2_639);
        assertThat(report.timesWithoutUnit()).isEqualTo(340);
        assertThat(report.refused()).isEmpty();
    }

    @Test
    void answersAnUnknownCodeWithA404Problem() throws Exception {
        var response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/catalogue/procedures/9.999999"))
                .header("Accept-Language", "en").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(JsonMapper.builder().build().readTree(response.body()).get("code").asString()).isEqualTo("procedure-not-found");
    }

    private static JsonNode channel(JsonNode procedure, String kind) {
        return procedure.get("channels").valueStream().filter(c -> c.get("channel").asString().equals(kind)).findFirst().orElseThrow();
    }

    private JsonNode json(String path) throws Exception {
        var response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JsonMapper.builder().build().readTree(response.body());
    }
}
