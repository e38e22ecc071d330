package org.onedoor.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.onedoor.DatabaseTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The lunar calendar over HTTP: conversions both ways, and a 400 problem for dates that do not exist. */
@DatabaseTest
class LunarCalendarApiTests {

    @LocalServerPort
    int port;

    @Test
    void convertsTet2026BothWays() throws Exception {
        var lunar = get("/api/v1/lunar-calendar/lunar?date=2026-02-17");
        assertThat(lunar.statusCode()).isEqualTo(200);
        var body = json(lunar);
        assertThat(body.get("year").asInt()).isEqualTo(2026);
        assertThat(body.get("month").asInt()).isEqualTo(1);
        assertThat(body.get("day").asInt()).isEqualTo(1);
        assertThat(body.get("leap").asBoolean()).isFalse();
        assertThat(body.get("yearName").asString()).isEqualTo("Bính Ngọ");

        assertThat(json(get("/api/v1/lunar-calendar/solar?year=2026&month=1&day=1")).get("date").asString()).isEqualTo("2026-02-17");
        assertThat(json(get("/api/v1/lunar-calendar/solar?year=2026&month=3&day=10")).get("date").asString())
                .isEqualTo(VietnameseLunarCalendar.hungKingsDay(2026).toString());
    }

    @Test
    void refusesLunarDatesThatDoNotExist() throws Exception {
        var noLeap = VietnameseLunarCalendar.leapMonth(2026).isPresent() ? 2027 : 2026;
        for (var path : new String[] {"/api/v1/lunar-calendar/solar?year=2026&month=13&day=1",
                "/api/v1/lunar-calendar/solar?year=2026&month=1&day=31",
                "/api/v1/lunar-calendar/solar?year=" + noLeap + "&month=4&day=1&leap=true",
                "/api/v1/lunar-calendar/solar?year=1899&month=1&day=1",
                "/api/v1/lunar-calendar/solar?year=2200&month=1&day=1"}) {
            var response = get(path);
            assertThat(response.statusCode()).as(path).isEqualTo(400);
            assertThat(json(response).get("code").asString()).as(path).isEqualTo("invalid-lunar-date");
        }
        var badDate = get("/api/v1/lunar-calendar/lunar?date=2026-02-30");
        assertThat(badDate.statusCode()).isEqualTo(400);
        assertThat(json(badDate).get("code").asString()).isEqualTo("invalid-parameter");
        assertThat(get("/api/v1/lunar-calendar/solar?year=abc&month=1&day=1").statusCode()).isEqualTo(400);
    }

    private HttpResponse<String> get(String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).header("Accept-Language", "en").build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> response) {
        return JsonMapper.builder().build().readTree(response.body());
    }
}
