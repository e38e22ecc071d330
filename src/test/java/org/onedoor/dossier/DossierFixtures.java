package org.onedoor.dossier;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.onedoor.TestClock;
import org.onedoor.calendar.Calendars;
import org.onedoor.calendar.TimeLimit;
import org.onedoor.identity.Api;
import org.onedoor.procedure.Definitions;
import org.onedoor.procedure.ProcedureDefinition;
import org.onedoor.procedure.Procedures;
import org.onedoor.procedure.Workflow;
import org.onedoor.procedure.Workflow.Action;
import org.onedoor.procedure.Workflow.Allotment;
import org.onedoor.procedure.Workflow.Transition;
import org.onedoor.procedure.Workflow.UnitSelector;
import org.onedoor.shared.TenantId;
import tools.jackson.databind.JsonNode;

/** Procedures, requests and clock moves that dossier tests share. */
public final class DossierFixtures {

    public static final TenantId HANOI = new TenantId("hanoi");
    public static final ZoneId ZONE = ZoneId.of("Asia/Ho_Chi_Minh");
    /** A commune procedure of 5 working days whose workflow has every kind of action. */
    public static final String PROCEDURE = "T.DOSSIER";

    private DossierFixtures() {
    }

    /**
     * Reception (clerk, 4 h) → processing (specialist of the competent ward, half the legal time; may consult the
     * specialist of ward 00097) → approval (head, 4 h) → result (clerk, 2 h).
     */
    public static Workflow workflow() {
        return new Workflow(null, List.of(
                Definitions.step("reception", "CLERK", UnitSelector.receiving(), Allotment.hours(4), 2,
                        Transition.to(Action.FORWARD, "processing"), Transition.of(Action.REQUEST_SUPPLEMENT), Transition.of(Action.REFUSE)),
                Definitions.step("processing", "SPECIALIST", UnitSelector.competent(), Allotment.share(0.5), 4,
                        Transition.to(Action.PROPOSE, "approval"), Transition.to(Action.SEND_BACK, "reception"),
                        Transition.to(Action.TRANSFER, "consult"), Transition.of(Action.REQUEST_SUPPLEMENT),
                        Transition.of(Action.REQUEST_FINANCIAL_OBLIGATION), Transition.of(Action.STOP)),
                Definitions.step("consult", "SPECIALIST", UnitSelector.named("00097"), Allotment.hours(4), 4,
                        Transition.to(Action.SEND_BACK, "processing")),
                Definitions.step("approval", "UNIT_LEADER", UnitSelector.competent(), Allotment.hours(4), 4,
                        Transition.to(Action.APPROVE, "result"), Transition.to(Action.SEND_BACK, "processing"), Transition.of(Action.STOP)),
                Definitions.step("result", "CLERK", UnitSelector.receiving(), Allotment.hours(2), 9, Transition.of(Action.RETURN_RESULT))));
    }

    /** Makes sure the test procedures are in force in Hanoi (the application context is shared, so once is enough). */
    public static void ensureProcedures(Procedures procedures) {
        var from = LocalDate.of(2025, 7, 1);
        procedures.seed(HANOI, Definitions.procedure(PROCEDURE, workflow()), from, "QĐ thử nghiệm");
        var unknown = Definitions.procedure("T.UNKNOWN", workflow());
        procedures.seed(HANOI, new ProcedureDefinition(unknown.code(), unknown.name(), unknown.field(), unknown.issuingBody(),
                unknown.decision(), unknown.levels(), unknown.competentUnitTypes(), unknown.applicantTypes(), unknown.components(),
                unknown.channels(), ProcedureDefinition.LegalTime.unknown(java.math.BigDecimal.TEN, "10"), unknown.onlineLevel(),
                unknown.boundaryFree(), unknown.legalBasis(), unknown.results(), unknown.workflow()), from, "QĐ thử nghiệm");
    }

    /** Moves the clock forward to 09:00 of the next working day in Hanoi, so that allotments count from a known time. */
    public static void nextWorkingMorning(TestClock clock, Calendars calendars) {
        var calendar = calendars.workingCalendar(HANOI);
        var day = clock.instant().atZone(ZONE).toLocalDate().plusDays(1);
        while (!calendar.isWorkingDay(day)) day = day.plusDays(1);
        var target = day.atTime(LocalTime.of(9, 0)).atZone(ZONE).toInstant();
        clock.advance(Duration.between(clock.instant(), target));
    }

    public static String counter(String applicant, @Nullable String phone) {
        return submission("DIRECT", applicant, phone, null, null);
    }

    public static String submission(String channel, String applicant, @Nullable String phone, @Nullable String unit,
                                    @Nullable String outcome) {
        var body = new HashMap<String, Object>();
        body.put("procedureCode", PROCEDURE);
        body.put("channel", channel);
        var person = new HashMap<String, Object>();
        person.put("name", applicant);
        person.put("idNumber", "001090012345");
        if (phone != null) person.put("phone", phone);
        body.put("applicant", person);
        body.put("components", List.of(Map.of("name", "Tờ khai", "originals", 1, "copies", 0, "digitised", true)));
        if (unit != null) body.put("receivingUnit", unit);
        if (outcome != null) body.put("outcome", outcome);
        return Api.JSON.writeValueAsString(body);
    }

    public static String action(String action, Map<String, Object> extra) {
        var body = new HashMap<String, Object>(extra);
        body.put("action", action);
        return Api.JSON.writeValueAsString(body);
    }

    /** Sends an action with the version the test last read and checks it was taken; answers the dossier. */
    public static JsonNode act(Api api, String token, String code, int version, String action, Map<String, Object> extra) {
        return act(api, token, token, code, version, action, extra);
    }

    /** As above, the dossier read afterwards by {@code reader} (the actor may no longer see it once handed on). */
    public static JsonNode act(Api api, String token, String reader, String code, int version, String action, Map<String, Object> extra) {
        var response = api.send("POST", "/api/v1/tenants/hanoi/dossiers/" + code + "/actions", token, action(action, extra),
                Map.of("If-Match", "\"" + version + "\""));
        assertThat(response.statusCode()).as(action + ": " + response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("ETag")).contains("\"" + (version + 1) + "\"");
        assertThat(api.json(response).get("version").asInt()).isEqualTo(version + 1);
        return view(api, reader, api.json(response).get("code").asString());
    }

    /** The whole dossier as the caller sees it: owner, timeline, allowed actions. */
    public static JsonNode view(Api api, String token, String code) {
        var response = api.send("GET", "/api/v1/tenants/hanoi/dossiers/" + code, token, null, Map.of());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return api.json(response);
    }

    /** The state a reception answers (code, status, statusCode, dueAt, owner, version). */
    public static JsonNode created(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        assertThat(response.headers().firstValue("ETag")).contains("\"1\"");
        return Api.JSON.readTree(response.body());
    }

    /** Bearer tokens of ward 00004's clerk, specialist and head and of the two demo citizens. */
    public record Actors(String clerk, String specialist, String head, String citizen, String otherCitizen) {
    }

    /**
     * The usual start of a dossier test: the test procedures in force, the clock at the next working morning, and
     * fresh tokens (a test that moves the clock by days outlives earlier ones).
     */
    public static Actors start(Api api, Procedures procedures, TestClock clock, Calendars calendars) {
        ensureProcedures(procedures);
        nextWorkingMorning(clock, calendars);
        var demo = Api.demoAccounts();
        return new Actors(api.token(demo.get("clerk.00004")), api.token(demo.get("specialist.00004")),
                api.token(demo.get("head.00004")), api.token(demo.get("citizen1.hanoi")), api.token(demo.get("citizen2.hanoi")));
    }

    public static TimeLimit fiveDays() {
        return TimeLimit.workingDays(5);
    }
}
