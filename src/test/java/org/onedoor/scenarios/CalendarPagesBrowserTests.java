package org.onedoor.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.onedoor.DatabaseTest;
import org.onedoor.TestClock;
import org.onedoor.identity.Api;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** A person reads a year of Hanoi's calendar and a clerk computes a deadline, in a real browser. */
@DatabaseTest
@Tag("browser")
class CalendarPagesBrowserTests {

    static WebDriver browser;

    @LocalServerPort
    int port;
    @Autowired
    TestClock clock;

    @BeforeAll
    static void openBrowser() {
        browser = Browsers.open(2400);
    }

    @AfterAll
    static void closeBrowser() {
        if (browser != null) browser.quit();
    }

    @Test
    void showsTheYearWithItsDaysOffMakeUpSaturdayAndLunarDates() throws Exception {
        browser.get(url("/tenants/hanoi/calendar/2025?lang=vi"));

        assertThat(browser.findElement(By.tagName("h1")).getText()).contains("Lịch làm việc năm 2025");
        assertThat(browser.findElement(By.id("status")).getText()).contains("Lịch chính thức");
        assertThat(browser.findElement(By.cssSelector("td[data-date='2025-04-30']")).getAttribute("class")).isEqualTo("off");
        assertThat(browser.findElement(By.cssSelector("td[data-date='2025-04-26']")).getAttribute("class")).isEqualTo("makeup");
        assertThat(browser.findElement(By.cssSelector("td[data-date='2025-01-29'] .lunar")).getText()).isEqualTo("1/1");
        assertThat(browser.findElement(By.cssSelector("td[data-date='2025-04-30']")).getAttribute("title")).contains("30/4");
        assertThat(browser.findElement(By.id("month-4")).findElement(By.tagName("caption")).getText()).isEqualTo("Tháng Tư");
        screenshot("calendar-2025-vi");
    }

    @Test
    void aClerkComputesADeadlineAcrossTheReunificationHoliday() throws Exception {
        var clerk = Api.demoAccounts().get("clerk.00097");
        var api = new Api(port, clock);
        Browsers.signIn(browser, url(""), "en", clerk, api);

        browser.get(url("/tenants/hanoi/calendar/deadline?received=2025-04-25T14:00&value=3&unit=WORKING_DAYS"));

        assertThat(browser.findElement(By.id("due")).getText()).isEqualTo("Due: 17:00 29/04/2025");
        new Select(browser.findElement(By.id("unit"))).selectByValue("WORKING_DAYS");
        screenshot("deadline-calculator-en");
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }

    private static void screenshot(String name) throws Exception {
        Browsers.screenshot(browser, name);
    }
}
