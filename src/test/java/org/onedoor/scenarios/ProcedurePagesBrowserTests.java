package org.onedoor.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.onedoor.DatabaseTest;
import org.onedoor.TestClock;
import org.onedoor.identity.Api;
import org.onedoor.procedure.Definitions;
import org.onedoor.procedure.ProcedureVersion;
import org.onedoor.procedure.Procedures;
import org.onedoor.shared.TenantId;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A citizen finds a procedure without typing diacritics and reads what to bring and what it costs; an administrator
 * breaks a draft's workflow and sees every violation, fixes it, publishes, and compares the two versions — in Chromium.
 */
@DatabaseTest
@Tag("browser")
class ProcedurePagesBrowserTests {

    static WebDriver browser;

    @LocalServerPort
    int port;
    @Autowired
    TestClock clock;
    @Autowired
    Procedures procedures;

    @BeforeAll
    static void openBrowser() {
        browser = Browsers.open(2400);
    }

    @AfterAll
    static void closeBrowser() {
        if (browser != null) browser.quit();
    }

    @Test
    void aCitizenFindsPermanentResidenceAndReadsItsFeesAndPapers() throws Exception {
        browser.manage().deleteAllCookies();
        browser.get(url("/tenants/hanoi/procedures?lang=vi"));
        browser.findElement(By.id("q")).sendKeys("dang ky thuong tru");
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.textToBePresentInElementLocated(By.id("results"), "1.004222"));
        new WebDriverWait(browser, Duration.ofSeconds(10)).withMessage("the search is in the address, so it can be shared")
                .until(ExpectedConditions.urlContains("q=dang"));
        browser.findElement(By.xpath("//li[span[@class='code' and text()='1.004222']]/a")).click();

        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Đăng ký thường trú");
        assertThat(browser.findElement(By.id("time-limit")).getText()).isEqualTo("7 ngày làm việc");
        assertThat(browser.findElement(By.cssSelector("#channels tr[data-channel='ONLINE'] .amount")).getText()).isEqualTo("10.000 đồng");
        assertThat(browser.findElement(By.cssSelector("#channels tr[data-channel='DIRECT'] .amount")).getText()).isEqualTo("20.000 đồng");
        assertThat(browser.findElement(By.id("online-level")).getText()).startsWith("Một phần");
        assertThat(browser.findElements(By.cssSelector("table.components tbody tr")).size()).isGreaterThan(5);
        Browsers.screenshot(browser, "procedure-1.004222-vi");

        browser.get(url("/tenants/hanoi/procedures?q=khai%20sinh&lang=en"));
        assertThat(browser.findElement(By.id("results")).getText()).contains("1.001193");
        browser.get(url("/tenants/hanoi/procedures/1.001193?lang=en"));
        assertThat(browser.findElement(By.id("time-limit")).getText()).isEqualTo("\"1\" (the source gives no unit)");
    }

    @Test
    void anAdministratorSeesEveryViolationFixesThemPublishesAndComparesVersions() throws Exception {
        var hanoi = new TenantId("hanoi");
        var code = "B.EDIT" + System.nanoTime() % 100_000;
        procedures.create(hanoi, Definitions.procedure(code, Definitions.commune()), ProcedureVersion.Origin.EDITOR, "test");
        procedures.publish(hanoi, code, 1, procedures.today(hanoi), "QĐ 1/QĐ-UBND", "test");
        var admin = Api.demoAccounts().get("admin.hanoi");
        browser.manage().deleteAllCookies();
        Browsers.signIn(browser, url(""), "en", admin, new Api(port, clock));

        browser.get(url("/tenants/hanoi/procedures/" + code + "/versions?lang=en"));
        browser.findElement(By.id("new-draft")).click();
        assertThat(browser.findElement(By.id("phase")).getText()).isEqualTo("Draft");
        assertThat(browser.findElements(By.id("valid"))).hasSize(1);

        // Break it three ways: an over-long step, a dead end, an unknown unit.
        var processing = "tr[data-step='processing'] ";
        var hours = browser.findElement(By.cssSelector(processing + "input[name='steps[1].share']"));
        hours.clear();
        browser.findElement(By.cssSelector(processing + "input[name='steps[1].hours']")).sendKeys("100");
        new Select(browser.findElement(By.cssSelector("tr[data-step='approval'] select[name='steps[2].action.APPROVE']"))).selectByValue("");
        new Select(browser.findElement(By.cssSelector("tr[data-step='approval'] select[name='steps[2].action.SEND_BACK']"))).selectByValue("");
        new Select(browser.findElement(By.cssSelector(processing + "select[name='steps[1].unit']"))).selectByValue("NAMED");
        browser.findElement(By.cssSelector(processing + "input[name='steps[1].unitTarget']")).sendKeys("99999");
        browser.findElement(By.id("save")).click();

        assertThat(browser.findElement(By.id("saved")).isDisplayed()).isTrue();
        var violations = browser.findElements(By.cssSelector("ul.violations li")).stream().map(e -> e.getAttribute("data-code")).toList();
        assertThat(violations).contains("step-dead-end", "allotments-over-limit", "selector-unit-unknown");
        assertThat(browser.findElement(By.cssSelector("#publish button")).isEnabled()).as("an invalid draft cannot be published").isFalse();
        Browsers.screenshot(browser, "procedure-editor-violations-en");

        // Fix it: back to a share, the approval's way out, the competent authority; and a new time limit.
        browser.findElement(By.cssSelector(processing + "input[name='steps[1].hours']")).clear();
        browser.findElement(By.cssSelector(processing + "input[name='steps[1].share']")).sendKeys("0.5");
        new Select(browser.findElement(By.cssSelector("tr[data-step='approval'] select[name='steps[2].action.APPROVE']"))).selectByValue("result");
        new Select(browser.findElement(By.cssSelector(processing + "select[name='steps[1].unit']"))).selectByValue("COMPETENT");
        browser.findElement(By.cssSelector(processing + "input[name='steps[1].unitTarget']")).clear();
        browser.findElement(By.id("time-value")).clear();
        browser.findElement(By.id("time-value")).sendKeys("3");
        browser.findElement(By.id("save")).click();
        assertThat(browser.findElements(By.id("valid"))).hasSize(1);

        // Version 1 took effect today, so version 2 can take effect tomorrow at the earliest.
        var tomorrow = procedures.today(hanoi).plusDays(1).toString();
        ((org.openqa.selenium.JavascriptExecutor) browser).executeScript("document.getElementById('effective-from').value = arguments[0]", tomorrow);
        browser.findElement(By.id("basis")).sendKeys("Quyết định 2/QĐ-UBND");
        browser.findElement(By.cssSelector("#publish button")).click();

        assertThat(browser.findElement(By.cssSelector("#versions tr[data-version='2']")).getAttribute("data-phase")).isEqualTo("SCHEDULED");
        assertThat(browser.findElement(By.cssSelector("#versions tr[data-version='1']")).getAttribute("data-phase")).isEqualTo("IN_FORCE");
        browser.findElement(By.cssSelector("form.filters button")).click();
        var changes = browser.findElement(By.id("changes")).getText();
        assertThat(changes).contains("/timeLimit/limit/value", "/workflow/steps/2/actions");
        Browsers.screenshot(browser, "procedure-diff-en");
        assertThat(procedures.current(hanoi, code).number()).isEqualTo(1);
        assertThat(procedures.inForce(hanoi, code, procedures.today(hanoi).plusDays(1)).orElseThrow().number()).isEqualTo(2);
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }
}
