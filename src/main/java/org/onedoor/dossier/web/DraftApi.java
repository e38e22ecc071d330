package org.onedoor.dossier.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.onedoor.dossier.Dossier;
import org.onedoor.dossier.Dossiers;
import org.onedoor.dossier.Drafts;
import org.onedoor.dossier.Idempotency;
import org.onedoor.identity.CurrentUser;
import org.onedoor.platform.ClientAddress;
import org.onedoor.procedure.Procedures;
import org.onedoor.shared.IfMatch;
import org.onedoor.shared.PageRequest;
import org.onedoor.shared.ResultPage;
import org.onedoor.shared.TenantId;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import tools.jackson.databind.json.JsonMapper;

/**
 * A citizen's saved applications over HTTP: create, list, read, replace and delete with {@code If-Match}, scans added
 * (multipart) and removed, and the submission that turns one into a dossier ({@code Idempotency-Key} honoured). Only
 * the owner sees a draft (anyone else: 404); staff have none (403).
 */
@RestController
@RequestMapping("/api/v1/tenants/{tenant}/drafts")
@Tag(name = "Drafts", description = "A citizen's online applications saved before submission")
class DraftApi {

    private final Drafts drafts;
    private final Dossiers dossiers;
    private final Procedures procedures;
    private final Idempotency idempotency;
    private final DossierViews views;
    private final JsonMapper json;

    DraftApi(Drafts drafts, Dossiers dossiers, Procedures procedures, Idempotency idempotency, DossierViews views, JsonMapper json) {
        this.drafts = drafts;
        this.dossiers = dossiers;
        this.procedures = procedures;
        this.idempotency = idempotency;
        this.views = views;
        this.json = json;
    }

    /**
     * The form of a draft, as a dossier submission has it (without channel, reception point or outcome). The
     * applicant's {@code idNumber} is write-only: a value sets it, {@code ""} clears it, absent keeps it.
     */
    record DraftBody(@Nullable String procedureCode, DossierApi.@Nullable ApplicantBody applicant,
                     @Nullable List<DossierApi.@Nullable ComponentBody> components, @Nullable String receivingUnit,
                     @Nullable String competentUnit, Dossier.@Nullable Delivery resultDelivery) {
        Drafts.Form form() {
            Dossier.Applicant person = null;
            if (applicant != null) {
                var a = applicant.applicant();
                person = new Dossier.Applicant(a.name(), applicant.idNumber() == null ? null : applicant.idNumber().strip(),
                        a.phone(), a.email(), a.address(), a.organisation());
            }
            return new Drafts.Form(procedureCode == null ? null : procedureCode.strip(), person,
                    components == null ? List.of() : components.stream().filter(Objects::nonNull).map(DossierApi.ComponentBody::component).toList(),
                    blank(receivingUnit), blank(competentUnit), resultDelivery);
        }
    }

    record ApplicantView(String name, @Nullable String idNumber, @Nullable String phone, @Nullable String email,
                         @Nullable String address, boolean organisation) {
    }

    record FileView(UUID id, String component, String fileName, String contentType, long size, String sha256,
                    OffsetDateTime uploadedAt) {
    }

    /** A draft as its owner reads it; {@code idNumber} is masked; {@code expiresAt} is when it is purged unless saved. */
    record DraftView(UUID id, int version, String procedureCode, @Nullable String procedureName, @Nullable ApplicantView applicant,
                     List<Dossier.Component> components, @Nullable String receivingUnit, @Nullable String competentUnit,
                     @Nullable String resultDelivery, List<FileView> files, OffsetDateTime createdAt, OffsetDateTime updatedAt,
                     OffsetDateTime expiresAt) {
    }

    @PreAuthorize(DossierApi.SIGNED_IN)
    @PostMapping
    @Operation(summary = "Save a new draft of an online application (citizens; at most 20 an account) → 201, Location, ETag \"1\"")
    ResponseEntity<DraftView> create(@PathVariable String tenant, @RequestBody DraftBody body, @AuthenticationPrincipal CurrentUser user,
                                     Locale locale) {
        var city = new TenantId(tenant);
        var draft = drafts.create(user, city, body.form());
        return ResponseEntity.created(java.net.URI.create(path(tenant, draft.id()))).eTag(IfMatch.etag(draft.version()))
                .body(view(city, draft, locale));
    }

    @PreAuthorize(DossierApi.SIGNED_IN)
    @GetMapping
    @Operation(summary = "The caller's drafts, last saved first (page envelope)")
    ResultPage<DraftView> list(@PathVariable String tenant, @RequestParam(required = false) @Nullable Integer page,
                               @RequestParam(required = false) @Nullable Integer size, @AuthenticationPrincipal CurrentUser user,
                               Locale locale) {
        var city = new TenantId(tenant);
        return drafts.list(user, city, PageRequest.of(page, size)).map(d -> view(city, d, locale));
    }

    @PreAuthorize(DossierApi.SIGNED_IN)
    @GetMapping("/{id}")
    @Operation(summary = "One of the caller's drafts with its saved files; ETag = version (another's draft: 404)")
    ResponseEntity<DraftView> read(@PathVariable String tenant, @PathVariable UUID id, @AuthenticationPrincipal CurrentUser user,
                                   Locale locale) {
        var city = new TenantId(tenant);
        var draft = drafts.read(user, city, id);
        return ResponseEntity.ok().eTag(IfMatch.etag(draft.version())).body(view(city, draft, locale));
    }

    @PreAuthorize(DossierApi.SIGNED_IN)
    @PutMapping("/{id}")
    @Operation(summary = "Replace the draft's form (its files stay) with If-Match: missing → 428, stale → 412")
    ResponseEntity<DraftView> update(@PathVariable String tenant, @PathVariable UUID id, @RequestBody DraftBody body,
                                     @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch,
                                     @AuthenticationPrincipal CurrentUser user, Locale locale) {
        var city = new TenantId(tenant);
        var version = IfMatch.version(ifMatch);
        var draft = drafts.update(user, city, id, version, body.form());
        return ResponseEntity.ok().eTag(IfMatch.etag(draft.version())).body(view(city, draft, locale));
    }

    @PreAuthorize(DossierApi.SIGNED_IN)
    @DeleteMapping("/{id}")
    @Operation(summary = "Delete the draft and its files, with If-Match → 204")
    ResponseEntity<Void> delete(@PathVariable String tenant, @PathVariable UUID id,
                                @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch,
                                @AuthenticationPrincipal CurrentUser user) {
        drafts.delete(user, new TenantId(tenant), id, IfMatch.version(ifMatch));
        return ResponseEntity.noContent().build();
    }

    @PreAuthorize(DossierApi.SIGNED_IN)
    @PostMapping("/{id}/files")
    @Operation(summary = "Save a scan for a paper (multipart: component, file; PDF, PNG, JPEG, DOCX, XLSX by content, ≤ 10 MB, ≤ 50 a draft; "
            + "If-Match optional) → 201 with the draft and its new ETag; a refused file stores nothing (422)")
    ResponseEntity<DraftView> addFile(@PathVariable String tenant, @PathVariable UUID id,
                                      @RequestParam(required = false) @Nullable String component,
                                      @RequestParam(name = "file", required = false) @Nullable MultipartFile file,
                                      @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch,
                                      @AuthenticationPrincipal CurrentUser user, Locale locale) {
        var city = new TenantId(tenant);
        var added = drafts.addFile(user, city, id, ifMatch == null ? null : IfMatch.version(ifMatch), component,
                file == null ? null : file.getOriginalFilename(), bytes(file));
        return ResponseEntity.created(java.net.URI.create(path(tenant, id) + "/files/" + added.file().id()))
                .eTag(IfMatch.etag(added.draft().version())).body(view(city, added.draft(), locale));
    }

    @PreAuthorize(DossierApi.SIGNED_IN)
    @GetMapping("/{id}/files/{fileId}")
    @Operation(summary = "Download a saved scan, checked against its SHA-256")
    ResponseEntity<byte[]> file(@PathVariable String tenant, @PathVariable UUID id, @PathVariable UUID fileId,
                                @AuthenticationPrincipal CurrentUser user) {
        return download(drafts.content(user, new TenantId(tenant), id, fileId));
    }

    @PreAuthorize(DossierApi.SIGNED_IN)
    @DeleteMapping("/{id}/files/{fileId}")
    @Operation(summary = "Remove a saved scan (If-Match optional) → 200 with the draft and its new ETag")
    ResponseEntity<DraftView> removeFile(@PathVariable String tenant, @PathVariable UUID id, @PathVariable UUID fileId,
                                         @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch,
                                         @AuthenticationPrincipal CurrentUser user, Locale locale) {
        var city = new TenantId(tenant);
        var draft = drafts.removeFile(user, city, id, fileId, ifMatch == null ? null : IfMatch.version(ifMatch));
        return ResponseEntity.ok().eTag(IfMatch.etag(draft.version())).body(view(city, draft, locale));
    }

    @PreAuthorize(DossierApi.SIGNED_IN)
    @PostMapping("/{id}/submit")
    @Operation(summary = "Submit the draft with If-Match: the dossier is created as by POST /dossiers (201, Location, ETag), the saved "
            + "scans become its attachments and the draft is deleted, in one transaction; Idempotency-Key honoured")
    ResponseEntity<String> submit(@PathVariable String tenant, @PathVariable UUID id,
                                  @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch,
                                  @RequestHeader(name = "Idempotency-Key", required = false) @Nullable String key,
                                  @AuthenticationPrincipal CurrentUser user, HttpServletRequest request, Locale locale) {
        var city = new TenantId(tenant);
        java.util.function.Supplier<Idempotency.Answer> work = () -> {
            var dossier = drafts.submit(user, city, id, IfMatch.version(ifMatch), ClientAddress.of(request));
            return new Idempotency.Answer(201, DossierApi.etag(dossier), "/api/v1/tenants/" + tenant + "/dossiers/" + dossier.code(),
                    json.writeValueAsString(views.state(dossier, locale)));
        };
        var answer = key == null ? work.get()
                : idempotency.once(city, user.accountId(), key, Idempotency.requestHash("POST", request.getRequestURI(), ifMatch, ""), work);
        var response = ResponseEntity.status(answer.status()).contentType(MediaType.APPLICATION_JSON);
        if (answer.etag() != null) response.header(HttpHeaders.ETAG, answer.etag());
        if (answer.location() != null) response.header(HttpHeaders.LOCATION, answer.location());
        return response.body(answer.body());
    }

    // ---- helpers ---------------------------------------------------------------------------------------------------

    static ResponseEntity<byte[]> download(Drafts.Content content) {
        var file = content.file();
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(file.contentType()))
                .contentLength(content.bytes().length)
                .header(HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment().filename(file.fileName(), StandardCharsets.UTF_8).build().toString())
                .header("X-Content-Type-Options", "nosniff")
                .header(HttpHeaders.CACHE_CONTROL, "private, no-store")
                .body(content.bytes());
    }

    private static byte[] bytes(@Nullable MultipartFile file) {
        try {
            return file == null ? new byte[0] : file.getBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private DraftView view(TenantId tenant, Drafts.Draft d, Locale locale) {
        ZoneId zone = dossiers.city(tenant).timeZone();
        var f = d.form();
        var code = String.valueOf(f.procedureCode());
        var name = procedures.inForce(tenant, code, procedures.today(tenant)).map(v -> v.definition().name().in(locale)).orElse(null);
        var a = f.applicant();
        return new DraftView(d.id(), d.version(), code, name,
                a == null ? null : new ApplicantView(a.name(), d.maskedIdNumber(), a.phone(), a.email(), a.address(), a.organisation()),
                f.components(), f.receivingUnit(), f.competentUnit(), f.resultDelivery() == null ? null : f.resultDelivery().name(),
                d.files().stream().map(x -> new FileView(x.id(), x.component(), x.fileName(), x.contentType(), x.size(), x.sha256(),
                        x.uploadedAt().atZone(zone).toOffsetDateTime())).toList(),
                d.createdAt().atZone(zone).toOffsetDateTime(), d.updatedAt().atZone(zone).toOffsetDateTime(),
                d.expiresAt().atZone(zone).toOffsetDateTime());
    }

    private static String path(String tenant, UUID id) {
        return "/api/v1/tenants/" + tenant + "/drafts/" + id;
    }

    private static @Nullable String blank(@Nullable String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
