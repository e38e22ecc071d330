package org.onedoor.scenarios;

import static org.assertj.core.api.Assertions.assertThat;
import static org.onedoor.dossier.DossierFixtures.HANOI;
import static org.onedoor.dossier.DossierFixtures.ZONE;

import java.time.Duration;
import java.time.format.DateTimeFormatter;
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
import org.onedoor.procedure.Procedures;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The one-stop shop in Chromium: a clerk receives a dossier at the counter and prints the receipt, the specialist finds
 * it in their queue and proposes, the head approves, the clerk returns the result and the process-control slip shows
 * every hand-over with its result; and a supplement round — asked for (first without the papers, refused with the
 * rule broken), shown on the dossier, recorded by the clerk — after which the dossier, its time run out, is marked
 * late in the queue; and a petition (phản ánh) a citizen sends from their dossier, the ward's head answers on the
 * petitions page, and the citizen reads the answer.
 */
@DatabaseTest
@Tag("browser")
class DossierPagesBrowserTests {

    static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("HH:mm dd/MM/yyyy");
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

    @BeforeAll
    static void openBrowser() {
        browser = Browsers.open(2000);
    }

    @AfterAll
    static void closeBrowser() {
        if (browser != null) browser.quit();
    }

    @BeforeEach
    void morning() {
        DossierFixtures.ensureProcedures(procedures);
        DossierFixtures.nextWorkingMorning(clock, calendars);
    }

    @Test
    void aCounterDossierIsReceivedPrintedHandedOnApprovedAndReturned() throws Exception {
        signIn("clerk.00004");
        browser.get(url("/console"));
        browser.findElement(By.id("console-reception")).click();
        browser.findElement(By.id("procedure-code")).sendKeys(DossierFixtures.PROCEDURE);
        browser.findElement(By.id("choose-procedure")).click();
        wait(ExpectedConditions.presenceOfElementLocated(By.id("reception-form")));
        assertThat(browser.findElement(By.cssSelector("#papers tr[data-index='0']")).getText()).contains("Tờ khai");
        assertThat(browser.findElement(By.id("competent-unit")).getAttribute("value")).as("the clerk's ward").isEqualTo("00004");
        browser.findElement(By.id("applicant-name")).sendKeys("Trần Thị Bình");
        browser.findElement(By.id("applicant-id")).sendKeys("001190012345");
        browser.findElement(By.id("applicant-phone")).sendKeys("0912 345 678");
        browser.findElement(By.id("component-0")).click();
        browser.findElement(By.name("digitised.0")).click();
        Browsers.screenshot(browser, "dossier-reception-vi");
        browser.findElement(By.id("receive")).click();

        // the receipt (form 01), ready to print
        wait(ExpectedConditions.urlContains("/receipt"));
        var code = text("receipt-code");
        assertThat(code).matches("00004-\\d{6}-\\d{4}");
        var stored = dossiers.read(staff("clerk.00004"), HANOI, code);
        assertThat(browser.findElement(By.cssSelector("section.receipt")).getAttribute("data-form")).isEqualTo("01");
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualToIgnoringCase("Giấy tiếp nhận hồ sơ và hẹn trả kết quả");
        assertThat(text("receipt-applicant")).isEqualTo("Trần Thị Bình");
        assertThat(text("receipt-phone")).isEqualTo("0912 345 678");
        assertThat(text("receipt-procedure")).isNotBlank();
        assertThat(text("receipt-time-limit")).isEqualTo("5 ngày làm việc");
        assertThat(text("receipt-received")).isEqualTo(SHOWN.format(stored.receivedAt().atZone(ZONE)));
        assertThat(text("receipt-due")).isEqualTo(SHOWN.format(stored.dueAt().atZone(ZONE)));
        assertThat(text("receipt-where")).contains("Ba Đình");
        assertThat(text("receipt-clerk")).isEqualTo("Cán bộ một cửa phường Ba Đình");
        assertThat(browser.findElements(By.cssSelector("#receipt-components tbody tr"))).hasSize(1);
        assertThat(browser.findElement(By.id("print")).isDisplayed()).isTrue();
        Browsers.screenshot(browser, "dossier-receipt-vi");

        // the clerk forwards it to the ward's specialist
        browser.findElement(By.id("dossier-link")).click();
        assertThat(text("status")).isEqualTo("Được tiếp nhận");
        assertThat(text("national")).contains("2", "new");
        assertThat(text("id-number")).as("masked for staff").contains("*").doesNotContain("1190012");
        act("FORWARD", "specialist.00004");
        assertThat(text("status")).isEqualTo("Đang xử lý");
        assertThat(text("owner")).contains("Chuyên viên phường Ba Đình");

        // the specialist finds it in their own queue, on track, and proposes it to the head
        signIn("specialist.00004");
        var row = inQueue("/tenants/hanoi/dossiers", code);
        assertThat(row.getAttribute("data-risk")).isEqualTo("ON_TRACK");
        assertThat(row.findElement(By.cssSelector(".badge")).getText()).isEqualTo("Trong hạn");
        assertThat(row.findElement(By.cssSelector(".remaining")).getText()).startsWith("còn ").contains(" giờ ", " phút");
        Browsers.screenshot(browser, "dossier-queue-vi");
        row.findElement(By.cssSelector("a.dossier-link")).click();
        act("PROPOSE", "head.00004");

        // the head approves; the result goes back to the clerk's counter
        signIn("head.00004");
        browser.get(url("/tenants/hanoi/dossiers/" + code));
        act("APPROVE", "clerk.00004");
        assertThat(text("status")).isEqualTo("Đã xử lý xong");

        // the clerk returns the result
        signIn("clerk.00004");
        browser.get(url("/tenants/hanoi/dossiers/" + code));
        act("RETURN_RESULT", null);
        assertThat(text("status")).isEqualTo("Đã trả kết quả");
        assertThat(browser.findElement(By.cssSelector("section.dossier")).getAttribute("data-status")).isEqualTo("10");
        assertThat(browser.findElements(By.cssSelector("form.action"))).as("a closed dossier").isEmpty();
        var lines = browser.findElements(By.cssSelector("#timeline tbody tr"));
        assertThat(lines).hasSize(5);
        assertThat(lines.stream().map(l -> l.getAttribute("data-action")).toList())
                .containsExactly("RECEIVE", "FORWARD", "PROPOSE", "APPROVE", "RETURN_RESULT");
        assertThat(lines.stream().map(l -> l.getAttribute("data-result")).toList())
                .containsExactly(null, "ON_TIME", "EARLY", "ON_TIME", "ON_TIME");
        assertThat(lines.get(2).findElement(By.cssSelector(".result")).getText()).isEqualTo("Trước hạn");
        assertThat(lines.get(1).getText()).contains("Cán bộ một cửa phường Ba Đình", "Chuyên viên phường Ba Đình");
        Browsers.screenshot(browser, "dossier-returned-vi");
    }

    @Test
    void aSupplementRoundStopsTheClockAndTheClerkRecordsThePapers() throws Exception {
        var clerk = staff("clerk.00004");
        var received = dossiers.submit(clerk, HANOI, new Dossiers.Submission(DossierFixtures.PROCEDURE, null,
                new Dossier.Applicant("Phạm Văn Dũng", null, "0987 111 222", null, null, false),
                List.of(new Dossier.Component("Tờ khai", 1, 0, false)), null, null, null, null, null, null, null, List.of()), null);
        var code = received.code();
        dossiers.act(clerk, HANOI, code, received.version(), new Dossiers.Command(DossierAction.FORWARD, "specialist.00004", null,
                null, List.of(), List.of(), null, null), null);

        // asked without saying which papers: refused with the rule broken, nothing changed, what was typed kept
        signIn("specialist.00004");
        browser.get(url("/tenants/hanoi/dossiers/" + code));
        browser.findElement(By.id("reason-REQUEST_SUPPLEMENT")).sendKeys("Thiếu giấy tờ chứng minh");
        browser.findElement(By.id("act-REQUEST_SUPPLEMENT")).click();
        assertThat(browser.findElement(By.id("refusal")).getAttribute("data-code")).isEqualTo("dossier-refused");
        assertThat(browser.findElements(By.cssSelector("#refusal li")).stream().map(e -> e.getAttribute("data-code")).toList())
                .containsExactly("dossier-items-required");
        assertThat(text("status")).isEqualTo("Đang xử lý");
        assertThat(browser.findElement(By.id("reason-REQUEST_SUPPLEMENT")).getAttribute("value")).isEqualTo("Thiếu giấy tờ chứng minh");
        Browsers.screenshot(browser, "dossier-refused-action-vi");

        browser.findElement(By.id("items-REQUEST_SUPPLEMENT")).sendKeys("Bản sao giấy khai sinh\nGiấy xác nhận thông tin cư trú");
        browser.findElement(By.id("act-REQUEST_SUPPLEMENT")).click();
        wait(ExpectedConditions.textToBe(By.id("status"), "Yêu cầu bổ sung giấy tờ"));
        assertThat(browser.findElement(By.cssSelector("section.dossier")).getAttribute("data-status")).isEqualTo("5");
        assertThat(browser.findElements(By.cssSelector("#asked li")).stream().map(WebElement::getText).toList())
                .containsExactly("Bản sao giấy khai sinh", "Giấy xác nhận thông tin cư trú");
        assertThat(browser.findElements(By.id("paused"))).hasSize(1);
        assertThat(browser.findElements(By.id("refusal"))).isEmpty();
        Browsers.screenshot(browser, "dossier-supplement-asked-vi");

        // the applicant brings them to the counter; the clerk records them and the clock runs again
        signIn("clerk.00004");
        browser.get(url("/tenants/hanoi/dossiers/" + code));
        assertThat(browser.findElement(By.id("components-SUPPLEMENT")).getAttribute("value")).as("the papers asked for")
                .isEqualTo("Bản sao giấy khai sinh\nGiấy xác nhận thông tin cư trú");
        browser.findElement(By.cssSelector("form[data-action='SUPPLEMENT'] input[name='digitised']")).click();
        browser.findElement(By.id("act-SUPPLEMENT")).click();
        wait(ExpectedConditions.textToBe(By.id("status"), "Đang xử lý"));
        assertThat(browser.findElement(By.cssSelector("section.dossier")).getAttribute("data-status")).isEqualTo("4");
        assertThat(browser.findElements(By.cssSelector("#asked"))).isEmpty();
        assertThat(browser.findElements(By.cssSelector("#components tbody tr"))).hasSize(3);
        var lines = browser.findElements(By.cssSelector("#timeline tbody tr"));
        assertThat(lines.stream().map(l -> l.getAttribute("data-action")).toList())
                .containsExactly("RECEIVE", "FORWARD", "REQUEST_SUPPLEMENT", "SUPPLEMENT");
        assertThat(lines.get(2).getText()).contains("Thiếu giấy tờ chứng minh", "Bản sao giấy khai sinh");

        // its legal time runs out: the specialist's queue marks it late, in words
        var legalDue = dossiers.read(clerk, HANOI, code).legalDueAt();
        clock.advance(Duration.between(clock.instant(), legalDue.plusSeconds(90 * 60)));
        signIn("specialist.00004");
        var row = inQueue("/tenants/hanoi/dossiers?overdue=true", code);
        assertThat(row.getAttribute("data-risk")).isEqualTo("LATE");
        assertThat(row.getAttribute("class")).contains("risk-LATE");
        assertThat(row.findElement(By.cssSelector(".badge")).getText()).isEqualTo("⚠ Quá hạn");
        assertThat(row.findElement(By.cssSelector(".remaining")).getText()).startsWith("quá ");
        Browsers.screenshot(browser, "dossier-queue-late-vi");
    }

    @Test
    void aCitizenSendsAPetitionTheWardAnswersItOnItsPetitionsPageAndTheCitizenReadsTheAnswer() throws Exception {
        var code = dossiers.submit(staff("citizen1.hanoi"), HANOI, new Dossiers.Submission(DossierFixtures.PROCEDURE, null,
                new Dossier.Applicant("Nguyễn Văn An", null, "0912 000 333", null, null, false),
                List.of(new Dossier.Component("Tờ khai", 1, 0, true)), null, "00004", null, null, null, null, null, List.of()), null).code();

        // the applicant writes from the dossier page: feedback, a subject and the text
        signIn("citizen1.hanoi");
        browser.get(url("/tenants/hanoi/dossiers/" + code));
        assertThat(text("petitions")).contains("Gửi phản ánh, kiến nghị", "15 ngày làm việc");
        browser.findElement(By.id("petition-kind-FEEDBACK")).click();
        browser.findElement(By.id("petition-subject")).sendKeys("Chưa được tiếp nhận");
        browser.findElement(By.id("petition-text")).sendKeys("Tôi nộp hồ sơ trực tuyến nhưng chưa thấy phường tiếp nhận.\nĐề nghị phường kiểm tra.");
        Browsers.screenshot(browser, "petition-form-vi");
        browser.findElement(By.id("petition-send")).click();
        wait(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#petitions article.petition")));
        var sent = browser.findElement(By.cssSelector("#petitions article.petition"));
        var id = sent.getAttribute("id").substring("petition-".length());
        assertThat(sent.getAttribute("data-status")).isEqualTo("OPEN");
        assertThat(sent.findElement(By.cssSelector(".badge")).getText()).isEqualTo("Phản ánh");
        assertThat(sent.findElement(By.cssSelector(".subject")).getText()).isEqualTo("Chưa được tiếp nhận");
        assertThat(sent.findElement(By.cssSelector(".meta")).getText()).contains("Phường Ba Đình", "hạn trả lời 17:00");
        assertThat(sent.findElement(By.cssSelector(".awaiting")).getText()).isEqualTo("Đang chờ trả lời");
        assertThat(browser.findElements(By.id("petition-refusal"))).isEmpty();

        // the ward's head: the petitions page is on the console; from the dossier, its answer form
        signIn("head.00004");
        browser.get(url("/console"));
        browser.findElement(By.id("console-petitions")).click();
        wait(ExpectedConditions.urlContains("/tenants/hanoi/petitions"));
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Phản ánh, kiến nghị cần trả lời");
        browser.get(url("/tenants/hanoi/dossiers/" + code));
        browser.findElement(By.cssSelector("#petition-" + id + " a.answer-link")).click();
        wait(ExpectedConditions.urlContains("dossier=" + code));
        var listed = browser.findElement(By.id("petition-" + id));
        assertThat(listed.getAttribute("data-status")).isEqualTo("OPEN");
        assertThat(listed.getText()).contains(code, "Nguyễn Văn An", "Tôi nộp hồ sơ trực tuyến", "Đang chờ trả lời");
        browser.findElement(By.id("answer-text-" + id)).sendKeys("Phường đã tiếp nhận hồ sơ của ông hôm nay; kết quả sẽ có đúng hẹn.");
        Browsers.screenshot(browser, "petitions-page-vi");
        browser.findElement(By.id("answer-send-" + id)).click();
        wait(ExpectedConditions.presenceOfElementLocated(By.id("done-" + id)));
        assertThat(browser.findElement(By.id("petition-" + id)).getAttribute("data-status")).isEqualTo("ANSWERED");
        assertThat(browser.findElements(By.id("answer-send-" + id))).as("answered once, for good").isEmpty();
        Browsers.screenshot(browser, "petitions-answered-vi");

        // the applicant reads the answer on the dossier page
        signIn("citizen1.hanoi");
        browser.get(url("/tenants/hanoi/dossiers/" + code));
        var answered = browser.findElement(By.id("petition-" + id));
        assertThat(answered.getAttribute("data-status")).isEqualTo("ANSWERED");
        assertThat(answered.findElement(By.cssSelector(".answer-text")).getText())
                .isEqualTo("Phường đã tiếp nhận hồ sơ của ông hôm nay; kết quả sẽ có đúng hẹn.");
        assertThat(answered.findElement(By.cssSelector(".answer .meta")).getText()).contains("Chủ tịch UBND phường Ba Đình", "Phường Ba Đình");
        assertThat(answered.findElements(By.cssSelector(".awaiting"))).isEmpty();
        Browsers.screenshot(browser, "petition-answered-vi");
    }

    /** Fills the action's "to" field when given, takes the action, and waits for the dossier page again. */
    private void act(String action, String to) {
        var version = browser.findElement(By.cssSelector("section.dossier")).getAttribute("data-version");
        if (to != null) browser.findElement(By.id("to-" + action)).sendKeys(to);
        browser.findElement(By.id("act-" + action)).click();
        wait(ExpectedConditions.not(ExpectedConditions.attributeToBe(By.cssSelector("section.dossier"), "data-version", version)));
        assertThat(browser.findElements(By.id("refusal"))).as(action).isEmpty();
    }

    /** The dossier's row in a queue, turning its pages (other tests' dossiers may come first). */
    private WebElement inQueue(String path, String code) {
        browser.get(url(path));
        var row = By.cssSelector("#queue tr[data-code='" + code + "']");
        for (int page = 0; page < 50 && browser.findElements(row).isEmpty(); page++) {
            var before = browser.findElement(By.id("count"));
            browser.findElement(By.cssSelector(".pager a[rel='next']")).click();
            wait(ExpectedConditions.stalenessOf(before));
        }
        return browser.findElement(row);
    }

    private void signIn(String username) {
        browser.manage().deleteAllCookies();
        Browsers.signIn(browser, url(""), "vi", Api.demoAccounts().get(username), new Api(port, clock));
    }

    /** A demo account as the services see it (a member of staff, or a citizen). */
    private org.onedoor.identity.CurrentUser staff(String username) {
        return accounts.find(username).orElseThrow().asCurrentUser();
    }

    private String text(String id) {
        return browser.findElement(By.id(id)).getText();
    }

    /** Waits for the condition; an element replaced while the next page loads is looked up again, not an error. */
    private <T> void wait(org.openqa.selenium.support.ui.ExpectedCondition<T> condition) {
        new WebDriverWait(browser, Duration.ofSeconds(10))
                .ignoring(org.openqa.selenium.StaleElementReferenceException.class).until(condition);
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }
}
