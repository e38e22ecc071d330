package org.onedoor.dossier.web;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.onedoor.dossier.Attachments;
import org.onedoor.dossier.Ratings;
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
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.util.UriUtils;

/**
 * The end of a dossier on the pages: the owner uploads the electronic result, the applicant downloads it and rates
 * the service; attached files are downloaded in the browser session (the API takes bearer tokens only).
 */
@Controller
class ResultPages {

    private final Attachments attachments;
    private final Ratings ratings;

    ResultPages(Attachments attachments, Ratings ratings) {
        this.attachments = attachments;
        this.ratings = ratings;
    }

    @PreAuthorize(DossierApi.SIGNED_IN)
    @PostMapping("/tenants/{tenant}/dossiers/{code}/rating")
    String rate(@PathVariable String tenant, @PathVariable String code, @RequestParam(required = false) @Nullable String level,
                @RequestParam(required = false) @Nullable String comment, @AuthenticationPrincipal CurrentUser user,
                HttpServletRequest request) {
        Integer value;
        try {
            value = level == null ? null : Integer.valueOf(level.strip());
        } catch (NumberFormatException e) {
            throw new InvalidParameter("level", level);
        }
        ratings.rate(user, new TenantId(tenant), code, value, comment, ClientAddress.of(request));
        return "redirect:/tenants/" + tenant + "/dossiers/" + UriUtils.encodePathSegment(code, StandardCharsets.UTF_8) + "#rating";
    }

    @PreAuthorize(DossierApi.SIGNED_IN)
    @PostMapping("/tenants/{tenant}/dossiers/{code}/result")
    String uploadResult(@PathVariable String tenant, @PathVariable String code,
                        @RequestParam(name = "file", required = false) @Nullable MultipartFile file,
                        @AuthenticationPrincipal CurrentUser user, HttpServletRequest request) {
        try {
            // no file is an empty one: refused by the service after it has checked who asks (403 before 422)
            attachments.attachResult(user, new TenantId(tenant), code, file == null ? null : file.getOriginalFilename(),
                    file == null ? new byte[0] : file.getBytes(), ClientAddress.of(request));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return "redirect:/tenants/" + tenant + "/dossiers/" + UriUtils.encodePathSegment(code, StandardCharsets.UTF_8) + "#results";
    }

    @PreAuthorize(DossierApi.SIGNED_IN)
    @GetMapping("/tenants/{tenant}/dossiers/{code}/attachments/{id}")
    ResponseEntity<byte[]> download(@PathVariable String tenant, @PathVariable String code, @PathVariable UUID id,
                                    @AuthenticationPrincipal CurrentUser user) {
        var content = attachments.content(user, new TenantId(tenant), code, id);
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(content.attachment().contentType()))
                .contentLength(content.bytes().length)
                .header(HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment().filename(content.attachment().fileName(), StandardCharsets.UTF_8).build().toString())
                .header("X-Content-Type-Options", "nosniff")
                .header(HttpHeaders.CACHE_CONTROL, "private, no-store")
                .body(content.bytes());
    }
}
