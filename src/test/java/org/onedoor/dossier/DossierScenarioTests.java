package org.onedoor.dossier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.onedoor.dossier.DossierFixtures.HANOI;
import static org.onedoor.dossier.DossierFixtures.ZONE;
import static org.onedoor.dossier.DossierFixtures.act;
import static org.onedoor.dossier.DossierFixtures.created;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.onedoor.DatabaseTest;
import org.onedoor.TestClock;
import org.onedoor.calendar.Calendars;
import org.onedoor.calendar.Deadlines;
import org.onedoor.identity.Api;
import org.onedoor.procedure.Procedures;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * A dossier's life over the API, step by step: status, national code, owner and each hand-over's result asserted at
 * every action, through a supplement round (clock stopped), a financial obligation, a consultation of another ward,
 * an apology and a late approval; an online dossier from submission to withdrawal; refusals and stops.
 */
@DatabaseTest
class DossierScenarioTests {

    @LocalServerPort
    int port;
    @Autowired
    TestClock clock;
    @Autowired
    Calendars calendars;
    @Autowired
    Procedures procedures;
    @Autowired
    WorkQueues queues;
    @Autowired
    org.onedoor.identity.Accounts accounts;
    @Autowired
    org.onedoor.identity.Grants grants;
    @Autowired
    org.onedoor.organisation.OrganisationDirectory directory;
    @Autowired
    JdbcClient jdbc;

    Api api;
    String clerk, specialist, head, otherSpecialist, otherClerk, citizen, otherCitizen;

    @BeforeEach
    void actors() {
        DossierFixtures.ensureProcedures(procedures);
        DossierFixtures.nextWorkingMorning(clock, calendars);
        api = new Api(port, clock);
        signIn();
    }

    /** Fresh tokens: a test that moves the clock by days outlives them. */
    void signIn() {
        var demo = Api.demoAccounts();
        clerk = api.token(demo.get("clerk.00004"));
        specialist = api.token(demo.get("specialist.00004"));
        head = api.token(demo.get("head.00004"));
        otherSpecialist = api.token(demo.get("specialist.00097"));
        otherClerk = api.token(demo.get("clerk.00097"));
        citizen = api.token(demo.get("citizen1.hanoi"));
        otherCitizen = api.token(demo.get("citizen2.hanoi"));
    }

    @Test
    void aCounterDossierGoesThroughEveryStepWithASupplementAnApologyAndALateApproval() {
        var calendar = calendars.workingCalendar(HANOI);
        // reception at the counter: received at once (status 2), owned by the clerk who received it
        var state = created(api.send("POST", "/api/v1/tenants/hanoi/dossiers", clerk,
                DossierFixtures.counter("Lê Văn Cường", "0912 345 678"), Map.of()));
        var code = state.get("code").asString();
        assertState(state, "AT_STEP", 2, "reception", "clerk.00004");
        assertThat(state.get("dueAt").isNull()).isFalse();
        var d = DossierFixtures.view(api, clerk, code);
        var today = clock.instant().atZone(ZONE).toLocalDate();
        assertThat(code).matches("00004-" + today.format(java.time.format.DateTimeFormatter.ofPattern("yyMMdd")) + "-\\d{4}");
        assertState(d, "AT_STEP", 2, "reception", "clerk.00004");
        assertThat(d.get("status").asString()).isEqualTo("new");
        var received = instant(d.get("receivedAt"));
        var legalDue = Deadlines.due(calendar, received, DossierFixtures.fiveDays());
        assertThat(instant(d.get("dueAt"))).isEqualTo(legalDue);
        assertThat(d.get("receptionPoint").get("code").asString()).isEqualTo("00004");
        assertThat(d.get("competentUnit").get("code").asString()).isEqualTo("00004");
        assertThat(d.get("applicant").get("idNumber").asString()).doesNotContain("0900123").contains("*");
        assertThat(d.get("flags").get("digitised").asBoolean()).isTrue();
        assertThat(actions(d)).contains("FORWARD", "REQUEST_SUPPLEMENT", "REFUSE", "APOLOGISE").doesNotContain("APPROVE", "ACCEPT");
        assertLine(d, 0, "RECEIVE", null, "reception", null);

        // forward to the ward's specialist at once: the reception step (4 h) ends on its due day → on time
        d = act(api, clerk, code, 1, "FORWARD", Map.of("to", "specialist.00004"));
        assertState(d, "AT_STEP", 4, "processing", "specialist.00004");
        assertLine(d, 1, "FORWARD", "reception", "processing", "ON_TIME");
        assertThat(d.get("timeline").get(1).get("giver").asString()).contains("Cán bộ một cửa");

        // a supplement: the clock stops for one working day, the appointment moves by exactly that
        d = act(api, specialist, code, 2, "REQUEST_SUPPLEMENT", Map.of("items", List.of("Bản sao giấy chứng nhận"), "reason", "Thiếu giấy tờ"));
        assertState(d, "WAITING_SUPPLEMENT", 5, "processing", "specialist.00004");
        assertThat(d.get("timeline").get(2).get("items").get(0).asString()).isEqualTo("Bản sao giấy chứng nhận");
        assertThat(actions(d)).doesNotContain("FORWARD", "PROPOSE");
        var pausedAt = instant(d.get("timeline").get(2).get("at"));
        nextWorkingDaySameTime();
        d = act(api, clerk, code, 3, "SUPPLEMENT", Map.of("components", List.of(Map.of("name", "Bản sao giấy chứng nhận", "digitised", true))));
        assertState(d, "AT_STEP", 4, "processing", "specialist.00004");
        var resumedAt = instant(d.get("timeline").get(3).get("at"));
        var moved = Deadlines.due(calendar, received, DossierFixtures.fiveDays(), List.of(new Deadlines.Pause(pausedAt, resumedAt)));
        assertThat(instant(d.get("legalDueAt"))).isEqualTo(moved).isAfter(legalDue);
        assertThat(Deadlines.workingTime(calendar, pausedAt, resumedAt).toHours()).as("a working day stopped").isGreaterThanOrEqualTo(7);
        assertThat(d.get("pausedSince").isNull()).isTrue();
        assertThat(instant(d.get("dueAt"))).isEqualTo(instant(d.get("legalDueAt")));

        // consult ward 00097 and come back: a hand-over to another unit's specialist, and back to the same specialist
        d = act(api, specialist, code, 4, "TRANSFER", Map.of());
        assertState(d, "AT_STEP", 4, "consult", "specialist.00097");
        assertThat(d.get("owner").get("unit").get("code").asString()).isEqualTo("00097");
        // once it is back, ward 00097 no longer sees it: it reads dossiers of the units a dossier concerns now
        d = act(api, otherSpecialist, specialist, code, 5, "SEND_BACK", Map.of("reason", "Ý kiến: đồng ý"));
        assertThat(api.send("GET", "/api/v1/tenants/hanoi/dossiers/" + code, otherSpecialist, null, Map.of()).statusCode()).isEqualTo(403);
        assertState(d, "AT_STEP", 4, "processing", "specialist.00004");
        assertLine(d, 5, "SEND_BACK", "consult", "processing", "ON_TIME");

        // fees: waiting for payment (6), then paid
        d = act(api, specialist, code, 6, "REQUEST_FINANCIAL_OBLIGATION", Map.of("reason", "Lệ phí", "amount", 50000));
        assertState(d, "WAITING_PAYMENT", 6, "processing", "specialist.00004");
        assertThat(d.get("feesDue").get("amount").asLong()).isEqualTo(50000);
        assertThat(d.get("feesDue").get("currency").asString()).isEqualTo("VND");
        d = act(api, specialist, code, 7, "PAY", Map.of());
        assertState(d, "AT_STEP", 4, "processing", "specialist.00004");
        assertThat(d.get("flags").get("paidOnline").asBoolean()).isFalse();
        assertThat(d.get("feesDue").isNull()).as("settled at the counter").isTrue();

        // propose to the head; the processing step ends a day before its (moved) due → early
        d = act(api, specialist, code, 8, "PROPOSE", Map.of("to", "head.00004"));
        assertState(d, "AT_STEP", 4, "approval", "head.00004");
        assertLine(d, 8, "PROPOSE", "processing", "approval", "EARLY");
        assertThat(actions(d)).as("the specialist has given it away").isEmpty();
        assertThat(actions(read(head, code))).contains("APPROVE", "SEND_BACK", "STOP", "APOLOGISE", "WITHDRAW").doesNotContain("RETURN_RESULT");

        // the head sees it will be late: apology with a new appointment two working days after the legal due
        var legal = instant(d.get("legalDueAt"));
        var newDue = Deadlines.afterWorkingTime(calendar, legal, Duration.ofHours(16));
        d = act(api, head, code, 9, "APOLOGISE", Map.of("reason", "Cần xác minh thêm", "newDueAt", newDue.atZone(ZONE).toOffsetDateTime().toString()));
        assertThat(instant(d.get("dueAt"))).isEqualTo(newDue);
        assertThat(instant(d.get("legalDueAt"))).isEqualTo(legal);
        assertThat(d.get("apologies").asInt()).isEqualTo(1);
        assertThat(d.get("late").asBoolean()).isFalse();

        // the legal time runs out: the sweep marks it late; the head's step (4 h) is long past
        clock.advance(Duration.between(clock.instant(), legal.plusSeconds(60)));
        signIn();
        assertThat(queues.markLate(HANOI)).isGreaterThanOrEqualTo(1);
        d = read(head, code);
        assertThat(d.get("late").asBoolean()).isTrue();

        // approved before the new appointment, still counted late; result ready at the clerk's counter (9)
        d = act(api, head, code, 10, "APPROVE", Map.of());
        assertState(d, "AT_STEP", 9, "result", "clerk.00004");
        assertLine(d, 10, "APPROVE", "approval", "result", "LATE");
        assertThat(d.get("status").asString()).isEqualTo("releasing");
        assertThat(d.get("processedAt").isNull()).isFalse();
        assertThat(d.get("late").asBoolean()).isTrue();
        d = act(api, clerk, code, 11, "RETURN_RESULT", Map.of());
        assertState(d, "RETURNED", 10, "result", "clerk.00004");
        assertThat(d.get("closedAt").isNull()).isFalse();
        assertThat(d.get("late").asBoolean()).isTrue();
        assertThat(actions(d)).isEmpty();
        assertThat(d.get("timeline").size()).isEqualTo(12);

        // closed: nothing more can be done, and the refusal changes nothing
        var refused = api.send("POST", "/api/v1/tenants/hanoi/dossiers/" + code + "/actions", clerk,
                DossierFixtures.action("WITHDRAW", Map.of()), Map.of("If-Match", "\"12\""));
        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(api.json(refused).get("code").asString()).isEqualTo("action-not-allowed");
        assertThat(read(clerk, code).get("version").asInt()).isEqualTo(12);

        // the public look-up: status and unit, no personal data, only with the phone's last four digits
        var lookUp = api.send("GET", "/api/v1/tenants/hanoi/dossiers/" + code + "/status?check=5678", null, null, Map.of());
        assertThat(lookUp.statusCode()).isEqualTo(200);
        assertThat(api.json(lookUp).get("statusCode").asInt()).isEqualTo(10);
        assertThat(lookUp.body()).doesNotContain("Lê Văn Cường", "0912", "001090");
        assertThat(api.send("GET", "/api/v1/tenants/hanoi/dossiers/" + code + "/status?check=1234", null, null, Map.of()).statusCode())
                .isEqualTo(404);
    }

    @Test
    void anOnlineDossierIsCheckedSupplementedAcceptedAndWithdrawn() {
        var code = created(api.send("POST", "/api/v1/tenants/hanoi/dossiers", citizen,
                DossierFixtures.submission("ONLINE", "Nguyễn Văn An", "0987654321", "00004", null), Map.of())).get("code").asString();
        var d = DossierFixtures.view(api, citizen, code);
        assertThat(d.get("owner").get("unit").get("code").asString()).as("a clerk of the ward it was sent to").isEqualTo("00004");
        assertThat(d.get("status").asString()).isEqualTo("receiving");
        assertThat(actions(d)).as("the citizen's own").containsExactly("WITHDRAW");
        assertThat(d.get("applicant").get("idNumber").isNull()).as("never shown to citizens").isTrue();
        // the head of the ward gives it to the demo clerk (whoever the least busy clerk was)
        d = act(api, head, code, 1, "ASSIGN", Map.of("to", "clerk.00004"));
        assertState(d, "SUBMITTED", 1, null, "clerk.00004");
        assertThat(d.get("timeline").get(1).get("action").asString()).isEqualTo("ASSIGN");
        assertThat(d.get("receivedAt").isNull()).isTrue();
        assertThat(actions(d)).as("the head's").containsExactly("ASSIGN");
        // only the applicant among citizens, and only staff of the units it concerns
        assertThat(api.send("GET", "/api/v1/tenants/hanoi/dossiers/" + code, otherCitizen, null, Map.of()).statusCode()).isEqualTo(403);
        assertThat(api.send("GET", "/api/v1/tenants/hanoi/dossiers/" + code, otherClerk, null, Map.of()).statusCode()).isEqualTo(403);
        assertThat(read(clerk, code).get("allowedActions").valueStream().map(JsonNode::asString))
                .contains("ACCEPT", "REQUEST_SUPPLEMENT", "REFUSE");

        // the completeness check asks for papers once, with the whole list; no clock is running yet
        d = act(api, clerk, code, 2, "REQUEST_SUPPLEMENT", Map.of("items", List.of("Giấy chứng sinh", "CCCD của mẹ")));
        assertState(d, "WAITING_SUPPLEMENT", 5, null, "clerk.00004");
        assertThat(read(citizen, code).get("allowedActions").valueStream().map(JsonNode::asString)).containsExactlyInAnyOrder("SUPPLEMENT", "WITHDRAW");
        d = act(api, citizen, code, 3, "SUPPLEMENT", Map.of("components", List.of(Map.of("name", "Giấy chứng sinh", "digitised", true))));
        assertState(d, "SUBMITTED", 1, null, "clerk.00004");
        assertThat(d.get("dueAt").isNull()).isTrue();

        d = act(api, clerk, code, 4, "ACCEPT", Map.of());
        assertState(d, "AT_STEP", 2, "reception", "clerk.00004");
        assertThat(d.get("receivedAt").isNull()).isFalse();
        d = act(api, clerk, code, 5, "FORWARD", Map.of("to", "specialist.00004"));
        assertState(d, "AT_STEP", 4, "processing", "specialist.00004");

        // the applicant withdraws: status 7, closed, counted as ended
        d = act(api, citizen, code, 6, "WITHDRAW", Map.of("reason", "Không còn nhu cầu"));
        assertState(d, "WITHDRAWN", 7, "processing", "specialist.00004");
        assertThat(d.get("closedAt").isNull()).isFalse();
        assertThat(d.get("processedAt").isNull()).isFalse();

        var mine = api.json(api.send("GET", "/api/v1/tenants/hanoi/dossiers", citizen, null, Map.of()));
        assertThat(mine.get("items").valueStream().map(i -> i.get("code").asString())).contains(code);
        var theirs = api.json(api.send("GET", "/api/v1/tenants/hanoi/dossiers", otherCitizen, null, Map.of()));
        assertThat(theirs.get("items").valueStream().map(i -> i.get("code").asString())).doesNotContain(code);
    }

    @Test
    void theCompletenessCheckRefusesWithReasonsOrAsksForPapersAndStopsAreFinal() {
        var refused = DossierFixtures.view(api, clerk, created(api.send("POST", "/api/v1/tenants/hanoi/dossiers", clerk, withReason(
                DossierFixtures.submission("DIRECT", "Phạm Thị Dung", null, null, "REFUSE"), "Không thuộc thẩm quyền"), Map.of()))
                .get("code").asString());
        assertState(refused, "REFUSED", 3, null, "clerk.00004");
        assertThat(refused.get("timeline").get(0).get("note").asString()).isEqualTo("Không thuộc thẩm quyền");
        assertThat(refused.get("closedAt").isNull()).isFalse();

        var noReason = api.send("POST", "/api/v1/tenants/hanoi/dossiers", clerk,
                DossierFixtures.submission("DIRECT", "Phạm Thị Dung", null, null, "REFUSE"), Map.of());
        assertThat(noReason.statusCode()).isEqualTo(422);
        assertThat(api.json(noReason).get("violations").get(0).get("pointer").asString()).isEqualTo("/reason");

        var asked = api.send("POST", "/api/v1/tenants/hanoi/dossiers", clerk, withItems(
                DossierFixtures.submission("DIRECT", "Phạm Thị Dung", null, null, "REQUEST_SUPPLEMENT"), List.of("Tờ khai có chữ ký")), Map.of());
        var waiting = created(asked);
        assertState(waiting, "WAITING_SUPPLEMENT", 5, null, "clerk.00004");

        var d = created(api.send("POST", "/api/v1/tenants/hanoi/dossiers", clerk, DossierFixtures.counter("Hoàng Văn Em", null), Map.of()));
        var code = d.get("code").asString();
        d = act(api, clerk, code, 1, "FORWARD", Map.of("to", "specialist.00004"));
        var stop = api.send("POST", "/api/v1/tenants/hanoi/dossiers/" + code + "/actions", specialist,
                DossierFixtures.action("STOP", Map.of()), Map.of("If-Match", "\"2\""));
        assertThat(stop.statusCode()).isEqualTo(422);
        d = act(api, specialist, code, 2, "STOP", Map.of("reason", "Người nộp đã chết"));
        assertState(d, "STOPPED", 8, "processing", "specialist.00004");
    }

    @Test
    void badRequestsGetProblemsAndChangeNothing() {
        var before = count();
        // every rule broken at once: unknown procedure stops at once; otherwise all violations listed
        var unknown = api.send("POST", "/api/v1/tenants/hanoi/dossiers", clerk,
                DossierFixtures.counter("X", null).replace("T.DOSSIER", "9.999999"), Map.of());
        assertThat(unknown.statusCode()).isEqualTo(422);
        assertThat(api.json(unknown).get("violations").get(0).get("code").asString()).isEqualTo("procedure-not-in-force");
        var many = api.send("POST", "/api/v1/tenants/hanoi/dossiers", clerk, """
                {"procedureCode":"T.DOSSIER","channel":"DIRECT","applicant":{"name":"","phone":"12","email":"x"},
                 "components":[],"competentUnit":"NOPE"}""", Map.of());
        assertThat(many.statusCode()).isEqualTo(422);
        assertThat(api.json(many).get("violations").valueStream().map(v -> v.get("pointer").asString())).as(many.body())
                .contains("/applicant/name", "/applicant/phone", "/applicant/email", "/competentUnit", "/components");
        assertThat(api.json(many).get("title").asString()).isEqualTo("The dossier is not acceptable");
        // a citizen cannot use the counter; a clerk cannot receive in another ward
        assertThat(api.send("POST", "/api/v1/tenants/hanoi/dossiers", citizen, DossierFixtures.counter("X", null), Map.of()).statusCode()).isEqualTo(422);
        var elsewhere = api.send("POST", "/api/v1/tenants/hanoi/dossiers", otherClerk,
                DossierFixtures.counter("X", null).replace("\"channel\":\"DIRECT\"", "\"channel\":\"DIRECT\",\"receptionPoint\":\"00004\""), Map.of());
        assertThat(elsewhere.statusCode()).isEqualTo(403);
        // unknown time unit: the clerk must set it
        var noLimit = api.send("POST", "/api/v1/tenants/hanoi/dossiers", clerk, DossierFixtures.counter("X", null).replace("T.DOSSIER", "T.UNKNOWN"), Map.of());
        assertThat(noLimit.statusCode()).isEqualTo(422);
        assertThat(api.json(noLimit).get("violations").get(0).get("code").asString()).isEqualTo("dossier-time-limit-unknown");
        assertThat(api.send("POST", "/api/v1/tenants/hanoi/dossiers", clerk, "{not json", Map.of()).statusCode()).isEqualTo(400);
        assertThat(count()).isEqualTo(before);
        var set = DossierFixtures.view(api, clerk, created(api.send("POST", "/api/v1/tenants/hanoi/dossiers", clerk, DossierFixtures.counter("X", null)
                .replace("T.DOSSIER", "T.UNKNOWN").replace("\"channel\"", "\"timeLimit\":{\"value\":10,\"unit\":\"WORKING_DAYS\"},\"channel\""), Map.of()))
                .get("code").asString());
        assertThat(set.get("timeLimit").asString()).contains("10");

        // actions: If-Match missing → 428, stale → 412, unknown action → 400
        var d = created(api.send("POST", "/api/v1/tenants/hanoi/dossiers", clerk, DossierFixtures.counter("Y", null), Map.of()));
        var path = "/api/v1/tenants/hanoi/dossiers/" + d.get("code").asString() + "/actions";
        var noVersion = api.send("POST", path, clerk, DossierFixtures.action("FORWARD", Map.of()), Map.of());
        assertThat(noVersion.statusCode()).isEqualTo(428);
        assertThat(api.json(noVersion).get("code").asString()).isEqualTo("if-match-required");
        assertThat(api.json(noVersion).get("title").asString()).isEqualTo("If-Match required");
        assertThat(api.send("POST", path, clerk, DossierFixtures.action("FORWARD", Map.of()), Map.of("If-Match", "\"7\"")).statusCode()).isEqualTo(412);
        assertThat(api.send("POST", path, clerk, DossierFixtures.action("DANCE", Map.of()), Map.of("If-Match", "\"1\"")).statusCode()).isEqualTo(400);
        // the specialist is not the owner yet; the other ward's clerk cannot see it
        assertThat(api.send("POST", path, specialist, DossierFixtures.action("FORWARD", Map.of()), Map.of("If-Match", "\"1\"")).statusCode()).isEqualTo(403);
        assertThat(api.send("POST", path, otherClerk, DossierFixtures.action("FORWARD", Map.of()), Map.of("If-Match", "\"1\"")).statusCode()).isEqualTo(403);
        // a handover to someone who does not hold the role there
        assertThat(api.send("POST", path, clerk, DossierFixtures.action("FORWARD", Map.of("to", "specialist.00097")), Map.of("If-Match", "\"1\"")).statusCode()).isEqualTo(422);
        assertThat(read(clerk, d.get("code").asString()).get("version").asInt()).isEqualTo(1);
    }

    @Test
    void queuesListWhatEachPersonAndUnitHoldsSoonestDueFirst() {
        var first = created(api.send("POST", "/api/v1/tenants/hanoi/dossiers", clerk, DossierFixtures.counter("Queue A", null), Map.of()));
        clock.advance(Duration.ofMinutes(5));
        created(api.send("POST", "/api/v1/tenants/hanoi/dossiers", clerk, DossierFixtures.counter("Queue B", null), Map.of()));
        var mine = api.json(api.send("GET", "/api/v1/tenants/hanoi/dossiers?queue=mine&size=500", clerk, null, Map.of()));
        var codes = mine.get("items").valueStream().map(i -> i.get("code").asString()).toList();
        assertThat(codes).contains(first.get("code").asString());
        var dues = mine.get("items").valueStream().filter(i -> !i.get("dueAt").isNull()).map(i -> instant(i.get("dueAt"))).toList();
        assertThat(dues).isSorted();
        assertThat(mine.get("items").valueStream().map(i -> i.get("ownerName").asString())).containsOnly("Cán bộ một cửa phường Ba Đình");
        // the unit's queue: every open dossier owned in ward 00004; nothing from ward 00097
        var unit = api.json(api.send("GET", "/api/v1/tenants/hanoi/dossiers?queue=unit&size=500", head, null, Map.of()));
        assertThat(unit.get("items").valueStream().map(i -> i.get("ownerUnit").get("code").asString())).containsOnly("00004");
        assertThat(api.send("GET", "/api/v1/tenants/hanoi/dossiers?queue=unit&unit=00097", head, null, Map.of()).statusCode()).isEqualTo(403);
        assertThat(api.send("GET", "/api/v1/tenants/hanoi/dossiers?queue=everything", head, null, Map.of()).statusCode()).isEqualTo(400);
    }

    @Test
    void aUnitQueueOverSeveralUnitsPagesInOneOrder() {
        // a head who answers for two wards: their queue merges both, soonest due first, and pages cut one sequence
        var today = java.time.LocalDate.of(2025, 7, 1);
        var username = "head.two." + UUID.randomUUID().toString().substring(0, 8);
        var ward = directory.unitOn(HANOI, "00004", directory.today(directory.tenant("hanoi"))).orElseThrow().id();
        var otherWard = directory.unitOn(HANOI, "00097", directory.today(directory.tenant("hanoi"))).orElseThrow().id();
        var account = accounts.provision(new org.onedoor.identity.Accounts.NewAccount("hanoi", org.onedoor.identity.AccountKind.STAFF,
                username, "Lãnh đạo hai phường", null, null, ward.value(), null), accounts.randomPassword(), null, "test");
        grants.provision(HANOI, account.id(), "UNIT_LEADER", ward, org.onedoor.identity.Scope.UNIT, today, "test");
        grants.provision(HANOI, account.id(), "UNIT_LEADER", otherWard, org.onedoor.identity.Scope.UNIT, today, "test");
        for (int i = 0; i < 3; i++) {
            created(api.send("POST", "/api/v1/tenants/hanoi/dossiers", clerk, DossierFixtures.counter("Hai phường A" + i, null), Map.of()));
            created(api.send("POST", "/api/v1/tenants/hanoi/dossiers", otherClerk, DossierFixtures.counter("Hai phường B" + i, null), Map.of()));
            clock.advance(Duration.ofMinutes(3));
        }
        var user = accounts.find(username).orElseThrow().asCurrentUser();
        var query = new WorkQueues.Query(WorkQueues.Scope.UNIT, null, List.of(), null);

        var whole = queues.queue(user, HANOI, query, new org.onedoor.shared.PageRequest(0, 40));

        var units = whole.items().stream().map(i -> i.dossier().ownerUnit()).distinct().toList();
        assertThat(units).containsExactlyInAnyOrder(ward, otherWard);
        assertThat(whole.total()).isGreaterThanOrEqualTo(6);
        var order = java.util.Comparator.comparing((WorkQueues.Item i) -> i.dossier().dueAt(),
                        java.util.Comparator.nullsLast(java.util.Comparator.naturalOrder()))
                .thenComparing(i -> i.dossier().submittedAt()).thenComparing(i -> i.dossier().code());
        assertThat(whole.items()).isSortedAccordingTo(order);
        var paged = new java.util.ArrayList<String>();
        for (int page = 0; page < 10 && page * 4 < whole.total(); page++) {
            var part = queues.queue(user, HANOI, query, new org.onedoor.shared.PageRequest(page, 4));
            assertThat(part.total()).isEqualTo(whole.total());
            part.items().forEach(i -> paged.add(i.dossier().code()));
        }
        assertThat(paged).containsExactlyElementsOf(whole.items().stream().map(i -> i.dossier().code()).toList());
        // one ward asked for by name: only its dossiers, in the same order
        var one = queues.queue(user, HANOI, new WorkQueues.Query(WorkQueues.Scope.UNIT, "00097", List.of(), null),
                new org.onedoor.shared.PageRequest(0, 40));
        assertThat(one.items()).isNotEmpty().allMatch(i -> i.dossier().ownerUnit().equals(otherWard)).isSortedAccordingTo(order);
        var otherInWhole = whole.items().stream().filter(i -> i.dossier().ownerUnit().equals(otherWard)).map(i -> i.dossier().code()).toList();
        assertThat(one.items().stream().map(i -> i.dossier().code()).toList()).startsWith(otherInWhole.toArray(String[]::new));
    }

    private long count() {
        return jdbc.sql("select count(*) from dossier.dossier where tenant_id = 'hanoi'").query(Long.class).single();
    }

    private void nextWorkingDaySameTime() {
        var calendar = calendars.workingCalendar(HANOI);
        var now = clock.instant().atZone(ZONE);
        var day = now.toLocalDate().plusDays(1);
        while (!calendar.isWorkingDay(day)) day = day.plusDays(1);
        clock.advance(Duration.between(clock.instant(), day.atTime(now.toLocalTime()).atZone(ZONE).toInstant()));
        signIn();
    }

    private JsonNode read(String token, String code) {
        var response = api.send("GET", "/api/v1/tenants/hanoi/dossiers/" + code, token, null, Map.of());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return api.json(response);
    }

    private static String withReason(String json, String reason) {
        var node = (tools.jackson.databind.node.ObjectNode) Api.JSON.readTree(json);
        node.put("reason", reason);
        return node.toString();
    }

    private static String withItems(String json, List<String> items) {
        var node = (tools.jackson.databind.node.ObjectNode) Api.JSON.readTree(json);
        var array = node.putArray("items");
        items.forEach(array::add);
        return node.toString();
    }

    private static List<String> actions(JsonNode d) {
        return d.get("allowedActions").valueStream().map(JsonNode::asString).toList();
    }

    private static Instant instant(JsonNode node) {
        return OffsetDateTime.parse(node.asString()).toInstant();
    }

    private void assertState(JsonNode d, String state, int statusCode, String step, String owner) {
        assertThat(d.get("state").asString()).as("state").isEqualTo(state);
        assertThat(d.get("statusCode").asInt()).as("status code").isEqualTo(statusCode);
        if (step == null) assertThat(d.get("step").isNull()).as("no step").isTrue();
        else assertThat(d.get("step").get("key").asString()).as("step").isEqualTo(step);
        var expected = jdbc.sql("select id from identity.account where username = :u").param("u", owner).query(UUID.class).single();
        assertThat(d.get("owner").get("account").asString()).as("owner " + owner).isEqualTo(expected.toString());
    }

    private static void assertLine(JsonNode d, int index, String action, String from, String to, String result) {
        var line = d.get("timeline").get(index);
        assertThat(line.get("action").asString()).isEqualTo(action);
        assertThat(line.get("fromStep").isNull() ? null : line.get("fromStep").asString()).isEqualTo(from);
        assertThat(line.get("toStep").isNull() ? null : line.get("toStep").asString()).isEqualTo(to);
        assertThat(line.get("result").isNull() ? null : line.get("result").asString()).as("result of " + action).isEqualTo(result);
    }
}
