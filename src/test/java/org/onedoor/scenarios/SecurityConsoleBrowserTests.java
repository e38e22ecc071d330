package org.onedoor.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.onedoor.DatabaseTest;
import org.onedoor.TestClock;
import org.onedoor.identity.Api;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** An administrator signs in with a second factor and manages an account and its grants in a real browser. */
@DatabaseTest
@Tag("browser")
class SecurityConsoleBrowserTests {

    static WebDriver browser;

    @LocalServerPort
    int port;
    @Autowired
    TestClock clock;

    @BeforeAll
    static void openBrowser() {
        browser = Browsers.open(1400);
    }

    @AfterAll
    static void closeBrowser() {
        if (browser != null) browser.quit();
    }

    @Test
    void anAdministratorCreatesAnAccountGivesItARoleAndVerifiesTheAuditTrail() throws Exception {
        var admin = Api.demoAccounts().get("admin.hanoi");
        var api = new Api(port, clock);
        var wait = new WebDriverWait(browser, Duration.ofSeconds(10));

        Browsers.signIn(browser, url(""), "vi", admin, api);

        browser.get(url("/console/hanoi/accounts"));
        var username = "canbo." + UUID.randomUUID().toString().substring(0, 6);
        browser.findElement(By.id("username")).sendKeys(username);
        browser.findElement(By.id("displayName")).sendKeys("Nguyễn Thị Hoa");
        browser.findElement(By.id("unitCode")).sendKeys("00004");
        browser.findElement(By.cssSelector("form.stacked button")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("initial-password")));
        assertThat(browser.findElement(By.id("username")).getText()).isEqualTo(username);
        assertThat(browser.findElement(By.id("initial-password")).getText()).hasSize(20);

        new Select(browser.findElement(By.id("role"))).selectByValue("CLERK");
        browser.findElement(By.cssSelector("form.filters button")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("grants"), "Cán bộ một cửa"));
        browser.navigate().refresh();
        assertThat(browser.findElements(By.id("initial-password"))).as("the one-time password is shown once").isEmpty();
        screenshot("console-account-vi");

        browser.get(url("/console/hanoi/units/00004/actors"));
        assertThat(browser.findElement(By.id("actors")).getText()).contains(username, "clerk.00004", "admin.hanoi");

        browser.get(url("/console/hanoi/audit?action=grant.give&verify=1"));
        assertThat(browser.findElement(By.id("verification")).getText()).contains("toàn vẹn");
        assertThat(browser.findElement(By.id("events")).getText()).contains("grant.give", "admin.hanoi");
        screenshot("console-audit-vi");
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }

    private static void screenshot(String name) throws Exception {
        Browsers.screenshot(browser, name);
    }
}
