package org.onedoor.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.onedoor.DatabaseTest;
import org.onedoor.organisation.OrganisationDirectory;
import org.onedoor.organisation.UnitLevel;
import org.onedoor.shared.TenantId;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.json.JsonMapper;

/** The demo calendars hold the real schedules of Vietnam and Laos, and Vientiane is a tenant of its own. */
@DatabaseTest
class CalendarDataTests {

    static final TenantId HANOI = new TenantId("hanoi");
    static final TenantId VIENTIANE = new TenantId("vientiane");

    @Autowired
    Calendars calendars;
    @Autowired
    OrganisationDirectory directory;
    @LocalServerPort
    int port;

    @Test
    void hanoi2025HasTheReunificationHolidayAndItsMakeUpSaturday() {
        var year = calendars.year(HANOI, 2025).orElseThrow();

        assertThat(year.status()).isEqualTo(YearSchedule.Status.OFFICIAL);
        assertThat(year.days()).filteredOn(d -> d.day().equals(LocalDate.of(2025, 4, 26))).singleElement()
                .satisfies(d -> assertThat(d.kind()).isEqualTo(DayKind.MAKEUP_WORKDAY));
        assertThat(year.days()).filteredOn(d -> d.day().equals(LocalDate.of(2025, 4, 30))).singleElement().satisfies(d -> {
            assertThat(d.kind()).isEqualTo(DayKind.DAY_OFF);
            assertThat(d.occasion().in(Locale.of("vi"))).contains("30/4");
        });
        assertThat(year.days()).filteredOn(d -> d.kind().closesOffices() && d.day().getMonth().getValue() <= 2
                && d.occasion().in(Locale.of("vi")).equals("Tết Nguyên đán")).hasSize(9);
    }

    @Test
    void hanoiWorksMondayToFridayInTwoSessions() {
        var week = calendars.workingWeek(HANOI).orElseThrow();
        assertThat(week.days()).containsExactly(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY, DayOfWeek.FRIDAY);
        assertThat(week.hours()).containsExactly(new Calendars.Hours(LocalTime.of(8, 0), LocalTime.of(12, 0)),
                new Calendars.Hours(LocalTime.of(13, 0), LocalTime.of(17, 0)));
    }

    @Test
    void vientianeIsATenantWithNineDistrictsInLaoAndItsOwnHolidays() {
        var city = directory.tenant("vientiane");
        assertThat(city.timeZone().getId()).isEqualTo("Asia/Vientiane");
        assertThat(city.currency().getCurrencyCode()).isEqualTo("LAK");
        var today = LocalDate.of(2026, 1, 1);
        assertThat(directory.count(VIENTIANE, today, UnitLevel.DISTRICT)).isEqualTo(9);
        assertThat(directory.unitOn(VIENTIANE, "0103", today).orElseThrow().name().in(Locale.of("lo"))).isEqualTo("ໄຊເສດຖາ");

        var piMai = calendars.between(VIENTIANE, LocalDate.of(2026, 4, 13), LocalDate.of(2026, 4, 16));
        assertThat(piMai).isNotEmpty().allSatisfy(d -> assertThat(d.occasion().in(Locale.of("lo"))).contains("ປີໃໝ່"));
        assertThat(calendars.between(VIENTIANE, LocalDate.of(2026, 3, 8), LocalDate.of(2026, 3, 8)))
                .allSatisfy(d -> assertThat(d.kind()).as("8 March is off for women only: offices work").isEqualTo(DayKind.OBSERVANCE));
    }

    @Test
    void theYearAfterTheDataIsForecastAndAnAdministratorPublishesIt() throws Exception {
        var forecast = calendars.year(HANOI, 2027).orElseThrow();
        assertThat(forecast.status()).isEqualTo(YearSchedule.Status.PROVISIONAL);
        assertThat(forecast.days()).anySatisfy(d -> assertThat(d.day()).isEqualTo(LocalDate.of(2027, 2, 6)));

        var published = calendars.publish(HANOI, 2027, "Thông báo 1234/TB-BNV (thử nghiệm)", "admin.hanoi");

        assertThat(published.status()).isEqualTo(YearSchedule.Status.OFFICIAL);
        assertThat(published.decision()).isEqualTo("Thông báo 1234/TB-BNV (thử nghiệm)");
        assertThat(published.days()).hasSameSizeAs(forecast.days());
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> calendars.publish(HANOI, 2027, "again", "admin.hanoi"))
                .isInstanceOfSatisfying(Calendars.CannotPublish.class, e -> assertThat(e.code()).isEqualTo("calendar-cannot-publish.already-official"));
        assertThat(calendars.workingCalendar(HANOI).isWorkingDay(LocalDate.of(2027, 2, 10))).as("the compensatory day counts").isFalse();
    }

    @Test
    void theYearApiAnswersInTheCallersLanguageAndRefusesYearsOutOfRange() throws Exception {
        var http = HttpClient.newHttpClient();
        var response = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/tenants/hanoi/calendar/2026"))
                .header("Accept-Language", "en").build(), HttpResponse.BodyHandlers.ofString());
        var body = JsonMapper.builder().build().readTree(response.body());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(body.get("status").asString()).isEqualTo("OFFICIAL");
        assertThat(body.get("decision").asString()).contains("9441/TB-BNV");
        assertThat(body.get("days").valueStream().map(d -> d.get("occasion").asString())).contains("Lunar New Year (Tết)", "National Day");

        var future = JsonMapper.builder().build().readTree(http.send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + port + "/api/v1/tenants/hanoi/calendar/2035")).build(), HttpResponse.BodyHandlers.ofString()).body());
        assertThat(future.get("status").asString()).isEqualTo("PROVISIONAL");
        var outOfRange = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/tenants/hanoi/calendar/2300")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(outOfRange.statusCode()).isEqualTo(400);
    }
}
