package org.onedoor.scenarios;

import static org.assertj.core.api.Assertions.assertThat;
import static org.onedoor.dossier.DossierFixtures.act;

import com.icegreen.greenmail.util.GreenMail;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.onedoor.DatabaseTest;
import org.onedoor.TestClock;
import org.onedoor.calendar.Calendars;
import org.onedoor.dossier.DossierFixtures;
import org.onedoor.identity.Api;
import org.onedoor.notification.Mailbox;
import org.onedoor.procedure.Procedures;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.mail.javamail.JavaMailSender;

/**
 * Issue 7's journey, in Chromium: a citizen registers and verifies their e-mail, applies online for a birth
 * registration (1.001193) with the scan of the birth certificate, the ward receives and processes it, the citizen sees
 * the new status and gets the e-mail, downloads the electronic result once returned, and rates the service.
 */
@DatabaseTest
@Tag("browser")
class CitizenJourneyBrowserTests {

    private static final Pattern CODE = Pattern.compile("\\b(\\d{6})\\b");
    private static final byte[] SCAN = "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] RESULT = "%PDF-1.4\n% Giay khai sinh\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);

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
    GreenMail greenMail;
    @Autowired
    JavaMailSender mailSender;

    @BeforeAll
    static void openBrowser() {
        browser = Browsers.open(1400);
    }

    @AfterAll
    static void closeBrowser() {
        if (browser != null) browser.quit();
    }

    @Test
    void aCitizenRegistersAppliesForABirthRegistrationFollowsItDownloadsTheResultAndRatesTheService() throws Exception {
        var api = new Api(port, clock);
        var staff = DossierFixtures.start(api, procedures, clock, calendars);
        var mail = new Mailbox(greenMail, mailSender);
        var wait = new WebDriverWait(browser, Duration.ofSeconds(15));
        var email = "me." + UUID.randomUUID().toString().substring(0, 8) + "@example.vn";
        var password = "Một mật khẩu đủ dài 2026";

        // registers, and verifies the e-mail with the code sent to it
        browser.get(url("/register?lang=vi"));
        new Select(browser.findElement(By.id("tenant"))).selectByValue("hanoi");
        browser.findElement(By.id("fullName")).sendKeys("Phạm Thị Mai");
        browser.findElement(By.id("citizenId")).sendKeys("001190" + String.format("%06d", (int) (Math.random() * 1_000_000)));
        browser.findElement(By.id("email")).sendKeys(email);
        browser.findElement(By.id("password")).sendKeys(password);
        browser.findElement(By.cssSelector("form.stacked button")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("code")));
        var codeMail = mail.awaitTo(email);
        var matcher = CODE.matcher(Mailbox.text(codeMail));
        assertThat(matcher.find()).as("a six-digit code in the e-mail").isTrue();
        browser.findElement(By.id("code")).sendKeys(matcher.group(1));
        browser.findElement(By.cssSelector("form.stacked button")).click();
        wait.until(ExpectedConditions.urlContains("/login"));
        Browsers.signIn(browser, url(""), "vi", new Api.Credentials(email, password, "", "CITIZEN", "", "hanoi"), api);

        // applies online: the birth certificate is the one paper every applicant must send
        browser.get(url("/tenants/hanoi/apply?procedure=1.001193"));
        assertThat(browser.findElement(By.id("procedure-name")).getText()).isEqualTo("Thủ tục đăng ký khai sinh");
        assertThat(browser.findElements(By.cssSelector("#papers li"))).as("every paper the catalogue lists").hasSize(33);
        var required = browser.findElements(By.cssSelector("#papers li[data-mandatory=true]"));
        assertThat(required).singleElement().extracting(WebElement::getText).asString().startsWith("Giấy chứng sinh");
        assertThat(browser.findElement(By.id("applicant-name")).getAttribute("value")).as("the account's name").isEqualTo("Phạm Thị Mai");
        type(browser.findElement(By.id("applicant-phone")), "0912 345 678");
        type(browser.findElement(By.id("applicant-email")), email);
        var scan = Files.write(Files.createTempFile("giay-chung-sinh", ".pdf"), SCAN);
        required.getFirst().findElement(By.cssSelector("input[type=file]")).sendKeys(scan.toString());
        new Select(browser.findElement(By.id("receiving-unit"))).selectByValue("00004");
        browser.findElement(By.id("apply-send")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("code")));
        var code = browser.findElement(By.id("code")).getText();
        assertThat(browser.findElement(By.id("national")).getText()).endsWith(" 1 (receiving)");

        // the ward receives it: its head gives it to the clerk, who accepts it (1.001193 states no time unit: 1 working day)
        act(api, staff.head(), code, 1, "ASSIGN", Map.of("to", "clerk.00004"));
        act(api, staff.clerk(), code, 2, "ACCEPT", Map.of("timeLimit", Map.of("value", 1, "unit", "WORKING_DAYS")));
        browser.navigate().refresh();
        assertThat(browser.findElement(By.id("national")).getText()).endsWith(" 2 (new)");
        var received = awaitMail(mail, email, m -> Mailbox.subject(m).contains(code));
        assertThat(Mailbox.subject(received)).isEqualTo("Hồ sơ " + code + " đã được tiếp nhận");
        assertThat(Mailbox.text(received)).contains("Phạm Thị Mai", "/tenants/hanoi/track?code=" + code);

        // processed: the specialist attaches the electronic result, the head approves, the clerk returns it
        act(api, staff.clerk(), staff.specialist(), code, 3, "FORWARD", Map.of("to", "specialist.00004"));
        var upload = HttpRequest.newBuilder(URI.create(url("/api/v1/tenants/hanoi/dossiers/" + code + "/attachments/result")))
                .POST(HttpRequest.BodyPublishers.ofByteArray(RESULT)).header("Authorization", "Bearer " + staff.specialist())
                .header("Content-Type", "application/pdf").header("X-File-Name", "giay-khai-sinh.pdf").build();
        try (var http = HttpClient.newHttpClient()) {
            assertThat(http.send(upload, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(201);
        }
        act(api, staff.specialist(), staff.head(), code, 4, "PROPOSE", Map.of("to", "head.00004"));
        act(api, staff.head(), staff.clerk(), code, 5, "APPROVE", Map.of());
        act(api, staff.clerk(), code, 6, "RETURN_RESULT", Map.of());

        // the citizen sees it returned, downloads the result, and rates the service
        browser.navigate().refresh();
        assertThat(browser.findElement(By.id("national")).getText()).endsWith(" 10 (done)");
        var link = browser.findElement(By.cssSelector("#results a"));
        assertThat(link.getText()).isEqualTo("giay-khai-sinh.pdf");
        var session = browser.manage().getCookieNamed("__Host-onedoor");
        var download = HttpRequest.newBuilder(URI.create(link.getAttribute("href")))
                .header("Cookie", session.getName() + "=" + session.getValue()).GET().build();
        try (var http = HttpClient.newHttpClient()) {
            var file = http.send(download, HttpResponse.BodyHandlers.ofByteArray());
            assertThat(file.statusCode()).isEqualTo(200);
            assertThat(file.body()).isEqualTo(RESULT);
        }
        browser.findElement(By.id("rating-5")).click();
        browser.findElement(By.id("rating-comment")).sendKeys("Nhanh, không phải đi lại");
        browser.findElement(By.id("rating-send")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("rating-given")));
        assertThat(browser.findElement(By.id("rating-given")).getText()).contains("Nhanh, không phải đi lại");
        assertThat(browser.findElements(By.id("rating-form"))).as("rated once").isEmpty();
        Browsers.screenshot(browser, "citizen-journey-rated-vi");
    }

    private static void type(WebElement field, String text) {
        field.clear();
        field.sendKeys(text);
    }

    private static MimeMessage awaitMail(Mailbox mail, String address, Predicate<MimeMessage> wanted) {
        for (int i = 0; i < 300; i++) {
            var found = mail.to(address).stream().filter(wanted).findFirst();
            if (found.isPresent()) return found.get();
            Mailbox.pause(100);
        }
        throw new AssertionError("no such mail to " + address);
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }
}
