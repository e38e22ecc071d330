package org.onedoor.notification.templates;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.onedoor.DatabaseTest;
import org.onedoor.TestClock;
import org.onedoor.identity.Api;
import org.onedoor.notification.Channel;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A city rewords a message in one language and only there; wording that uses a placeholder the message does not have,
 * or a channel it does not go by, is refused with every fault named in the reader's language.
 */
@DatabaseTest
class TemplatesTests {

    static final Map<String, String> VALUES = Map.of("name", "Nguyễn Văn An", "code", "00004-261125-0001", "procedure",
            "Đăng ký khai sinh", "unit", "Phường Ba Đình");

    @LocalServerPort
    int port;
    @Autowired
    TestClock clock;
    @Autowired
    Templates templates;
    @Autowired
    JdbcClient jdbc;

    @Test
    void aCityRewordsAMessageInOneLanguageAndGoesBackToTheDefault() {
        var api = new Api(port, clock);
        var token = api.token(Api.demoAccounts().get("admin.hanoi"));
        var path = "/api/v1/tenants/hanoi/notification-templates/result-ready/vi";

        try {
            var reworded = api.send("PUT", path, token, Api.JSON.writeValueAsString(Map.of(
                    "subject", "[Hà Nội] Hồ sơ {code} đã có kết quả", "body", "Kính gửi {name}: kết quả hồ sơ {code} đã sẵn sàng tại {unit}.",
                    "sms", "HN: ket qua ho so {code} da san sang.")), Map.of());

            assertThat(reworded.statusCode()).as(reworded.body()).isEqualTo(200);
            assertThat(api.json(reworded).get("customised").valueStream().map(n -> n.asString())).containsExactly("subject", "body", "sms");
            var email = templates.render("hanoi", Template.RESULT_READY, Channel.EMAIL, Locale.of("vi"), VALUES);
            assertThat(email.subject()).isEqualTo("[Hà Nội] Hồ sơ 00004-261125-0001 đã có kết quả");
            assertThat(email.body()).isEqualTo("Kính gửi Nguyễn Văn An: kết quả hồ sơ 00004-261125-0001 đã sẵn sàng tại Phường Ba Đình.");
            assertThat(templates.render("hanoi", Template.RESULT_READY, Channel.EMAIL, Locale.ENGLISH, VALUES).subject())
                    .as("English keeps the default").isEqualTo("The result of your dossier 00004-261125-0001 is ready");
            assertThat(templates.render("vientiane", Template.RESULT_READY, Channel.EMAIL, Locale.of("vi"), VALUES).subject())
                    .as("another city keeps the default").isEqualTo("Hồ sơ 00004-261125-0001 đã có kết quả");
            var listed = api.json(api.send("GET", "/api/v1/tenants/hanoi/notification-templates", token, null, Map.of()));
            var vietnamese = listed.valueStream().filter(t -> t.get("key").asString().equals("result-ready")).findFirst().orElseThrow()
                    .get("languages").get(0);
            assertThat(vietnamese.get("locale").asString()).isEqualTo("vi");
            assertThat(vietnamese.get("subject").asString()).isEqualTo("[Hà Nội] Hồ sơ {code} đã có kết quả");
            assertThat(audits("notification.template.reword")).isPositive();
        } finally {
            assertThat(api.send("DELETE", path, token, null, Map.of()).statusCode()).isEqualTo(204);
        }

        assertThat(templates.render("hanoi", Template.RESULT_READY, Channel.EMAIL, Locale.of("vi"), VALUES).subject())
                .isEqualTo("Hồ sơ 00004-261125-0001 đã có kết quả");
        assertThat(audits("notification.template.restore")).isPositive();
    }

    @Test
    void wordingThatBreaksRulesIsRefusedWithEveryFaultInTheReadersLanguage() {
        var api = new Api(port, clock);
        var token = api.token(Api.demoAccounts().get("admin.hanoi"));
        var before = overrides();

        var refused = api.send("PUT", "/api/v1/tenants/hanoi/notification-templates/dossier-assigned/lo", token,
                Api.JSON.writeValueAsString(Map.of("body", "ສະບາຍດີ {nom}", "sms", "{code}")), Map.of("Accept-Language", "vi"));
        var unknown = api.send("PUT", "/api/v1/tenants/hanoi/notification-templates/no-such-message/vi", token,
                Api.JSON.writeValueAsString(Map.of("body", "x")), Map.of());
        var badLanguage = api.send("PUT", "/api/v1/tenants/hanoi/notification-templates/result-ready/fr", token,
                Api.JSON.writeValueAsString(Map.of("body", "x")), Map.of());

        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(422);
        var problem = api.json(refused);
        assertThat(problem.get("code").asString()).isEqualTo("notification-template-invalid");
        assertThat(problem.get("title").asString()).isEqualTo("Mẫu tin nhắn chưa hợp lệ");
        assertThat(problem.get("violations").valueStream().map(v -> v.get("code").asString() + " " + v.get("pointer").asString()))
                .containsExactlyInAnyOrder("notification-template-placeholder /body", "notification-template-channel /sms");
        assertThat(problem.get("violations").get(0).get("message").asString()).contains("{nom}", "{appointment}");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(api.json(unknown).get("code").asString()).isEqualTo("notification-template-not-found");
        assertThat(badLanguage.statusCode()).isEqualTo(400);
        assertThat(overrides()).as("nothing stored").isEqualTo(before);
    }

    @Test
    void vietnameseSmsGoWithoutDiacritics() {
        assertThat(Templates.withoutDiacritics("Hồ sơ đã được tiếp nhận tại Phường Đống Đa; hẹn trả kết quả"))
                .isEqualTo("Ho so da duoc tiep nhan tai Phuong Dong Da; hen tra ket qua");
        assertThat(templates.render("hanoi", Template.RESULT_READY, Channel.SMS, Locale.of("vi"), VALUES).body())
                .isEqualTo("OneDoor: ho so 00004-261125-0001 da co ket qua. Moi nhan tai bo phan mot cua Phuong Ba Dinh.");
        assertThat(templates.render("hanoi", Template.RESULT_READY, Channel.SMS, Locale.of("lo"), VALUES).body())
                .as("Lao keeps its script").startsWith("OneDoor: ແຟ້ມເອກະສານ 00004-261125-0001 ມີຜົນແລ້ວ");
    }

    private long overrides() {
        return jdbc.sql("select count(*) from notification.template").query(Long.class).single();
    }

    private long audits(String action) {
        return jdbc.sql("select count(*) from audit.event where tenant_id = 'hanoi' and action = :a").param("a", action)
                .query(Long.class).single();
    }
}
