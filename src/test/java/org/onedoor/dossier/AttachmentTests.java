package org.onedoor.dossier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.onedoor.dossier.DossierFixtures.act;
import static org.onedoor.dossier.DossierFixtures.created;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.onedoor.DatabaseTest;
import org.onedoor.TestClock;
import org.onedoor.calendar.Calendars;
import org.onedoor.identity.Api;
import org.onedoor.procedure.Procedures;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Attachments over the API: a PDF stored on disk with its checksum and served back byte for byte; files refused by
 * their content (whatever their name), their size or their number, with nothing stored; who may attach, list and
 * download; a file damaged on disk is never served.
 */
@DatabaseTest
class AttachmentTests {

    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final byte[] PDF = "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
            .getBytes(StandardCharsets.US_ASCII);

    @LocalServerPort
    int port;
    @Autowired
    TestClock clock;
    @Autowired
    Calendars calendars;
    @Autowired
    Procedures procedures;
    @Autowired
    JdbcClient jdbc;
    @Value("${onedoor.data-dir}")
    Path dataDir;

    Api api;
    String clerk, otherClerk, citizen, otherCitizen;

    @BeforeEach
    void actors() {
        DossierFixtures.ensureProcedures(procedures);
        DossierFixtures.nextWorkingMorning(clock, calendars);
        api = new Api(port, clock);
        var demo = Api.demoAccounts();
        clerk = api.token(demo.get("clerk.00004"));
        otherClerk = api.token(demo.get("clerk.00097"));
        citizen = api.token(demo.get("citizen1.hanoi"));
        otherCitizen = api.token(demo.get("citizen2.hanoi"));
    }

    @Test
    void aPdfIsStoredOutsideTheDatabaseWithItsChecksumAndComesBackByteForByte() throws Exception {
        var code = counterDossier();
        var name = "Tờ khai đã ký (bản 1).pdf";

        var response = upload(clerk, code, "Tờ khai", name, PDF, "application/octet-stream");

        assertThat(response.statusCode()).as(text(response)).isEqualTo(201);
        var a = Api.JSON.readTree(response.body());
        assertThat(a.get("sha256").asString()).isEqualTo(Attachments.sha256(PDF))
                .isEqualTo(java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(PDF)));
        assertThat(a.get("contentType").asString()).isEqualTo("application/pdf");
        assertThat(a.get("size").asLong()).isEqualTo(PDF.length);
        assertThat(a.get("fileName").asString()).isEqualTo(name);
        assertThat(a.get("component").asString()).isEqualTo("Tờ khai");
        assertThat(a.get("uploadedAt").asString()).endsWith("+07:00");
        var id = a.get("id").asString();
        assertThat(response.headers().firstValue("Location")).contains(base(code) + "/" + id);
        // the bytes are on disk under <data dir>/files/<tenant>/<yyyy>/<MM>/<id>, the row only describes them
        var key = jdbc.sql("select storage_key from dossier.attachment where id = :id").param("id", UUID.fromString(id))
                .query(String.class).single();
        assertThat(key).matches("hanoi/\\d{4}/\\d{2}/" + id).doesNotContain(name);
        assertThat(Files.readAllBytes(file(key))).isEqualTo(PDF);
        assertThat(jdbc.sql("select count(*) from audit.event where action = 'dossier.attach' and object_id = :c and details->>'sha256' = :s")
                .param("c", code).param("s", Attachments.sha256(PDF)).query(Long.class).single()).isEqualTo(1);

        var download = get(clerk, base(code) + "/" + id);
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.body()).isEqualTo(PDF);
        assertThat(download.headers().firstValue("Content-Type")).contains("application/pdf");
        assertThat(download.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
        assertThat(download.headers().firstValue("Content-Disposition")).hasValueSatisfying(d -> assertThat(d)
                .startsWith("attachment").contains("filename*=UTF-8''" + "T%E1%BB%9D%20khai"));

        var list = api.json(api.send("GET", base(code), clerk, null, Map.of()));
        assertThat(list.valueStream().map(x -> x.get("id").asString())).containsExactly(id);
        // the name may also come as a query parameter; a path in it is dropped
        var second = upload(clerk, code, "Tờ khai", null, PDF, "application/pdf", "fileName=" + enc("C:\\Users\\an\\scan.pdf"));
        assertThat(second.statusCode()).as(text(second)).isEqualTo(201);
        assertThat(Api.JSON.readTree(second.body()).get("fileName").asString()).isEqualTo("scan.pdf");
    }

    @Test
    void aFileIsJudgedByItsContentNotItsNameAndARefusalStoresNothing() {
        var code = counterDossier();
        var exe = new byte[512];
        exe[0] = 'M';
        exe[1] = 'Z';
        var html = "<!doctype html><script>alert(1)</script>".getBytes(StandardCharsets.UTF_8);
        var before = storedFiles();
        for (var content : new byte[][] {exe, html, "%PD".getBytes(StandardCharsets.US_ASCII)}) {
            var response = upload(clerk, code, "Tờ khai", "x.pdf", content, "application/pdf");
            assertThat(response.statusCode()).as(text(response)).isEqualTo(422);
            var problem = Api.JSON.readTree(response.body());
            assertThat(problem.get("code").asString()).isEqualTo("attachment-refused");
            assertThat(problem.get("violations").get(0).get("code").asString()).isEqualTo("attachment-type");
            assertThat(problem.get("violations").get(0).get("message").asString()).contains("PDF");
        }
        var empty = upload(clerk, code, "Tờ khai", "x.pdf", new byte[0], "application/pdf");
        assertThat(violation(empty)).isEqualTo("attachment-empty");
        var noComponent = upload(clerk, code, null, "x.pdf", PDF, "application/pdf");
        assertThat(violation(noComponent)).isEqualTo("attachment-required");
        // a form body (curl -d without a Content-Type) is answered before the container parses it
        var form = upload(clerk, code, "Tờ khai", "x.pdf", PDF, "application/x-www-form-urlencoded");
        assertThat(form.statusCode()).as(text(form)).isEqualTo(415);
        assertThat(Api.JSON.readTree(form.body()).get("code").asString()).isEqualTo("attachment-form-body");

        assertThat(rows(code)).isZero();
        assertThat(storedFiles()).isEqualTo(before);
        // PNG and JPEG by their signatures
        var png = new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R'};
        var ok = upload(clerk, code, "Ảnh", "anh.bin", png, "application/octet-stream");
        assertThat(ok.statusCode()).as(text(ok)).isEqualTo(201);
        assertThat(Api.JSON.readTree(ok.body()).get("contentType").asString()).isEqualTo("image/png");
    }

    @Test
    void aFileOverTheLimitIsRefusedBeforeItIsReadWhetherItsLengthIsDeclaredOrNot() {
        var code = counterDossier();
        var big = Arrays.copyOf(PDF, (int) Attachments.DEFAULT_MAX_BYTES + 1);
        var before = storedFiles();

        var declared = upload(clerk, code, "Tờ khai", "lon.pdf", big, "application/pdf");
        var chunked = send(clerk, "POST", base(code) + "?component=" + enc("Tờ khai") + "&fileName=lon.pdf",
                HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big)), "application/pdf");

        for (var response : java.util.List.of(declared, chunked)) {
            assertThat(response.statusCode()).as(text(response)).isEqualTo(422);
            assertThat(violation(response)).isEqualTo("attachment-size");
        }
        assertThat(rows(code)).isZero();
        assertThat(storedFiles()).isEqualTo(before);
        // exactly the limit is accepted
        var limit = upload(clerk, code, "Tờ khai", "vua.pdf", Arrays.copyOf(PDF, (int) Attachments.DEFAULT_MAX_BYTES), "application/pdf");
        assertThat(limit.statusCode()).as(text(limit)).isEqualTo(201);
    }

    @Test
    void onlyThoseWhoMaySeeTheDossierListAndDownloadAndOnlyTheApplicantOwnerOrReceptionAttach() {
        var code = counterDossier();
        var id = Api.JSON.readTree(upload(clerk, code, "Tờ khai", "a.pdf", PDF, "application/pdf").body()).get("id").asString();

        assertThat(get(otherClerk, base(code)).statusCode()).as("another ward's clerk").isEqualTo(403);
        assertThat(get(otherClerk, base(code) + "/" + id).statusCode()).isEqualTo(403);
        assertThat(upload(otherClerk, code, "Tờ khai", "b.pdf", PDF, "application/pdf").statusCode()).isEqualTo(403);
        assertThat(get(citizen, base(code)).statusCode()).as("not the applicant").isEqualTo(403);
        assertThat(get(null, base(code)).statusCode()).isEqualTo(401);
        assertThat(get(clerk, base(code) + "/" + UUID.randomUUID()).statusCode()).isEqualTo(404);
        assertThat(get(clerk, base("00004-000000-9999")).statusCode()).isEqualTo(404);
        assertThat(rows(code)).isEqualTo(1);
    }

    @Test
    void theApplicantAttachesToTheirOwnOnlineDossierWhileItIsOpen() {
        var d = created(api.send("POST", "/api/v1/tenants/hanoi/dossiers", citizen,
                DossierFixtures.submission("ONLINE", "Nguyễn Văn An", "0987654321", "00004", null), Map.of()));
        var code = d.get("code").asString();

        var mine = upload(citizen, code, "Tờ khai", "to-khai.pdf", PDF, "application/pdf");
        assertThat(mine.statusCode()).as(text(mine)).isEqualTo(201);
        assertThat(upload(otherCitizen, code, "Tờ khai", "x.pdf", PDF, "application/pdf").statusCode()).isEqualTo(403);
        var id = Api.JSON.readTree(mine.body()).get("id").asString();
        assertThat(get(citizen, base(code) + "/" + id).body()).isEqualTo(PDF);
        // the clerk who owns it until the completeness check sees and adds to it too
        assertThat(get(clerk, base(code)).statusCode()).isEqualTo(200);

        act(api, citizen, code, 1, "WITHDRAW", Map.of("reason", "Không còn nhu cầu"));
        var closed = upload(citizen, code, "Tờ khai", "muon.pdf", PDF, "application/pdf");
        assertThat(closed.statusCode()).as(text(closed)).isEqualTo(409);
        assertThat(Api.JSON.readTree(closed.body()).get("code").asString()).isEqualTo("attachment-dossier-closed");
        assertThat(rows(code)).isEqualTo(1);
    }

    @Test
    void aDossierHoldsAtMostFiftyFiles() {
        var code = counterDossier();
        for (var i = 0; i < Attachments.MAX_PER_DOSSIER; i++) {
            assertThat(upload(clerk, code, "Tờ khai", "p" + i + ".pdf", PDF, "application/pdf").statusCode()).isEqualTo(201);
        }
        var before = storedFiles();
        var oneMore = upload(clerk, code, "Tờ khai", "p50.pdf", PDF, "application/pdf");
        assertThat(violation(oneMore)).isEqualTo("attachment-count");
        assertThat(rows(code)).isEqualTo(Attachments.MAX_PER_DOSSIER);
        assertThat(storedFiles()).isEqualTo(before);
    }

    @Test
    void aFileDamagedOnDiskIsNeverServed() throws IOException {
        var code = counterDossier();
        var id = Api.JSON.readTree(upload(clerk, code, "Tờ khai", "a.pdf", PDF, "application/pdf").body()).get("id").asString();
        var key = jdbc.sql("select storage_key from dossier.attachment where id = :id").param("id", UUID.fromString(id))
                .query(String.class).single();
        var tampered = PDF.clone();
        tampered[tampered.length - 2] = 'X';
        Files.write(file(key), tampered);

        var download = get(clerk, base(code) + "/" + id);

        assertThat(download.statusCode()).isGreaterThanOrEqualTo(500);
        assertThat(new String(download.body(), StandardCharsets.UTF_8)).doesNotContain("%PDF").contains("internal-error");
        Files.delete(file(key));
        assertThat(get(clerk, base(code) + "/" + id).statusCode()).isGreaterThanOrEqualTo(500);
    }

    @Test
    void officeDocumentsAreRecognisedFromTheirZipDirectoryWithoutMacros() throws IOException {
        assertThat(FileTypes.sniff(zip("[Content_Types].xml", "word/document.xml"))).contains(FileTypes.Type.DOCX);
        assertThat(FileTypes.sniff(zip("[Content_Types].xml", "xl/workbook.xml", "xl/worksheets/sheet1.xml"))).contains(FileTypes.Type.XLSX);
        assertThat(FileTypes.sniff(zip("[Content_Types].xml", "word/document.xml", "word/vbaProject.bin"))).isEmpty();
        assertThat(FileTypes.sniff(zip("[Content_Types].xml", "word/document.xml", "word/embeddings/oleObject1.bin"))).isEmpty();
        assertThat(FileTypes.sniff(zip("word/document.xml"))).as("not OOXML").isEmpty();
        assertThat(FileTypes.sniff(zip("a.exe"))).isEmpty();
        var truncated = zip("[Content_Types].xml", "word/document.xml");
        assertThat(FileTypes.sniff(Arrays.copyOf(truncated, truncated.length - 30))).isEmpty();
        assertThat(FileTypes.sniff(new byte[] {(byte) 0xff, (byte) 0xd8, (byte) 0xff, (byte) 0xe0})).contains(FileTypes.Type.JPEG);
        assertThat(Attachments.cleanName("../../etc/passwd")).isEqualTo("passwd");
        assertThat(Attachments.cleanName("a\u202Efdp.exe")).isEqualTo("afdp.exe");
    }

    // ---- helpers ----------------------------------------------------------------------------------------------

    private String counterDossier() {
        return created(api.send("POST", "/api/v1/tenants/hanoi/dossiers", clerk,
                DossierFixtures.counter("Lê Văn Cường", "0912 345 678"), Map.of())).get("code").asString();
    }

    private static String base(String code) {
        return "/api/v1/tenants/hanoi/dossiers/" + code + "/attachments";
    }

    private HttpResponse<byte[]> upload(String token, String code, @Nullable String component, @Nullable String name,
                                        byte[] content, String contentType, String... query) {
        var path = base(code) + (component == null ? "" : "?component=" + enc(component));
        for (var q : query) path += (path.contains("?") ? "&" : "?") + q;
        var request = request(token, path).POST(HttpRequest.BodyPublishers.ofByteArray(content)).header("Content-Type", contentType);
        if (name != null) request.header("X-File-Name", enc(name).replace("+", "%20"));
        return send(request);
    }

    private HttpResponse<byte[]> send(String token, String method, String path, HttpRequest.BodyPublisher body, String contentType) {
        return send(request(token, path).method(method, body).header("Content-Type", contentType));
    }

    private HttpResponse<byte[]> get(@Nullable String token, String path) {
        return send(request(token, path).GET());
    }

    private HttpRequest.Builder request(@Nullable String token, String path) {
        var request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).header("Accept-Language", "en");
        if (token != null) request.header("Authorization", "Bearer " + token);
        return request;
    }

    private static HttpResponse<byte[]> send(HttpRequest.Builder request) {
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String text(HttpResponse<byte[]> response) {
        return new String(response.body(), 0, Math.min(400, response.body().length), StandardCharsets.UTF_8);
    }

    private static String violation(HttpResponse<byte[]> response) {
        assertThat(response.statusCode()).as(text(response)).isEqualTo(422);
        JsonNode problem = Api.JSON.readTree(response.body());
        return problem.get("violations").get(0).get("code").asString();
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private long rows(String code) {
        return jdbc.sql("""
                select count(*) from dossier.attachment a join dossier.dossier d on d.tenant_id = a.tenant_id and d.id = a.dossier_id
                 where d.code = :c""").param("c", code).query(Long.class).single();
    }

    private Path file(String key) {
        return dataDir.resolve("files").resolve(key);
    }

    /** Every file under the storage root, temporary ones included. */
    private long storedFiles() {
        var root = dataDir.resolve("files");
        if (!Files.exists(root)) return 0;
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile).count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] zip(String... names) throws IOException {
        var bytes = new ByteArrayOutputStream();
        try (var zip = new ZipOutputStream(bytes)) {
            for (var name : names) {
                zip.putNextEntry(new ZipEntry(name));
                zip.write("<x/>".getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }
}
