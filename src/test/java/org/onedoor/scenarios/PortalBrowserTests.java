package org.onedoor.scenarios;

import static org.assertj.core.api.Assertions.assertThat;
import static org.onedoor.dossier.DossierFixtures.HANOI;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.onedoor.DatabaseTest;
import org.onedoor.TestClock;
import org.onedoor.calendar.Calendars;
import org.onedoor.dossier.Dossier;
import org.onedoor.dossier.DossierAction;
import org.onedoor.dossier.DossierFixtures;
import org.onedoor.dossier.Dossiers;
import org.onedoor.identity.Accounts;
import org.onedoor.identity.Api;
import org.onedoor.identity.CurrentUser;
import org.onedoor.procedure.Procedures;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The citizen's portal in Chromium: an application saved as a draft with a scan, left, found again in "My dossiers",
 * resumed with its scan and submitted; and an applicant answering a request for papers through their own form (a
 * scan for one paper, the other promised on paper), then withdrawing the dossier — first refused because the office
 * acted on it meanwhile, with the reason kept and the change explained.
 */
@DatabaseTest
@Tag("browser")
class PortalBrowserTests {

    static final byte[] PDF = "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n".getBytes(StandardCharsets.UTF_8);
    static WebDriver browser;

    @LocalServerPort
    int port;
    @Autowired
    TestClock clock;
    @Autowired
    Calendars calendars;
    @Autowired
    Procedures procedures;
    @Autowired
    Dossiers dossiers;
    @Autowired
    Accounts accounts;
    @Autowired
    JdbcClient jdbc;

    Path scan;

    @BeforeAll
    static void openBrowser() {
        browser = Browsers.open(1600);
    }

    @AfterAll
    static void closeBrowser() {
        if (browser != null) browser.quit();
    }

    @BeforeEach
    void morning() throws Exception {
        DossierFixtures.ensureProcedures(procedures);
        DossierFixtures.nextWorkingMorning(clock, calendars);
        jdbc.sql("delete from dossier.draft where account_id in (select id from identity.account where username = 'citizen1.hanoi')").update();
        Files.createDirectories(Path.of("target"));
        scan = Path.of("target", "to-khai-scan.pdf").toAbsolutePath();
        Files.write(scan, PDF);
    }

    @Test
    void anApplicationIsSavedAsADraftLeftResumedWithItsScanAndSubmitted() throws Exception {
        signIn("citizen1.hanoi");
        browser.get(url("/tenants/hanoi/apply?procedure=" + DossierFixtures.PROCEDURE));
        browser.findElement(By.id("applicant-phone")).sendKeys("0987 654 321");
        browser.findElement(By.id("file-0")).sendKeys(scan.toString());
        browser.findElement(By.id("draft-save")).click();

        wait(ExpectedConditions.presenceOfElementLocated(By.id("draft-saved")));
        assertThat(browser.getCurrentUrl()).contains("/tenants/hanoi/apply?draft=");
        var saved = browser.findElements(By.cssSelector("#papers li[data-index='0'] .saved-files li a"));
        assertThat(saved).extracting(WebElement::getText).containsExactly("to-khai-scan.pdf");
        assertThat(browser.findElement(By.cssSelector("#papers li[data-index='0'] .remove-file")).getAttribute("aria-label"))
                .isEqualTo("Xóa tệp to-khai-scan.pdf");
        Browsers.screenshot(browser, "portal-draft-saved-vi");
        browser.manage().window().setSize(new Dimension(390, 1600));
        Browsers.screenshot(browser, "portal-draft-saved-phone-vi");
        browser.manage().window().setSize(new Dimension(1280, 1600));

        // leave, and find it again among "My dossiers"
        browser.get(url("/"));
        browser.get(url("/tenants/hanoi/dossiers"));
        var row = browser.findElement(By.cssSelector("#draft-list tbody tr"));
        assertThat(row.getText()).contains(DossierFixtures.PROCEDURE);
        assertThat(row.findElements(By.tagName("td")).get(2).getText()).isEqualTo("1");
        Browsers.screenshot(browser, "portal-drafts-list-vi");
        row.findElement(By.cssSelector("a.draft-resume")).click();

        wait(ExpectedConditions.presenceOfElementLocated(By.id("draft-facts")));
        assertThat(browser.findElement(By.id("applicant-phone")).getAttribute("value")).isEqualTo("0987 654 321");
        assertThat(browser.findElements(By.cssSelector("#papers li[data-index='0'] .saved-files li"))).hasSize(1);
        browser.findElement(By.id("apply-send")).click();

        wait(ExpectedConditions.urlMatches(".*/tenants/hanoi/dossiers/00004-\\d{6}-\\d{4}$"));
        var section = browser.findElement(By.cssSelector("section.dossier"));
        assertThat(section.getAttribute("data-status")).isEqualTo("1");
        var code = browser.findElement(By.id("code")).getText();
        var papers = browser.findElements(By.cssSelector("#components tbody tr"));
        assertThat(papers).hasSize(1);
        assertThat(papers.getFirst().getText()).contains("Tờ khai", "Có");
        var stored = dossiers.read(citizen(), HANOI, code);
        assertThat(stored.applicant().phone()).isEqualTo("0987 654 321");
        assertThat(stored.flags().digitised()).isTrue();
        assertThat(jdbc.sql("select count(*) from dossier.attachment a join dossier.dossier d on d.id = a.dossier_id where d.code = :c")
                .param("c", code).query(Long.class).single()).isEqualTo(1);
        browser.get(url("/tenants/hanoi/dossiers"));
        assertThat(browser.findElements(By.id("draft-list"))).as("the draft is gone").isEmpty();
    }

    @Test
    void theApplicantAnswersARequestForPapersAndWithdrawsThroughTheirOwnForms() throws Exception {
        var citizen = citizen();
        var code = dossiers.submit(citizen, HANOI, new Dossiers.Submission(DossierFixtures.PROCEDURE, null,
                new Dossier.Applicant("Nguyễn Văn An", null, "0987 111 222", null, null, false),
                List.of(new Dossier.Component("Tờ khai", 1, 0, false)), null, "00004", null, null, null, null, null, List.of()), null).code();
        dossiers.act(staff("head.00004"), HANOI, code, 1, command(DossierAction.ASSIGN, "clerk.00004", List.of()), null);
        dossiers.act(staff("clerk.00004"), HANOI, code, 2, command(DossierAction.REQUEST_SUPPLEMENT, null,
                List.of("Bản sao giấy khai sinh", "Giấy xác nhận cư trú")), null);

        signIn("citizen1.hanoi");
        browser.get(url("/tenants/hanoi/dossiers/" + code));
        assertThat(browser.findElements(By.cssSelector("form[data-action='SUPPLEMENT'], form[data-action='WITHDRAW']")))
                .as("no generic forms for the applicant").isEmpty();
        assertThat(browser.findElements(By.cssSelector("#supplement-items li label:first-child")).stream().map(WebElement::getText).toList())
                .containsExactly("Bản sao giấy khai sinh", "Giấy xác nhận cư trú");
        browser.findElement(By.id("supplement-file-0")).sendKeys(scan.toString());
        browser.findElement(By.id("supplement-paper-1")).click();
        browser.findElement(By.id("supplement-note")).sendKeys("Tôi sẽ mang giấy xác nhận đến bộ phận một cửa");
        Browsers.screenshot(browser, "portal-supplement-form-vi");
        browser.findElement(By.id("supplement-send")).click();

        wait(ExpectedConditions.presenceOfElementLocated(By.id("done")));
        assertThat(browser.findElement(By.id("done")).getText()).contains("Đã gửi giấy tờ bổ sung");
        assertThat(browser.findElement(By.cssSelector("section.dossier")).getAttribute("data-status")).isEqualTo("1");
        var lines = browser.findElements(By.cssSelector("#timeline tbody tr"));
        assertThat(lines.getLast().getAttribute("data-action")).isEqualTo("SUPPLEMENT");
        assertThat(lines.getLast().getText()).contains("Tôi sẽ mang giấy xác nhận", "Bản sao giấy khai sinh");
        assertThat(browser.findElements(By.id("supplement"))).isEmpty();

        // the office acts while the applicant fills in the withdrawal: refused, explained, the reason kept
        browser.findElement(By.id("withdraw-title")).click();
        dossiers.act(staff("head.00004"), HANOI, code, 4, command(DossierAction.ASSIGN, "clerk.00004", List.of()), null);
        browser.findElement(By.id("withdraw-reason")).sendKeys("Tôi không cần kết quả nữa");
        browser.findElement(By.id("withdraw-confirm")).click();
        browser.findElement(By.id("withdraw-send")).click();
        wait(ExpectedConditions.presenceOfElementLocated(By.id("refusal-changed")));
        assertThat(browser.findElement(By.id("refusal")).getAttribute("data-code")).isEqualTo("dossier-stale");
        assertThat(browser.findElement(By.id("withdraw-reason")).getAttribute("value")).isEqualTo("Tôi không cần kết quả nữa");
        Browsers.screenshot(browser, "portal-withdraw-stale-vi");

        browser.findElement(By.id("withdraw-confirm")).click();
        browser.findElement(By.id("withdraw-send")).click();
        wait(ExpectedConditions.presenceOfElementLocated(By.id("done")));
        assertThat(browser.findElement(By.cssSelector("section.dossier")).getAttribute("data-status")).isEqualTo("7");
        assertThat(dossiers.read(citizen, HANOI, code).state()).isEqualTo(Dossier.State.WITHDRAWN);
    }

    private static Dossiers.Command command(DossierAction action, String to, List<String> items) {
        return new Dossiers.Command(action, to, null, action == DossierAction.REQUEST_SUPPLEMENT ? "Thiếu giấy tờ" : null, items,
                List.of(), null, null);
    }

    private void signIn(String username) {
        browser.manage().deleteAllCookies();
        Browsers.signIn(browser, url(""), "vi", Api.demoAccounts().get(username), new Api(port, clock));
    }

    private CurrentUser citizen() {
        return accounts.find("citizen1.hanoi").orElseThrow().asCurrentUser();
    }

    private CurrentUser staff(String username) {
        return accounts.find(username).orElseThrow().asCurrentUser();
    }

    private <T> void wait(org.openqa.selenium.support.ui.ExpectedCondition<T> condition) {
        new WebDriverWait(browser, Duration.ofSeconds(10))
                .ignoring(org.openqa.selenium.StaleElementReferenceException.class).until(condition);
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }
}
