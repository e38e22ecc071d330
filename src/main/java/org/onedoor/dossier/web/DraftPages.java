package org.onedoor.dossier.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Locale;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.onedoor.dossier.Drafts;
import org.onedoor.identity.CurrentUser;
import org.onedoor.organisation.Tenant;
import org.onedoor.platform.ClientAddress;
import org.onedoor.platform.Problems;
import org.onedoor.shared.InvalidParameter;
import org.onedoor.shared.Problem;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

/**
 * A citizen's saved applications on the pages. Every button of the online application form saves it: "Save draft"
 * (a new draft, or the one being resumed), the removal of a saved scan, and "Submit" on a resumed draft, which saves
 * what was typed and chosen and then submits it — so nothing typed is lost when the submission is refused. Drafts are
 * deleted from the citizen's list. Who may do what is decided by {@link Drafts}.
 */
@Controller
class DraftPages {

    private final Drafts drafts;
    private final DossierPages pages;

    DraftPages(Drafts drafts, DossierPages pages) {
        this.drafts = drafts;
        this.pages = pages;
    }

    @PreAuthorize(DossierApi.SIGNED_IN)
    @PostMapping("/tenants/{tenant}/drafts")
    ModelAndView saveNew(@PathVariable String tenant, @RequestParam MultiValueMap<String, String> form,
                         @AuthenticationPrincipal CurrentUser user, HttpServletRequest request, Locale locale) {
        return save(tenant, null, form, user, request, locale);
    }

    @PreAuthorize(DossierApi.SIGNED_IN)
    @PostMapping("/tenants/{tenant}/drafts/{id}")
    ModelAndView saveAgain(@PathVariable String tenant, @PathVariable UUID id, @RequestParam MultiValueMap<String, String> form,
                           @AuthenticationPrincipal CurrentUser user, HttpServletRequest request, Locale locale) {
        return save(tenant, id, form, user, request, locale);
    }

    @PreAuthorize(DossierApi.SIGNED_IN)
    @PostMapping("/tenants/{tenant}/drafts/{id}/submission")
    ModelAndView submit(@PathVariable String tenant, @PathVariable UUID id, @RequestParam MultiValueMap<String, String> form,
                        @AuthenticationPrincipal CurrentUser user, HttpServletRequest request, Locale locale) {
        var city = pages.cityOf(tenant);
        Drafts.Draft saved;
        try {
            saved = store(city, id, form, user, request);
        } catch (Problem problem) {
            return refused(city, id, form, problem, user, locale);
        }
        try {
            var dossier = drafts.submit(user, city.id(), id, saved.version(), ClientAddress.of(request));
            return new ModelAndView("redirect:/tenants/" + tenant + "/dossiers/" + dossier.code());
        } catch (Problem problem) {
            // what was typed is saved: the page shows the draft as it now is, with every rule the submission broke
            return refused(city, id, pages.draftForm(city, saved), problem, user, locale);
        }
    }

    @PreAuthorize(DossierApi.SIGNED_IN)
    @PostMapping("/tenants/{tenant}/drafts/{id}/deletion")
    String delete(@PathVariable String tenant, @PathVariable UUID id, @RequestParam MultiValueMap<String, String> form,
                  @AuthenticationPrincipal CurrentUser user) {
        var city = pages.cityOf(tenant);
        drafts.delete(user, city.id(), id, DossierPages.Forms.integer(form, "version"));
        return "redirect:/tenants/" + tenant + "/dossiers";
    }

    @PreAuthorize(DossierApi.SIGNED_IN)
    @GetMapping("/tenants/{tenant}/drafts/{id}/files/{fileId}")
    ResponseEntity<byte[]> file(@PathVariable String tenant, @PathVariable UUID id, @PathVariable UUID fileId,
                                @AuthenticationPrincipal CurrentUser user) {
        return DraftApi.download(drafts.content(user, pages.cityOf(tenant).id(), id, fileId));
    }

    // ---- helpers ---------------------------------------------------------------------------------------------------

    private ModelAndView save(String tenant, @Nullable UUID id, MultiValueMap<String, String> form, CurrentUser user,
                              HttpServletRequest request, Locale locale) {
        var city = pages.cityOf(tenant);
        try {
            var draft = store(city, id, form, user, request);
            return new ModelAndView("redirect:/tenants/" + tenant + "/apply?draft=" + draft.id() + "&saved=true");
        } catch (Problem problem) {
            return refused(city, id, form, problem, user, locale);
        }
    }

    /** Saves the application form as typed, with the scans chosen, without the one asked to be removed. */
    private Drafts.Draft store(Tenant city, @Nullable UUID id, MultiValueMap<String, String> form, CurrentUser user,
                               HttpServletRequest request) {
        var procedure = pages.procedureInForce(city, form.getFirst("procedure"));
        var s = DossierPages.Forms.submission(form, procedure);
        var applicant = s.applicant();
        var draft = new Drafts.Form(DossierPages.Forms.text(form, "procedure"), applicant, s.components(),
                DossierPages.Forms.text(form, "receivingUnit"), null, s.resultDelivery());
        var remove = DossierPages.Forms.text(form, "remove");
        UUID removed;
        try {
            removed = remove == null ? null : UUID.fromString(remove);
        } catch (IllegalArgumentException e) {
            throw new InvalidParameter("remove", remove);
        }
        return drafts.save(user, city.id(), id, id == null ? 0 : DossierPages.Forms.integer(form, "version"), draft,
                DossierPages.uploads(request, procedure), removed);
    }

    /**
     * The application page again with the refusal: for a draft that exists, its saved scans as they are now and its
     * current version (so that saving again keeps what was typed); a draft that is not the caller's is not found.
     */
    private ModelAndView refused(Tenant city, @Nullable UUID id, MultiValueMap<String, String> form, Problem problem,
                                 CurrentUser user, Locale locale) {
        if (problem.kind() == Problem.Kind.NOT_FOUND || problem.kind() == Problem.Kind.FORBIDDEN) throw problem;
        var page = new ModelAndView("dossier/apply", Problems.status(problem.kind()));
        var draft = id == null ? null : drafts.read(user, city.id(), id);
        var fields = new LinkedMultiValueMap<>(form);
        fields.remove("remove");
        pages.applyPage(city, fields, draft, locale, page.getModelMap());
        page.addObject("refusal", pages.refusalOf(problem, locale));
        return page;
    }
}
