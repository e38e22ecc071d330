package org.onedoor.dossier.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.onedoor.dossier.Attachments;
import org.onedoor.dossier.Dossiers;
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
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriUtils;

/**
 * A dossier's attached files over HTTP: the raw file as the request body (its name in {@code X-File-Name},
 * percent-encoded UTF-8, or {@code fileName}), the list, and the download with the type sniffed at upload, as an
 * attachment that browsers do not sniff or render in place.
 */
@RestController
@RequestMapping("/api/v1/tenants/{tenant}/dossiers/{code}/attachments")
@Tag(name = "Dossiers", description = "The one-stop shop: dossiers from submission to returned result")
class AttachmentApi {

    static final String SIGNED_IN = "@access.signedIn(principal)";

    private final Attachments attachments;
    private final Dossiers dossiers;

    AttachmentApi(Attachments attachments, Dossiers dossiers) {
        this.attachments = attachments;
        this.dossiers = dossiers;
    }

    record AttachmentView(UUID id, String kind, String component, String fileName, String contentType, long size, String sha256,
                          OffsetDateTime uploadedAt) {
    }

    @PreAuthorize(SIGNED_IN)
    @PostMapping
    @Operation(summary = "Attach a file (PDF, PNG, JPEG, DOCX, XLSX by content; ≤ 10 MB; ≤ 50 a dossier) to a paper of the dossier",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
                    mediaType = MediaType.APPLICATION_OCTET_STREAM_VALUE, schema = @Schema(type = "string", format = "binary"))))
    ResponseEntity<AttachmentView> attach(@PathVariable String tenant, @PathVariable String code,
                                          @RequestParam(required = false) @Nullable String component,
                                          @RequestParam(required = false) @Nullable String fileName,
                                          @RequestHeader(name = "X-File-Name", required = false) @Nullable String encodedName,
                                          @AuthenticationPrincipal CurrentUser user, HttpServletRequest request) {
        var city = new TenantId(tenant);
        var name = encodedName != null ? decode(encodedName) : fileName;
        var attachment = attachments.attach(user, city, code, component, name, body(request), ClientAddress.of(request));
        return ResponseEntity.created(java.net.URI.create("/api/v1/tenants/" + tenant + "/dossiers/"
                        + UriUtils.encodePathSegment(code, StandardCharsets.UTF_8) + "/attachments/" + attachment.id()))
                .body(view(city, attachment));
    }

    @PreAuthorize(SIGNED_IN)
    @PostMapping("/result")
    @Operation(summary = "Attach the electronic result (by the dossier's owner, once received); the applicant can download it "
            + "once the result is ready (status 9)",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
                    mediaType = MediaType.APPLICATION_OCTET_STREAM_VALUE, schema = @Schema(type = "string", format = "binary"))))
    ResponseEntity<AttachmentView> attachResult(@PathVariable String tenant, @PathVariable String code,
                                                @RequestParam(required = false) @Nullable String fileName,
                                                @RequestHeader(name = "X-File-Name", required = false) @Nullable String encodedName,
                                                @AuthenticationPrincipal CurrentUser user, HttpServletRequest request) {
        var city = new TenantId(tenant);
        var name = encodedName != null ? decode(encodedName) : fileName;
        var attachment = attachments.attachResult(user, city, code, name, body(request), ClientAddress.of(request));
        return ResponseEntity.created(java.net.URI.create("/api/v1/tenants/" + tenant + "/dossiers/"
                        + UriUtils.encodePathSegment(code, StandardCharsets.UTF_8) + "/attachments/" + attachment.id()))
                .body(view(city, attachment));
    }

    @PreAuthorize(SIGNED_IN)
    @GetMapping
    @Operation(summary = "The dossier's attached files, oldest first (the electronic result, kind RESULT, for the applicant once ready)")
    List<AttachmentView> list(@PathVariable String tenant, @PathVariable String code, @AuthenticationPrincipal CurrentUser user) {
        var city = new TenantId(tenant);
        return attachments.list(user, city, code).stream().map(a -> view(city, a)).toList();
    }

    @PreAuthorize(SIGNED_IN)
    @GetMapping("/{id}")
    @Operation(summary = "Download an attached file, checked against its SHA-256 (a damaged file is never served)")
    ResponseEntity<byte[]> content(@PathVariable String tenant, @PathVariable String code, @PathVariable UUID id,
                                   @AuthenticationPrincipal CurrentUser user) {
        var content = attachments.content(user, new TenantId(tenant), code, id);
        var attachment = content.attachment();
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(attachment.contentType()))
                .contentLength(content.bytes().length)
                .header(HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment().filename(attachment.fileName(), StandardCharsets.UTF_8).build().toString())
                .header("X-Content-Type-Options", "nosniff")
                .header(HttpHeaders.CACHE_CONTROL, "private, no-store")
                .header("Repr-Digest", "sha-256=:" + Base64.getEncoder().encodeToString(HexFormat.of().parseHex(attachment.sha256())) + ":")
                .body(content.bytes());
    }

    /**
     * The request body, read at most to the limit (a form or multipart body never gets here, see
     * {@link AttachmentBodies}): a declared {@code Content-Length} above it is refused before
     * anything is read, and a body without one stops being read one byte past the limit.
     */
    private byte[] body(HttpServletRequest request) {
        var max = attachments.maxBytes();
        if (request.getContentLengthLong() > max) throw attachments.tooLarge();
        try {
            var bytes = request.getInputStream().readNBytes((int) Math.min(Integer.MAX_VALUE - 8, max + 1));
            if (bytes.length > max) throw attachments.tooLarge();
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private AttachmentView view(TenantId tenant, Attachments.Attachment a) {
        ZoneId zone = dossiers.city(tenant).timeZone();
        return new AttachmentView(a.id(), a.kind().name(), a.component(), a.fileName(), a.contentType(), a.size(), a.sha256(),
                a.uploadedAt().atZone(zone).toOffsetDateTime());
    }

    private static String decode(String encoded) {
        try {
            return UriUtils.decode(encoded, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new InvalidParameter("X-File-Name", encoded);
        }
    }
}
