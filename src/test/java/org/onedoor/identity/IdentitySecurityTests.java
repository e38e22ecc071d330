package org.onedoor.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.onedoor.DatabaseTest;
import org.onedoor.TestClock;
import org.onedoor.organisation.OrganisationDirectory;
import org.onedoor.organisation.UnitId;
import org.onedoor.shared.TenantId;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The security requirements of security-reliability.md §6, each shown by the test named after it. */
@DatabaseTest
@ExtendWith(OutputCaptureExtension.class)
class IdentitySecurityTests {

    static final String PASSWORD = "một mật khẩu đủ dài cho thử nghiệm";
    static final String SECRET = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";

    @LocalServerPort
    int port;
    @Autowired
    TestClock clock;
    @Autowired
    Accounts accounts;
    @Autowired
    Grants grants;
    @Autowired
    OrganisationDirectory directory;
    @Autowired
    JdbcClient jdbc;

    Api api;

    @BeforeEach
    void client() {
        api = new Api(port, clock);
    }

    @Test
    void AUTH1_aStaffPasswordAloneOpensNoSessionAndACodeIsAcceptedOnce() {
        var staff = newStaff();
        var browser = api.browser();
        browser.get("/login");

        var afterPassword = browser.post("/login", Map.of("username", staff.username(), "password", PASSWORD, "next", "/"));

        assertThat(afterPassword.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/login/second-factor"));
        assertThat(browser.get("/").body()).contains("href=\"/login\"").doesNotContain("action=\"/logout\"");
        browser.get("/login/second-factor");
        var code = api.nextCode(SECRET);
        assertThat(browser.post("/login/second-factor", Map.of("code", code)).statusCode()).isEqualTo(302);
        assertThat(browser.get("/").body()).contains("action=\"/logout\"");

        // The API too: the password alone is refused, and a code already used is refused.
        var withoutCode = api.send("POST", "/api/v1/auth/token", null, json("username", staff.username(), "password", PASSWORD), Map.of());
        assertThat(withoutCode.statusCode()).isEqualTo(401);
        var reused = api.send("POST", "/api/v1/auth/token", null, json("username", staff.username(), "password", PASSWORD, "totp", code), Map.of());
        assertThat(reused.statusCode()).isEqualTo(401);
        assertThat(api.json(reused).get("code").asString()).isEqualTo("login-failed");
    }

    @Test
    void AUTH1_aCodeFromAnotherTimeStepIsRefused() {
        var staff = newStaff();
        var stale = org.onedoor.identity.credentials.Totp.code(org.onedoor.identity.credentials.Totp.fromBase32(SECRET),
                org.onedoor.identity.credentials.Totp.step(clock.instant()) - 3);
        var response = api.send("POST", "/api/v1/auth/token", null,
                json("username", staff.username(), "password", PASSWORD, "totp", stale), Map.of());
        assertThat(response.statusCode()).isEqualTo(401);
    }

    @Test
    void AUTH4_aStaffAccountLocksAfterFiveFailuresAndIsUnlockedOnlyByAnAdministrator() {
        var staff = newStaff();
        for (int i = 0; i < Accounts.MAX_FAILURES; i++) {
            assertThat(accounts.checkPassword(staff.username(), "wrong password " + i).result()).isEqualTo(LoginOutcome.Result.REFUSED);
        }

        assertThat(accounts.checkPassword(staff.username(), PASSWORD).result()).isEqualTo(LoginOutcome.Result.LOCKED);

        var admin = api.token(Api.demoAccounts().get("admin.hanoi"));
        var unlocked = api.send("POST", "/api/v1/tenants/hanoi/accounts/" + staff.id() + "/unlock", admin, null, Map.of());
        assertThat(unlocked.statusCode()).isEqualTo(200);
        assertThat(api.json(unlocked).get("status").asString()).isEqualTo("ACTIVE");
        assertThat(accounts.checkPassword(staff.username(), PASSWORD).result()).isEqualTo(LoginOutcome.Result.SECOND_FACTOR_REQUIRED);
        assertThat(auditCount("account.unlock", staff.id())).isEqualTo(1);
        assertThat(auditCount("account.lock", staff.id())).isEqualTo(1);
    }

    @Test
    void AUTH4_aCitizenIsThrottledNotLocked() {
        var citizen = accounts.provision(new Accounts.NewAccount("hanoi", AccountKind.CITIZEN, "citizen." + suffix(), "Lê Văn Cường",
                null, null, null, null), PASSWORD, null, "test");
        for (int i = 0; i < Accounts.MAX_FAILURES; i++) accounts.checkPassword(citizen.username(), "sai " + i);

        assertThat(accounts.checkPassword(citizen.username(), PASSWORD).result()).isEqualTo(LoginOutcome.Result.THROTTLED);
        clock.advance(Accounts.THROTTLE.plusSeconds(1));
        assertThat(accounts.checkPassword(citizen.username(), PASSWORD).result()).isEqualTo(LoginOutcome.Result.AUTHENTICATED);
        assertThat(accounts.find(citizen.username()).orElseThrow().status()).isEqualTo(AccountStatus.ACTIVE);
    }

    @Test
    void AUTH5_passwordsAreStoredAsArgon2idHashes() {
        var staff = newStaff();
        var hash = jdbc.sql("select password_hash from identity.account where id = :id").param("id", staff.id()).query(String.class).single();
        assertThat(hash).startsWith("$argon2id$v=19$m=16384,t=2,p=1$").doesNotContain(PASSWORD);
    }

    @Test
    void AUTH7_noDefaultCredentialsOpenAnything() {
        for (var pair : new String[][] {{"admin", "admin"}, {"admin", "password"}, {"administrator", "123456"}, {"root", "root"},
                {"admin.hanoi", "admin"}, {"admin.hanoi", "password"}}) {
            var response = api.send("POST", "/api/v1/auth/token", null, json("username", pair[0], "password", pair[1]), Map.of());
            assertThat(response.statusCode()).as(pair[0] + "/" + pair[1]).isEqualTo(401);
        }
        assertThat(jdbc.sql("""
                select count(*) from identity.account
                 where lower(username) in ('admin', 'administrator', 'root', 'sa', 'superuser', 'user', 'guest', 'test', 'demo', 'onedoor')""")
                .query(Long.class).single()).as("no account with a conventional default name").isZero();
    }

    @Test
    void AUTH6_staffAccountsUnusedFor45DaysAreDisabledAndTheirTokensEnd(@Autowired org.onedoor.organisation.Reorganisation reorganisation) {
        var town = new TenantId("dormantville");
        reorganisation.registerTenant(town, org.onedoor.shared.LocalizedText.of("vi", "Thị trấn Ngủ"), java.time.ZoneId.of("Asia/Ho_Chi_Minh"),
                java.util.Locale.of("vi"), java.util.Currency.getInstance("VND"));
        var root = new org.onedoor.organisation.NewUnit(org.onedoor.organisation.UnitId.derivedFrom("dormantville/root"), "77", null,
                org.onedoor.shared.LocalizedText.of("vi", "Thị trấn Ngủ"), org.onedoor.organisation.UnitType.PROVINCE_CITY, null, null);
        reorganisation.establish(town, org.onedoor.organisation.Enactment.derivedFrom("dormantville/root", LocalDate.of(2020, 1, 1), "Thử", null), root);
        var idle = accounts.provision(new Accounts.NewAccount("dormantville", AccountKind.STAFF, "idle." + suffix(), "Ít dùng",
                null, null, root.id().value(), null), PASSWORD, SECRET, "test");
        var busy = accounts.provision(new Accounts.NewAccount("dormantville", AccountKind.STAFF, "busy." + suffix(), "Hay dùng",
                null, null, root.id().value(), null), PASSWORD, SECRET, "test");
        backdate(idle.id(), "created_at", Accounts.DORMANCY.plusDays(5));
        backdate(busy.id(), "created_at", Accounts.DORMANCY.plusDays(5));
        backdate(idle.id(), "last_login_at", Accounts.DORMANCY.minusDays(1));
        backdate(busy.id(), "last_login_at", Accounts.DORMANCY.minusDays(1));
        assertThat(accounts.disableDormant("dormantville")).isZero();
        backdate(idle.id(), "last_login_at", Accounts.DORMANCY.plusDays(1));
        api.token(new Api.Credentials(busy.username(), PASSWORD, SECRET, "", "77", "dormantville"));
        var live = accounts.issueToken(idle).token();
        assertThat(api.send("GET", "/api/v1/me", live, null, Map.of()).statusCode()).isEqualTo(200);
        var disabled = accounts.disableDormant("dormantville");

        assertThat(disabled).isEqualTo(1);
        assertThat(accounts.find(idle.username()).orElseThrow().status()).isEqualTo(AccountStatus.DISABLED);
        assertThat(accounts.find(busy.username()).orElseThrow().status()).isEqualTo(AccountStatus.ACTIVE);
        assertThat(api.send("GET", "/api/v1/me", live, null, Map.of()).statusCode()).isEqualTo(401);
        assertThat(jdbc.sql("select count(*) from audit.event where action = 'account.disable.dormant' and object_id = :id")
                .param("id", idle.id().toString()).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void AUTH3_anAdministratorsPasswordExpiresAfter60DaysAndTheLastTenCannotComeBack() {
        var admin = newStaff();
        grants.provision(new TenantId("hanoi"), admin.id(), "ADMINISTRATOR", unit("00004"), Scope.UNIT, LocalDate.of(2025, 7, 1), "test");
        var token = api.token(new Api.Credentials(admin.username(), PASSWORD, SECRET, "ADMINISTRATOR", "00004", "hanoi"));
        var second = "mật khẩu thứ hai của quản trị viên";
        var third = "mật khẩu thứ ba của quản trị viên";
        assertThat(changePassword(token, PASSWORD, second).statusCode()).isEqualTo(204);
        assertThat(changePassword(token, second, third).statusCode()).isEqualTo(204);

        var reuse = changePassword(token, third, PASSWORD);

        assertThat(reuse.statusCode()).isEqualTo(400);
        assertThat(api.json(reuse).get("code").asString()).isEqualTo("password-rejected");
        backdate(admin.id(), "password_changed_at", Accounts.ADMIN_PASSWORD_LIFETIME.plusDays(1));
        var expired = api.send("POST", "/api/v1/auth/token", null,
                json("username", admin.username(), "password", third, "totp", api.nextCode(SECRET)), Map.of());
        assertThat(expired.statusCode()).isEqualTo(403);
        assertThat(api.json(expired).get("code").asString()).isEqualTo("password-change-required");
        var browser = api.browser();
        browser.get("/login");
        browser.post("/login", Map.of("username", admin.username(), "password", third, "next", "/console"));
        browser.get("/login/second-factor");
        browser.post("/login/second-factor", Map.of("code", api.nextCode(SECRET)));
        var anywhere = browser.get("/console");
        assertThat(anywhere.statusCode()).isEqualTo(302);
        assertThat(anywhere.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/account/password"));
    }

    @Test
    void SESS4_changingPasswordOrContactNeedsTheCurrentPasswordAndACode() {
        var staff = newStaff();
        var token = api.token(new Api.Credentials(staff.username(), PASSWORD, SECRET, "CLERK", "00004", "hanoi"));

        var withoutCode = api.send("POST", "/api/v1/me/contact", token, json("currentPassword", PASSWORD, "email", "moi@hanoi.gov.vn"), Map.of());
        var wrongPassword = api.send("POST", "/api/v1/me/contact", token,
                json("currentPassword", "sai", "totp", api.nextCode(SECRET), "email", "moi@hanoi.gov.vn"), Map.of());
        var reauthenticated = api.send("POST", "/api/v1/me/contact", token,
                json("currentPassword", PASSWORD, "totp", api.nextCode(SECRET), "email", "moi@hanoi.gov.vn"), Map.of());

        assertThat(withoutCode.statusCode()).isEqualTo(403);
        assertThat(api.json(withoutCode).get("code").asString()).isEqualTo("reauthentication-required");
        assertThat(wrongPassword.statusCode()).isEqualTo(403);
        assertThat(reauthenticated.statusCode()).isEqualTo(200);
        assertThat(accounts.find(staff.username()).orElseThrow().email()).isEqualTo("moi@hanoi.gov.vn");
        assertThat(changePassword(token, "sai", "một mật khẩu mới đủ dài").statusCode()).isEqualTo(403);
        var tooShort = api.send("POST", "/api/v1/me/password", token,
                json("currentPassword", PASSWORD, "totp", api.nextCode(SECRET), "newPassword", "ngắn"), Map.of());
        assertThat(tooShort.statusCode()).isEqualTo(400);
        assertThat(api.json(tooShort).get("detail").asString()).contains("too-short");
    }

    /** Sets an account's timestamp to that long before the application's now. */
    private void backdate(UUID account, String column, Duration ago) {
        jdbc.sql("update identity.account set " + column + " = :at where id = :id")
                .param("at", clock.instant().minus(ago).atOffset(java.time.ZoneOffset.UTC)).param("id", account).update();
    }

    private java.net.http.HttpResponse<String> changePassword(String token, String current, String next) {
        return api.send("POST", "/api/v1/me/password", token,
                json("currentPassword", current, "totp", api.nextCode(SECRET), "newPassword", next), Map.of());
    }

    @Test
    void SESS1_staffSessionsIdleOutAfter15MinutesAdministratorsAfter5AndAllEndAfter12Hours() {
        var staff = api.browser().signIn(Api.demoAccounts().get("clerk.00004"));
        var admin = api.browser().signIn(Api.demoAccounts().get("admin.hanoi"));

        assertThat(idleSeconds(staff)).isEqualTo(15 * 60);
        assertThat(idleSeconds(admin)).isEqualTo(5 * 60);

        clock.advance(Duration.ofHours(12).minusMinutes(1));
        assertThat(staff.get("/").body()).contains("action=\"/logout\"");
        clock.advance(Duration.ofMinutes(2));
        assertThat(staff.get("/").body()).doesNotContain("action=\"/logout\"");
    }

    @Test
    void SESS2_signingInGivesANewSessionIdAndSigningOutEndsItOnTheServer() {
        var browser = api.browser();
        browser.get("/login");
        browser.post("/login", Map.of("username", "nobody", "password", "wrong")); // opens a pre-sign-in session
        var before = browser.cookie("__Host-onedoor");

        browser.signIn(Api.demoAccounts().get("clerk.00004"));
        var during = browser.cookie("__Host-onedoor");

        assertThat(during).isNotNull().isNotEqualTo(before);
        assertThat(during.length()).isGreaterThanOrEqualTo(32);
        browser.post("/logout", Map.of());
        var replay = api.browser();
        replay.setCookie("__Host-onedoor", during);
        assertThat(replay.get("/").body()).doesNotContain("action=\"/logout\"");
    }

    @Test
    void SESS3_theSessionCookieIsHostOnlySecureHttpOnlyAndSameSite() {
        var browser = api.browser();
        var page = browser.get("/login");
        var cookie = page.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("__Host-onedoor=")).findFirst().orElseThrow();
        assertThat(cookie).contains("Secure", "HttpOnly", "SameSite=Lax", "Path=/").doesNotContain("Domain=");
    }

    @Test
    void LOG1_everySignInAttemptIsInTheAuditTrailWithClientAddressAndOutcome() {
        var staff = newStaff();
        accounts.find(staff.username());
        api.send("POST", "/api/v1/auth/token", null, json("username", staff.username(), "password", "not it"), Map.of());

        var row = jdbc.sql("""
                select actor, client_address, outcome, recorded_at, tenant_id from audit.event
                 where action = 'login.password' and object_id = :id order by recorded_at desc limit 1""")
                .param("id", staff.id().toString()).query((rs, n) -> new String[] {rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getString(4), rs.getString(5)}).single();
        assertThat(row[0]).isEqualTo(staff.username());
        assertThat(row[1]).matches("(127\\.0\\.0\\.1|0:0:0:0:0:0:0:1):\\d+");
        assertThat(row[2]).isEqualTo("FAILURE");
        assertThat(row[4]).isEqualTo("hanoi");
        var unknown = api.send("POST", "/api/v1/auth/token", null, json("username", "ghost." + suffix(), "password", "x"), Map.of());
        assertThat(unknown.statusCode()).isEqualTo(401);
        assertThat(jdbc.sql("select count(*) from audit.event where tenant_id = 'platform' and action = 'login.password'")
                .query(Long.class).single()).isPositive();
    }

    @Test
    void PD1_noRouteTakesAnIdNumberAndNoLogShowsOne(CapturedOutput output) {
        var idNumber = "001299000777";
        var citizen = accounts.provision(new Accounts.NewAccount("hanoi", AccountKind.CITIZEN, "citizen." + suffix(), "Phạm Thị Dung",
                null, null, null, idNumber), PASSWORD, null, "test");
        api.send("POST", "/api/v1/auth/token", null, json("username", citizen.username(), "password", "wrong"), Map.of());
        var token = api.token(new Api.Credentials(citizen.username(), PASSWORD, "", "CITIZEN", "", "hanoi"));
        api.send("GET", "/api/v1/me", token, null, Map.of());

        assertThat(output.getAll()).doesNotContain(idNumber);
    }

    @Test
    void PD2_idNumbersAreSealedAtRestAndFoundOnlyThroughTheBlindIndex() {
        var idNumber = "001299000888";
        var citizen = accounts.provision(new Accounts.NewAccount("hanoi", AccountKind.CITIZEN, "citizen." + suffix(), "Hoàng Văn Em",
                null, null, null, idNumber), PASSWORD, null, "test");

        var raw = jdbc.sql("select citizen_id_sealed, citizen_id_index from identity.account where id = :id").param("id", citizen.id())
                .query((rs, n) -> new Object[] {rs.getBytes(1), rs.getString(2)}).single();

        assertThat(new String((byte[]) raw[0], java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain(idNumber);
        assertThat((String) raw[1]).doesNotContain(idNumber).hasSize(64);
        assertThat(jdbc.sql("select count(*) from identity.account where citizen_id_index = :i").param("i", raw[1]).query(Long.class).single())
                .isEqualTo(1);
    }

    @Test
    void sendsTheSecurityHeadersOnPagesAndApi() {
        for (var path : new String[] {"/login", "/api/v1/tenants"}) {
            var headers = api.send("GET", path, null, null, Map.of()).headers();
            assertThat(headers.firstValue("Content-Security-Policy")).hasValueSatisfying(c -> assertThat(c).contains("frame-ancestors 'none'", "default-src 'self'"));
            assertThat(headers.firstValue("X-Content-Type-Options")).hasValue("nosniff");
            assertThat(headers.firstValue("X-Frame-Options")).hasValue("DENY");
            assertThat(headers.firstValue("Referrer-Policy")).hasValue("strict-origin-when-cross-origin");
            assertThat(headers.firstValue("Cache-Control")).hasValueSatisfying(c -> assertThat(c).contains("no-store"));
        }
        var txt = api.send("GET", "/.well-known/security.txt", null, null, Map.of());
        assertThat(txt.body()).contains("Contact: ", "Expires: ", "Preferred-Languages: vi, en, lo");
    }

    @Test
    void refusesABadBearerTokenWithAProblemNotAnAnonymousAnswer() {
        var response = api.send("GET", "/api/v1/tenants", "not-a-real-token", null, Map.of());
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(api.json(response).get("code").asString()).isEqualTo("invalid-token");
    }

    @Test
    void aRevokedOrExpiredTokenOpensNothing() {
        var token = api.token(Api.demoAccounts().get("citizen2.hanoi"));
        assertThat(api.send("GET", "/api/v1/me", token, null, Map.of()).statusCode()).isEqualTo(200);

        assertThat(api.send("DELETE", "/api/v1/auth/token", token, null, Map.of()).statusCode()).isEqualTo(204);

        assertThat(api.send("GET", "/api/v1/me", token, null, Map.of()).statusCode()).isEqualTo(401);
        var other = api.token(Api.demoAccounts().get("citizen2.hanoi"));
        clock.advance(Accounts.TOKEN_LIFETIME.plusSeconds(1));
        assertThat(api.send("GET", "/api/v1/me", other, null, Map.of()).statusCode()).isEqualTo(401);
    }

    @Test
    void disablingAnAccountEndsItsTokensAndSessionsAtOnce() {
        var staff = newStaff();
        var credentials = new Api.Credentials(staff.username(), PASSWORD, SECRET, "CLERK", "00004", "hanoi");
        var token = api.token(credentials);
        var browser = api.browser().signIn(credentials);
        assertThat(browser.get("/console").statusCode()).isEqualTo(200);
        var admin = api.token(Api.demoAccounts().get("admin.hanoi"));

        assertThat(api.send("POST", "/api/v1/tenants/hanoi/accounts/" + staff.id() + "/disable", admin, null, Map.of()).statusCode()).isEqualTo(200);

        assertThat(api.send("GET", "/api/v1/me", token, null, Map.of()).statusCode()).isEqualTo(401);
        var afterwards = browser.get("/console");
        assertThat(afterwards.statusCode()).isEqualTo(302);
        assertThat(afterwards.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).contains("/login"));
    }

    @Test
    void signInAttemptsBeyondTheRateLimitAreRefusedWith429AndRetryAfter() {
        java.net.http.HttpResponse<String> last = null;
        for (int i = 0; i < 400 && (last == null || last.statusCode() != 429); i++) {
            last = api.send("POST", "/login", null, null, Map.of("Content-Type", "application/x-www-form-urlencoded"));
        }
        try {
            assertThat(last.statusCode()).isEqualTo(429);
            assertThat(last.headers().firstValue("Retry-After")).hasValueSatisfying(s -> assertThat(Integer.parseInt(s)).isPositive());
            assertThat(api.json(last).get("code").asString()).isEqualTo("too-many-requests");
            assertThat(api.send("GET", "/login", null, null, Map.of()).statusCode()).as("only the limited door closes").isEqualTo(200);
        } finally {
            clock.advance(Duration.ofMinutes(2));
        }
        assertThat(api.send("POST", "/login", null, null, Map.of("Content-Type", "application/x-www-form-urlencoded")).statusCode())
                .as("the bucket refills").isEqualTo(403);
    }

    @Test
    void nobodyGivesMorePowerOverAccessThanTheyHold() {
        jdbc.sql("insert into identity.role (code, name, permissions) values ('GRANT_CLERK', '{\"vi\":\"Giao quyền\"}', array['grant:manage']) on conflict do nothing").update();
        var granter = newStaff();
        grants.provision(new TenantId("hanoi"), granter.id(), "GRANT_CLERK", unit("00004"), Scope.UNIT, LocalDate.of(2025, 7, 1), "test");
        var token = api.token(new Api.Credentials(granter.username(), PASSWORD, SECRET, "GRANT_CLERK", "00004", "hanoi"));
        var colleague = newStaff();

        var inspector = api.send("POST", "/api/v1/tenants/hanoi/accounts/" + colleague.id() + "/grants", token,
                "{\"role\":\"INSPECTOR\",\"unitCode\":\"00004\"}", Map.of());
        var clerk = api.send("POST", "/api/v1/tenants/hanoi/accounts/" + colleague.id() + "/grants", token,
                "{\"role\":\"SPECIALIST\",\"unitCode\":\"00004\"}", Map.of());
        var elsewhere = api.send("POST", "/api/v1/tenants/hanoi/accounts/" + colleague.id() + "/grants", token,
                "{\"role\":\"SPECIALIST\",\"unitCode\":\"00097\"}", Map.of());

        assertThat(inspector.statusCode()).isEqualTo(400);
        assertThat(api.json(inspector).get("code").asString()).isEqualTo("grant-refused.beyond-own-permissions");
        assertThat(clerk.statusCode()).isEqualTo(201);
        assertThat(elsewhere.statusCode()).isEqualTo(403);
        assertThat(api.json(elsewhere).get("code").asString()).isEqualTo("access-denied");
    }

    @Test
    void meListsPermissionsAndGrants() {
        var token = api.token(Api.demoAccounts().get("head.00004"));
        var me = api.json(api.send("GET", "/api/v1/me", token, null, Map.of()));
        assertThat(me.get("unitCode").asString()).isEqualTo("00004");
        assertThat(me.get("permissions").valueStream().map(p -> p.asString())).contains("dossier:decide", "grant:read").doesNotContain("account:manage");
        assertThat(me.get("grants").get(0).get("role").asString()).isEqualTo("UNIT_LEADER");
    }

    private Account newStaff() {
        var unit = unit("00004");
        var staff = accounts.provision(new Accounts.NewAccount("hanoi", AccountKind.STAFF, "staff." + suffix(), "Cán bộ thử",
                null, null, unit.value(), null), PASSWORD, SECRET, "test");
        grants.provision(new TenantId("hanoi"), staff.id(), "CLERK", unit, Scope.UNIT, LocalDate.of(2025, 7, 1), "test");
        return staff;
    }

    private UnitId unit(String code) {
        var city = directory.tenant("hanoi");
        return directory.unitOn(city.id(), code, directory.today(city)).orElseThrow().id();
    }

    private long idleSeconds(Api.Browser browser) {
        return jdbc.sql("select max_inactive_interval from identity.spring_session where session_id = :s")
                .param("s", new String(java.util.Base64.getDecoder().decode(browser.cookie("__Host-onedoor"))))
                .query(Long.class).single();
    }

    private long auditCount(String action, UUID object) {
        return jdbc.sql("select count(*) from audit.event where action = :a and object_id = :o").param("a", action)
                .param("o", object.toString()).query(Long.class).single();
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
