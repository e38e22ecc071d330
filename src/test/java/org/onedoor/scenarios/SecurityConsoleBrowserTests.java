package org.onedoor.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
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
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
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
        var options = new ChromeOptions().setBinary(new File("/usr/bin/chromium")).addArguments("--headless=new", "--no-sandbox",
                "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--window-size=1280,1400");
        browser = new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(new File("/usr/bin/chromedriver")).build(), options);
        browser.manage().timeouts().implicitlyWait(Duration.ofSeconds(5));
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

        browser.get(url("/login?lang=vi"));
        browser.findElement(By.id("username")).sendKeys(admin.username());
        browser.findElement(By.id("password")).sendKeys(admin.password());
        browser.findElement(By.cssSelector("form.stacked button")).click();
        wait.until(ExpectedConditions.urlContains("/login/second-factor"));
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Mã xác thực");
        browser.findElement(By.id("code")).sendKeys(api.nextCode(admin.totpSecret()));
        browser.findElement(By.cssSelector("form.stacked button")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("form[action='/logout']")));

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
        Files.createDirectories(Path.of("target/screenshots"));
        Files.write(Path.of("target/screenshots", name + ".png"), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    }
}
