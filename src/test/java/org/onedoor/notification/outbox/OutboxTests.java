package org.onedoor.notification.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.onedoor.DatabaseTest;
import org.onedoor.TestClock;
import org.onedoor.identity.Api;
import org.onedoor.notification.Channel;
import org.onedoor.notification.Mailbox;
import org.onedoor.notification.Message;
import org.onedoor.notification.Notifications;
import org.onedoor.notification.delivery.Deliveries;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The outbox keeps its promises with a real SMTP server (GreenMail) that is up, down or back: a message goes only once
 * its transaction commits, a failure is retried after the backoff, the last failure is given up and shown to the city's
 * operators (page and API, retry and cancel audited), and what was committed before a restart is delivered by a fresh
 * dispatcher. The test profile allows three attempts.
 */
@DatabaseTest
class OutboxTests {

    @LocalServerPort
    int port;
    @Autowired
    TestClock clock;
    @Autowired
    Notifications notifications;
    @Autowired
    Dispatcher dispatcher;
    @Autowired
    Outbox outbox;
    @Autowired
    Deliveries deliveries;
    @Autowired
    OutboxSettings settings;
    @Autowired
    GreenMail greenMail;
    @Autowired
    JavaMailSender mailSender;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    PlatformTransactionManager transactions;

    Mailbox mail;
    TransactionTemplate transaction;
    Api api;

    @BeforeEach
    void setUp() {
        mail = new Mailbox(greenMail, mailSender);
        transaction = new TransactionTemplate(transactions);
        api = new Api(port, clock);
    }

    @AfterEach
    void smtpBack() {
        mail.up();
    }

    @Test
    void aMessageGoesOnlyOnceItsTransactionCommits() {
        var address = address();

        var seenBeforeCommit = transaction.execute(status -> {
            assertThat(notifications.send(message(address))).isTrue();
            Mailbox.pause(200);
            return mail.to(address).size();
        });

        assertThat(seenBeforeCommit).isZero();
        assertThat(Mailbox.subject(mail.awaitTo(address))).isEqualTo("Thử nghiệm hộp thư đi");
        assertThat(row(address)).isEqualTo("SENT 1");
    }

    @Test
    void aRolledBackTransactionSendsNothing() {
        var address = address();

        transaction.executeWithoutResult(status -> {
            notifications.send(message(address));
            status.setRollbackOnly();
        });
        dispatcher.dispatchDue();

        Mailbox.pause(300);
        assertThat(mail.to(address)).isEmpty();
        assertThat(jdbc.sql("select count(*) from notification.outbox where address = :a").param("a", address).query(Long.class).single())
                .isZero();
    }

    @Test
    void aFailedDeliveryIsRetriedAfterTheBackoffAndThenDelivered() {
        var address = address();
        mail.down();

        transaction.executeWithoutResult(status -> notifications.send(message(address)));

        assertThat(row(address)).isEqualTo("PENDING 1");
        var failed = view(address);
        assertThat(failed.lastError()).contains("ConnectException").doesNotContain(address);
        assertThat(failed.nextAttemptAt()).isBetween(clock.instant().plus(Duration.ofSeconds(50)), clock.instant().plus(Duration.ofSeconds(61)));
        mail.up();
        dispatcher.dispatchDue();
        assertThat(row(address)).as("not before the backoff").isEqualTo("PENDING 1");

        clock.advance(settings.backoffAfter(1).plusSeconds(1));
        dispatcher.dispatchDue();

        assertThat(row(address)).isEqualTo("SENT 2");
        assertThat(mail.to(address)).hasSize(1);
        assertThat(view(address).lastError()).isNull();
    }

    @Test
    void aMessageThatKeepsFailingIsGivenUpThenShownRetriedAndCancelledByOperators() {
        var address = address();
        var other = address();
        mail.down();
        transaction.executeWithoutResult(status -> {
            notifications.send(message(address));
            notifications.send(message(other));
        });
        assertThat(row(address)).as("the attempt right after the commit").isEqualTo("PENDING 1");
        assertThat(row(other)).isEqualTo("PENDING 1");
        clock.advance(settings.backoffAfter(1).plusSeconds(1));
        dispatcher.dispatchDue();
        clock.advance(settings.backoffAfter(2).plusSeconds(1));
        dispatcher.dispatchDue();
        assertThat(row(address)).isEqualTo("FAILED 3");
        assertThat(row(other)).isEqualTo("FAILED 3");
        clock.advance(Duration.ofHours(5));
        dispatcher.dispatchDue();
        assertThat(row(address)).as("given up: no further attempt").isEqualTo("FAILED 3");
        var id = view(address).id();
        var otherId = view(other).id();
        mail.up();
        var admin = Api.demoAccounts().get("admin.hanoi");
        var token = api.token(admin);

        var listed = api.json(api.send("GET", "/api/v1/tenants/hanoi/notifications?status=FAILED&size=500", token, null, Map.of()));
        var item = listed.get("items").valueStream().filter(i -> i.get("id").asString().equals(id.toString())).findFirst().orElseThrow();
        assertThat(item.get("status").asString()).isEqualTo("FAILED");
        assertThat(item.get("attempts").asInt()).isEqualTo(3);
        assertThat(item.get("address").asString()).isEqualTo(Deliveries.masked(address)).doesNotContain(address);
        assertThat(item.get("lastError").asString()).contains("ConnectException");
        assertThat(item.get("createdAt").asString()).endsWith("+07:00");
        assertThat(listed.get("total").asLong()).isGreaterThanOrEqualTo(2);
        var browser = api.browser().signIn(admin);
        var page = browser.get("/tenants/hanoi/notifications");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("data-id=\"" + id + "\"", Deliveries.masked(address), "ConnectException").doesNotContain(address);

        var retried = browser.post("/tenants/hanoi/notifications/" + id + "/retry", Map.of());

        assertThat(retried.statusCode()).isEqualTo(302);
        assertThat(Mailbox.subject(mail.awaitTo(address))).isEqualTo("Thử nghiệm hộp thư đi");
        assertThat(row(address)).isEqualTo("SENT 4");
        assertThat(audited("notification.retry", id)).isEqualTo(1);

        var cancelled = api.send("POST", "/api/v1/tenants/hanoi/notifications/" + otherId + "/cancel", token, null, Map.of());

        assertThat(cancelled.statusCode()).as(cancelled.body()).isEqualTo(200);
        assertThat(api.json(cancelled).get("status").asString()).isEqualTo("CANCELLED");
        assertThat(audited("notification.cancel", otherId)).isEqualTo(1);
        var again = api.send("POST", "/api/v1/tenants/hanoi/notifications/" + otherId + "/retry", token, null, Map.of("Accept-Language", "vi"));
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(api.json(again).get("code").asString()).isEqualTo("notification-closed");
        assertThat(api.json(again).get("title").asString()).isEqualTo("Tin nhắn đã kết thúc");
        Mailbox.pause(300);
        assertThat(mail.to(other)).isEmpty();
    }

    @Test
    void aMessageWrittenClaimedWaitsForItsFirstAttemptAndIsSentByARoundIfTheNodeDiedFirst() {
        var orphan = address();
        var released = address();
        // written claimed for the attempt after the commit, and the node died before making it
        transaction.executeWithoutResult(status -> {
            outbox.insertClaimed(message(orphan), clock.instant());
            outbox.insertClaimed(message(released), clock.instant());
        });
        assertThat(rowNow(orphan)).isEqualTo("PENDING 1");

        dispatcher.dispatchDue();

        assertThat(rowNow(orphan)).as("no round takes it while its first attempt may be under way").isEqualTo("PENDING 1");
        assertThat(mail.to(orphan)).isEmpty();
        // its first attempt given back (the dispatcher's threads were busy): due at once, that attempt not counted
        outbox.release(new Outbox.Claimed("hanoi", view(released).id(), Channel.EMAIL, released, null, "", "dossier-received", 1),
                clock.instant());
        assertThat(rowNow(released)).isEqualTo("PENDING 0");
        dispatcher.dispatchDue();
        assertThat(row(released)).isEqualTo("SENT 1");

        clock.advance(settings.lease().plusSeconds(1));
        dispatcher.dispatchDue();

        assertThat(row(orphan)).isEqualTo("SENT 2");
        assertThat(mail.to(orphan)).hasSize(1);
        assertThat(mail.to(released)).hasSize(1);
    }

    @Test
    void whatWasCommittedBeforeARestartIsDeliveredByAFreshDispatcher() {
        var waiting = List.of(address(), address(), address());
        var claimedWhenItDied = address();
        // a node wrote these and died before trying them, and died while sending the last one
        transaction.executeWithoutResult(status -> {
            for (var address : waiting) outbox.insert(message(address), clock.instant());
            outbox.insert(message(claimedWhenItDied), clock.instant());
        });
        var inFlight = view(claimedWhenItDied);
        assertThat(outbox.claim("hanoi", inFlight.id(), clock.instant())).isPresent();

        var restarted = new Dispatcher(outbox, deliveries, settings, clock);
        restarted.dispatchDue();

        for (var address : waiting) {
            assertThat(mail.awaitTo(address)).isNotNull();
            assertThat(row(address)).isEqualTo("SENT 1");
        }
        assertThat(rowNow(claimedWhenItDied)).as("held by the dead node's claim").isEqualTo("PENDING 1");

        clock.advance(settings.lease().plusSeconds(1));
        restarted.dispatchDue();

        assertThat(row(claimedWhenItDied)).isEqualTo("SENT 2");
        for (var address : waiting) assertThat(mail.to(address)).hasSize(1);
        assertThat(mail.to(claimedWhenItDied)).hasSize(1);
    }

    @Test
    void aConfidentialTextIsNotKeptOnceSent() {
        var address = address();

        transaction.executeWithoutResult(status -> notifications.send(new Message("hanoi", Channel.EMAIL, address, null,
                "registration-code", Locale.of("vi"), "Mã xác minh", "Mã của bạn là 314159.", "test:" + UUID.randomUUID(), true)));

        assertThat(Mailbox.text(mail.awaitTo(address))).contains("314159");
        assertThat(jdbc.sql("select body from notification.outbox where address = :a").param("a", address).query(String.class).single())
                .isEmpty();
    }

    @Test
    void messagesOverForLongerThanTheRetentionAreForgotten() {
        var old = address();
        var recent = address();
        var waiting = address();
        transaction.executeWithoutResult(status -> {
            notifications.send(message(old));
            notifications.send(message(recent));
        });
        mail.awaitTo(recent);
        mail.down();
        transaction.executeWithoutResult(status -> notifications.send(message(waiting)));
        jdbc.sql("update notification.outbox set sent_at = sent_at - interval '91 days', created_at = created_at - interval '91 days' where address = :a")
                .param("a", old).update();
        jdbc.sql("update notification.outbox set created_at = created_at - interval '91 days' where address = :a").param("a", waiting).update();

        new Retention(outbox, settings, clock).forgetOldMessages();

        assertThat(jdbc.sql("select address from notification.outbox where address in (:a)").param("a", List.of(old, recent, waiting))
                .query(String.class).list()).as("a message still waiting is never forgotten").containsExactlyInAnyOrder(recent, waiting);
    }

    @Test
    void operatorsAskingWronglyGetProblems() {
        var token = api.token(Api.demoAccounts().get("admin.hanoi"));

        var badStatus = api.send("GET", "/api/v1/tenants/hanoi/notifications?status=LOST", token, null, Map.of());
        var unknown = api.send("POST", "/api/v1/tenants/hanoi/notifications/" + UUID.randomUUID() + "/retry", token, null, Map.of());
        var malformed = api.send("POST", "/api/v1/tenants/hanoi/notifications/not-an-id/cancel", token, null, Map.of());

        assertThat(badStatus.statusCode()).isEqualTo(400);
        assertThat(api.json(badStatus).get("code").asString()).isEqualTo("invalid-parameter");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(api.json(unknown).get("code").asString()).isEqualTo("notification-not-found");
        assertThat(unknown.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(malformed.statusCode()).isEqualTo(400);
    }

    private static Message message(String address) {
        return new Message("hanoi", Channel.EMAIL, address, null, "dossier-received", Locale.of("vi"), "Thử nghiệm hộp thư đi",
                "Một thư thử nghiệm.", "test:" + UUID.randomUUID(), false);
    }

    /**
     * Status and attempts of the one message to the address, once it has an outcome (sent, given up, or waiting after a
     * failure; at most ten seconds): a message just committed is tried at once on the dispatcher's own threads, and the
     * mail server has a message a moment before its outcome is recorded.
     */
    private String row(String address) {
        for (int i = 0; i < 100; i++) {
            var settled = jdbc.sql("""
                    select status <> 'PENDING' or last_error is not null from notification.outbox where address = :a""")
                    .param("a", address).query(Boolean.class).single();
            if (settled) break;
            Mailbox.pause(100);
        }
        return rowNow(address);
    }

    private String rowNow(String address) {
        return jdbc.sql("select status || ' ' || attempts from notification.outbox where address = :a").param("a", address)
                .query(String.class).single();
    }

    private OutboxMessage view(String address) {
        var id = jdbc.sql("select id from notification.outbox where address = :a").param("a", address).query(UUID.class).single();
        return outbox.find("hanoi", id, clock.instant()).orElseThrow();
    }

    private long audited(String action, UUID id) {
        return jdbc.sql("select count(*) from audit.event where tenant_id = 'hanoi' and action = :a and object_id = :id and actor = 'admin.hanoi'")
                .param("a", action).param("id", id.toString()).query(Long.class).single();
    }

    private static String address() {
        return "outbox." + UUID.randomUUID().toString().substring(0, 8) + "@example.vn";
    }
}
