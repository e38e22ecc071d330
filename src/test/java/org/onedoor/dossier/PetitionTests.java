package org.onedoor.dossier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.onedoor.dossier.DossierFixtures.HANOI;
import static org.onedoor.dossier.DossierFixtures.ZONE;
import static org.onedoor.dossier.DossierFixtures.act;
import static org.onedoor.dossier.DossierFixtures.created;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.onedoor.DatabaseTest;
import org.onedoor.TestClock;
import org.onedoor.calendar.Calendars;
import org.onedoor.identity.AccountKind;
import org.onedoor.identity.Accounts;
import org.onedoor.identity.Api;
import org.onedoor.identity.Grants;
import org.onedoor.identity.Scope;
import org.onedoor.organisation.OrganisationDirectory;
import org.onedoor.procedure.Procedures;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Petitions (phản ánh, kiến nghị) about a dossier: the applicant sends one at any status; it goes to the one unit
 * holding the dossier (its reception point once the dossier has ended), whose head answers for it, due in 15 working
 * days by the city's calendar; staff of that unit who process dossiers list it, overdue ones marked, and answer it
 * once; the applicant reads the answer and is told through the outbox. Everything refused leaves nothing behind.
 */
@DatabaseTest
class PetitionTests {

    static final int ANSWER_DAYS = 15;

    @LocalServerPort
    int port;
    @Autowired
    TestClock clock;
    @Autowired
    Calendars calendars;
    @Autowired
    Procedures procedures;
    @Autowired
    Accounts accounts;
    @Autowired
    Grants grants;
    @Autowired
    OrganisationDirectory directory;
    @Autowired
    JdbcClient jdbc;

    Api api;
    String clerk, specialist, head, citizen, otherCitizen;
    /** Accounts a test made, whose grants are revoked after it, so that no later test hands them dossiers. */
    final List<UUID> provisioned = new ArrayList<>();

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

    @AfterEach
    void revokeProvisionedGrants() {
        var admin = accounts.find("admin.hanoi").orElseThrow().asCurrentUser();
        for (var account : provisioned) {
            jdbc.sql("select id from identity.access_grant where account_id = :a and revoked_at is null").param("a", account)
                    .query(UUID.class).list().forEach(grant -> grants.revoke(admin, HANOI, grant));
        }
        provisioned.clear();
    }

    @Test
    void aPetitionGoesToTheUnitHoldingTheDossierWithItsHeadAccountableDueInFifteenWorkingDays() {
        var code = onlineDossier(null, null);
        act(api, clerk, code, 2, "ACCEPT", Map.of());
        act(api, clerk, code, 3, "FORWARD", Map.of("to", "specialist.00004"));
        // the dossier is sent for an opinion to ward 00097: it is there that the petition must be answered
        act(api, specialist, token("specialist.00097"), code, 4, "TRANSFER", Map.of("to", "specialist.00097"));

        var sent = send(citizen, code, "FEEDBACK", "Hồ sơ chuyển đi nhiều nơi", "Vì sao hồ sơ của tôi phải chuyển sang phường khác?");

        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(201);
        var petition = api.json(sent);
        var id = petition.get("id").asString();
        assertThat(sent.headers().firstValue("Location")).contains("/api/v1/tenants/hanoi/petitions/" + id);
        assertThat(petition.get("kind").asString()).isEqualTo("FEEDBACK");
        assertThat(petition.get("status").asString()).isEqualTo("OPEN");
        assertThat(petition.get("answeringUnit").get("code").asString()).isEqualTo("00097");
        assertThat(petition.get("overdue").asBoolean()).isFalse();
        var stored = stored(id);
        assertThat(stored.get("accountable")).as("the head of the answering ward").isEqualTo(accountId("head.00097"));
        // 15 working days: counted from the next working day (it was sent during office hours), due at the close of the
        // 15th, skipping weekends and days off
        var sentAt = OffsetDateTime.parse(petition.get("sentAt").asString()).toInstant();
        var due = OffsetDateTime.parse(petition.get("dueAt").asString());
        assertThat(due.toInstant()).isEqualTo(stored.get("due"));
        assertThat(due.toLocalDate()).isEqualTo(nthWorkingDayAfter(sentAt.atZone(ZONE).toLocalDate(), ANSWER_DAYS));
        assertThat(due.atZoneSameInstant(ZONE).toLocalTime()).isEqualTo(LocalTime.of(17, 0));
        assertThat(api.send("GET", "/api/v1/tenants/hanoi/petitions/" + id, citizen, null, Map.of()).statusCode()).isEqualTo(200);

        // the answering ward's staff who process dossiers see it; the dossier's own ward does not answer for it
        assertThat(ids(list(token("head.00097"), "?unit=00097&open=true"))).contains(id);
        assertThat(ids(list(token("specialist.00097"), "?open=true"))).contains(id);
        assertThat(ids(list(head, "?open=true"))).doesNotContain(id);
        assertThat(list(head, "?unit=00097").statusCode()).as("another ward's list").isEqualTo(403);
        assertThat(list(staffWith("CLERK", "00097"), "").statusCode()).as("a clerk does not process dossiers").isEqualTo(403);
        assertThat(list(citizen, "").statusCode()).isEqualTo(403);

        // back at its own ward, the next petition goes there
        act(api, token("specialist.00097"), specialist, code, 5, "SEND_BACK", Map.of());
        var second = api.json(send(citizen, code, "RECOMMENDATION", "Đề nghị trả kết quả qua bưu điện", "Tôi đề nghị được nhận kết quả qua bưu điện."));
        assertThat(second.get("answeringUnit").get("code").asString()).isEqualTo("00004");
        assertThat(stored(second.get("id").asString()).get("accountable")).isEqualTo(accountId("head.00004"));

        // the dossier page's list: both, oldest first, for the applicant and for staff who read the dossier
        var mine = api.json(api.send("GET", "/api/v1/tenants/hanoi/dossiers/" + code + "/petitions", citizen, null, Map.of()));
        assertThat(mine.valueStream().map(p -> p.get("id").asString()).toList()).containsExactly(id, second.get("id").asString());
        assertThat(api.send("GET", "/api/v1/tenants/hanoi/dossiers/" + code + "/petitions", head, null, Map.of()).statusCode()).isEqualTo(200);
        assertThat(jdbc.sql("select count(*) from audit.event where action = 'dossier.petition' and object_id = :c").param("c", code)
                .query(Long.class).single()).isEqualTo(2);
    }

    @Test
    void onceTheDossierHasEndedAPetitionGoesToItsReceptionPoint() {
        var code = onlineDossier(null, null);
        act(api, clerk, code, 2, "ACCEPT", Map.of());
        act(api, clerk, code, 3, "FORWARD", Map.of("to", "specialist.00004"));
        act(api, specialist, token("specialist.00097"), code, 4, "TRANSFER", Map.of("to", "specialist.00097"));
        // withdrawn while ward 00097 held it: it ends there, but the one-stop that received it answers
        act(api, citizen, code, 5, "WITHDRAW", Map.of("reason", "Tôi không cần nữa"));

        var petition = api.json(send(citizen, code, "FEEDBACK", "Thời gian xử lý", "Hồ sơ đã lâu mà chưa có kết quả."));

        assertThat(petition.get("answeringUnit").get("code").asString()).isEqualTo("00004");
        assertThat(stored(petition.get("id").asString()).get("accountable")).isEqualTo(accountId("head.00004"));
    }

    @Test
    void staffListOpenPetitionsOverdueFirstAndAnswerEachOnceFinally() throws Exception {
        var code = onlineDossier(null, null);
        var late = api.json(send(citizen, code, "FEEDBACK", "Chưa được tiếp nhận", "Hồ sơ nộp trực tuyến chưa được tiếp nhận."))
                .get("id").asString();
        var due = stored(late).get("due");

        // the first petition's time runs out; a second one is sent
        clock.advance(Duration.between(clock.instant(), ((Instant) due).plus(Duration.ofHours(20))));
        freshTokens();
        var onTime = api.json(send(citizen, code, "RECOMMENDATION", "Hướng dẫn rõ hơn", "Đề nghị hướng dẫn rõ thành phần hồ sơ."))
                .get("id").asString();

        var open = api.json(list(head, "?unit=00004&open=true&size=500"));
        var order = open.get("items").valueStream().map(p -> p.get("id").asString()).filter(i -> i.equals(late) || i.equals(onTime)).toList();
        assertThat(order).as("soonest due, so overdue, first").containsExactly(late, onTime);
        var byId = new HashMap<String, JsonNode>();
        open.get("items").valueStream().forEach(p -> byId.put(p.get("id").asString(), p));
        assertThat(byId.get(late).get("overdue").asBoolean()).isTrue();
        assertThat(byId.get(onTime).get("overdue").asBoolean()).isFalse();
        assertThat(open.get("page").asInt()).isZero();
        assertThat(open.get("total").asLong()).isGreaterThanOrEqualTo(2);
        assertThat(ids(list(head, "?unit=00004&overdue=true&size=500"))).contains(late).doesNotContain(onTime);
        assertThat(ids(list(head, "?unit=00004&overdue=false&size=500"))).contains(onTime).doesNotContain(late);

        // a specialist of the ward answers the overdue one: final, late, audited
        var answered = answer(specialist, late, "Hồ sơ đã được tiếp nhận ngày hôm nay. Xin lỗi ông vì sự chậm trễ.");
        assertThat(answered.statusCode()).as(answered.body()).isEqualTo(200);
        var view = api.json(answered);
        assertThat(view.get("status").asString()).isEqualTo("ANSWERED");
        assertThat(view.get("answeredLate").asBoolean()).isTrue();
        assertThat(view.get("answer").get("answeredByName").asString()).isEqualTo("Chuyên viên phường Ba Đình");
        var again = answer(head, late, "Một câu trả lời khác");
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(api.json(again).get("code").asString()).isEqualTo("petition-answered");
        assertThat(stored(late).get("answer")).isEqualTo("Hồ sơ đã được tiếp nhận ngày hôm nay. Xin lỗi ông vì sự chậm trễ.");
        assertThat(stored(late).get("answeredBy")).isEqualTo(accountId("specialist.00004"));
        assertThat(ids(list(head, "?unit=00004&open=true&size=500"))).doesNotContain(late).contains(onTime);
        assertThat(ids(list(head, "?unit=00004&open=false&size=500"))).contains(late).doesNotContain(onTime);
        assertThat(jdbc.sql("select count(*) from audit.event where action = 'dossier.petition-answer' and object_id = :c")
                .param("c", code).query(Long.class).single()).isEqualTo(1);
        // the applicant reads the answer with the dossier
        var read = api.json(api.send("GET", "/api/v1/tenants/hanoi/dossiers/" + code + "/petitions", citizen, null, Map.of()));
        assertThat(read.valueStream().filter(p -> p.get("id").asString().equals(late)).findFirst().orElseThrow()
                .get("answer").get("text").asString()).startsWith("Hồ sơ đã được tiếp nhận");

        // who may not answer is refused and changes nothing: a clerk of the ward (no dossier:process), another ward's head,
        // the applicant
        for (var refused : List.of(staffWith("CLERK", "00004"), token("head.00097"), citizen)) {
            assertThat(answer(refused, onTime, "Trả lời").statusCode()).isEqualTo(403);
        }
        assertThat(stored(onTime).get("answer")).isNull();

        // two answers at once: one is stored, the other told it came second
        var both = new ArrayList<Callable<Integer>>();
        for (var who : List.of(specialist, head)) both.add(() -> answer(who, onTime, "Đã tiếp thu kiến nghị.").statusCode());
        try (var pool = Executors.newFixedThreadPool(2)) {
            var statuses = pool.invokeAll(both).stream().map(f -> {
                try {
                    return f.get();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }).toList();
            assertThat(statuses).containsExactlyInAnyOrder(200, 409);
        }
        assertThat(jdbc.sql("select count(*) from audit.event where action = 'dossier.petition-answer' and object_id = :c")
                .param("c", code).query(Long.class).single()).isEqualTo(2);
    }

    @Test
    void refusedPetitionsAndAnswersChangeNothing() {
        var code = onlineDossier(null, null);
        var before = state(code);

        // only the applicant sends: not another citizen, not staff who read the dossier
        assertThat(send(otherCitizen, code, "FEEDBACK", "Chủ đề", "Nội dung").statusCode()).isEqualTo(403);
        assertThat(send(head, code, "FEEDBACK", "Chủ đề", "Nội dung").statusCode()).isEqualTo(403);
        assertThat(send(null, code, "FEEDBACK", "Chủ đề", "Nội dung").statusCode()).isEqualTo(401);
        assertThat(api.send("GET", "/api/v1/tenants/hanoi/dossiers/" + code + "/petitions", staffWith("CLERK", "00097"), null, Map.of())
                .statusCode()).as("a clerk of another ward").isEqualTo(403);
        // every rule broken is reported at once, in the reader's language
        var empty = api.send("POST", "/api/v1/tenants/hanoi/dossiers/" + code + "/petitions", citizen, "{}", Map.of("Accept-Language", "vi"));
        assertThat(empty.statusCode()).isEqualTo(422);
        var problem = api.json(empty);
        assertThat(problem.get("code").asString()).isEqualTo("petition-refused");
        assertThat(problem.get("title").asString()).isEqualTo("Không gửi được phản ánh, kiến nghị");
        assertThat(violations(problem)).containsExactly("petition-kind /kind", "petition-required /subject", "petition-required /text");
        assertThat(violations(api.json(send(citizen, code, "COMPLAINT", "x".repeat(201), "y".repeat(2001)))))
                .containsExactly("petition-kind /kind", "petition-too-long /subject", "petition-too-long /text");
        assertThat(violations(api.json(send(citizen, code, "FEEDBACK", "  \n ", "\u0000\u0007")))).as("blank once cleaned")
                .containsExactly("petition-required /subject", "petition-required /text");
        assertThat(state(code)).as("nothing stored, audited or told").isEqualTo(before);

        // at most 5 awaiting an answer
        var ids = new ArrayList<String>();
        for (int i = 1; i <= 5; i++) {
            var sent = send(citizen, code, i % 2 == 0 ? "FEEDBACK" : "recommendation", "Kiến nghị số " + i, "Nội dung " + i);
            assertThat(sent.statusCode()).as(sent.body()).isEqualTo(201);
            ids.add(api.json(sent).get("id").asString());
        }
        var sixth = send(citizen, code, "FEEDBACK", "Thứ sáu", "Nội dung");
        assertThat(sixth.statusCode()).isEqualTo(409);
        assertThat(api.json(sixth).get("code").asString()).isEqualTo("petition-too-many-open");
        assertThat(count(code)).isEqualTo(5);

        // an answer must say something, within 4,000 characters; an unknown petition is not found
        var blank = answer(head, ids.getFirst(), " ");
        assertThat(blank.statusCode()).isEqualTo(422);
        assertThat(api.json(blank).get("code").asString()).isEqualTo("petition-answer-refused");
        assertThat(violations(api.json(answer(head, ids.getFirst(), "z".repeat(4001))))).containsExactly("petition-too-long /text");
        assertThat(stored(ids.getFirst()).get("answer")).isNull();
        assertThat(answer(head, UUID.randomUUID().toString(), "Trả lời").statusCode()).isEqualTo(404);
        assertThat(answer(head, "not-an-id", "Trả lời").statusCode()).isEqualTo(400);

        // once one is answered, another can be sent
        assertThat(answer(head, ids.getFirst(), "Đã ghi nhận kiến nghị của ông.").statusCode()).isEqualTo(200);
        assertThat(send(citizen, code, "FEEDBACK", "Thứ sáu", "Nội dung").statusCode()).isEqualTo(201);
        assertThat(count(code)).isEqualTo(6);
    }

    @Test
    void thePagesShowARefusedPetitionOrAnswerAgainWithWhatWasTyped() {
        var code = onlineDossier(null, null);
        var applicant = api.browser().signIn(Api.demoAccounts().get("citizen1.hanoi"));
        assertThat(applicant.get("/tenants/hanoi/dossiers/" + code).body()).contains("id=\"petition-form\"");

        var refused = applicant.post("/tenants/hanoi/dossiers/" + code + "/petitions",
                Map.of("kind", "FEEDBACK", "subject", "Tiêu đề được giữ lại", "text", " "));

        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(refused.body()).contains("id=\"petition-refusal\"", "data-code=\"petition-required\"", "value=\"Tiêu đề được giữ lại\"");
        assertThat(count(code)).isZero();
        var sent = applicant.post("/tenants/hanoi/dossiers/" + code + "/petitions",
                Map.of("kind", "RECOMMENDATION", "subject", "Đề nghị", "text", "Đề nghị bổ sung hướng dẫn trực tuyến."));
        assertThat(sent.statusCode()).isEqualTo(302);
        var location = sent.headers().firstValue("Location").orElseThrow();
        assertThat(location).contains("/tenants/hanoi/dossiers/" + code + "#petition-");
        var id = location.substring(location.indexOf("#petition-") + "#petition-".length());
        assertThat(applicant.get("/tenants/hanoi/dossiers/" + code).body()).contains("id=\"petition-" + id + "\"", "data-status=\"OPEN\"");

        var ward = api.browser().signIn(Api.demoAccounts().get("head.00004"));
        assertThat(ward.get("/tenants/hanoi/petitions?dossier=" + code).body()).contains("id=\"answer-text-" + id + "\"");
        var blank = ward.post("/tenants/hanoi/petitions/" + id + "/answer", Map.of("text", "  ", "dossier", code));
        assertThat(blank.statusCode()).isEqualTo(422);
        assertThat(blank.body()).contains("data-code=\"petition-answer-refused\"", "data-code=\"petition-required\"");
        assertThat(stored(id).get("answer")).isNull();
        var answered = ward.post("/tenants/hanoi/petitions/" + id + "/answer", Map.of("text", "Phường đã tiếp thu.", "dossier", code));
        assertThat(answered.statusCode()).isEqualTo(302);
        assertThat(answered.headers().firstValue("Location").orElseThrow()).contains("dossier=" + code, "#petition-" + id);
        var twice = ward.post("/tenants/hanoi/petitions/" + id + "/answer", Map.of("text", "Lần nữa", "dossier", code));
        assertThat(twice.statusCode()).isEqualTo(409);
        assertThat(twice.body()).contains("data-code=\"petition-answered\"", "Phường đã tiếp thu.");
        assertThat(stored(id).get("answer")).isEqualTo("Phường đã tiếp thu.");
    }

    @Test
    void theApplicantIsToldOfTheAnswerAndTheHeadOfTheAnsweringUnitOfThePetition() throws Exception {
        // a head of ward 00097 with an e-mail address, first of its heads (by user name), for the length of this test
        var headName = "a.head." + UUID.randomUUID().toString().substring(0, 8);
        var headEmail = headName + "@phuonghongha.example.vn";
        var ward = directory.unitOn(HANOI, "00097", directory.today(directory.tenant("hanoi"))).orElseThrow().id();
        var account = accounts.provision(new Accounts.NewAccount("hanoi", AccountKind.STAFF, headName, "Chủ tịch UBND phường Hồng Hà (thử)",
                headEmail, null, ward.value(), null), accounts.randomPassword(), null, "test");
        grants.provision(HANOI, account.id(), "UNIT_LEADER", ward, Scope.UNIT, LocalDate.of(2025, 7, 1), "test");
        provisioned.add(account.id());

        var email = "an." + UUID.randomUUID().toString().substring(0, 8) + "@example.vn";
        var code = onlineDossier(email, "0912345678");
        act(api, clerk, code, 2, "ACCEPT", Map.of());
        act(api, clerk, code, 3, "FORWARD", Map.of("to", "specialist.00004"));
        act(api, specialist, token("specialist.00097"), code, 4, "TRANSFER", Map.of("to", "specialist.00097"));

        var id = api.json(send(citizen, code, "FEEDBACK", "Hồ sơ chậm", "Hồ sơ của tôi đã quá hẹn.")).get("id").asString();

        // the head who answers for the ward is told, in Vietnamese, with the due time and the petitions page
        var toHead = awaitRows("petition-received:" + id + ":%", 1);
        assertThat(toHead.getFirst().get("address")).isEqualTo(headEmail);
        assertThat(toHead.getFirst().get("recipient")).isEqualTo(account.id());
        assertThat((String) toHead.getFirst().get("subject")).isEqualTo("Phản ánh, kiến nghị về hồ sơ " + code + " chờ đơn vị trả lời");
        assertThat((String) toHead.getFirst().get("body")).contains("phản ánh mà Phường Hồng Hà có trách nhiệm trả lời: \"Hồ sơ chậm\"",
                "Hạn trả lời:", "/tenants/hanoi/petitions");

        assertThat(answer(token("specialist.00097"), id, "Hồ sơ đã được chuyển lại phường Ba Đình để giải quyết.").statusCode())
                .isEqualTo(200);

        // the applicant: by e-mail with the answer, and by SMS saying where to read it
        var dossier = jdbc.sql("select id from dossier.dossier where code = :c").param("c", code).query(UUID.class).single();
        var toApplicant = awaitRows("petition-answered:" + dossier + "/" + id + ":%", 2);
        var byChannel = new HashMap<Object, Map<String, Object>>();
        toApplicant.forEach(r -> byChannel.put(r.get("channel"), r));
        assertThat(byChannel).containsOnlyKeys("EMAIL", "SMS");
        var mail = byChannel.get("EMAIL");
        assertThat(mail.get("address")).isEqualTo(email);
        assertThat(mail.get("recipient")).isEqualTo(accountId("citizen1.hanoi"));
        assertThat((String) mail.get("subject")).isEqualTo("Phản ánh, kiến nghị về hồ sơ " + code + " đã được trả lời");
        assertThat((String) mail.get("body")).contains("Phường Hồng Hà đã trả lời phản ánh của bạn", "\"Hồ sơ chậm\"",
                "Hồ sơ đã được chuyển lại phường Ba Đình để giải quyết.", "/tenants/hanoi/dossiers/" + code);
        assertThat((String) byChannel.get("SMS").get("body")).as("without diacritics").contains("da duoc Phuong Hong Ha tra loi")
                .doesNotContain("chuyển lại");
    }

    // ---- helpers ---------------------------------------------------------------------------------------------------

    /** A dossier the first demo citizen submits online to ward 00004, given to its demo clerk; answers its code. */
    private String onlineDossier(@Nullable String email, @Nullable String phone) {
        var body = new HashMap<String, Object>(Api.JSON.readValue(DossierFixtures.submission("ONLINE", "Nguyễn Văn An", phone, "00004", null),
                Map.class));
        if (email != null) {
            @SuppressWarnings("unchecked")
            var applicant = new HashMap<String, Object>((Map<String, Object>) body.get("applicant"));
            applicant.put("email", email);
            body.put("applicant", applicant);
        }
        var code = created(api.send("POST", "/api/v1/tenants/hanoi/dossiers", citizen, Api.JSON.writeValueAsString(body), Map.of()))
                .get("code").asString();
        act(api, head, clerk, code, 1, "ASSIGN", Map.of("to", "clerk.00004"));
        return code;
    }

    private HttpResponse<String> send(@Nullable String token, String code, @Nullable String kind, @Nullable String subject,
                                      @Nullable String text) {
        var body = new HashMap<String, Object>();
        body.put("kind", kind);
        body.put("subject", subject);
        body.put("text", text);
        return api.send("POST", "/api/v1/tenants/hanoi/dossiers/" + code + "/petitions", token, Api.JSON.writeValueAsString(body), Map.of());
    }

    private HttpResponse<String> answer(String token, String id, String text) {
        return api.send("POST", "/api/v1/tenants/hanoi/petitions/" + id + "/answer", token,
                Api.JSON.writeValueAsString(Map.of("text", text)), Map.of());
    }

    private HttpResponse<String> list(String token, String query) {
        return api.send("GET", "/api/v1/tenants/hanoi/petitions" + query, token, null, Map.of());
    }

    private List<String> ids(HttpResponse<String> list) {
        assertThat(list.statusCode()).as(list.body()).isEqualTo(200);
        return api.json(list).get("items").valueStream().map(p -> p.get("id").asString()).toList();
    }

    private static List<String> violations(JsonNode problem) {
        return problem.get("violations").valueStream().map(v -> v.get("code").asString() + " " + v.get("pointer").asString()).toList();
    }

    /** The petition's row: its accountable head, due instant, answer and answerer. */
    private Map<String, @Nullable Object> stored(String id) {
        return jdbc.sql("select accountable_account_id, due_at, answer, answered_by from dossier.petition where id = :id")
                .param("id", UUID.fromString(id)).query((rs, n) -> {
                    var row = new HashMap<String, @Nullable Object>();
                    row.put("accountable", rs.getObject(1, UUID.class));
                    row.put("due", rs.getObject(2, OffsetDateTime.class).toInstant());
                    row.put("answer", rs.getString(3));
                    row.put("answeredBy", rs.getObject(4, UUID.class));
                    return (Map<String, @Nullable Object>) row;
                }).single();
    }

    private long count(String code) {
        return jdbc.sql("""
                select count(*) from dossier.petition p join dossier.dossier d on d.tenant_id = p.tenant_id and d.id = p.dossier_id
                 where d.code = :c""").param("c", code).query(Long.class).single();
    }

    /** Petitions, their audit records and the messages about them, for a dossier: what a refusal must leave unchanged. */
    private String state(String code) {
        var audited = jdbc.sql("select count(*) from audit.event where action like 'dossier.petition%' and object_id = :c")
                .param("c", code).query(Long.class).single();
        var told = jdbc.sql("select count(*) from notification.outbox where template_key like 'petition-%' and body like :c")
                .param("c", "%" + code + "%").query(Long.class).single();
        return count(code) + "/" + audited + "/" + told;
    }

    /** The outbox rows whose dedupe key matches, waiting (listeners run after the commit) until there are as many. */
    private List<Map<String, Object>> awaitRows(String dedupe, int expected) throws InterruptedException {
        for (int i = 0; i < 300; i++) {
            var rows = jdbc.sql("""
                    select channel, address, recipient_account_id, subject, body from notification.outbox
                     where tenant_id = 'hanoi' and dedupe_key like :k order by channel""")
                    .param("k", dedupe).query((rs, n) -> {
                        var row = new HashMap<String, Object>();
                        row.put("channel", rs.getString(1));
                        row.put("address", rs.getString(2));
                        row.put("recipient", rs.getObject(3, UUID.class));
                        if (rs.getString(4) != null) row.put("subject", rs.getString(4));
                        row.put("body", rs.getString(5));
                        return (Map<String, Object>) row;
                    }).list();
            if (rows.size() >= expected) {
                assertThat(rows).hasSize(expected);
                return rows;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no " + expected + " outbox rows for " + dedupe);
    }

    /** The n-th working day after the given day in Hanoi's calendar. */
    private LocalDate nthWorkingDayAfter(LocalDate day, int n) {
        var calendar = calendars.workingCalendar(HANOI);
        var counted = 0;
        var d = day;
        while (counted < n) {
            d = d.plusDays(1);
            if (calendar.isWorkingDay(d)) counted++;
        }
        return d;
    }

    private String token(String username) {
        return api.token(Api.demoAccounts().get(username));
    }

    /** A token of a new member of staff holding only this role on this unit (demo accounts may have gained grants). */
    private String staffWith(String role, String unitCode) {
        var username = role.toLowerCase(java.util.Locale.ROOT) + "." + UUID.randomUUID().toString().substring(0, 8);
        var password = "Một mật khẩu đủ dài cho thử nghiệm 2026";
        var secret = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";
        var unit = directory.unitOn(HANOI, unitCode, directory.today(directory.tenant("hanoi"))).orElseThrow().id();
        var account = accounts.provision(new Accounts.NewAccount("hanoi", AccountKind.STAFF, username, "Cán bộ thử", null, null,
                unit.value(), null), password, secret, "test");
        grants.provision(HANOI, account.id(), role, unit, Scope.UNIT, LocalDate.of(2025, 7, 1), "test");
        provisioned.add(account.id());
        return api.token(new Api.Credentials(username, password, secret, role, unitCode, "hanoi"));
    }

    private void freshTokens() {
        var demo = Api.demoAccounts();
        clerk = api.token(demo.get("clerk.00004"));
        specialist = api.token(demo.get("specialist.00004"));
        head = api.token(demo.get("head.00004"));
        citizen = api.token(demo.get("citizen1.hanoi"));
        otherCitizen = api.token(demo.get("citizen2.hanoi"));
    }

    private UUID accountId(String username) {
        return accounts.find(username).orElseThrow().id();
    }
}
