package org.onedoor.documents.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.security.PermitAll;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.onedoor.documents.Documents;
import org.onedoor.documents.Form;
import org.onedoor.identity.CurrentUser;
import org.onedoor.platform.ClientAddress;
import org.onedoor.shared.InvalidParameter;
import org.onedoor.shared.TenantId;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The official papers over HTTP: forms 01–05 of a dossier and the tracking book (06) of a reception point, for API
 * clients (bearer token) and for the staff and citizen pages (the same handlers under the page paths, session), and
 * the public verification that the QR code on each paper opens.
 */
@RestController
@Tag(name = "Documents", description = "Official papers: forms 01–06 as PDF, the tracking book as Excel, verification")
class DocumentApi {

    static final String SIGNED_IN = "@access.signedIn(principal)";

    private final Documents documents;

    DocumentApi(Documents documents) {
        this.documents = documents;
    }

    record VerificationView(UUID id, String form, String formTitle, @Nullable String dossierCode, String unitCode,
                            String unitName, OffsetDateTime issuedAt, @Nullable LocalDate periodFrom, @Nullable LocalDate periodTo,
                            String sha256, int bytes) {
    }

    @PreAuthorize(SIGNED_IN)
    @GetMapping({"/api/v1/tenants/{tenant}/dossiers/{code}/forms/{form}", "/tenants/{tenant}/dossiers/{code}/forms/{form}"})
    @Operation(summary = "Form 01 (receipt), 02 (supplement request), 03 (refusal), 04 (apology) or 05 (process control) "
            + "of a dossier as PDF, in vi, lo or en (default: the city's language); seq picks the hand-over line of 02–04")
    ResponseEntity<byte[]> dossierForm(@PathVariable String tenant, @PathVariable String code, @PathVariable String form,
                                       @RequestParam(required = false) @Nullable Integer seq,
                                       @RequestParam(required = false) @Nullable String lang,
                                       @AuthenticationPrincipal CurrentUser user, HttpServletRequest request) {
        var kind = Form.of(form).orElseThrow(() -> new InvalidParameter("form", form));
        return download(documents.dossierForm(user, new TenantId(tenant), code, kind, seq, lang, ClientAddress.of(request)));
    }

    @PreAuthorize(SIGNED_IN)
    @GetMapping({"/api/v1/tenants/{tenant}/units/{unit}/tracking-book", "/tenants/{tenant}/units/{unit}/tracking-book"})
    @Operation(summary = "The tracking book (form 06) of a reception point for a period of days (at most a year), as PDF "
            + "or, with format=xlsx, as an Excel workbook")
    ResponseEntity<byte[]> trackingBook(@PathVariable String tenant, @PathVariable String unit, @RequestParam String from,
                                        @RequestParam String to, @RequestParam(defaultValue = "pdf") String format,
                                        @RequestParam(required = false) @Nullable String lang,
                                        @AuthenticationPrincipal CurrentUser user, HttpServletRequest request) {
        var excel = switch (format.toLowerCase(Locale.ROOT)) {
            case "pdf" -> false;
            case "xlsx" -> true;
            default -> throw new InvalidParameter("format", format);
        };
        return download(documents.trackingBook(user, new TenantId(tenant), unit, day("from", from), day("to", to), excel, lang,
                ClientAddress.of(request)));
    }

    @PermitAll
    @GetMapping("/api/v1/documents/{id}")
    @Operation(summary = "Public: what the system issued under this number (no personal data), to check a paper")
    VerificationView verify(@PathVariable String id, Locale locale) {
        var v = documents.verify(id, locale);
        return new VerificationView(v.id(), v.form().number(), v.formTitle(), v.dossierCode(), v.unitCode(), v.unitName(),
                v.issuedAt().atZone(v.zone()).toOffsetDateTime(), v.periodFrom(), v.periodTo(), v.sha256(), v.bytes());
    }

    private static ResponseEntity<byte[]> download(Documents.Paper paper) {
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(paper.contentType()))
                .contentLength(paper.bytes().length)
                .header(HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment().filename(paper.fileName(), StandardCharsets.UTF_8).build().toString())
                .header("X-Content-Type-Options", "nosniff")
                .header(HttpHeaders.CACHE_CONTROL, "private, no-store")
                .header("X-Document-Id", paper.id().toString())
                .body(paper.bytes());
    }

    private static LocalDate day(String name, String text) {
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw new InvalidParameter(name, text);
        }
    }
}
