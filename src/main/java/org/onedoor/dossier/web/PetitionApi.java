package org.onedoor.dossier.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.onedoor.dossier.Petitions;
import org.onedoor.identity.CurrentUser;
import org.onedoor.platform.ClientAddress;
import org.onedoor.shared.PageRequest;
import org.onedoor.shared.ResultPage;
import org.onedoor.shared.TenantId;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Petitions (phản ánh, kiến nghị) over HTTP: the applicant sends one about their dossier, whoever sees the dossier reads
 * its petitions, staff list their units' petitions (open first, overdue marked) and answer each once.
 */
@RestController
@Tag(name = "Petitions", description = "Feedback and recommendations about a dossier, answered once by one accountable unit")
class PetitionApi {

    /** Staff who may process dossiers somewhere in the city: who answers petitions. */
    static final String PROCESSORS = "@access.anywhere(principal, 'dossier:process', #tenant)";

    private final Petitions petitions;
    private final PetitionViews views;

    PetitionApi(Petitions petitions, PetitionViews views) {
        this.petitions = petitions;
        this.views = views;
    }

    record PetitionBody(@Nullable String kind, @Nullable String subject, @Nullable String text) {
    }

    record AnswerBody(@Nullable String text) {
    }

    @PreAuthorize(DossierApi.SIGNED_IN)
    @PostMapping("/api/v1/tenants/{tenant}/dossiers/{code}/petitions")
    @Operation(summary = "Send a petition about one's dossier, at any status: kind FEEDBACK (phản ánh) or RECOMMENDATION (kiến nghị), subject (≤ 200), text (≤ 2,000); routed to the unit holding the dossier (its reception point once ended), due in working days (applicant only; at most 5 awaiting an answer)")
    ResponseEntity<PetitionViews.PetitionView> send(@PathVariable String tenant, @PathVariable String code,
                                                    @RequestBody PetitionBody body, @AuthenticationPrincipal CurrentUser user,
                                                    HttpServletRequest request, Locale locale) {
        var city = new TenantId(tenant);
        var sent = petitions.send(user, city, code, new Petitions.Request(body.kind(), body.subject(), body.text()),
                ClientAddress.of(request));
        return ResponseEntity.created(URI.create("/api/v1/tenants/" + tenant + "/petitions/" + sent.id()))
                .body(views.view(city, sent, locale));
    }

    @PreAuthorize(DossierApi.SIGNED_IN)
    @GetMapping("/api/v1/tenants/{tenant}/dossiers/{code}/petitions")
    @Operation(summary = "The dossier's petitions with their answers, oldest first, for its applicant or staff who may read the dossier")
    List<PetitionViews.PetitionView> ofDossier(@PathVariable String tenant, @PathVariable String code,
                                               @AuthenticationPrincipal CurrentUser user, Locale locale) {
        var city = new TenantId(tenant);
        return petitions.ofDossier(user, city, code).stream().map(p -> views.view(city, p, locale)).toList();
    }

    @PreAuthorize(PROCESSORS)
    @GetMapping("/api/v1/tenants/{tenant}/petitions")
    @Operation(summary = "The petitions the caller's units answer for (unit=code for one; open, overdue, dossier=code filters): unanswered first, soonest due first")
    ResultPage<PetitionViews.PetitionView> list(@PathVariable String tenant, @RequestParam(required = false) @Nullable String unit,
                                                @RequestParam(required = false) @Nullable Boolean open,
                                                @RequestParam(required = false) @Nullable Boolean overdue,
                                                @RequestParam(required = false) @Nullable String dossier,
                                                @RequestParam(required = false) @Nullable Integer page,
                                                @RequestParam(required = false) @Nullable Integer size,
                                                @AuthenticationPrincipal CurrentUser user, Locale locale) {
        var city = new TenantId(tenant);
        return petitions.list(user, city, new Petitions.Query(blank(unit), open, overdue, blank(dossier)), PageRequest.of(page, size))
                .map(p -> views.view(city, p, locale));
    }

    @PreAuthorize(DossierApi.SIGNED_IN)
    @GetMapping("/api/v1/tenants/{tenant}/petitions/{id}")
    @Operation(summary = "One petition, for staff of its answering unit or whoever may see its dossier")
    PetitionViews.PetitionView one(@PathVariable String tenant, @PathVariable UUID id, @AuthenticationPrincipal CurrentUser user,
                                   Locale locale) {
        var city = new TenantId(tenant);
        return views.view(city, petitions.one(user, city, id), locale);
    }

    @PreAuthorize(PROCESSORS)
    @PostMapping("/api/v1/tenants/{tenant}/petitions/{id}/answer")
    @Operation(summary = "Answer a petition (text ≤ 4,000), once and finally, as staff who may process dossiers of its answering unit; a second answer → 409")
    PetitionViews.PetitionView answer(@PathVariable String tenant, @PathVariable UUID id, @RequestBody AnswerBody body,
                                      @AuthenticationPrincipal CurrentUser user, HttpServletRequest request, Locale locale) {
        var city = new TenantId(tenant);
        return views.view(city, petitions.answer(user, city, id, body.text(), ClientAddress.of(request)), locale);
    }

    private static @Nullable String blank(@Nullable String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
