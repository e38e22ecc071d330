package org.onedoor.dossier.web;

import jakarta.annotation.security.PermitAll;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.onedoor.dossier.Dossiers;
import org.onedoor.dossier.WorkQueues;
import org.onedoor.organisation.UnknownTenant;
import org.onedoor.shared.TenantId;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The public tracking page: anyone with a dossier code and the last four digits of the applicant's phone sees its
 * status, appointment and current unit, as the public look-up API answers it (no personal data; rate-limited).
 */
@Controller
class TrackingPage {

    private final WorkQueues queues;
    private final DossierViews views;
    private final Dossiers dossiers;

    TrackingPage(WorkQueues queues, DossierViews views, Dossiers dossiers) {
        this.queues = queues;
        this.views = views;
        this.dossiers = dossiers;
    }

    @PermitAll
    @GetMapping("/tenants/{tenant}/track")
    String track(@PathVariable String tenant, @RequestParam(required = false) @Nullable String code,
                 @RequestParam(required = false) @Nullable String check, Locale locale, Model model) {
        if (!TenantId.isWellFormed(tenant)) throw new UnknownTenant(tenant);
        var city = new TenantId(tenant);
        model.addAttribute("tenant", dossiers.city(city));
        model.addAttribute("code", code == null ? "" : code.strip());
        model.addAttribute("check", check == null ? "" : check.strip());
        if (code != null && !code.isBlank()) {
            var found = queues.lookUp(city, code.strip(), check == null ? null : check.strip()).map(d -> views.publicStatus(city, d, locale));
            model.addAttribute("status", found.orElse(null));
            model.addAttribute("notFound", found.isEmpty());
        }
        return "dossier/track";
    }
}
