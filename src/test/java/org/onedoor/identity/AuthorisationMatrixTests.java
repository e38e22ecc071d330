package org.onedoor.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Currency;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.onedoor.DatabaseTest;
import org.onedoor.TestClock;
import org.onedoor.organisation.Enactment;
import org.onedoor.organisation.NewUnit;
import org.onedoor.organisation.OrganisationDirectory;
import org.onedoor.organisation.Reorganisation;
import org.onedoor.organisation.UnitId;
import org.onedoor.organisation.UnitType;
import org.onedoor.shared.LocalizedText;
import org.onedoor.shared.TenantId;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * AC-1, AC-2, AC-4: every endpoint of the running application, each actor, allowed or denied as the rules say. An
 * endpoint that is not in the matrix fails the test, so every new endpoint must come with its cases.
 */
@DatabaseTest
class AuthorisationMatrixTests {

    /** Who knocks. */
    enum Actor { ANONYMOUS, CITIZEN, OTHER_CITIZEN, UNIT_STAFF, SIBLING_STAFF, PARENT_SUBTREE_STAFF, OTHER_TENANT_STAFF, ADMINISTRATOR }

    /**
     * One endpoint: how to call it, the status each actor must get, and the actors it allows (by default those
     * answered 2xx); when state is given, a refused call must leave it unchanged.
     */
    record Row(String endpoint, Supplier<Call> call, Map<Actor, Integer> expected, @Nullable Supplier<Object> state,
               @Nullable Set<Actor> allowed) {
        Row(String endpoint, Supplier<Call> call, Map<Actor, Integer> expected, @Nullable Supplier<Object> state) {
            this(endpoint, call, expected, state, null);
        }

        boolean allows(Actor actor) {
            return allowed != null ? allowed.contains(actor) : isSuccess(expected.get(actor));
        }
    }

    /** A concrete request; a page request is sent from the actor's signed-in browser session, with its CSRF token. */
    record Call(String method, String path, @Nullable String json, boolean page, Map<String, String> headers) {
        Call(String method, String path, @Nullable String json) {
            this(method, path, json, false, Map.of());
        }

        Call(String method, String path, @Nullable String json, boolean page) {
            this(method, path, json, page, Map.of());
        }
    }

    static final TenantId OTHER = new TenantId("testville");
    /** Fresh for each test: another test may have moved the clock past the tokens' lifetime. */
    final Map<Actor, String> TOKENS = new EnumMap<>(Actor.class);
    final Map<Actor, Api.Browser> BROWSERS = new EnumMap<>(Actor.class);

    @LocalServerPort
    int port;
    @Autowired
    TestClock clock;
    @Autowired
    Accounts accounts;
    @Autowired
    Grants grants;
    @Autowired
    Reorganisation reorganisation;
    @Autowired
    OrganisationDirectory directory;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    org.onedoor.calendar.Calendars calendars;
    @Autowired
    org.onedoor.procedure.Procedures procedures;
    @Autowired
    org.onedoor.dossier.Dossiers dossiers;
    @Autowired
    org.onedoor.dossier.Attachments attachments;
    @Autowired
    org.onedoor.dossier.Petitions petitions;
    @Autowired
    org.onedoor.documents.Documents documents;
    @Autowired
    org.onedoor.dossier.Drafts drafts;
    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    Api api;

    @BeforeEach
    void actors() {
        api = new Api(port, clock);
        var demo = Api.demoAccounts();
        var otherAdmin = otherTenantAdministrator();
        var who = Map.of(Actor.CITIZEN, demo.get("citizen1.hanoi"), Actor.OTHER_CITIZEN, demo.get("citizen2.hanoi"),
                Actor.UNIT_STAFF, demo.get("head.00004"), Actor.SIBLING_STAFF, demo.get("head.00097"),
                Actor.PARENT_SUBTREE_STAFF, demo.get("leader.hanoi"), Actor.OTHER_TENANT_STAFF, otherAdmin,
                Actor.ADMINISTRATOR, demo.get("admin.hanoi"));
        who.forEach((actor, credentials) -> TOKENS.put(actor, api.token(credentials)));
        who.forEach((actor, credentials) -> BROWSERS.put(actor, api.browser().signIn(credentials)));
        var anonymous = api.browser();
        anonymous.get("/login");
        BROWSERS.put(Actor.ANONYMOUS, anonymous);
    }

    @Test
    void everyEndpointIsInTheMatrix() {
        var endpoints = endpoints();
        var covered = new TreeSet<>(rows().stream().map(Row::endpoint).toList());

        assertThat(covered).as("rows for endpoints that do not exist").isSubsetOf(endpoints);
        assertThat(endpoints).as("endpoints without a row in the authorisation matrix").isSubsetOf(covered);
    }

    @Test
    void AC4_everyHandlerDeclaresItsAccessRule() {
        mappings.getHandlerMethods().values().stream().filter(h -> h.getBeanType().getName().startsWith("org.onedoor."))
                .forEach(h -> assertThat(org.onedoor.identity.security.DeclaredAccessRules.declares(h))
                        .as(h.getShortLogMessage()).isTrue());
    }

    @Test
    void AC1_AC2_eachActorIsAllowedOrDeniedAsTheRulesSay() {
        var failures = new ArrayList<String>();
        for (var row : rows()) {
            var order = new ArrayList<>(row.expected().keySet());
            order.sort((a, b) -> Boolean.compare(row.allows(a), row.allows(b)));
            var before = row.state() == null ? null : row.state().get();
            for (var actor : order) {
                var call = row.call().get();
                var response = !call.page() ? api.send(call.method(), call.path(), TOKENS.get(actor), call.json(), call.headers())
                        : call.method().equals("GET") ? BROWSERS.get(actor).get(call.path())
                        : BROWSERS.get(actor).post(call.path(), call.json() == null ? Map.of() : form(call.json()));
                var expected = row.expected().get(actor);
                if (response.statusCode() != expected) {
                    failures.add(row.endpoint() + " as " + actor + ": expected " + expected + ", got " + response.statusCode()
                            + " " + response.body().substring(0, Math.min(160, response.body().length())));
                }
                if (!row.allows(actor) && row.state() != null && !row.state().get().equals(before)) {
                    failures.add(row.endpoint() + " as " + actor + ": a refused request changed state");
                }
            }
        }
        assertThat(failures).isEmpty();
    }

    @Test
    void AC2_aUnitAdministratorListsOnlyTheAccountsOfItsUnit() {
        var demo = Api.demoAccounts();
        var unitAdmin = accounts.provision(new Accounts.NewAccount("hanoi", AccountKind.STAFF, "unitadmin." + suffix(), "Quản trị phường",
                null, null, unit("hanoi", "00004").value(), null), "Đây là một mật khẩu dài 2026!", "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP", "test");
        grants.provision(new TenantId("hanoi"), unitAdmin.id(), "ADMINISTRATOR", unit("hanoi", "00004"), Scope.UNIT, LocalDate.of(2025, 7, 1), "test");
        var token = api.token(new Api.Credentials(unitAdmin.username(), "Đây là một mật khẩu dài 2026!", "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP", "ADMINISTRATOR", "00004", "hanoi"));

        var listed = api.json(api.send("GET", "/api/v1/tenants/hanoi/accounts?size=500", token, null, Map.of()));

        var usernames = listed.get("items").valueStream().map(i -> i.get("username").asString()).toList();
        assertThat(usernames).contains("clerk.00004", "head.00004", unitAdmin.username())
                .doesNotContain("clerk.00097", "admin.hanoi", demo.get("citizen1.hanoi").username());
        assertThat(listed.get("items").valueStream().map(i -> i.get("unitCode").asString())).containsOnly("00004");
    }

    private List<Row> rows() {
        var all = everyone(200);
        var signedIn = except(200, Map.of(Actor.ANONYMOUS, 401));
        var accountManagers = only(Map.of(Actor.ADMINISTRATOR, 200));
        var clerk = accountId("clerk.00004");
        var rows = new ArrayList<Row>();
        // The organisation tree is public master data.
        rows.add(row("GET /api/v1/tenants", get("/api/v1/tenants"), all));
        rows.add(row("GET /api/v1/tenants/{tenant}/units", get("/api/v1/tenants/hanoi/units?size=5"), all));
        rows.add(row("GET /api/v1/tenants/{tenant}/units/{code}", get("/api/v1/tenants/hanoi/units/00004"), all));
        rows.add(row("GET /api/v1/tenants/{tenant}/units/{code}/lineage", get("/api/v1/tenants/hanoi/units/00004/lineage"), all));
        rows.add(row("GET /", get("/"), all));
        rows.add(row("GET /tenants/{tenant}/units", get("/tenants/hanoi/units?q=ba%20dinh"), all));
        rows.add(row("GET /tenants/{tenant}/units/{code}", get("/tenants/hanoi/units/00004"), all));
        rows.add(row("GET /api/v1/tenants/{tenant}/calendar/{year}", get("/api/v1/tenants/hanoi/calendar/2026"), all));
        rows.add(row("GET /api/v1/tenants/{tenant}/calendar/deadline",
                get("/api/v1/tenants/hanoi/calendar/deadline?from=2026-02-13T09:00:00%2B07:00&value=2&unit=WORKING_DAYS"), all));
        // Publishing a year: administrators of that city only (the test city's own administrator here).
        rows.add(new Row("POST /api/v1/tenants/{tenant}/calendar/{year}/publication", () -> new Call("POST",
                "/api/v1/tenants/testville/calendar/2030/publication", "{\"decision\":\"Thông báo thử\"}"),
                only(Map.of(Actor.OTHER_TENANT_STAFF, 200)), () -> yearStatus(2030)));
        rows.add(new Row("POST /tenants/{tenant}/calendar/{year}/publication", () -> new Call("POST",
                "/tenants/testville/calendar/2031/publication", "decision=Thông báo thử", true),
                page(Map.of(Actor.OTHER_TENANT_STAFF, 302)), () -> yearStatus(2031), Set.of(Actor.OTHER_TENANT_STAFF)));
        rows.add(row("GET /tenants/{tenant}/calendar/{year}/publication", pageGet("/tenants/hanoi/calendar/2028/publication"),
                page(Map.of(Actor.ADMINISTRATOR, 200))));
        rows.add(row("GET /tenants/{tenant}/calendar/{year}", pageGet("/tenants/hanoi/calendar/2025"), all));
        rows.add(row("GET /tenants/{tenant}/calendar/deadline", pageGet("/tenants/hanoi/calendar/deadline?received=2025-04-25T14:00&value=3&unit=WORKING_DAYS"),
                page(Map.of(Actor.UNIT_STAFF, 200, Actor.SIBLING_STAFF, 200, Actor.PARENT_SUBTREE_STAFF, 200, Actor.ADMINISTRATOR, 200))));
        rows.add(row("GET /api/v1/catalogue/procedures", get("/api/v1/catalogue/procedures?q=khai%20sinh"), all));
        rows.add(row("GET /api/v1/catalogue/procedures/{code}", get("/api/v1/catalogue/procedures/1.001193"), all));
        rows.add(row("GET /api/v1/lunar-calendar/lunar", get("/api/v1/lunar-calendar/lunar?date=2026-02-17"), all));
        rows.add(row("GET /api/v1/lunar-calendar/solar", get("/api/v1/lunar-calendar/solar?year=2026&month=1&day=1"), all));
        rows.add(row("GET /.well-known/security.txt", get("/.well-known/security.txt"), all));
        // Sign-in: open to all; the page flow without a pending sign-in goes back to the form.
        rows.add(row("GET /login", get("/login"), all));
        rows.add(row("GET /login/second-factor", get("/login/second-factor"), everyone(302)));
        rows.add(row("GET /login/enrol", get("/login/enrol"), everyone(302)));
        rows.add(row("POST /login", () -> new Call("POST", "/login", null), everyone(403)));
        rows.add(row("POST /login/second-factor", () -> new Call("POST", "/login/second-factor", null), everyone(403)));
        rows.add(row("POST /login/enrol", () -> new Call("POST", "/login/enrol", null), everyone(403)));
        rows.add(row("GET /register", get("/register"), all));
        rows.add(row("POST /register", () -> new Call("POST", "/register", null), everyone(403)));
        rows.add(row("POST /register/verify", () -> new Call("POST", "/register/verify", null), everyone(403)));
        rows.add(row("POST /api/v1/tenants/{tenant}/registrations", () -> new Call("POST", "/api/v1/tenants/hanoi/registrations",
                "{\"fullName\":\"\"}"), everyone(400)));
        rows.add(row("POST /api/v1/tenants/{tenant}/registrations/verify", () -> new Call("POST",
                "/api/v1/tenants/hanoi/registrations/verify", "{\"username\":\"nobody@example.invalid\",\"code\":\"000000\"}"), everyone(400)));
        rows.add(row("POST /api/v1/auth/token", () -> new Call("POST", "/api/v1/auth/token",
                "{\"username\":\"admin\",\"password\":\"admin\"}"), everyone(401)));
        rows.add(row("GET /api/v1/me", get("/api/v1/me"), signedIn));
        rows.add(row("GET /api/v1/me/accesses", get("/api/v1/me/accesses"), signedIn));
        // Accounts: administrators of the unit's subtree only.
        rows.add(row("GET /api/v1/tenants/{tenant}/accounts", get("/api/v1/tenants/hanoi/accounts"), accountManagers));
        rows.add(row("GET /api/v1/tenants/{tenant}/accounts/{id}", get("/api/v1/tenants/hanoi/accounts/" + clerk), accountManagers));
        rows.add(new Row("POST /api/v1/tenants/{tenant}/accounts", () -> new Call("POST", "/api/v1/tenants/hanoi/accounts",
                "{\"username\":\"new." + suffix() + "\",\"displayName\":\"Cán bộ mới\",\"unitCode\":\"00004\"}"),
                only(Map.of(Actor.ADMINISTRATOR, 201)), this::accountCount));
        var victim = disposableStaff();
        rows.add(new Row("POST /api/v1/tenants/{tenant}/accounts/{id}/unlock", post("/api/v1/tenants/hanoi/accounts/" + victim + "/unlock"),
                accountManagers, () -> status(victim)));
        rows.add(new Row("POST /api/v1/tenants/{tenant}/accounts/{id}/disable", post("/api/v1/tenants/hanoi/accounts/" + victim + "/disable"),
                accountManagers, () -> status(victim)));
        // Grants: read by those who answer for the unit, given and revoked by administrators.
        rows.add(row("GET /api/v1/tenants/{tenant}/accounts/{id}/grants", get("/api/v1/tenants/hanoi/accounts/" + clerk + "/grants"),
                only(Map.of(Actor.UNIT_STAFF, 200, Actor.PARENT_SUBTREE_STAFF, 200, Actor.ADMINISTRATOR, 200))));
        rows.add(new Row("POST /api/v1/tenants/{tenant}/accounts/{id}/grants", () -> new Call("POST",
                "/api/v1/tenants/hanoi/accounts/" + clerk + "/grants", "{\"role\":\"SPECIALIST\",\"unitCode\":\"00004\",\"scope\":\"UNIT\"}"),
                only(Map.of(Actor.ADMINISTRATOR, 201)), this::grantCount));
        var disposableGrant = disposableGrant(clerk, "CLERK");
        rows.add(new Row("DELETE /api/v1/tenants/{tenant}/grants/{grant}", () -> new Call("DELETE",
                "/api/v1/tenants/hanoi/grants/" + disposableGrant, null),
                only(Map.of(Actor.ADMINISTRATOR, 204)), this::grantCount));
        rows.add(row("GET /api/v1/tenants/{tenant}/units/{code}/actors", get("/api/v1/tenants/hanoi/units/00004/actors"),
                only(Map.of(Actor.UNIT_STAFF, 200, Actor.PARENT_SUBTREE_STAFF, 200, Actor.ADMINISTRATOR, 200))));
        // Audit: auditors and administrators.
        rows.add(row("GET /api/v1/tenants/{tenant}/audit/verify", get("/api/v1/tenants/hanoi/audit/verify"), accountManagers));
        rows.add(row("GET /api/v1/tenants/{tenant}/audit/events", get("/api/v1/tenants/hanoi/audit/events?size=5"), accountManagers));
        // The security console (pages): anonymous callers are sent to sign in, others refused unless allowed.
        var signedInPage = except(200, Map.of(Actor.ANONYMOUS, 302));
        var adminPage = page(Map.of(Actor.ADMINISTRATOR, 200));
        var adminPost = Set.of(Actor.ADMINISTRATOR);
        rows.add(row("GET /console", pageGet("/console"), signedInPage));
        rows.add(row("GET /me/accesses", pageGet("/me/accesses"), signedInPage));
        rows.add(row("GET /console/{tenant}/accounts", pageGet("/console/hanoi/accounts"), adminPage));
        rows.add(row("GET /console/{tenant}/accounts/{id}", pageGet("/console/hanoi/accounts/" + clerk), adminPage));
        rows.add(new Row("POST /console/{tenant}/accounts", () -> new Call("POST", "/console/hanoi/accounts",
                "username=page." + suffix() + "&displayName=Cán bộ&unitCode=00004", true), page(Map.of(Actor.ADMINISTRATOR, 302)),
                this::accountCount, adminPost));
        var pageVictim = disposableStaff();
        rows.add(new Row("POST /console/{tenant}/accounts/{id}/unlock", pagePost("/console/hanoi/accounts/" + pageVictim + "/unlock"),
                page(Map.of(Actor.ADMINISTRATOR, 302)), () -> status(pageVictim), adminPost));
        rows.add(new Row("POST /console/{tenant}/accounts/{id}/disable", pagePost("/console/hanoi/accounts/" + pageVictim + "/disable"),
                page(Map.of(Actor.ADMINISTRATOR, 302)), () -> status(pageVictim), adminPost));
        rows.add(new Row("POST /console/{tenant}/accounts/{id}/grants", () -> new Call("POST", "/console/hanoi/accounts/" + clerk
                + "/grants", "role=SPECIALIST&unitCode=00004&scope=UNIT", true), page(Map.of(Actor.ADMINISTRATOR, 302)),
                this::grantCount, adminPost));
        var pageGrant = disposableGrant(clerk, "SPECIALIST");
        rows.add(new Row("POST /console/{tenant}/grants/{grant}/revoke", pagePost("/console/hanoi/grants/" + pageGrant + "/revoke"),
                page(Map.of(Actor.ADMINISTRATOR, 302)), this::grantCount, adminPost));
        rows.add(row("GET /console/{tenant}/units/{code}/actors", pageGet("/console/hanoi/units/00004/actors"),
                page(Map.of(Actor.UNIT_STAFF, 200, Actor.PARENT_SUBTREE_STAFF, 200, Actor.ADMINISTRATOR, 200))));
        rows.add(row("GET /console/{tenant}/audit", pageGet("/console/hanoi/audit?verify=1"), adminPage));
        // Own password and contact: every signed-in user, re-authenticating (a wrong current password is refused with 403).
        var reauthRefused = except(403, Map.of(Actor.ANONYMOUS, 401));
        var wrongCurrent = "{\"currentPassword\":\"not the password\",\"totp\":\"000000\",\"newPassword\":\"x\",\"email\":\"a@b.vn\"}";
        rows.add(new Row("POST /api/v1/me/password", () -> new Call("POST", "/api/v1/me/password", wrongCurrent), reauthRefused,
                this::passwordChanges, Set.of()));
        rows.add(new Row("POST /api/v1/me/contact", () -> new Call("POST", "/api/v1/me/contact", wrongCurrent), reauthRefused,
                this::contactChanges, Set.of()));
        rows.add(row("GET /account/password", pageGet("/account/password"), signedInPage));
        rows.add(row("GET /account/contact", pageGet("/account/contact"), signedInPage));
        var pageReauthRefused = except(403, Map.of(Actor.ANONYMOUS, 302));
        rows.add(new Row("POST /account/password", () -> new Call("POST", "/account/password",
                "currentPassword=wrong&totp=000000&newPassword=whatever", true), pageReauthRefused, this::passwordChanges, Set.of()));
        rows.add(new Row("POST /account/contact", () -> new Call("POST", "/account/contact",
                "currentPassword=wrong&totp=000000&email=a@b.vn", true), pageReauthRefused, this::contactChanges, Set.of()));
        dossierRows(rows);
        draftRows(rows);
        notificationRows(rows);
        paymentRows(rows);
        // Last: it revokes the token each actor used.
        procedureRows(rows, all);
        // Last: it revokes every actor's token.
        rows.add(row("DELETE /api/v1/auth/token", () -> new Call("DELETE", "/api/v1/auth/token", null), except(204, Map.of(Actor.ANONYMOUS, 401))));
        return rows;
    }

    /**
     * Procedures: the catalogue is public; versions, drafts, publishing, exchange and templates belong to the city's
     * administrators (procedure:manage). Fixtures: M.PUB published without a draft, M.EDIT and M.PUBLISH and M.DISC
     * drafts, M.RET published.
     */
    private void procedureRows(List<Row> rows, Map<Actor, Integer> all) {
        var hanoi = new TenantId("hanoi");
        var today = procedures.today(hanoi);
        ensure(hanoi, "M.PUB", true);
        withoutDraft(hanoi, "M.PUB");
        ensure(hanoi, "M.EDIT", false);
        ensure(hanoi, "M.PUBLISH", false);
        ensure(hanoi, "M.DISC", false);
        ensure(hanoi, "M.RET", true);
        ensure(hanoi, "M.PDRAFT", true);
        withoutDraft(hanoi, "M.PDRAFT");
        ensure(hanoi, "M.PPUB", false);
        ensure(hanoi, "M.PRET", true);
        var admins = only(Map.of(Actor.ADMINISTRATOR, 200));
        var base = "/api/v1/tenants/hanoi/procedures";
        rows.add(row("GET /api/v1/tenants/{tenant}/procedures", get(base + "?q=thuong%20tru"), all));
        rows.add(row("GET /api/v1/tenants/{tenant}/procedures/{code}", get(base + "/1.004222"), all));
        rows.add(row("GET /api/v1/tenants/{tenant}/procedures/{code}/versions", get(base + "/M.PUB/versions"), admins));
        rows.add(row("GET /api/v1/tenants/{tenant}/procedures/{code}/versions/{number}", get(base + "/M.PUB/versions/1"), admins));
        rows.add(row("GET /api/v1/tenants/{tenant}/procedures/{code}/diff", get(base + "/M.PUB/diff?from=1&to=1"), admins));
        rows.add(new Row("POST /api/v1/tenants/{tenant}/procedures", () -> new Call("POST", base,
                org.onedoor.procedure.ProcedureJsonFixtures.json(org.onedoor.procedure.Definitions.procedure("M.NEW" + suffix(),
                        org.onedoor.procedure.Definitions.commune()))), only(Map.of(Actor.ADMINISTRATOR, 201)), this::procedureState));
        rows.add(new Row("POST /api/v1/tenants/{tenant}/procedures/{code}/drafts", post(base + "/M.PUB/drafts"),
                only(Map.of(Actor.ADMINISTRATOR, 201)), this::procedureState));
        rows.add(new Row("PUT /api/v1/tenants/{tenant}/procedures/{code}/versions/{number}", () -> new Call("PUT", base + "/M.EDIT/versions/1",
                org.onedoor.procedure.ProcedureJsonFixtures.json(org.onedoor.procedure.Definitions.procedure("M.EDIT",
                        org.onedoor.procedure.Definitions.commune()))),
                only(Map.of(Actor.ADMINISTRATOR, 428)), this::procedureState, Set.of(Actor.ADMINISTRATOR)));
        rows.add(new Row("DELETE /api/v1/tenants/{tenant}/procedures/{code}/versions/{number}", () -> new Call("DELETE",
                base + "/M.DISC/versions/1", null), only(Map.of(Actor.ADMINISTRATOR, 204)), this::procedureState));
        rows.add(row("POST /api/v1/tenants/{tenant}/procedures/{code}/versions/{number}/validation", post(base + "/M.EDIT/versions/1/validation"), admins));
        rows.add(new Row("POST /api/v1/tenants/{tenant}/procedures/{code}/versions/{number}/publication", () -> new Call("POST",
                base + "/M.PUBLISH/versions/1/publication", "{\"effectiveFrom\":\"" + today + "\",\"basis\":\"QĐ thử\"}"),
                admins, this::procedureState));
        rows.add(new Row("POST /api/v1/tenants/{tenant}/procedures/{code}/versions/{number}/retirement", () -> new Call("POST",
                base + "/M.RET/versions/1/retirement", "{\"effectiveTo\":\"" + today.plusDays(1) + "\",\"basis\":\"QĐ bãi bỏ\"}"),
                admins, this::procedureState));
        var exchange = "/api/v1/tenants/hanoi/procedure-exchange";
        rows.add(row("GET /api/v1/tenants/{tenant}/procedure-exchange", get(exchange + "?codes=1.004222"), admins));
        rows.add(new Row("POST /api/v1/tenants/{tenant}/procedure-exchange", () -> new Call("POST", exchange,
                "{\"format\":\"onedoor.procedures/1\",\"tenant\":\"testville\",\"exportedAt\":\"2026-01-01T00:00:00Z\",\"templates\":[],"
                        + "\"procedures\":[{\"version\":1,\"definition\":" + org.onedoor.procedure.ProcedureJsonFixtures.json(
                        org.onedoor.procedure.Definitions.procedure("M.SHARED", org.onedoor.procedure.Definitions.commune())) + "}]}"),
                admins, this::procedureState));
        rows.add(row("GET /api/v1/tenants/{tenant}/procedure-workbook", get("/api/v1/tenants/hanoi/procedure-workbook"), admins));
        rows.add(new Row("POST /api/v1/tenants/{tenant}/procedure-workbook", () -> new Call("POST", "/api/v1/tenants/hanoi/procedure-workbook",
                "{}"), only(Map.of(Actor.ADMINISTRATOR, 422)), this::procedureState, Set.of(Actor.ADMINISTRATOR)));
        rows.add(row("GET /api/v1/tenants/{tenant}/workflow-templates", get("/api/v1/tenants/hanoi/workflow-templates"), admins));
        rows.add(new Row("PUT /api/v1/tenants/{tenant}/workflow-templates/{key}", () -> new Call("PUT",
                "/api/v1/tenants/hanoi/workflow-templates/matrix-template", "{\"name\":{\"vi\":\"Mẫu thử\"},\"workflow\":"
                        + org.onedoor.procedure.ProcedureJsonFixtures.json(org.onedoor.procedure.Definitions.commune()) + "}"),
                admins, this::templateState));

        var adminPage = page(Map.of(Actor.ADMINISTRATOR, 200));
        var pages = "/tenants/hanoi/procedures";
        rows.add(row("GET /tenants/{tenant}/procedures", pageGet(pages + "?q=khai%20sinh&level=COMMUNE"), all));
        rows.add(row("GET /tenants/{tenant}/procedures/{code}", pageGet(pages + "/1.004222"), all));
        rows.add(row("GET /tenants/{tenant}/procedures/{code}/versions", pageGet(pages + "/M.PUB/versions"), adminPage));
        rows.add(row("GET /tenants/{tenant}/procedures/{code}/versions/{number}", pageGet(pages + "/M.PUB/versions/1"), adminPage));
        rows.add(row("GET /tenants/{tenant}/procedures/{code}/diff", pageGet(pages + "/M.PUB/diff?from=1&to=1"), adminPage));
        rows.add(new Row("POST /tenants/{tenant}/procedures/{code}/drafts", () -> new Call("POST", pages + "/M.PDRAFT/drafts", null, true),
                page(Map.of(Actor.ADMINISTRATOR, 302)), this::procedureState, Set.of(Actor.ADMINISTRATOR)));
        rows.add(new Row("POST /tenants/{tenant}/procedures/{code}/versions/{number}", () -> new Call("POST", pages + "/M.EDIT/versions/1",
                "revision=999&name.vi=Tên mới&onlineLevel=FULL", true), page(Map.of(Actor.ADMINISTRATOR, 412)), this::procedureState,
                Set.of(Actor.ADMINISTRATOR)));
        rows.add(new Row("POST /tenants/{tenant}/procedures/{code}/versions/{number}/publication", () -> new Call("POST",
                pages + "/M.PPUB/versions/1/publication", "effectiveFrom=" + today + "&basis=QĐ thử", true),
                page(Map.of(Actor.ADMINISTRATOR, 302)), this::procedureState, Set.of(Actor.ADMINISTRATOR)));
        rows.add(new Row("POST /tenants/{tenant}/procedures/{code}/versions/{number}/retirement", () -> new Call("POST",
                pages + "/M.PRET/versions/1/retirement", "effectiveTo=" + today.plusDays(1) + "&basis=QĐ bãi bỏ", true),
                page(Map.of(Actor.ADMINISTRATOR, 302)), this::procedureState, Set.of(Actor.ADMINISTRATOR)));
    }

    /**
     * Dossiers: a citizen submits online and sees only their own; staff read the dossiers of the units they hold
     * dossier:read on (the ward's head, the city leader over the city's subtree), never a sibling ward's; acting needs
     * to be the owner or, for a withdrawal, the applicant. The status look-up is public (with the phone check). The pages
     * follow the same rules; the counter reception belongs to holders of dossier:receive, which none of the actors is.
     */
    private void dossierRows(List<Row> rows) {
        var hanoi = new TenantId("hanoi");
        org.onedoor.dossier.DossierFixtures.ensureProcedures(procedures);
        var citizen = accounts.find("citizen1.hanoi").orElseThrow().asCurrentUser();
        var read = submitOnline(citizen);
        var act = submitOnline(citizen);
        var base = "/api/v1/tenants/hanoi/dossiers";
        var staffRefused = new java.util.EnumMap<Actor, Integer>(Map.of(Actor.CITIZEN, 201, Actor.OTHER_CITIZEN, 201,
                Actor.UNIT_STAFF, 422, Actor.SIBLING_STAFF, 422, Actor.PARENT_SUBTREE_STAFF, 422, Actor.ADMINISTRATOR, 422,
                Actor.OTHER_TENANT_STAFF, 403, Actor.ANONYMOUS, 401));
        rows.add(new Row("POST /api/v1/tenants/{tenant}/dossiers", () -> new Call("POST", base,
                org.onedoor.dossier.DossierFixtures.submission("ONLINE", "Người nộp thử", "0912000111", "00004", null)),
                staffRefused, this::dossierCount, Set.of(Actor.CITIZEN, Actor.OTHER_CITIZEN)));
        rows.add(row("GET /api/v1/tenants/{tenant}/dossiers/{code}", get(base + "/" + read),
                only(Map.of(Actor.CITIZEN, 200, Actor.UNIT_STAFF, 200, Actor.PARENT_SUBTREE_STAFF, 200))));
        rows.add(row("GET /api/v1/tenants/{tenant}/dossiers", get(base + "?queue=mine"),
                only(Map.of(Actor.CITIZEN, 200, Actor.OTHER_CITIZEN, 200, Actor.UNIT_STAFF, 200, Actor.SIBLING_STAFF, 200,
                        Actor.PARENT_SUBTREE_STAFF, 200))));
        rows.add(new Row("POST /api/v1/tenants/{tenant}/dossiers/{code}/actions", () -> new Call("POST", base + "/" + act + "/actions",
                "{\"action\":\"WITHDRAW\",\"reason\":\"thử\"}", false, Map.of("If-Match", "\"1\"")),
                only(Map.of(Actor.CITIZEN, 200)), () -> dossierVersion(act)));
        rows.add(row("GET /api/v1/tenants/{tenant}/dossiers/{code}/status", get(base + "/" + read + "/status?check=0111"), everyone(200)));
        // Attachments: seen by whoever sees the dossier; attached by the applicant, the owner or the reception point's
        // clerks (none of the staff actors is either).
        var pdf = "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n";
        var file = attachments.attach(citizen, hanoi, read, "Tờ khai", "to-khai.pdf", pdf.getBytes(java.nio.charset.StandardCharsets.UTF_8), null);
        var attachTo = submitOnline(citizen);
        rows.add(new Row("POST /api/v1/tenants/{tenant}/dossiers/{code}/attachments", () -> new Call("POST",
                base + "/" + attachTo + "/attachments?component=T%E1%BB%9D%20khai&fileName=to-khai.pdf", pdf, false,
                Map.of("Content-Type", "application/pdf")), only(Map.of(Actor.CITIZEN, 201)), () -> attachmentCount(attachTo)));
        rows.add(row("GET /api/v1/tenants/{tenant}/dossiers/{code}/attachments", get(base + "/" + read + "/attachments"),
                only(Map.of(Actor.CITIZEN, 200, Actor.UNIT_STAFF, 200, Actor.PARENT_SUBTREE_STAFF, 200))));
        rows.add(row("GET /api/v1/tenants/{tenant}/dossiers/{code}/attachments/{id}", get(base + "/" + read + "/attachments/" + file.id()),
                only(Map.of(Actor.CITIZEN, 200, Actor.UNIT_STAFF, 200, Actor.PARENT_SUBTREE_STAFF, 200))));
        // The pages: the same rules through the services; the anonymous are sent to sign in, the counter needs dossier:receive.
        var pages = "/tenants/hanoi/dossiers";
        var readers = page(Map.of(Actor.CITIZEN, 200, Actor.UNIT_STAFF, 200, Actor.PARENT_SUBTREE_STAFF, 200));
        var pageAct = submitOnline(citizen);
        rows.add(row("GET /tenants/{tenant}/dossiers", pageGet(pages + "?queue=unit"), page(Map.of(Actor.CITIZEN, 200,
                Actor.OTHER_CITIZEN, 200, Actor.UNIT_STAFF, 200, Actor.SIBLING_STAFF, 200, Actor.PARENT_SUBTREE_STAFF, 200))));
        rows.add(row("GET /tenants/{tenant}/dossiers/{code}", pageGet(pages + "/" + read), readers));
        rows.add(row("GET /tenants/{tenant}/dossiers/{code}/receipt", pageGet(pages + "/" + read + "/receipt"), readers));
        rows.add(new Row("POST /tenants/{tenant}/dossiers/{code}/actions", () -> new Call("POST", pages + "/" + pageAct + "/actions",
                "version=1&action=WITHDRAW&reason=thử", true), page(Map.of(Actor.CITIZEN, 302)), () -> dossierVersion(pageAct),
                Set.of(Actor.CITIZEN)));
        rows.add(row("GET /tenants/{tenant}/reception", pageGet("/tenants/hanoi/reception?procedure=" + org.onedoor.dossier.DossierFixtures.PROCEDURE),
                page(Map.of())));
        rows.add(new Row("POST /tenants/{tenant}/reception", () -> new Call("POST", "/tenants/hanoi/reception", "procedure="
                + org.onedoor.dossier.DossierFixtures.PROCEDURE + "&applicant.name=Người thử&component=0&outcome=ACCEPT", true),
                page(Map.of()), this::dossierCount, Set.of()));
        // The electronic result (by the owner only; nobody here owns `read`), the rating (the applicant, once returned:
        // `read` is not, hence 409), and downloads on the pages for whoever reads the dossier.
        rows.add(new Row("POST /api/v1/tenants/{tenant}/dossiers/{code}/attachments/result", () -> new Call("POST",
                base + "/" + read + "/attachments/result?fileName=kq.pdf", pdf, false, Map.of("Content-Type", "application/pdf")),
                only(Map.of()), () -> attachmentCount(read)));
        rows.add(new Row("POST /api/v1/tenants/{tenant}/dossiers/{code}/rating", () -> new Call("POST", base + "/" + read + "/rating",
                "{\"level\":5}"), only(Map.of(Actor.CITIZEN, 409)), () -> ratingCount(read), Set.of(Actor.CITIZEN)));
        rows.add(new Row("GET /api/v1/tenants/{tenant}/dossiers/{code}/rating", get(base + "/" + read + "/rating"),
                only(Map.of(Actor.CITIZEN, 404, Actor.UNIT_STAFF, 404, Actor.PARENT_SUBTREE_STAFF, 404)), null,
                Set.of(Actor.CITIZEN, Actor.UNIT_STAFF, Actor.PARENT_SUBTREE_STAFF)));
        rows.add(new Row("POST /tenants/{tenant}/dossiers/{code}/rating", () -> new Call("POST", pages + "/" + read + "/rating", "level=5", true),
                page(Map.of(Actor.CITIZEN, 409)), () -> ratingCount(read), Set.of(Actor.CITIZEN)));
        rows.add(new Row("POST /tenants/{tenant}/dossiers/{code}/result", () -> new Call("POST", pages + "/" + read + "/result", "note=none", true),
                page(Map.of()), () -> attachmentCount(read)));
        // The online application: citizens only (staff receive at the counter); without the mandatory papers → 422, nothing stored.
        rows.add(row("GET /tenants/{tenant}/apply", pageGet("/tenants/hanoi/apply?procedure=" + org.onedoor.dossier.DossierFixtures.PROCEDURE),
                page(Map.of(Actor.CITIZEN, 200, Actor.OTHER_CITIZEN, 200))));
        rows.add(new Row("POST /tenants/{tenant}/apply", () -> new Call("POST", "/tenants/hanoi/apply", "procedure="
                + org.onedoor.dossier.DossierFixtures.PROCEDURE + "&applicant.name=Người thử&receivingUnit=00004", true),
                page(Map.of(Actor.CITIZEN, 422, Actor.OTHER_CITIZEN, 422)), this::dossierCount, Set.of(Actor.CITIZEN, Actor.OTHER_CITIZEN)));
        rows.add(row("GET /tenants/{tenant}/track", pageGet("/tenants/hanoi/track?code=" + read + "&check=0111"), everyone(200)));
        rows.add(row("GET /tenants/{tenant}/dossiers/{code}/attachments/{id}", pageGet(pages + "/" + read + "/attachments/" + file.id()), readers));
        // Petitions (phản ánh, kiến nghị): the applicant sends one about their dossier; whoever sees the dossier reads its
        // petitions; staff who process dossiers of the answering unit (the ward's head: `read` is held in ward 00004) list
        // and answer them; another ward's head, the city leader (reads dossiers, does not process them) and the
        // administrator are refused. A second answer would be 409: the rows answer different petitions.
        var petitioned = submitOnline(citizen);
        rows.add(new Row("POST /api/v1/tenants/{tenant}/dossiers/{code}/petitions", () -> new Call("POST",
                base + "/" + petitioned + "/petitions", "{\"kind\":\"FEEDBACK\",\"subject\":\"Thử\",\"text\":\"Nội dung thử\"}"),
                only(Map.of(Actor.CITIZEN, 201)), () -> petitionCount(petitioned)));
        var asked = petition(citizen, read);
        rows.add(row("GET /api/v1/tenants/{tenant}/dossiers/{code}/petitions", get(base + "/" + read + "/petitions"),
                only(Map.of(Actor.CITIZEN, 200, Actor.UNIT_STAFF, 200, Actor.PARENT_SUBTREE_STAFF, 200))));
        rows.add(row("GET /api/v1/tenants/{tenant}/petitions/{id}", get("/api/v1/tenants/hanoi/petitions/" + asked),
                only(Map.of(Actor.CITIZEN, 200, Actor.UNIT_STAFF, 200, Actor.PARENT_SUBTREE_STAFF, 200))));
        rows.add(row("GET /api/v1/tenants/{tenant}/petitions", get("/api/v1/tenants/hanoi/petitions?unit=00004&open=true"),
                only(Map.of(Actor.UNIT_STAFF, 200))));
        var answered = petition(citizen, read);
        rows.add(new Row("POST /api/v1/tenants/{tenant}/petitions/{id}/answer", () -> new Call("POST",
                "/api/v1/tenants/hanoi/petitions/" + answered + "/answer", "{\"text\":\"Trả lời thử\"}"),
                only(Map.of(Actor.UNIT_STAFF, 200)), () -> petitionAnswer(answered)));
        rows.add(row("GET /tenants/{tenant}/petitions", pageGet("/tenants/hanoi/petitions?unit=00004"), page(Map.of(Actor.UNIT_STAFF, 200))));
        var pageAnswered = petition(citizen, read);
        rows.add(new Row("POST /tenants/{tenant}/petitions/{id}/answer", () -> new Call("POST",
                "/tenants/hanoi/petitions/" + pageAnswered + "/answer", "text=Trả lời thử", true), page(Map.of(Actor.UNIT_STAFF, 302)),
                () -> petitionAnswer(pageAnswered), Set.of(Actor.UNIT_STAFF)));
        var pagePetitioned = submitOnline(citizen);
        rows.add(new Row("POST /tenants/{tenant}/dossiers/{code}/petitions", () -> new Call("POST",
                pages + "/" + pagePetitioned + "/petitions", "kind=FEEDBACK&subject=Thử&text=Nội dung thử", true),
                page(Map.of(Actor.CITIZEN, 302)), () -> petitionCount(pagePetitioned), Set.of(Actor.CITIZEN)));
        // Official papers: whoever reads the dossier gets its forms; the tracking book needs the unit's dossiers; the
        // verification the QR code opens is public and shows no personal data.
        var clerk = accounts.find("clerk.00004").orElseThrow().asCurrentUser();
        var counter = dossiers.submit(clerk, hanoi, new org.onedoor.dossier.Dossiers.Submission(
                org.onedoor.dossier.DossierFixtures.PROCEDURE, null,
                new org.onedoor.dossier.Dossier.Applicant("Trần Thị Bình", null, "0912000222", null, null, false),
                List.of(new org.onedoor.dossier.Dossier.Component("Tờ khai", 1, 0, true)), null, null, null, null, null,
                org.onedoor.dossier.DossierAction.ACCEPT, null, List.of()), null).code();
        var staffReaders = Map.of(Actor.UNIT_STAFF, 200, Actor.PARENT_SUBTREE_STAFF, 200);
        rows.add(row("GET /api/v1/tenants/{tenant}/dossiers/{code}/forms/{form}", get(base + "/" + counter + "/forms/05"), only(staffReaders)));
        rows.add(row("GET /tenants/{tenant}/dossiers/{code}/forms/{form}", pageGet(pages + "/" + counter + "/forms/01"), page(staffReaders)));
        var today = clock.instant().atZone(dossiers.city(hanoi).timeZone()).toLocalDate();
        rows.add(row("GET /api/v1/tenants/{tenant}/units/{unit}/tracking-book", get("/api/v1/tenants/hanoi/units/00004/tracking-book?from="
                + today + "&to=" + today + "&format=xlsx"), only(staffReaders)));
        rows.add(row("GET /tenants/{tenant}/units/{unit}/tracking-book", pageGet("/tenants/hanoi/units/00004/tracking-book?from="
                + today + "&to=" + today), page(staffReaders)));
        var issued = documents.dossierForm(clerk, hanoi, counter, org.onedoor.documents.Form.RECEIPT, null, "vi", null).id();
        rows.add(row("GET /api/v1/documents/{id}", get("/api/v1/documents/" + issued), everyone(200)));
        rows.add(row("GET /verify/{id}", pageGet("/verify/" + issued), everyone(200)));
    }

    /**
     * Payments: the applicant pays their own dossier's fees (the fixture waits for none, hence 409 and no payment
     * made); whoever sees the dossier sees its payments; the refunds due are for report readers; the provider's
     * notification, the way back and the simulated gateway are public but take only results signed by the provider
     * (unsigned → 400, nothing changes).
     */
    private void paymentRows(List<Row> rows) {
        var citizen = accounts.find("citizen1.hanoi").orElseThrow().asCurrentUser();
        var code = submitOnline(citizen);
        var base = "/api/v1/tenants/hanoi/dossiers/" + code + "/payments";
        var readers = Map.of(Actor.CITIZEN, 200, Actor.UNIT_STAFF, 200, Actor.PARENT_SUBTREE_STAFF, 200);
        rows.add(new Row("POST /api/v1/tenants/{tenant}/dossiers/{code}/payments", post(base), only(Map.of(Actor.CITIZEN, 409)),
                () -> paymentCount(code), Set.of(Actor.CITIZEN)));
        rows.add(row("GET /api/v1/tenants/{tenant}/dossiers/{code}/payments", get(base), only(readers)));
        rows.add(new Row("GET /api/v1/tenants/{tenant}/dossiers/{code}/payments/{reference}", get(base + "/OD000000000000000000000000"),
                only(Map.of(Actor.CITIZEN, 404, Actor.UNIT_STAFF, 404, Actor.PARENT_SUBTREE_STAFF, 404)), null, readers.keySet()));
        rows.add(row("GET /api/v1/tenants/{tenant}/payments/refunds-due", get("/api/v1/tenants/hanoi/payments/refunds-due"),
                only(Map.of(Actor.UNIT_STAFF, 200, Actor.SIBLING_STAFF, 200, Actor.PARENT_SUBTREE_STAFF, 200))));
        var unsigned = "ref=OD1&outcome=PAID&amount=1&currency=VND&txn=X&sig=00";
        rows.add(new Row("POST /api/v1/payments/{provider}/notify", () -> new Call("POST", "/api/v1/payments/simulated/notify", unsigned,
                false, Map.of("Content-Type", "application/x-www-form-urlencoded")), everyone(400), this::paymentTotal, Set.of()));
        rows.add(new Row("POST /tenants/{tenant}/dossiers/{code}/payments", pagePost("/tenants/hanoi/dossiers/" + code + "/payments"),
                page(Map.of(Actor.CITIZEN, 409)), () -> paymentCount(code), Set.of(Actor.CITIZEN)));
        rows.add(row("GET /tenants/{tenant}/payments/{provider}/return", pageGet("/tenants/hanoi/payments/simulated/return?" + unsigned),
                everyone(400)));
        rows.add(row("GET /payment-gateway/simulated", pageGet("/payment-gateway/simulated?" + unsigned), everyone(400)));
        rows.add(new Row("POST /payment-gateway/simulated", () -> new Call("POST", "/payment-gateway/simulated", unsigned + "&choice=PAID", true),
                everyone(400), this::paymentTotal, Set.of()));
    }

    private Object paymentCount(String code) {
        return jdbc.sql("select count(*) from payment.payment where dossier_code = :c").param("c", code).query(Long.class).single();
    }

    private Object paymentTotal() {
        return jdbc.sql("select count(*) || '/' || count(*) filter (where status <> 'PENDING') from payment.payment").query(String.class).single();
    }

    /**
     * The citizen's portal: drafts are their owner's alone (another citizen: 404, as if there were none), staff have
     * none (403), the anonymous must sign in; the applicant's own forms answer a request for papers (API and page) and
     * withdraw (page) on their own dossier only. Fixtures: drafts of citizen1 (the demo citizens' drafts are cleared
     * first, an account keeps at most 20), dossiers waiting for papers.
     */
    private void draftRows(List<Row> rows) {
        var hanoi = new TenantId("hanoi");
        org.onedoor.dossier.DossierFixtures.ensureProcedures(procedures);
        jdbc.sql("delete from dossier.draft where account_id in (select id from identity.account where username in ('citizen1.hanoi', 'citizen2.hanoi'))")
                .update();
        var citizen = accounts.find("citizen1.hanoi").orElseThrow().asCurrentUser();
        var owners = (java.util.function.Function<Integer, Map<Actor, Integer>>) status -> only(Map.of(Actor.CITIZEN, status, Actor.OTHER_CITIZEN, 404));
        var base = "/api/v1/tenants/hanoi/drafts";
        var body = "{\"procedureCode\":\"" + org.onedoor.dossier.DossierFixtures.PROCEDURE + "\",\"applicant\":{\"name\":\"Người thử\"},"
                + "\"components\":[{\"name\":\"Tờ khai\"}],\"receivingUnit\":\"00004\"}";
        rows.add(new Row("POST /api/v1/tenants/{tenant}/drafts", () -> new Call("POST", base, body),
                only(Map.of(Actor.CITIZEN, 201, Actor.OTHER_CITIZEN, 201)), this::draftCount));
        rows.add(row("GET /api/v1/tenants/{tenant}/drafts", get(base), only(Map.of(Actor.CITIZEN, 200, Actor.OTHER_CITIZEN, 200))));
        var read = draft(citizen, hanoi, true);
        rows.add(row("GET /api/v1/tenants/{tenant}/drafts/{id}", get(base + "/" + read.id()), owners.apply(200)));
        rows.add(row("GET /api/v1/tenants/{tenant}/drafts/{id}/files/{fileId}", get(base + "/" + read.id() + "/files/" + read.files().getFirst().id()),
                owners.apply(200)));
        var put = draft(citizen, hanoi, false).id();
        rows.add(new Row("PUT /api/v1/tenants/{tenant}/drafts/{id}", () -> new Call("PUT", base + "/" + put, body, false,
                Map.of("If-Match", "\"" + draftVersion(put) + "\"")), owners.apply(200), () -> draftVersion(put)));
        var deleted = draft(citizen, hanoi, false).id();
        rows.add(new Row("DELETE /api/v1/tenants/{tenant}/drafts/{id}", () -> new Call("DELETE", base + "/" + deleted, null, false,
                Map.of("If-Match", "\"" + draftVersion(deleted) + "\"")), owners.apply(204), this::draftCount));
        var files = draft(citizen, hanoi, false).id();
        var boundary = "matrixboundary";
        var multipart = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"component\"\r\n\r\nTo khai\r\n--" + boundary
                + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"to-khai.pdf\"\r\nContent-Type: application/pdf\r\n\r\n"
                + "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n\r\n--" + boundary + "--\r\n";
        rows.add(new Row("POST /api/v1/tenants/{tenant}/drafts/{id}/files", () -> new Call("POST", base + "/" + files + "/files", multipart, false,
                Map.of("Content-Type", "multipart/form-data; boundary=" + boundary)), owners.apply(201), () -> draftFileCount(files)));
        var unfiled = draft(citizen, hanoi, true);
        rows.add(new Row("DELETE /api/v1/tenants/{tenant}/drafts/{id}/files/{fileId}", () -> new Call("DELETE",
                base + "/" + unfiled.id() + "/files/" + unfiled.files().getFirst().id(), null), owners.apply(200),
                () -> draftFileCount(unfiled.id())));
        var submitted = draft(citizen, hanoi, true).id();
        rows.add(new Row("POST /api/v1/tenants/{tenant}/drafts/{id}/submit", () -> new Call("POST", base + "/" + submitted + "/submit", null, false,
                Map.of("If-Match", "\"" + draftVersion(submitted) + "\"")), owners.apply(201), this::dossierCount));
        // the pages: every button of the application form saves the draft; the anonymous are sent to sign in
        var pages = "/tenants/hanoi/drafts";
        var form = "procedure=" + org.onedoor.dossier.DossierFixtures.PROCEDURE + "&applicant.name=Người thử&receivingUnit=00004&component=0";
        var pageOwners = page(Map.of(Actor.CITIZEN, 302, Actor.OTHER_CITIZEN, 404));
        rows.add(new Row("POST /tenants/{tenant}/drafts", () -> new Call("POST", pages, form, true),
                page(Map.of(Actor.CITIZEN, 302, Actor.OTHER_CITIZEN, 302)), this::draftCount, Set.of(Actor.CITIZEN, Actor.OTHER_CITIZEN)));
        var saved = draft(citizen, hanoi, false).id();
        rows.add(new Row("POST /tenants/{tenant}/drafts/{id}", () -> new Call("POST", pages + "/" + saved, form + "&version=" + draftVersion(saved), true),
                pageOwners, () -> draftVersion(saved), Set.of(Actor.CITIZEN)));
        var pageSubmitted = draft(citizen, hanoi, false).id();
        rows.add(new Row("POST /tenants/{tenant}/drafts/{id}/submission", () -> new Call("POST", pages + "/" + pageSubmitted + "/submission",
                form + "&version=" + draftVersion(pageSubmitted), true), pageOwners, this::dossierCount, Set.of(Actor.CITIZEN)));
        var pageDeleted = draft(citizen, hanoi, false).id();
        rows.add(new Row("POST /tenants/{tenant}/drafts/{id}/deletion", () -> new Call("POST", pages + "/" + pageDeleted + "/deletion",
                "version=" + draftVersion(pageDeleted), true), pageOwners, this::draftCount, Set.of(Actor.CITIZEN)));
        rows.add(row("GET /tenants/{tenant}/drafts/{id}/files/{fileId}", pageGet(pages + "/" + read.id() + "/files/" + read.files().getFirst().id()),
                page(Map.of(Actor.CITIZEN, 200, Actor.OTHER_CITIZEN, 404))));
        // the applicant's own forms on their dossier: the answer to a request for papers (API and page), the withdrawal
        var asked = waitingForPapers(citizen);
        rows.add(new Row("POST /api/v1/tenants/{tenant}/dossiers/{code}/supplement", () -> new Call("POST",
                "/api/v1/tenants/hanoi/dossiers/" + asked + "/supplement", "onPaper=0", false,
                Map.of("Content-Type", "application/x-www-form-urlencoded", "If-Match", "\"3\"")), only(Map.of(Actor.CITIZEN, 200)),
                () -> dossierVersion(asked)));
        var pageAsked = waitingForPapers(citizen);
        rows.add(new Row("POST /tenants/{tenant}/dossiers/{code}/supplement", () -> new Call("POST",
                "/tenants/hanoi/dossiers/" + pageAsked + "/supplement", "version=3&onPaper=0", true), page(Map.of(Actor.CITIZEN, 302)),
                () -> dossierVersion(pageAsked), Set.of(Actor.CITIZEN)));
        var withdrawn = submitOnline(citizen);
        rows.add(new Row("POST /tenants/{tenant}/dossiers/{code}/withdrawal", () -> new Call("POST",
                "/tenants/hanoi/dossiers/" + withdrawn + "/withdrawal", "version=1&confirm=on&reason=thử", true), page(Map.of(Actor.CITIZEN, 302)),
                () -> dossierVersion(withdrawn), Set.of(Actor.CITIZEN)));
    }

    /** A draft of citizen1 that can be submitted, with a saved scan when asked. */
    private org.onedoor.dossier.Drafts.Draft draft(CurrentUser citizen, TenantId tenant, boolean withScan) {
        var draft = drafts.create(citizen, tenant, new org.onedoor.dossier.Drafts.Form(org.onedoor.dossier.DossierFixtures.PROCEDURE,
                new org.onedoor.dossier.Dossier.Applicant("Người thử", null, "0912000111", null, null, false),
                List.of(new org.onedoor.dossier.Dossier.Component("Tờ khai", 1, 0, false)), "00004", null, null));
        if (!withScan) return draft;
        return drafts.addFile(citizen, tenant, draft.id(), null, "Tờ khai", "to-khai.pdf",
                "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n".getBytes(java.nio.charset.StandardCharsets.UTF_8)).draft();
    }

    /** An online dossier of citizen1 whose completeness check asked for one paper (version 3). */
    private String waitingForPapers(CurrentUser citizen) {
        var hanoi = new TenantId("hanoi");
        var code = submitOnline(citizen);
        dossiers.act(accounts.find("head.00004").orElseThrow().asCurrentUser(), hanoi, code, 1, new org.onedoor.dossier.Dossiers.Command(
                org.onedoor.dossier.DossierAction.ASSIGN, "clerk.00004", null, null, List.of(), List.of(), null, null), null);
        dossiers.act(accounts.find("clerk.00004").orElseThrow().asCurrentUser(), hanoi, code, 2, new org.onedoor.dossier.Dossiers.Command(
                org.onedoor.dossier.DossierAction.REQUEST_SUPPLEMENT, null, null, "Thiếu", List.of("Bản sao giấy khai sinh"), List.of(),
                null, null), null);
        return code;
    }

    private Object draftCount() {
        return jdbc.sql("select count(*) from dossier.draft").query(Long.class).single();
    }

    private Object draftVersion(UUID id) {
        return jdbc.sql("select coalesce(max(version), 0) from dossier.draft where id = :id").param("id", id).query(Integer.class).single();
    }

    private Object draftFileCount(UUID id) {
        return jdbc.sql("select count(*) from dossier.draft_file where draft_id = :id").param("id", id).query(Long.class).single();
    }

    private UUID petition(CurrentUser citizen, String code) {
        return petitions.send(citizen, new TenantId("hanoi"), code, new org.onedoor.dossier.Petitions.Request("FEEDBACK", "Thử",
                "Nội dung thử"), null).id();
    }

    private Object petitionCount(String code) {
        return jdbc.sql("select count(*) from dossier.petition p join dossier.dossier d on d.tenant_id = p.tenant_id and d.id = p.dossier_id where d.code = :c")
                .param("c", code).query(Long.class).single();
    }

    private Object petitionAnswer(UUID id) {
        return jdbc.sql("select coalesce(answered_at::text, '') || '/' || coalesce(answered_by::text, '') from dossier.petition where id = :id")
                .param("id", id).query(String.class).single();
    }

    private Object ratingCount(String code) {
        return jdbc.sql("select count(*) from dossier.rating r join dossier.dossier d on d.tenant_id = r.tenant_id and d.id = r.dossier_id where d.code = :c")
                .param("c", code).query(Long.class).single();
    }

    /**
     * Notifications: the city's outgoing messages, their retry and cancellation, and the wording of messages belong to
     * its operators (notification:manage, given to administrators), pages and API alike; the test city's administrator
     * holds it only there. Fixtures: messages given up after their last attempt.
     */
    private void notificationRows(List<Row> rows) {
        var operators = only(Map.of(Actor.ADMINISTRATOR, 200));
        var base = "/api/v1/tenants/hanoi/notifications";
        rows.add(row("GET /api/v1/tenants/{tenant}/notifications", get(base + "?status=ATTENTION"), operators));
        var retried = givenUpMessage();
        rows.add(new Row("POST /api/v1/tenants/{tenant}/notifications/{id}/retry", post(base + "/" + retried + "/retry"), operators,
                () -> messageState(retried)));
        var cancelled = givenUpMessage();
        rows.add(new Row("POST /api/v1/tenants/{tenant}/notifications/{id}/cancel", post(base + "/" + cancelled + "/cancel"), operators,
                () -> messageState(cancelled)));
        var templates = "/api/v1/tenants/hanoi/notification-templates";
        rows.add(row("GET /api/v1/tenants/{tenant}/notification-templates", get(templates), operators));
        rows.add(new Row("PUT /api/v1/tenants/{tenant}/notification-templates/{key}/{locale}", () -> new Call("PUT",
                templates + "/dossier-stopped/en", "{\"sms\":\"OneDoor: work on dossier {code} has stopped: {reason}\"}"), operators,
                this::wordingState));
        rows.add(new Row("DELETE /api/v1/tenants/{tenant}/notification-templates/{key}/{locale}", () -> new Call("DELETE",
                templates + "/dossier-stopped/en", null), only(Map.of(Actor.ADMINISTRATOR, 204)), this::wordingState));
        var pages = "/tenants/hanoi/notifications";
        rows.add(row("GET /tenants/{tenant}/notifications", pageGet(pages), page(Map.of(Actor.ADMINISTRATOR, 200))));
        var pageRetried = givenUpMessage();
        rows.add(new Row("POST /tenants/{tenant}/notifications/{id}/retry", pagePost(pages + "/" + pageRetried + "/retry"),
                page(Map.of(Actor.ADMINISTRATOR, 302)), () -> messageState(pageRetried), Set.of(Actor.ADMINISTRATOR)));
        var pageCancelled = givenUpMessage();
        rows.add(new Row("POST /tenants/{tenant}/notifications/{id}/cancel", pagePost(pages + "/" + pageCancelled + "/cancel"),
                page(Map.of(Actor.ADMINISTRATOR, 302)), () -> messageState(pageCancelled), Set.of(Actor.ADMINISTRATOR)));
    }

    private UUID givenUpMessage() {
        var id = UUID.randomUUID();
        jdbc.sql("""
                insert into notification.outbox (tenant_id, id, channel, address, template_key, locale, subject, body, status, attempts,
                                                 next_attempt_at, last_error, created_at, dedupe_key)
                values ('hanoi', :id, 'EMAIL', :address, 'dossier-received', 'vi', 'Thư thử', 'Nội dung thử', 'FAILED', 6, now(),
                        'ConnectException: Connection refused', now(), :key)""")
                .param("id", id).param("address", "matrix." + suffix() + "@example.vn").param("key", "matrix:" + id).update();
        return id;
    }

    private Object messageState(UUID id) {
        return jdbc.sql("select status || '/' || attempts || '/' || next_attempt_at::text from notification.outbox where id = :id")
                .param("id", id).query(String.class).single();
    }

    private Object wordingState() {
        return jdbc.sql("select count(*) || '/' || coalesce(max(updated_at)::text, '') from notification.template").query(String.class).single();
    }

    private String submitOnline(CurrentUser citizen) {
        return dossiers.submit(citizen, new TenantId("hanoi"), new org.onedoor.dossier.Dossiers.Submission(
                org.onedoor.dossier.DossierFixtures.PROCEDURE, null,
                new org.onedoor.dossier.Dossier.Applicant("Nguyễn Văn An", null, "0912000111", null, null, false),
                List.of(new org.onedoor.dossier.Dossier.Component("Tờ khai", 1, 0, true)), null, "00004", null, null, null, null,
                null, List.of()), null).code();
    }

    private Object dossierCount() {
        return jdbc.sql("select count(*) from dossier.dossier").query(Long.class).single();
    }

    private Object attachmentCount(String code) {
        return jdbc.sql("""
                select count(*) from dossier.attachment a join dossier.dossier d on d.tenant_id = a.tenant_id and d.id = a.dossier_id
                 where d.code = :c""").param("c", code).query(Long.class).single();
    }

    private Object dossierVersion(String code) {
        return jdbc.sql("select version from dossier.dossier where code = :c").param("c", code).query(Integer.class).single();
    }

    private void ensure(TenantId tenant, String code, boolean published) {
        if (procedures.exists(tenant, code)) return;
        procedures.create(tenant, org.onedoor.procedure.Definitions.procedure(code, org.onedoor.procedure.Definitions.commune()),
                org.onedoor.procedure.ProcedureVersion.Origin.EDITOR, "test");
        if (published) procedures.publish(tenant, code, 1, procedures.today(tenant), "QĐ thử", "test");
    }

    private void withoutDraft(TenantId tenant, String code) {
        procedures.versions(tenant, code).stream().filter(v -> v.state() == org.onedoor.procedure.ProcedureVersion.State.DRAFT)
                .forEach(v -> procedures.discard(tenant, code, v.number(), "test"));
    }

    private Object procedureState() {
        return jdbc.sql("select count(*) || '/' || sum(revision) || '/' || count(*) filter (where state = 'DRAFT') from procedure.procedure_version")
                .query(String.class).single();
    }

    private Object templateState() {
        return jdbc.sql("select count(*) || '/' || coalesce(max(updated_at)::text, '') from procedure.workflow_template").query(String.class).single();
    }

    private Row row(String endpoint, Supplier<Call> call, Map<Actor, Integer> expected) {
        return new Row(endpoint, call, expected, null);
    }

    private static Supplier<Call> get(String path) {
        return () -> new Call("GET", path, null);
    }

    private static Supplier<Call> post(String path) {
        return () -> new Call("POST", path, null);
    }

    private static Supplier<Call> pageGet(String path) {
        return () -> new Call("GET", path, null, true);
    }

    private static Supplier<Call> pagePost(String path) {
        return () -> new Call("POST", path, null, true);
    }

    /** A page allowed for the actors named; the anonymous are sent to sign in, everyone else refused. */
    private static Map<Actor, Integer> page(Map<Actor, Integer> allowed) {
        var map = everyone(403);
        map.put(Actor.ANONYMOUS, 302);
        map.putAll(allowed);
        return map;
    }

    private static Map<String, String> form(String encoded) {
        var fields = new java.util.LinkedHashMap<String, String>();
        for (var pair : encoded.split("&")) {
            var eq = pair.indexOf('=');
            fields.put(pair.substring(0, eq), pair.substring(eq + 1));
        }
        return fields;
    }

    /** The same status for every actor. */
    private static Map<Actor, Integer> everyone(int status) {
        var map = new EnumMap<Actor, Integer>(Actor.class);
        for (var actor : Actor.values()) map.put(actor, status);
        return map;
    }

    private static Map<Actor, Integer> except(int status, Map<Actor, Integer> exceptions) {
        var map = everyone(status);
        map.putAll(exceptions);
        return map;
    }

    /** Allowed for the actors named (with their status); 401 for the anonymous, 403 for everyone else. */
    private static Map<Actor, Integer> only(Map<Actor, Integer> allowed) {
        var map = everyone(403);
        map.put(Actor.ANONYMOUS, 401);
        map.putAll(allowed);
        return map;
    }

    private static boolean isSuccess(int status) {
        return status >= 200 && status < 300;
    }

    private TreeSet<String> endpoints() {
        var endpoints = new TreeSet<String>();
        mappings.getHandlerMethods().forEach((info, handler) -> {
            if (!handler.getBeanType().getName().startsWith("org.onedoor.")) return;
            for (var method : info.getMethodsCondition().getMethods()) {
                for (var pattern : info.getPatternValues()) endpoints.add(method.name() + " " + pattern);
            }
        });
        return endpoints;
    }

    private Api.Credentials otherTenantAdministrator() {
        reorganisation.registerTenant(OTHER, LocalizedText.of("Thành phố Thử", "Testville", null), ZoneId.of("Asia/Ho_Chi_Minh"),
                Locale.of("vi"), Currency.getInstance("VND"));
        var root = new NewUnit(UnitId.derivedFrom("testville/root"), "99", null, LocalizedText.of("vi", "Thành phố Thử"),
                UnitType.PROVINCE_CITY, null, null);
        reorganisation.establish(OTHER, Enactment.derivedFrom("testville/root", LocalDate.of(2020, 1, 1), "Thử nghiệm", null), root);
        var password = "Mật khẩu của thành phố thử 2026";
        var secret = "KRSXG5CTMVRXEZLUKRSXG5CTMVRXEZLU";
        var admin = accounts.provision(new Accounts.NewAccount(OTHER.value(), AccountKind.STAFF, "admin.testville", "Quản trị Thử",
                null, null, root.id().value(), null), password, secret, "test");
        grants.provision(OTHER, admin.id(), "ADMINISTRATOR", root.id(), Scope.SUBTREE, LocalDate.of(2020, 1, 1), "test");
        for (var year : new int[] {2030, 2031}) {
            calendars.recordYear(OTHER, year, org.onedoor.calendar.YearSchedule.Status.PROVISIONAL, null, "test",
                    List.of(new org.onedoor.calendar.SpecialDay(LocalDate.of(year, 1, 1), org.onedoor.calendar.DayKind.DAY_OFF,
                            LocalizedText.of("vi", "Tết Dương lịch"), "thử", null)));
        }
        return new Api.Credentials("admin.testville", password, secret, "ADMINISTRATOR", "99", OTHER.value());
    }

    private UUID disposableStaff() {
        return accounts.provision(new Accounts.NewAccount("hanoi", AccountKind.STAFF, "disposable." + suffix(), "Tài khoản thử",
                null, null, unit("hanoi", "00004").value(), null), accounts.randomPassword(), null, "test").id();
    }

    private UUID disposableGrant(UUID account, String role) {
        grants.provision(new TenantId("hanoi"), account, role, unit("hanoi", "00097"), Scope.UNIT, LocalDate.of(2025, 7, 1), "test-" + suffix());
        return jdbc.sql("""
                select id from identity.access_grant where tenant_id = 'hanoi' and account_id = :a and unit_id = :u
                   and role_code = :r and revoked_at is null""")
                .param("a", account).param("u", unit("hanoi", "00097").value()).param("r", role).query(UUID.class).list().getFirst();
    }

    private UnitId unit(String tenant, String code) {
        var city = directory.tenant(tenant);
        return directory.unitOn(city.id(), code, directory.today(city)).orElseThrow().id();
    }

    private UUID accountId(String username) {
        return accounts.find(username).orElseThrow().id();
    }

    private Object accountCount() {
        return jdbc.sql("select count(*) from identity.account").query(Long.class).single();
    }

    private Object grantCount() {
        return jdbc.sql("select count(*) from identity.access_grant where revoked_at is null").query(Long.class).single();
    }

    private Object yearStatus(int year) {
        return jdbc.sql("select status from calendar.year_schedule where tenant_id = 'testville' and year = :y").param("y", year)
                .query(String.class).single();
    }

    private Object passwordChanges() {
        return jdbc.sql("select count(*) from identity.password_history").query(Long.class).single();
    }

    private Object contactChanges() {
        return jdbc.sql("select count(*) from identity.account where email = 'a@b.vn'").query(Long.class).single();
    }

    private Object status(UUID account) {
        return jdbc.sql("select status from identity.account where id = :id").param("id", account).query(String.class).single();
    }

    private static String suffix() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

}
