package org.onedoor.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.onedoor.dossier.DossierFixtures.HANOI;
import static org.onedoor.dossier.DossierFixtures.PROCEDURE;
import static org.onedoor.dossier.DossierFixtures.ZONE;

import com.icegreen.greenmail.util.GreenMail;
import jakarta.mail.internet.MimeMessage;
import java.text.Normalizer;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.onedoor.DatabaseTest;
import org.onedoor.TestClock;
import org.onedoor.calendar.Calendars;
import org.onedoor.dossier.Dossier;
import org.onedoor.dossier.DossierAction;
import org.onedoor.dossier.DossierEvents;
import org.onedoor.dossier.DossierFixtures;
import org.onedoor.dossier.Dossiers;
import org.onedoor.identity.AccountKind;
import org.onedoor.identity.Accounts;
import org.onedoor.identity.Api;
import org.onedoor.identity.CurrentUser;
import org.onedoor.identity.Grants;
import org.onedoor.identity.Scope;
import org.onedoor.organisation.OrganisationDirectory;
import org.onedoor.procedure.ProcedureDefinition;
import org.onedoor.procedure.Procedures;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Applicants hear of their dossier and staff of the dossiers handed to them, through the outbox: the messages are
 * written in the dossier's own transaction and sent once it commits. Real dossiers, real events, a real SMTP server
 * (GreenMail).
 */
@DatabaseTest
@ExtendWith(OutputCaptureExtension.class)
class DossierNotificationTests {

    static final DateTimeFormatter VIETNAMESE = DateTimeFormatter.ofPattern("HH:mm 'ngày' dd/MM/yyyy");
    static final DateTimeFormatter LAO = DateTimeFormatter.ofPattern("'ເວລາ' HH:mm 'ວັນທີ' dd/MM/yyyy");
    static final Pattern SIX_DIGITS = Pattern.compile("\\b(\\d{6})\\b");

    @LocalServerPort
    int port;
    @Autowired
    TestClock clock;
    @Autowired
    Calendars calendars;
    @Autowired
    Procedures procedures;
    @Autowired
    Dossiers dossiers;
    @Autowired
    Accounts accounts;
    @Autowired
    Grants grants;
    @Autowired
    OrganisationDirectory directory;
    @Autowired
    GreenMail greenMail;
    @Autowired
    JavaMailSender mailSender;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    ApplicationEventPublisher events;
    @Autowired
    PlatformTransactionManager transactions;

    Mailbox mail;
    Api api;
    CurrentUser clerk;

    @BeforeEach
    void setUp() {
        DossierFixtures.ensureProcedures(procedures);
        DossierFixtures.nextWorkingMorning(clock, calendars);
        mail = new Mailbox(greenMail, mailSender);
        api = new Api(port, clock);
        clerk = accounts.find("clerk.00004").orElseThrow().asCurrentUser();
    }

    @Test
    void aDossierReceivedAtTheCounterTellsItsApplicantByEmailInVietnameseAndBySmsWithoutDiacritics(CapturedOutput output) {
        var email = "an." + suffix() + "@example.vn";
        var phone = "0912" + String.valueOf(System.nanoTime()).substring(0, 6);

        var dossier = receive("Nguyễn Văn An", email, phone);

        var message = mail.awaitTo(email);
        var appointment = VIETNAMESE.format(dossier.dueAt().atZone(ZONE));
        assertThat(Mailbox.subject(message)).isEqualTo("Hồ sơ " + dossier.code() + " đã được tiếp nhận");
        assertThat(Mailbox.text(message)).contains("Chào Nguyễn Văn An", "Phường Ba Đình đã tiếp nhận hồ sơ " + dossier.code(),
                "\"Cấp giấy phép thử nghiệm T.DOSSIER\"", "Thời gian hẹn trả kết quả: " + appointment,
                "Theo dõi hồ sơ: http://localhost:", "/tenants/hanoi/track?code=" + dossier.code());
        assertThat(Normalizer.isNormalized(Mailbox.text(message), Normalizer.Form.NFC)).isTrue();
        var sms = Mailbox.awaitLogLine(output, "SMS to ***" + phone.substring(phone.length() - 3));
        assertThat(sms).contains("OneDoor: ho so " + dossier.code() + " (Cap giay phep thu nghiem T.DOSSIER) da duoc tiep nhan",
                "Hen tra ket qua: " + appointment.replace("ngày", "ngay")).doesNotContain(phone);
        assertThat(rows(dossier.id(), "dossier-received")).containsExactlyInAnyOrder("EMAIL SENT vi", "SMS SENT vi");
    }

    @Test
    void aCitizenWhoRegisteredInLaoReadsLao() {
        var email = "souk." + suffix() + "@example.la";
        var registration = new HashMap<String, String>(Map.of("fullName", "ສຸກສະຫວັນ ພົມມະຈັນ", "citizenId", newIdNumber(),
                "email", email, "channel", "EMAIL", "password", "ລະຫັດຜ່ານທີ່ຍາວພໍສົມຄວນ 2026"));
        var registered = api.send("POST", "/api/v1/tenants/hanoi/registrations", null, Api.JSON.writeValueAsString(registration),
                Map.of("Accept-Language", "lo"));
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(202);
        var codeMail = mail.awaitTo(email);
        assertThat(Mailbox.subject(codeMail)).isEqualTo("ລະຫັດຢືນຢັນບັນຊີ OneDoor");
        var code = SIX_DIGITS.matcher(Mailbox.text(codeMail));
        assertThat(code.find()).isTrue();
        assertThat(api.send("POST", "/api/v1/tenants/hanoi/registrations/verify", null,
                Api.JSON.writeValueAsString(Map.of("username", email, "code", code.group(1))), Map.of()).statusCode()).isEqualTo(200);
        var citizen = accounts.find(email).orElseThrow().asCurrentUser();

        var submitted = dossiers.submit(citizen, HANOI, new Dossiers.Submission(PROCEDURE, ProcedureDefinition.Channel.ONLINE,
                new Dossier.Applicant("ສຸກສະຫວັນ ພົມມະຈັນ", null, null, email, null, false),
                List.of(new Dossier.Component("Tờ khai", 1, 0, true)), null, "00004", null, null, null, null, null, List.of()), null);
        var owner = accounts.find("hanoi", submitted.ownerAccount()).orElseThrow().asCurrentUser();
        var received = dossiers.act(owner, HANOI, submitted.code(), submitted.version(), command(DossierAction.ACCEPT, null), null);

        var message = awaitMail(email, m -> Mailbox.subject(m).contains(received.code()));
        assertThat(Mailbox.subject(message)).isEqualTo("ໄດ້ຮັບແຟ້ມເອກະສານ " + received.code() + " ແລ້ວ");
        assertThat(Mailbox.text(message)).contains("ສະບາຍດີ ສຸກສະຫວັນ ພົມມະຈັນ",
                "ນັດຮັບຜົນ: " + LAO.format(received.dueAt().atZone(ZONE)), "\"Test permit T.DOSSIER\"");
        assertThat(rows(received.id(), "dossier-received")).containsExactly("EMAIL SENT lo");
    }

    @Test
    void anApplicantIsToldWhichPapersAreMissing() {
        var email = "binh." + suffix() + "@example.vn";
        var dossier = receive("Trần Thị Bình", email, null);
        mail.awaitTo(email);

        dossiers.act(clerk, HANOI, dossier.code(), dossier.version(), new Dossiers.Command(DossierAction.REQUEST_SUPPLEMENT, null,
                null, "Bản chụp không đọc được", List.of("Bản sao giấy khai sinh", "Ảnh 4x6"), List.of(), null, null), null);

        var message = awaitMail(email, m -> Mailbox.subject(m).contains("bổ sung"));
        assertThat(Mailbox.subject(message)).isEqualTo("Hồ sơ " + dossier.code() + " cần bổ sung giấy tờ");
        assertThat(Mailbox.text(message)).contains("- Bản sao giấy khai sinh\n- Ảnh 4x6", "Lý do: Bản chụp không đọc được");
    }

    @Test
    void aRedeliveredEventMakesNoSecondMessage() {
        var email = "cuc." + suffix() + "@example.vn";
        var dossier = receive("Lê Thị Cúc", email, null);
        mail.awaitTo(email);
        var again = new DossierEvents.DossierReceived("hanoi", dossier.id(), dossier.code(), dossier.procedureCode(), "DIRECT",
                dossier.receptionPoint().value(), dossier.receivingUnit().value(), dossier.competentUnit().value(), null,
                dossier.receivedAt(), dossier.dueAt());

        var publishing = new TransactionTemplate(transactions);

        // delivered again, as by a module that replays events, once and then once more
        publishing.executeWithoutResult(status -> events.publishEvent(again));
        publishing.executeWithoutResult(status -> events.publishEvent(again));

        assertThat(rows(dossier.id(), "dossier-received")).containsExactly("EMAIL SENT vi");
        Mailbox.pause(300);
        assertThat(mail.to(email)).hasSize(1);
    }

    @Test
    void aDossierActionThatRollsBackTellsNobody() {
        var email = "hoa." + suffix() + "@example.vn";
        var dossier = receive("Trần Thị Hoa", email, null);
        mail.awaitTo(email);
        var ready = new DossierEvents.ResultReady("hanoi", dossier.id(), dossier.code(), null, false, clock.instant());

        new TransactionTemplate(transactions).executeWithoutResult(status -> {
            events.publishEvent(ready);
            assertThat(currentRows(dossier.id(), "result-ready")).as("written in the action's transaction").hasSize(1);
            status.setRollbackOnly();
        });

        assertThat(currentRows(dossier.id(), "result-ready")).isEmpty();
        Mailbox.pause(300);
        assertThat(mail.to(email)).hasSize(1);
    }

    @Test
    void staffAreToldByEmailOfADossierHandedToThemAndOfOneTheHeadAssigns() {
        var first = specialist("Đỗ Minh Khoa");
        var second = specialist("Vũ Thu Hà");
        var dossier = receive("Phan Văn Dũng", null, null);

        var forwarded = dossiers.act(clerk, HANOI, dossier.code(), dossier.version(), command(DossierAction.FORWARD, first.username()), null);

        var toFirst = mail.awaitTo(first.email());
        assertThat(Mailbox.subject(toFirst)).isEqualTo("Hồ sơ " + dossier.code() + " được chuyển đến bạn");
        assertThat(Mailbox.text(toFirst)).contains("Chào Đỗ Minh Khoa", "Thao tác: Chuyển xử lý", "tại Phường Ba Đình",
                "Thời gian hẹn trả kết quả cho người nộp: " + VIETNAMESE.format(dossier.dueAt().atZone(ZONE)),
                "Mở hồ sơ: http://localhost:", "/tenants/hanoi/dossiers/" + dossier.code());
        var head = accounts.find("head.00004").orElseThrow().asCurrentUser();

        dossiers.act(head, HANOI, dossier.code(), forwarded.version(), command(DossierAction.ASSIGN, second.username()), null);

        var toSecond = mail.awaitTo(second.email());
        assertThat(Mailbox.text(toSecond)).contains("Chào Vũ Thu Hà", "Thao tác: Lãnh đạo đơn vị giao", dossier.code());
        assertThat(rows(dossier.id(), "dossier-assigned")).containsExactlyInAnyOrder("EMAIL SENT vi", "EMAIL SENT vi");
    }

    private Dossier receive(String applicant, @Nullable String email, @Nullable String phone) {
        return dossiers.submit(clerk, HANOI, new Dossiers.Submission(PROCEDURE, null,
                new Dossier.Applicant(applicant, "001090012345", phone, email, null, false),
                List.of(new Dossier.Component("Tờ khai", 1, 0, true)), null, null, null, null, null, null, null, List.of()), null);
    }

    private static Dossiers.Command command(DossierAction action, @Nullable String to) {
        return new Dossiers.Command(action, to, null, null, List.of(), List.of(), null, null);
    }

    /** A specialist of ward 00004 with an e-mail address. */
    private Staff specialist(String name) {
        var username = "specialist." + suffix();
        var email = username + "@phuongbadinh.example.vn";
        var city = directory.tenant("hanoi");
        var ward = directory.unitOn(HANOI, "00004", directory.today(city)).orElseThrow().id();
        var account = accounts.provision(new Accounts.NewAccount("hanoi", AccountKind.STAFF, username, name, email, null,
                ward.value(), null), accounts.randomPassword(), null, "test");
        grants.provision(HANOI, account.id(), "SPECIALIST", ward, Scope.UNIT, LocalDate.of(2025, 7, 1), "test");
        return new Staff(username, email);
    }

    record Staff(String username, String email) {
    }

    /**
     * Each message about the dossier from one template, as "CHANNEL STATUS locale", once none is still pending: the
     * mail server has a message a moment before the dispatcher records it as SENT.
     */
    private List<String> rows(UUID dossier, String template) {
        var rows = currentRows(dossier, template);
        for (int i = 0; i < 100 && rows.stream().anyMatch(r -> r.contains(" PENDING ")); i++) {
            Mailbox.pause(100);
            rows = currentRows(dossier, template);
        }
        return rows;
    }

    private List<String> currentRows(UUID dossier, String template) {
        return jdbc.sql("""
                select channel || ' ' || status || ' ' || locale from notification.outbox
                 where tenant_id = 'hanoi' and template_key = :t and dedupe_key like :k""")
                .param("t", template).param("k", template + ":" + dossier + ":%").query(String.class).list();
    }

    private MimeMessage awaitMail(String address, Predicate<MimeMessage> which) {
        for (int i = 0; i < 300; i++) {
            var found = mail.to(address).stream().filter(which).findFirst();
            if (found.isPresent()) return found.get();
            Mailbox.pause(100);
        }
        throw new AssertionError("no such mail to " + address);
    }

    private static String newIdNumber() {
        return "0019" + String.format("%08d", Math.floorMod(UUID.randomUUID().hashCode(), 100_000_000));
    }

    private static String suffix() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
