package org.onedoor.documents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.onedoor.dossier.DossierFixtures.ZONE;
import static org.onedoor.dossier.DossierFixtures.act;
import static org.onedoor.dossier.DossierFixtures.created;

import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.onedoor.DatabaseTest;
import org.onedoor.TestClock;
import org.onedoor.calendar.Calendars;
import org.onedoor.calendar.Deadlines;
import org.onedoor.dossier.DossierFixtures;
import org.onedoor.identity.Api;
import org.onedoor.procedure.Procedures;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.MessageSource;

/**
 * Forms 01–06 as the counter, the offices and the applicant get them: every form in Vietnamese and in Lao on its
 * sheet, with the dossier's facts in its text layer (NFC), the fonts embedded, and a QR code that, read back from the
 * page image, opens the public verification of exactly that file. Samples go to $ONEDOOR_DOCUMENT_SAMPLES if set.
 */
@DatabaseTest
class DocumentTests {

    private static final double A5_W = 148, A5_H = 210;

    @LocalServerPort
    int port;
    @Autowired
    TestClock clock;
    @Autowired
    Calendars calendars;
    @Autowired
    Procedures procedures;
    @Autowired
    MessageSource messages;

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
    void everyFormOfADossierRendersInVietnameseAndLaoWithItsFactsAndAVerifiableQrCode() {
        // a counter dossier with a supplement round and an apology, and one refused at the counter
        var code = created(api.send("POST", "/api/v1/tenants/hanoi/dossiers", clerk,
                DossierFixtures.counter("Nguyễn Thị Hằng", "0912 345 678"), Map.of())).get("code").asString();
        act(api, clerk, code, 1, "FORWARD", Map.of("to", "specialist.00004"));
        act(api, specialist, code, 2, "REQUEST_SUPPLEMENT", Map.of("items", List.of("Bản sao giấy chứng nhận kết hôn"), "reason", "Thiếu giấy tờ"));
        act(api, clerk, specialist, code, 3, "SUPPLEMENT", Map.of("components", List.of(Map.of("name", "Bản sao giấy chứng nhận kết hôn"))));
        var d = DossierFixtures.view(api, specialist, code);
        var newDue = Deadlines.afterWorkingTime(calendars.workingCalendar(DossierFixtures.HANOI),
                java.time.OffsetDateTime.parse(d.get("legalDueAt").asString()).toInstant(), Duration.ofHours(16));
        act(api, specialist, code, 4, "APOLOGISE", Map.of("reason", "Cần xác minh thêm", "newDueAt", newDue.atZone(ZONE).toOffsetDateTime().toString()));
        var refusedBody = DossierFixtures.submission("DIRECT", "Phạm Thị Dung", null, null, "REFUSE").replace("\"outcome\"",
                "\"reason\":\"Không thuộc thẩm quyền\",\"outcome\"");
        var refused = created(api.send("POST", "/api/v1/tenants/hanoi/dossiers", clerk, refusedBody, Map.of())).get("code").asString();

        var cases = Map.of("01", code, "02", code, "03", refused, "04", code, "05", code);
        for (var form : List.of("01", "02", "03", "04", "05")) {
            for (var lang : List.of("vi", "lo")) {
                var dossier = cases.get(form);
                var response = api.download("/api/v1/tenants/hanoi/dossiers/" + dossier + "/forms/" + form + "?lang=" + lang, clerk);
                assertThat(response.statusCode()).as(form + " " + lang + ": " + new String(response.body())).isEqualTo(200);
                assertThat(response.headers().firstValue("Content-Type")).contains("application/pdf");
                var pdf = response.body();
                keep("form" + form + "-" + lang + ".pdf", pdf);

                var size = Pdfs.pageSizeMm(pdf);
                if (form.equals("05")) assertThat(new double[] {size[0], size[1]}).containsExactly(new double[] {A5_H, A5_W}, within(1.0));
                else assertThat(new double[] {size[0], size[1]}).containsExactly(new double[] {A5_W, A5_H}, within(1.0));

                var text = Pdfs.text(pdf);
                var locale = Locale.of(lang);
                assertPrinted(text, messages.getMessage("doc.title." + form, null, locale));
                assertPrinted(text, messages.getMessage("doc.state.vi", null, locale));
                assertThat(text).contains(dossier);
                assertThat(text).contains(form.equals("03") ? "Phạm Thị Dung" : "Nguyễn Thị Hằng");
                assertThat(Pdfs.fonts(pdf)).as("fonts of " + form + " " + lang)
                        .anyMatch(f -> f.startsWith("NotoSerif-"))
                        .matches(fonts -> !lang.equals("lo") || fonts.stream().anyMatch(f -> f.startsWith("NotoSerifLao")));
                switch (form) {
                    case "01" -> assertThat(text).contains("Tờ khai").contains(lang.equals("vi") ? "5 ngày làm việc" : "5");
                    case "02" -> assertThat(text).contains("Bản sao giấy chứng nhận kết hôn").contains("Thiếu giấy tờ");
                    case "03" -> assertThat(text).contains("Không thuộc thẩm quyền");
                    case "04" -> assertThat(text).contains("Cần xác minh thêm")
                            .contains(newDue.atZone(ZONE).format(java.time.format.DateTimeFormatter.ofPattern("HH:mm, dd/MM/yyyy")));
                    case "05" -> assertThat(text).contains("Thiếu giấy tờ").contains("Cần xác minh thêm");
                    default -> { }
                }

                // the QR code, read back from the printed page, opens the verification of exactly this file
                var url = readQr(pdf, form + "-" + lang);
                var id = response.headers().firstValue("X-Document-Id").orElseThrow();
                assertThat(url).endsWith("/verify/" + id);
                var verification = api.send("GET", "/api/v1/documents/" + id, null, null, Map.of());
                assertThat(verification.statusCode()).isEqualTo(200);
                var v = api.json(verification);
                assertThat(v.get("form").asString()).isEqualTo(form);
                assertThat(v.get("dossierCode").asString()).isEqualTo(dossier);
                assertThat(v.get("unitCode").asString()).isEqualTo("00004");
                assertThat(v.get("sha256").asString()).isEqualTo(org.onedoor.dossier.Attachments.sha256(pdf));
                assertThat(verification.body()).doesNotContain("Hằng").doesNotContain("Dung").doesNotContain("0912");
            }
        }
        // the public page shows the same, in the reader's language
        var id = api.download("/api/v1/tenants/hanoi/dossiers/" + code + "/forms/01", clerk).headers().firstValue("X-Document-Id").orElseThrow();
        var page = api.browser().get("/verify/" + id);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains(code).contains("id=\"verify-sha\"").doesNotContain("Hằng");
        // … and leads to the public tracking page, which needs the last four digits of the applicant's phone
        assertThat(page.body()).contains("/tenants/hanoi/track?code=" + code);
        var track = api.browser().get("/tenants/hanoi/track?code=" + code + "&check=5678");
        assertThat(track.statusCode()).isEqualTo(200);
        assertThat(track.body()).contains("id=\"track-result\"").contains("data-status=\"4\"").doesNotContain("Hằng");
        var wrong = api.browser().get("/tenants/hanoi/track?code=" + code + "&check=0000");
        assertThat(wrong.body()).contains("id=\"track-none\"").doesNotContain("id=\"track-result\"");
    }

    @Test
    void theApplicantGetsTheirOwnPapersAndNobodyElseDoesAndPapersThatDoNotExistAreRefused() {
        var online = created(api.send("POST", "/api/v1/tenants/hanoi/dossiers", citizen,
                DossierFixtures.submission("ONLINE", "Lê Thị Mai", "0987654321", "00004", null), Map.of())).get("code").asString();
        // not received yet: no receipt, no control slip (409 with a localised problem)
        var early = api.send("GET", "/api/v1/tenants/hanoi/dossiers/" + online + "/forms/01", citizen, null, Map.of("Accept-Language", "vi"));
        assertThat(early.statusCode()).isEqualTo(409);
        assertThat(api.json(early).get("code").asString()).isEqualTo("document-not-applicable");
        assertThat(api.json(early).get("title").asString()).isEqualTo("Không có giấy tờ này");

        var code = created(api.send("POST", "/api/v1/tenants/hanoi/dossiers", clerk,
                DossierFixtures.counter("Đỗ Văn Nam", "0900000001"), Map.of())).get("code").asString();
        assertThat(api.download("/api/v1/tenants/hanoi/dossiers/" + code + "/forms/04", clerk).statusCode()).as("never apologised").isEqualTo(409);
        assertThat(api.download("/api/v1/tenants/hanoi/dossiers/" + code + "/forms/09", clerk).statusCode()).isEqualTo(400);
        assertThat(api.download("/api/v1/tenants/hanoi/dossiers/" + code + "/forms/01?lang=fr", clerk).statusCode()).isEqualTo(400);
        assertThat(api.download("/api/v1/tenants/hanoi/dossiers/" + code + "/forms/01", otherCitizen).statusCode()).isEqualTo(403);
        assertThat(api.download("/api/v1/tenants/hanoi/dossiers/" + code + "/forms/01", null).statusCode()).isEqualTo(401);
        assertThat(api.download("/api/v1/tenants/hanoi/dossiers/" + online + "/forms/02", otherCitizen).statusCode()).isEqualTo(403);
        assertThat(api.send("GET", "/api/v1/documents/not-a-number", null, null, Map.of()).statusCode()).isEqualTo(404);
        assertThat(api.send("GET", "/api/v1/documents/" + java.util.UUID.randomUUID(), null, null, Map.of()).statusCode()).isEqualTo(404);
        // the default language is the city's
        var pdf = api.download("/api/v1/tenants/hanoi/dossiers/" + code + "/forms/01", clerk);
        assertThat(pdf.statusCode()).isEqualTo(200);
        assertThat(Pdfs.text(pdf.body())).contains("GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ").contains("Đỗ Văn Nam");
    }

    @Test
    void theTrackingBookListsWhatTheCounterReceivedAsPdfAndAsExcel() {
        var first = created(api.send("POST", "/api/v1/tenants/hanoi/dossiers", clerk,
                DossierFixtures.counter("Vũ Thị Lan", "0911111111"), Map.of())).get("code").asString();
        var second = created(api.send("POST", "/api/v1/tenants/hanoi/dossiers", clerk,
                DossierFixtures.counter("Hoàng Văn Long", "0922222222"), Map.of())).get("code").asString();
        var today = clock.instant().atZone(ZONE).toLocalDate();
        var path = "/api/v1/tenants/hanoi/units/00004/tracking-book?from=" + today + "&to=" + today;
        for (var lang : List.of("vi", "lo")) {
            var response = api.download(path + "&lang=" + lang, clerk);
            assertThat(response.statusCode()).as(new String(response.body())).isEqualTo(200);
            var pdf = response.body();
            keep("form06-" + lang + ".pdf", pdf);
            var size = Pdfs.pageSizeMm(pdf);
            assertThat(new double[] {size[0], size[1]}).containsExactly(new double[] {297, 210}, within(1.0));
            var text = Pdfs.text(pdf);
            assertPrinted(text, messages.getMessage("doc.title.06", null, Locale.of(lang)));
            assertThat(text).contains(first).contains(second).contains("Vũ Thị Lan").contains("Hoàng Văn Long");
            assertThat(text.indexOf(first)).as("in order of reception").isLessThan(text.indexOf(second));
            assertThat(Pdfs.qr(Pdfs.page(pdf, 200))).endsWith("/verify/" + response.headers().firstValue("X-Document-Id").orElseThrow());
        }
        var excel = api.download(path + "&format=xlsx&lang=vi", clerk);
        assertThat(excel.statusCode()).isEqualTo(200);
        assertThat(excel.headers().firstValue("Content-Type")).contains("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        try (var book = new XSSFWorkbook(new ByteArrayInputStream(excel.body()))) {
            var sheet = book.getSheetAt(0);
            assertThat(sheet.getRow(0).getCell(0).getStringCellValue()).isEqualTo("SỔ THEO DÕI HỒ SƠ");
            assertThat(sheet.getRow(3).getCell(1).getStringCellValue()).isEqualTo("Mã hồ sơ");
            var codes = new java.util.ArrayList<String>();
            for (int r = 4; r <= sheet.getLastRowNum(); r++) codes.add(sheet.getRow(r).getCell(1).getStringCellValue());
            assertThat(codes).containsSubsequence(first, second);
            var row = sheet.getRow(4 + codes.indexOf(first));
            assertThat(row.getCell(4).getStringCellValue()).isEqualTo("Vũ Thị Lan");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        // a period the wrong way round or longer than a year, a bad format, a citizen
        assertThat(api.download("/api/v1/tenants/hanoi/units/00004/tracking-book?from=" + today + "&to=" + today.minusDays(1), clerk).statusCode()).isEqualTo(400);
        assertThat(api.download("/api/v1/tenants/hanoi/units/00004/tracking-book?from=" + today.minusYears(2) + "&to=" + today, clerk).statusCode()).isEqualTo(400);
        assertThat(api.download(path + "&format=doc", clerk).statusCode()).isEqualTo(400);
        assertThat(api.download(path, citizen).statusCode()).isEqualTo(403);
        assertThat(api.download("/api/v1/tenants/hanoi/units/NOPE/tracking-book?from=" + today + "&to=" + today, clerk).statusCode()).isEqualTo(404);
    }

    /**
     * The phrase is printed: Vietnamese (and any text without Lao) exactly, in NFC; Lao by its letters and marks. A
     * PDF's text layer lists a Lao mark as a glyph of its own at its stacked position, and text extraction may put it,
     * or a whole syllable, after the word that follows (ADR 0024), so for Lao the letters and marks of the phrase
     * must all be on the page; where they sit is checked on the image by {@link LaoShapingTests}.
     */
    private static void assertPrinted(String text, String phrase) {
        if (!org.onedoor.documents.FoScripts.hasLao(phrase)) {
            assertThat(text).contains(phrase);
            return;
        }
        var have = counts(text);
        counts(phrase).forEach((c, n) -> assertThat(have.getOrDefault(c, 0)).as("'%s' of %s", c, phrase).isGreaterThanOrEqualTo(n));
    }

    private static Map<Character, Integer> counts(String s) {
        var counts = new java.util.HashMap<Character, Integer>();
        for (char c : s.toCharArray()) if (!Character.isWhitespace(c)) counts.merge(c, 1, Integer::sum);
        return counts;
    }

    /** The QR code on the first page; a page where none is readable is kept under target/qr-failures for a look. */
    private static String readQr(byte[] pdf, String name) {
        try {
            return Pdfs.qr(Pdfs.page(pdf, 200));
        } catch (AssertionError unreadable) {
            Pdfs.keep(Path.of("target", "qr-failures"), name + ".pdf", pdf);
            throw new AssertionError("form " + name + ": " + unreadable.getMessage() + " (kept in target/qr-failures)", unreadable);
        }
    }

    private static void keep(String name, byte[] pdf) {
        var dir = System.getenv("ONEDOOR_DOCUMENT_SAMPLES");
        if (dir != null && !dir.isBlank()) Pdfs.keep(Path.of(dir), name, pdf);
    }
}
