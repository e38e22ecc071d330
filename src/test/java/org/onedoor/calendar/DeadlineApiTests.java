package org.onedoor.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;
import org.onedoor.DatabaseTest;
import org.onedoor.shared.TenantId;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.json.JsonMapper;

/** The deadline calculator over HTTP, on Hanoi's calendar as recorded, gives the hand-counted answers. */
@DatabaseTest
class DeadlineApiTests {

    @LocalServerPort
    int port;
    @Autowired
    Calendars calendars;

    @Test
    void countsWorkingDaysAcrossTet2026TheReunificationHolidayAndNationalDay() throws Exception {
        // Fri 13/2/2026 09:00, 2 working days: Sat 14 – Sun 22/2 off (Tết); day 1 Mon 23/2, day 2 Tue 24/2 → 17:00.
        assertThat(due("2026-02-13T09:00:00+07:00", "2", "WORKING_DAYS", null)).isEqualTo("2026-02-24T17:00+07:00");
        // Fri 25/4/2025 14:00, 3 working days: Sat 26/4 is the make-up working day; day 3 is Tue 29/4.
        assertThat(due("2025-04-25T14:00:00+07:00", "3", "WORKING_DAYS", null)).isEqualTo("2025-04-29T17:00+07:00");
        // Fri 29/8/2025 10:00, 2 working days: 30/8 – 2/9 off; day 1 Wed 3/9, day 2 Thu 4/9.
        assertThat(due("2025-08-29T10:00:00+07:00", "2", "WORKING_DAYS", null)).isEqualTo("2025-09-04T17:00+07:00");
    }

    @Test
    void answersLikeTheDomainServiceOnTheRecordedCalendar() throws Exception {
        var calendar = calendars.workingCalendar(new TenantId("hanoi"));
        var from = OffsetDateTime.parse("2026-02-13T15:00:00+07:00");
        var expected = Deadlines.due(calendar, from.toInstant(), TimeLimit.workingHours(4)).atZone(calendar.zone()).toOffsetDateTime();
        assertThat(due("2026-02-13T15:00:00+07:00", "4", "WORKING_HOURS", null)).isEqualTo(expected.toString());
        assertThat(due("2026-02-13T16:00:00+07:00", "0", "WITHIN_DAY", "15:00")).isEqualTo("2026-02-23T17:00+07:00");
    }

    @Test
    void refusesNegativeValuesUnknownUnitsAndMalformedInstants() throws Exception {
        for (var query : new String[] {"from=2026-02-13T09:00:00%2B07:00&value=-1&unit=WORKING_DAYS",
                "from=2026-02-13T09:00:00%2B07:00&value=2&unit=FORTNIGHTS",
                "from=yesterday&value=2&unit=WORKING_DAYS",
                "from=2026-02-13T09:00:00%2B07:00&value=two&unit=WORKING_DAYS",
                "from=2026-02-13T09:00:00%2B07:00&value=0&unit=WITHIN_DAY&cutoff=25:00"}) {
            var response = get("/api/v1/tenants/hanoi/calendar/deadline?" + query);
            assertThat(response.statusCode()).as(query).isEqualTo(400);
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        }
    }

    private String due(String from, String value, String unit, String cutoff) throws Exception {
        var query = "from=" + URLEncoder.encode(from, StandardCharsets.UTF_8) + "&value=" + value + "&unit=" + unit
                + (cutoff == null ? "" : "&cutoff=" + cutoff);
        var response = get("/api/v1/tenants/hanoi/calendar/deadline?" + query);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return OffsetDateTime.parse(JsonMapper.builder().build().readTree(response.body()).get("due").asString()).toString();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
