package org.onedoor.procedure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.onedoor.procedure.Definitions.commune;
import static org.onedoor.procedure.Definitions.procedure;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Map;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.onedoor.DatabaseTest;
import org.onedoor.TestClock;
import org.onedoor.identity.Api;
import org.onedoor.procedure.Workflow.Allotment;
import org.onedoor.procedure.Workflow.Transition;
import org.onedoor.procedure.Workflow.UnitSelector;
import org.onedoor.shared.TenantId;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** The procedures API: the public catalogue of a city, and its administrators' versions, validation, exchange and workbook. */
@DatabaseTest
class ProcedureApiTests {

    static final TenantId HANOI = new TenantId("hanoi");

    @LocalServerPort
    int port;
    @Autowired
    TestClock clock;
    @Autowired
    Procedures procedures;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    ProcedureExchange exchange;
    @Autowired
    WorkflowTemplates templates;

    Api api;
    String admin;

    @BeforeEach
    void signIn() {
        api = new Api(port, clock);
        admin = api.token(Api.demoAccounts().get("admin.hanoi"));
    }

    @Test
    void findsBirthRegistrationWithoutDiacritics() {
        var found = api.json(api.send("GET", "/api/v1/tenants/hanoi/procedures?q=dang%20ky%20khai%20sinh", null, null, Map.of()));
        assertThat(found.get("items").get(0).get("code").asString()).isEqualTo("1.001193");
        assertThat(found.get("items").get(0).get("name").asString()).as("as the portal's detail page names it").isEqualTo("Thủ tục đăng ký khai sinh");
        assertThat(found.get("items").get(0).get("timeLimit").get("unit").asString()).isEqualTo("UNKNOWN");
    }

    @Test
    void givesPermanentResidenceWithSevenWorkingDaysFeesPerChannelAndItsWorkflow() {
        var found = api.json(api.send("GET", "/api/v1/tenants/hanoi/procedures?q=thuong%20tru&level=commune&online=partial", null, null, Map.of()));
        assertThat(found.get("items").valueStream().map(i -> i.get("code").asString())).contains("1.004222");

        var residence = api.json(api.send("GET", "/api/v1/tenants/hanoi/procedures/1.004222", null, null, Map.of()));

        assertThat(residence.get("name").asString()).isEqualTo("Đăng ký thường trú");
        assertThat(residence.get("timeLimit").get("value").asInt()).isEqualTo(7);
        assertThat(residence.get("timeLimit").get("unit").asString()).isEqualTo("WORKING_DAYS");
        assertThat(channel(residence, "ONLINE").get("fee").get("amount").asLong()).isEqualTo(10_000);
        assertThat(channel(residence, "ONLINE").get("fee").get("currency").asString()).isEqualTo("VND");
        assertThat(channel(residence, "DIRECT").get("fee").get("amount").asLong()).isEqualTo(20_000);
        assertThat(channel(residence, "DIRECT").get("timeLimit").get("value").asInt()).isEqualTo(7);
        assertThat(residence.get("components").size()).isGreaterThan(5);
        assertThat(residence.get("workflow").valueStream().map(s -> s.get("key").asString()))
                .containsExactly("reception", "processing", "approval", "result");
        assertThat(residence.get("workflow").get(0).get("actions").valueStream().map(JsonNode::asString)).contains("FORWARD→processing", "REFUSE");
    }

    @Test
    void badFiltersAreProblemsAndAnUnknownCodeIsNotFound() {
        var bad = api.send("GET", "/api/v1/tenants/hanoi/procedures?online=sometimes", null, null, Map.of());
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(api.json(bad).get("code").asString()).isEqualTo("invalid-parameter");
        var missing = api.send("GET", "/api/v1/tenants/hanoi/procedures/9.999999", null, null, Map.of());
        assertThat(missing.statusCode()).isEqualTo(404);
    }

    @Test
    void publishingAnInvalidWorkflowAnswers422WithEveryViolationLocalised() {
        var steps = new ArrayList<>(commune().steps());
        steps.set(1, Definitions.step("processing", "JANITOR", UnitSelector.competent(), Allotment.hours(80), 4,
                Transition.to(Workflow.Action.PROPOSE, "approval")));
        steps.set(2, Definitions.step("approval", "UNIT_LEADER", UnitSelector.competent(), Allotment.hours(4), 4,
                Transition.of(Workflow.Action.REQUEST_SUPPLEMENT)));
        var code = "T.API" + System.nanoTime() % 100_000;
        var created = api.send("POST", "/api/v1/tenants/hanoi/procedures", admin, ProcedureJsonFixtures.json(procedure(code, new Workflow(null, steps))), Map.of());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(created.headers().firstValue("ETag")).contains("\"0\"");

        var refused = api.send("POST", "/api/v1/tenants/hanoi/procedures/" + code + "/versions/1/publication", admin,
                "{\"effectiveFrom\":\"" + procedures.today(HANOI) + "\",\"basis\":\"QĐ 9/QĐ-UBND\"}", Map.of());

        assertThat(refused.statusCode()).isEqualTo(422);
        var problem = api.json(refused);
        assertThat(problem.get("code").asString()).isEqualTo("procedure-invalid");
        assertThat(problem.get("violations").valueStream().map(v -> v.get("code").asString()))
                .contains("step-dead-end", "allotments-over-limit", "step-role-unknown");
        assertThat(problem.get("violations").valueStream().map(v -> v.get("message").asString()))
                .anySatisfy(m -> assertThat(m).isEqualTo("Step \"processing\": there is no role \"JANITOR\"."));
        assertThat(procedures.version(HANOI, code, 1).state()).isEqualTo(ProcedureVersion.State.DRAFT);
    }

    @Test
    void editingADraftNeedsTheRevisionItRead() {
        var code = "T.EDIT" + System.nanoTime() % 100_000;
        api.send("POST", "/api/v1/tenants/hanoi/procedures", admin, ProcedureJsonFixtures.json(procedure(code, commune())), Map.of());
        var path = "/api/v1/tenants/hanoi/procedures/" + code + "/versions/1";
        var body = ProcedureJsonFixtures.json(Definitions.withTime(procedure(code, commune()), org.onedoor.calendar.TimeLimit.workingDays(4)));

        assertThat(api.send("PUT", path, admin, body, Map.of()).statusCode()).isEqualTo(428);
        var edited = api.send("PUT", path, admin, body, Map.of("If-Match", "\"0\""));
        assertThat(edited.statusCode()).as(edited.body()).isEqualTo(200);
        assertThat(edited.headers().firstValue("ETag")).contains("\"1\"");
        var stale = api.send("PUT", path, admin, ProcedureJsonFixtures.json(procedure(code, commune())), Map.of("If-Match", "\"0\""));
        assertThat(stale.statusCode()).isEqualTo(412);
        assertThat(procedures.version(HANOI, code, 1).definition().timeLimit().limit()).isEqualTo(org.onedoor.calendar.TimeLimit.workingDays(4));
        var malformed = api.send("PUT", path, admin, "{\"code\": 5, \"levels\": \"x\"}", Map.of("If-Match", "\"1\""));
        assertThat(malformed.statusCode()).isEqualTo(400);
    }

    @Test
    void hanoiHandsAProcedureToVientianeAsADraft() {
        var exported = api.send("GET", "/api/v1/tenants/hanoi/procedure-exchange?codes=1.004222", admin, null, Map.of());
        assertThat(exported.statusCode()).isEqualTo(200);
        var bundle = api.json(exported);
        assertThat(bundle.get("procedures").size()).isEqualTo(1);
        assertThat(bundle.get("templates").valueStream().map(t -> t.get("key").asString())).contains("commune-3-steps");

        // Vientiane has no demo administrator: its import runs through the service, with the bundle as it came over the wire.
        var vientiane = new TenantId("vientiane");
        var received = new ProcedureJson().mapper().readValue(exported.body(), ProcedureExchange.Bundle.class);
        var report = exchange.importBundle(vientiane, received, "test");

        assertThat(report.drafts()).isEqualTo(1);
        var draft = procedures.versions(vientiane, "1.004222").getFirst();
        assertThat(draft.state()).isEqualTo(ProcedureVersion.State.DRAFT);
        assertThat(draft.origin()).isEqualTo(ProcedureVersion.Origin.SHARED);
        assertThat(draft.definition()).isEqualTo(procedures.current(HANOI, "1.004222").definition());
        assertThat(procedures.inForce(vientiane, "1.004222", procedures.today(vientiane))).as("never published directly").isEmpty();
        assertThat(templates.templates(vientiane)).filteredOn(t -> t.key().equals("commune-3-steps")).singleElement()
                .satisfies(t -> assertThat(t.overridden()).isTrue());
    }

    @Test
    void aBundleThatBreaksRulesIsRefusedWholeAndChangesNothing() {
        var one = ProcedureJsonFixtures.json(procedure("T.BUNDLE", commune()));
        var body = "{\"format\":\"other/9\",\"tenant\":\"x\",\"exportedAt\":\"2026-01-01T00:00:00Z\",\"templates\":[],"
                + "\"procedures\":[{\"version\":1,\"definition\":" + one + "},{\"version\":1,\"definition\":" + one + "}]}";
        var count = jdbc.sql("select count(*) from procedure.procedure_version").query(Long.class).single();

        var refused = api.send("POST", "/api/v1/tenants/hanoi/procedure-exchange", admin, body, Map.of());

        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(api.json(refused).get("violations").valueStream().map(v -> v.get("code").asString()))
                .containsExactly("bundle-format", "bundle-procedure-twice");
        assertThat(jdbc.sql("select count(*) from procedure.procedure_version").query(Long.class).single()).isEqualTo(count);
    }

    @Test
    void theWorkbookGoesOutAndComesBackWithOnlyTheEditedProcedureAsADraft() throws Exception {
        var download = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                        + "/api/v1/tenants/hanoi/procedure-workbook")).header("Authorization", "Bearer " + admin).header("Accept-Language", "vi").build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(download.statusCode()).isEqualTo(200);
        byte[] edited;
        try (var workbook = new XSSFWorkbook(new ByteArrayInputStream(download.body())); var out = new ByteArrayOutputStream()) {
            assertThat(workbook.getSheetAt(0).getSheetName()).isEqualTo("Thủ tục");
            assertThat(workbook.getSheetAt(1).getSheetName()).isEqualTo("Thành phần hồ sơ");
            var sheet = workbook.getSheetAt(0);
            var found = false;
            for (var row : sheet) {
                if (row.getCell(0) != null && row.getCell(0).getStringCellValue().equals("1.004222")) {
                    assertThat(row.getCell(6).getNumericCellValue()).isEqualTo(7.0);
                    assertThat(row.getCell(7).getStringCellValue()).isEqualTo("WORKING_DAYS");
                    assertThat(row.getCell(9).getStringCellValue()).isEqualTo("20000 VND");
                    row.createCell(2).setCellValue("Permanent residence registration");
                    row.getCell(9).setCellValue("25000 VND");
                    found = true;
                }
            }
            assertThat(found).isTrue();
            workbook.write(out);
            edited = out.toByteArray();
        }
        var drafts = jdbc.sql("select count(*) from procedure.procedure_version where tenant = 'hanoi' and state = 'DRAFT'").query(Long.class).single();

        var read = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                        + "/api/v1/tenants/hanoi/procedure-workbook")).header("Authorization", "Bearer " + admin)
                .header("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
                .POST(HttpRequest.BodyPublishers.ofByteArray(edited)).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
        assertThat(api.json(read).get("drafted").valueStream().map(JsonNode::asString)).as("only the edited row").containsExactly("1.004222");
        assertThat(jdbc.sql("select count(*) from procedure.procedure_version where tenant = 'hanoi' and state = 'DRAFT'").query(Long.class).single())
                .isEqualTo(drafts + 1);
        var draft = procedures.versions(HANOI, "1.004222").getFirst();
        assertThat(draft.state()).isEqualTo(ProcedureVersion.State.DRAFT);
        assertThat(draft.definition().name().exactly("en")).isEqualTo("Permanent residence registration");
        assertThat(draft.definition().channels()).filteredOn(c -> c.channel() == ProcedureDefinition.Channel.DIRECT)
                .singleElement().satisfies(c -> assertThat(c.fee().amount()).isEqualTo(25_000L));
        assertThat(draft.definition().workflow()).isEqualTo(procedures.current(HANOI, "1.004222").definition().workflow());
        procedures.discard(HANOI, "1.004222", draft.number(), "test");
    }

    @Test
    void anUnreadableWorkbookIsRefusedWithItsCellsAndChangesNothing() throws Exception {
        byte[] content;
        try (var workbook = new XSSFWorkbook(); var out = new ByteArrayOutputStream()) {
            var sheet = workbook.createSheet("Thủ tục");
            workbook.createSheet("Thành phần hồ sơ");
            sheet.createRow(0).createCell(0).setCellValue("Mã");
            var row = sheet.createRow(1);
            row.createCell(0).setCellValue("1.004222");
            row.createCell(1).setCellValue("Đăng ký thường trú");
            row.createCell(6).setCellValue(7);
            row.createCell(7).setCellValue("FORTNIGHTS");
            row.createCell(8).setCellValue("PARTIAL");
            var bad = sheet.createRow(2);
            bad.createCell(0).setCellValue("not a code!");
            workbook.write(out);
            content = out.toByteArray();
        }
        var count = jdbc.sql("select count(*) from procedure.procedure_version").query(Long.class).single();
        var read = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                        + "/api/v1/tenants/hanoi/procedure-workbook")).header("Authorization", "Bearer " + admin).header("Accept-Language", "en")
                .POST(HttpRequest.BodyPublishers.ofByteArray(content)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(read.statusCode()).isEqualTo(422);
        assertThat(api.json(read).get("violations").valueStream().map(v -> v.get("pointer").asString()))
                .containsExactly("Thủ tục!2:G-H", "Thủ tục!3:A");
        assertThat(jdbc.sql("select count(*) from procedure.procedure_version").query(Long.class).single()).isEqualTo(count);
    }

    private static JsonNode channel(JsonNode procedure, String kind) {
        return procedure.get("channels").valueStream().filter(c -> c.get("channel").asString().equals(kind)).findFirst().orElseThrow();
    }
}
