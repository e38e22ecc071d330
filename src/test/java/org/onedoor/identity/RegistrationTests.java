package org.onedoor.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.onedoor.DatabaseTest;
import org.onedoor.TestClock;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Citizens register themselves and verify their e-mail or phone with a code that is short-lived and tried few times. */
@DatabaseTest
@ExtendWith(OutputCaptureExtension.class)
class RegistrationTests {

    static final String PASSWORD = "tôi đăng ký dịch vụ công trực tuyến";
    static final Pattern CODE = Pattern.compile("\\b(\\d{6})\\b");

    @LocalServerPort
    int port;
    @Autowired
    TestClock clock;
    @Autowired
    GreenMail mail;
    @Autowired
    JdbcClient jdbc;

    Api api;

    @BeforeEach
    void client() {
        api = new Api(port, clock);
    }

    @Test
    void aCitizenRegistersByEmailVerifiesTheCodeAndSignsIn() throws Exception {
        var email = "dan." + suffix() + "@example.vn";

        var registered = register(email, newIdNumber(), "EMAIL", null);

        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(202);
        assertThat(api.json(registered).get("username").asString()).isEqualTo(email);
        var message = mailTo(email);
        assertThat(message.getSubject()).isEqualTo("Mã xác minh tài khoản OneDoor");
        assertThat(text(message)).contains("Ngô Thị Lan", "10 phút");
        var beforeVerification = api.send("POST", "/api/v1/auth/token", null, json("username", email, "password", PASSWORD), Map.of());
        assertThat(beforeVerification.statusCode()).isEqualTo(401);

        var verified = verify(email, code(message));

        assertThat(verified.statusCode()).isEqualTo(200);
        assertThat(api.json(verified).get("status").asString()).isEqualTo("ACTIVE");
        var token = api.token(new Api.Credentials(email, PASSWORD, "", "CITIZEN", "", "hanoi"));
        assertThat(api.json(api.send("GET", "/api/v1/me", token, null, Map.of())).get("kind").asString()).isEqualTo("CITIZEN");
    }

    @Test
    void aCitizenRegistersBySmsThroughTheGateway(CapturedOutput output) {
        var phone = "09" + String.valueOf(System.nanoTime()).substring(0, 8);

        assertThat(register(null, newIdNumber(), "SMS", phone).statusCode()).isEqualTo(202);

        var line = org.onedoor.notification.Mailbox.awaitLogLine(output, "SMS to ***" + phone.substring(phone.length() - 3));
        assertThat(line).doesNotContain(phone);
        var matcher = CODE.matcher(line);
        assertThat(matcher.find()).isTrue();
        assertThat(verify(phone, matcher.group(1)).statusCode()).isEqualTo(200);
    }

    @Test
    void aKnownIdNumberGetsTheSameAnswerButNoAccountAndNoMessage() throws Exception {
        var idNumber = newIdNumber();
        var first = "first." + suffix() + "@example.vn";
        register(first, idNumber, "EMAIL", null);
        mailTo(first);
        var accounts = accountCount();
        var second = "second." + suffix() + "@example.vn";

        var again = register(second, idNumber, "EMAIL", null);

        assertThat(again.statusCode()).isEqualTo(202);
        assertThat(api.json(again).get("username").asString()).isEqualTo(second);
        assertThat(accountCount()).isEqualTo(accounts);
        Thread.sleep(300);
        assertThat(Arrays.stream(mail.getReceivedMessages()).anyMatch(m -> recipient(m).equals(second))).isFalse();
    }

    @Test
    void theFifthWrongCodeEndsTheCodeAndAnExpiredCodeIsRefused() throws Exception {
        var email = "tries." + suffix() + "@example.vn";
        register(email, newIdNumber(), "EMAIL", null);
        var code = code(mailTo(email));
        var wrong = code.equals("000000") ? "111111" : "000000";
        for (int i = 0; i < Registrations.CODE_ATTEMPTS; i++) assertThat(verify(email, wrong).statusCode()).isEqualTo(400);

        assertThat(verify(email, code).statusCode()).isEqualTo(400);

        var late = "late." + suffix() + "@example.vn";
        register(late, newIdNumber(), "EMAIL", null);
        var lateCode = code(mailTo(late));
        clock.advance(Registrations.CODE_LIFETIME.plus(Duration.ofSeconds(1)));
        var expired = verify(late, lateCode);
        assertThat(expired.statusCode()).isEqualTo(400);
        assertThat(api.json(expired).get("code").asString()).isEqualTo("verification-failed");
    }

    @Test
    void refusesAShortPasswordAndAMalformedIdNumberWithoutEchoingIt() {
        var shortPassword = api.send("POST", "/api/v1/tenants/hanoi/registrations", null, json("fullName", "Lý Văn Tám",
                "citizenId", newIdNumber(), "email", "x." + suffix() + "@example.vn", "password", "mười ba ký tự"), Map.of());
        var badId = api.send("POST", "/api/v1/tenants/hanoi/registrations", null, json("fullName", "Lý Văn Tám",
                "citizenId", "12345678901", "email", "y." + suffix() + "@example.vn", "password", PASSWORD), Map.of());

        assertThat(shortPassword.statusCode()).isEqualTo(400);
        assertThat(api.json(shortPassword).get("code").asString()).isEqualTo("password-rejected");
        assertThat(badId.statusCode()).isEqualTo(400);
        assertThat(badId.body()).doesNotContain("12345678901");
    }

    private java.net.http.HttpResponse<String> register(String email, String idNumber, String channel, String phone) {
        var body = new HashMap<String, String>();
        body.put("fullName", "Ngô Thị Lan");
        body.put("citizenId", idNumber);
        if (email != null) body.put("email", email);
        if (phone != null) body.put("phone", phone);
        body.put("channel", channel);
        body.put("password", PASSWORD);
        return api.send("POST", "/api/v1/tenants/hanoi/registrations", null, Api.JSON.writeValueAsString(body), Map.of("Accept-Language", "vi"));
    }

    private java.net.http.HttpResponse<String> verify(String username, String code) {
        return api.send("POST", "/api/v1/tenants/hanoi/registrations/verify", null, json("username", username, "code", code), Map.of());
    }

    private MimeMessage mailTo(String address) throws Exception {
        for (int i = 0; i < 50; i++) {
            for (var message : mail.getReceivedMessages()) if (recipient(message).equals(address)) return message;
            Thread.sleep(100);
        }
        throw new AssertionError("no mail to " + address);
    }

    private static String recipient(MimeMessage message) {
        try {
            return message.getAllRecipients()[0].toString();
        } catch (Exception e) {
            return "";
        }
    }

    private static String code(MimeMessage message) {
        var matcher = CODE.matcher(text(message));
        assertThat(matcher.find()).isTrue();
        return matcher.group(1);
    }

    /** The decoded text of a message (it travels quoted-printable, as UTF-8 mail should). */
    private static String text(MimeMessage message) {
        try {
            return (String) message.getContent();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private long accountCount() {
        return jdbc.sql("select count(*) from identity.account").query(Long.class).single();
    }

    private static String newIdNumber() {
        return "0019" + String.format("%08d", Math.floorMod(UUID.randomUUID().hashCode(), 100_000_000));
    }

    private static String json(String... pairs) {
        var map = new HashMap<String, String>();
        for (int i = 0; i < pairs.length; i += 2) map.put(pairs[i], pairs[i + 1]);
        return Api.JSON.writeValueAsString(map);
    }

    private static String suffix() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
