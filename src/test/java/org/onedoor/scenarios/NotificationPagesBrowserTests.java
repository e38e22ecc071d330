package org.onedoor.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.onedoor.DatabaseTest;
import org.onedoor.TestClock;
import org.onedoor.identity.Api;
import org.onedoor.notification.Mailbox;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.javamail.JavaMailSender;

/** An administrator finds a message the outbox gave up on, sees why, and sends it again from the console. */
@DatabaseTest
@Tag("browser")
class NotificationPagesBrowserTests {

    static WebDriver browser;

    @LocalServerPort
    int port;
    @Autowired
    TestClock clock;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    GreenMail greenMail;
    @Autowired
    JavaMailSender mailSender;

    @BeforeAll
    static void openBrowser() {
        browser = Browsers.open(1000);
    }

    @AfterAll
    static void closeBrowser() {
        if (browser != null) browser.quit();
    }

    @Test
    void anAdministratorRetriesAMessageTheOutboxGaveUpOn() throws Exception {
        var address = "giveup." + UUID.randomUUID().toString().substring(0, 8) + "@example.vn";
        var id = givenUp(address);
        var wait = new WebDriverWait(browser, Duration.ofSeconds(10));
        Browsers.signIn(browser, "http://localhost:" + port, "vi", Api.demoAccounts().get("admin.hanoi"), new Api(port, clock));

        browser.get("http://localhost:" + port + "/console");
        browser.findElement(By.id("console-notifications")).click();

        var row = browser.findElement(By.cssSelector("tr[data-id='" + id + "']"));
        assertThat(row.getText()).contains("Ngừng gửi", "Thư điện tử", "g***@example.vn", "Tiếp nhận hồ sơ",
                "ConnectException: Connection refused").doesNotContain(address);
        Browsers.screenshot(browser, "notifications-attention-vi");

        row.findElement(By.cssSelector("button.retry")).click();

        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("done")));
        assertThat(browser.findElement(By.id("done")).getText()).isEqualTo("Tin nhắn đã được gửi lại.");
        assertThat(browser.findElements(By.cssSelector("tr[data-id='" + id + "']"))).as("no longer needing attention").isEmpty();
        assertThat(Mailbox.subject(new Mailbox(greenMail, mailSender).awaitTo(address))).isEqualTo("Hồ sơ 00004-261125-0042 đã được tiếp nhận");
    }

    /** A message to the address that failed six times and was given up. */
    private UUID givenUp(String address) {
        var id = UUID.randomUUID();
        jdbc.sql("""
                insert into notification.outbox (tenant_id, id, channel, address, template_key, locale, subject, body, status, attempts,
                                                 next_attempt_at, last_attempt_at, last_error, created_at, dedupe_key)
                values ('hanoi', :id, 'EMAIL', :address, 'dossier-received', 'vi', 'Hồ sơ 00004-261125-0042 đã được tiếp nhận',
                        'Chào Nguyễn Văn An, …', 'FAILED', 6, :now, :now, 'ConnectException: Connection refused', :now, :key)""")
                .param("now", clock.instant().atOffset(java.time.ZoneOffset.UTC)).param("id", id).param("address", address).param("key", "browser:" + id).update();
        return id;
    }
}
