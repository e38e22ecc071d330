package org.onedoor.dossier.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.onedoor.dossier.Dossiers;
import org.onedoor.dossier.Petitions;
import org.onedoor.identity.CurrentUser;
import org.onedoor.organisation.OrganisationDirectory;
import org.onedoor.organisation.Tenant;
import org.onedoor.organisation.UnknownTenant;
import org.onedoor.platform.ClientAddress;
import org.onedoor.platform.Problems;
import org.onedoor.shared.PageRequest;
import org.onedoor.shared.Problem;
import org.onedoor.shared.TenantId;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The staff's petitions page: the petitions their units answer for, unanswered first and soonest due first, overdue
 * ones marked in words, each open one with its answer form. An answer refused (empty, too long, already given) shows
 * the page again with the localised problem and what was typed.
 */
@Controller
class PetitionPages {

    private static final int PAGE_SIZE = 25;

    private final Petitions petitions;
    private final PetitionViews views;
    private final Dossiers dossiers;
    private final OrganisationDirectory directory;
    private final Problems problems;

    PetitionPages(Petitions petitions, PetitionViews views, Dossiers dossiers, OrganisationDirectory directory, Problems problems) {
        this.petitions = petitions;
        this.views = views;
        this.dossiers = dossiers;
        this.directory = directory;
        this.problems = problems;
    }

    @PreAuthorize(PetitionApi.PROCESSORS)
    @GetMapping("/tenants/{tenant}/petitions")
    ModelAndView list(@PathVariable String tenant, @RequestParam(required = false) @Nullable String unit,
                      @RequestParam(required = false) @Nullable Boolean open, @RequestParam(required = false) @Nullable Boolean overdue,
                      @RequestParam(required = false) @Nullable String dossier, @RequestParam(required = false) @Nullable Integer page,
                      @AuthenticationPrincipal CurrentUser user, Locale locale) {
        var view = new ModelAndView("dossier/petitions");
        model(user, city(tenant), new Filter(unit, open, overdue, dossier), page, locale, view.getModel());
        return view;
    }

    @PreAuthorize(PetitionApi.PROCESSORS)
    @PostMapping("/tenants/{tenant}/petitions/{id}/answer")
    ModelAndView answer(@PathVariable String tenant, @PathVariable UUID id, @RequestParam(required = false) @Nullable String text,
                        @RequestParam(required = false) @Nullable String unit, @RequestParam(required = false) @Nullable Boolean open,
                        @RequestParam(required = false) @Nullable Boolean overdue,
                        @RequestParam(required = false) @Nullable String dossier, @AuthenticationPrincipal CurrentUser user,
                        HttpServletRequest request, Locale locale, RedirectAttributes flash) {
        var city = city(tenant);
        var filter = new Filter(unit, open, overdue, dossier);
        try {
            petitions.answer(user, city.id(), id, text, ClientAddress.of(request));
        } catch (Problem problem) {
            // who may not, or no such petition: the error page; a refused answer: this page again, with what was typed
            if (problem.kind() != Problem.Kind.UNPROCESSABLE && problem.kind() != Problem.Kind.CONFLICT) throw problem;
            var page = new ModelAndView("dossier/petitions", Problems.status(problem.kind()));
            model(user, city, filter, null, locale, page.getModel());
            page.addObject("refusal", new DossierPages.Refusal(problem.code(), problems.title(problem.code(), locale),
                    problems.text(problem.code(), problem.arguments(), locale), problems.violations(problem.violations(), locale)));
            page.addObject("attemptId", id.toString());
            page.addObject("attemptText", text == null ? "" : text);
            return page;
        }
        flash.addFlashAttribute("done", id.toString());
        return new ModelAndView("redirect:/tenants/" + tenant + "/petitions" + filter.query() + "#petition-" + id);
    }

    /** The list's filters as the page's form sends them (blank is none). */
    record Filter(@Nullable String unit, @Nullable Boolean open, @Nullable Boolean overdue, @Nullable String dossier) {

        Filter {
            unit = unit == null || unit.isBlank() ? null : unit.strip();
            dossier = dossier == null || dossier.isBlank() ? null : dossier.strip();
        }

        /** The same filters as a query string, for the page shown after an answer. */
        String query() {
            var query = new StringBuilder();
            if (unit != null) query.append("&unit=").append(encode(unit));
            if (open != null) query.append("&open=").append(open);
            if (overdue != null) query.append("&overdue=").append(overdue);
            if (dossier != null) query.append("&dossier=").append(encode(dossier));
            return query.isEmpty() ? "" : "?" + query.substring(1);
        }

        private static String encode(String value) {
            return java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    private void model(CurrentUser user, Tenant city, Filter filter, @Nullable Integer page, Locale locale, Map<String, Object> model) {
        var results = petitions.list(user, city.id(), new Petitions.Query(filter.unit(), filter.open(), filter.overdue(), filter.dossier()),
                PageRequest.of(page, PAGE_SIZE)).map(p -> views.view(city.id(), p, locale));
        var today = directory.today(city);
        var units = new LinkedHashMap<String, String>();
        petitions.answerableUnits(user, city.id()).stream()
                .flatMap(id -> directory.unitOn(city.id(), id, today).stream())
                .sorted(Comparator.comparing(u -> u.code()))
                .limit(500)
                .forEach(u -> units.put(u.code(), u.name().in(locale) + " (" + u.code() + ")"));
        model.put("tenant", city);
        model.put("results", results);
        model.put("units", units);
        model.put("unit", filter.unit() == null ? "" : filter.unit());
        model.put("open", Boolean.TRUE.equals(filter.open()));
        model.put("overdue", Boolean.TRUE.equals(filter.overdue()));
        model.put("dossier", filter.dossier() == null ? "" : filter.dossier());
        model.put("days", petitions.answerWorkingDays());
        model.putIfAbsent("attemptId", "");
        model.putIfAbsent("attemptText", "");
    }

    private Tenant city(String tenant) {
        if (!TenantId.isWellFormed(tenant)) throw new UnknownTenant(tenant);
        return dossiers.city(new TenantId(tenant));
    }
}
