package org.onedoor.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.onedoor.dossier.DossierFixtures.act;
import static org.onedoor.dossier.DossierFixtures.created;

import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.onedoor.DatabaseTest;
import org.onedoor.TestClock;
import org.onedoor.calendar.Calendars;
import org.onedoor.dossier.DossierFixtures;
import org.onedoor.identity.Api;
import org.onedoor.procedure.Procedures;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Online payment of a dossier's fees through the simulated provider, driven as a payer's browser drives it: the
 * dossier page's order, the provider's gateway page, the signed way back. Only a signed PAID result settles the
 * obligation and sets "paid online"; replays change nothing; a payment made after a counter payment is to be refunded.
 */
@DatabaseTest
class PaymentTests {

    @LocalServerPort
    int port;
    @Autowired
    TestClock clock;
    @Autowired
    Calendars calendars;
    @Autowired
    Procedures procedures;
    @Autowired
    JdbcClient jdbc;

    Api api;
    String clerk, specialist, head, citizen, otherCitizen;

    @BeforeEach
    void actors() {
        api = new Api(port, clock);
        var actors = DossierFixtures.start(api, procedures, clock, calendars);
        clerk = actors.clerk();
        specialist = actors.specialist();
        head = actors.head();
        citizen = actors.citizen();
        otherCitizen = actors.otherCitizen();
    }

    @Test
    void theApplicantPaysOnlineAndTheDossierGoesOnPaidOnline() {
        var code = waitingForFees();
        var base = "/api/v1/tenants/hanoi/dossiers/" + code;
        // an applicant cannot just say it is paid; others cannot pay for it through OneDoor
        var said = api.send("POST", base + "/actions", citizen, DossierFixtures.action("PAY", Map.of()), Map.of("If-Match", "\"5\""));
        assertThat(said.statusCode()).isEqualTo(403);
        assertThat(api.send("POST", base + "/payments", otherCitizen, null, Map.of()).statusCode()).isEqualTo(403);
        assertThat(api.send("POST", base + "/payments", specialist, null, Map.of()).statusCode()).isEqualTo(403);
        assertThat(api.send("POST", base + "/payments", null, null, Map.of()).statusCode()).isEqualTo(401);

        var started = api.send("POST", base + "/payments", citizen, null, Map.of());
        assertThat(started.statusCode()).as(started.body()).isEqualTo(201);
        var payment = api.json(started);
        assertThat(payment.get("status").asString()).isEqualTo("PENDING");
        assertThat(payment.get("amount").asLong()).isEqualTo(50_000);
        assertThat(payment.get("currency").asString()).isEqualTo("VND");
        var reference = payment.get("reference").asString();
        assertThat(started.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/payments/" + reference));

        // the provider's page shows the order; Pay sends the server notification, then the browser back, signed
        var browser = api.new Browser();
        var checkout = payment.get("checkoutUrl").asString();
        assertThat(checkout).startsWith("/payment-gateway/simulated?");
        var gateway = browser.get(checkout);
        assertThat(gateway.statusCode()).isEqualTo(200);
        assertThat(gateway.body()).contains(reference, "50.000 VND", code);
        var order = parameters(URI.create(checkout).getRawQuery());
        var back = choose(browser, order, "PAID");
        var returned = URI.create(back);
        assertThat(returned.getPath()).isEqualTo("/tenants/hanoi/payments/simulated/return");
        var page = browser.get(returned.getPath() + "?" + returned.getRawQuery());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("data-status=\"PAID\"", reference);

        var d = DossierFixtures.view(api, citizen, code);
        assertThat(d.get("state").asString()).isEqualTo("AT_STEP");
        assertThat(d.get("statusCode").asInt()).isEqualTo(4);
        assertThat(d.get("version").asInt()).isEqualTo(6);
        assertThat(d.get("flags").get("paidOnline").asBoolean()).isTrue();
        assertThat(d.get("feesDue").isNull()).isTrue();
        var last = d.get("timeline").get(d.get("timeline").size() - 1);
        assertThat(last.get("action").asString()).isEqualTo("PAY");
        assertThat(last.get("giver").asString()).isEqualTo("Nguyễn Văn An");
        assertThat(jdbc.sql("select online and payment_ref = :ref from dossier.obligation o join dossier.dossier d on d.id = o.dossier_id where d.code = :c")
                .param("ref", reference).param("c", code).query(Boolean.class).single()).isTrue();

        // the same result again (return page reloaded, the provider's notification retried): answered, nothing changes
        var result = parameters(returned.getRawQuery());
        var again = notify(result);
        assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
        assertThat(api.json(again).get("status").asString()).isEqualTo("PAID");
        assertThat(browser.get(returned.getPath() + "?" + returned.getRawQuery()).statusCode()).isEqualTo(200);
        assertThat(DossierFixtures.view(api, citizen, code).get("version").asInt()).isEqualTo(6);

        // a forged or altered result is refused
        var altered = new LinkedHashMap<>(result);
        altered.put("amount", "5000");
        var refused = notify(altered);
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(api.json(refused).get("code").asString()).isEqualTo("payment-result-invalid");
        assertThat(notify(Map.of("ref", reference, "outcome", "PAID", "amount", "50000", "currency", "VND", "txn", "X", "sig", "00"))
                .statusCode()).isEqualTo(400);

        // who sees the payments: the applicant and staff who see the dossier
        var listed = api.json(api.send("GET", base + "/payments", citizen, null, Map.of()));
        assertThat(listed.size()).isEqualTo(1);
        assertThat(listed.get(0).get("status").asString()).isEqualTo("PAID");
        assertThat(listed.get(0).get("transaction").asString()).startsWith("SIM");
        assertThat(api.send("GET", base + "/payments", specialist, null, Map.of()).statusCode()).isEqualTo(200);
        assertThat(api.send("GET", base + "/payments", otherCitizen, null, Map.of()).statusCode()).isEqualTo(403);
        assertThat(jdbc.sql("select count(*) from audit.event where object_id = :r and action in ('payment.start', 'payment.paid')")
                .param("r", reference).query(Long.class).single()).isEqualTo(2);
    }

    @Test
    void theApplicantIsToldWhatToPay() throws Exception {
        var code = waitingForFees();
        // the applicant's phone gets the message through the outbox (written after the action's commit)
        String body = null;
        for (int i = 0; i < 100 && body == null; i++) {
            body = jdbc.sql("select body from notification.outbox where template_key = 'fees-requested' and body like :c")
                    .param("c", "%" + code + "%").query(String.class).optional().orElse(null);
            if (body == null) Thread.sleep(100);
        }
        assertThat(body).as("a message about the fees").isNotNull().contains("50.000 VND", code);
    }

    @Test
    void cancelledAndDeclinedPaymentsLeaveTheFeesDueAndAPaymentAfterTheCounterIsToBeRefunded() {
        var code = waitingForFees();
        var base = "/api/v1/tenants/hanoi/dossiers/" + code;
        var browser = api.new Browser();
        for (var choice : new String[] {"CANCELLED", "FAILED"}) {
            var payment = api.json(api.send("POST", base + "/payments", citizen, null, Map.of()));
            var checkout = payment.get("checkoutUrl").asString();
            browser.get(checkout);
            var back = URI.create(choose(browser, parameters(URI.create(checkout).getRawQuery()), choice));
            assertThat(browser.get(back.getPath() + "?" + back.getRawQuery()).body()).contains("data-status=\"" + choice + "\"");
            var d = DossierFixtures.view(api, citizen, code);
            assertThat(d.get("state").asString()).as(choice).isEqualTo("WAITING_PAYMENT");
            assertThat(d.get("feesDue").get("amount").asLong()).isEqualTo(50_000);
        }

        // a payment begun, then the applicant pays cash at the counter; the online payment goes through afterwards
        var pending = api.json(api.send("POST", base + "/payments", citizen, null, Map.of()));
        var d = act(api, specialist, code, 5, "PAY", Map.of("reason", "Biên lai 0001234"));
        assertThat(d.get("flags").get("paidOnline").asBoolean()).isFalse();
        var checkout = pending.get("checkoutUrl").asString();
        browser.get(checkout);
        choose(browser, parameters(URI.create(checkout).getRawQuery()), "PAID");
        var payments = api.json(api.send("GET", base + "/payments", citizen, null, Map.of()));
        assertThat(payments.get(0).get("status").asString()).isEqualTo("REFUND_DUE");
        assertThat(payments.get(1).get("status").asString()).isEqualTo("FAILED");
        assertThat(payments.get(2).get("status").asString()).isEqualTo("CANCELLED");
        d = DossierFixtures.view(api, specialist, code);
        assertThat(d.get("version").asInt()).as("the late payment changed nothing").isEqualTo(6);
        assertThat(d.get("flags").get("paidOnline").asBoolean()).isFalse();
        var refunds = api.send("GET", "/api/v1/tenants/hanoi/payments/refunds-due", head, null, Map.of());
        assertThat(refunds.statusCode()).isEqualTo(200);
        assertThat(refunds.body()).contains(pending.get("reference").asString());
        assertThat(api.send("GET", "/api/v1/tenants/hanoi/payments/refunds-due", citizen, null, Map.of()).statusCode()).isEqualTo(403);

        // nothing is due now
        var none = api.send("POST", base + "/payments", citizen, null, Map.of("Accept-Language", "vi"));
        assertThat(none.statusCode()).isEqualTo(409);
        assertThat(api.json(none).get("code").asString()).isEqualTo("payment-nothing-due");
        assertThat(api.json(none).get("title").asString()).isEqualTo("Không có khoản phải nộp");
    }

    @Test
    void feesAreAskedWithAnAmountInTheCitysCurrency() {
        var code = received();
        var base = "/api/v1/tenants/hanoi/dossiers/" + code;
        for (var body : new String[] {"{\"action\":\"REQUEST_FINANCIAL_OBLIGATION\",\"reason\":\"Lệ phí\"}",
                "{\"action\":\"REQUEST_FINANCIAL_OBLIGATION\",\"amount\":0}",
                "{\"action\":\"REQUEST_FINANCIAL_OBLIGATION\",\"amount\":10000000001}"}) {
            var refused = api.send("POST", base + "/actions", specialist, body, Map.of("If-Match", "\"4\""));
            assertThat(refused.statusCode()).as(body).isEqualTo(422);
        }
        assertThat(DossierFixtures.view(api, specialist, code).get("version").asInt()).as("nothing changed").isEqualTo(4);
        assertThat(jdbc.sql("select count(*) from dossier.obligation o join dossier.dossier d on d.id = o.dossier_id where d.code = :c")
                .param("c", code).query(Long.class).single()).isZero();
    }

    /** An online dossier of the citizen, accepted and with the specialist of ward 00004 (version 4). */
    private String received() {
        var code = created(api.send("POST", "/api/v1/tenants/hanoi/dossiers", citizen,
                DossierFixtures.submission("ONLINE", "Nguyễn Văn An", "0987654321", "00004", null), Map.of())).get("code").asString();
        act(api, head, code, 1, "ASSIGN", Map.of("to", "clerk.00004"));
        act(api, clerk, code, 2, "ACCEPT", Map.of());
        act(api, clerk, specialist, code, 3, "FORWARD", Map.of("to", "specialist.00004"));
        return code;
    }

    /** As above, the specialist having asked for 50,000 đồng of fees (version 5). */
    private String waitingForFees() {
        var code = received();
        var d = act(api, specialist, code, 4, "REQUEST_FINANCIAL_OBLIGATION", Map.of("reason", "Lệ phí cấp bản sao", "amount", 50_000));
        assertThat(d.get("statusCode").asInt()).isEqualTo(6);
        assertThat(d.get("feesDue").get("note").asString()).isEqualTo("Lệ phí cấp bản sao");
        return code;
    }

    /** Presses a button of the gateway page; answers where the provider sends the browser. */
    private static String choose(Api.Browser browser, Map<String, String> order, String choice) {
        var form = new LinkedHashMap<>(order);
        form.put("choice", choice);
        HttpResponse<String> response = browser.post("/payment-gateway/simulated", form);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(302);
        return response.headers().firstValue("Location").orElseThrow();
    }

    /** The provider's server notification: a form POST with the signed result, no session. */
    private HttpResponse<String> notify(Map<String, String> result) {
        return api.new Browser().post("/api/v1/payments/simulated/notify", result);
    }

    private static Map<String, String> parameters(String rawQuery) {
        var map = new LinkedHashMap<String, String>();
        for (var pair : rawQuery.split("&")) {
            var i = pair.indexOf('=');
            map.put(URLDecoder.decode(pair.substring(0, i), StandardCharsets.UTF_8), URLDecoder.decode(pair.substring(i + 1), StandardCharsets.UTF_8));
        }
        return map;
    }

}
