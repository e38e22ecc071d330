package org.onedoor.payment.web;

import jakarta.annotation.security.PermitAll;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import org.onedoor.identity.CurrentUser;
import org.onedoor.organisation.UnknownTenant;
import org.onedoor.payment.PaymentProvider;
import org.onedoor.payment.Payments;
import org.onedoor.payment.SimulatedProvider;
import org.onedoor.platform.ClientAddress;
import org.onedoor.shared.InvalidParameter;
import org.onedoor.shared.Problem;
import org.onedoor.shared.TenantId;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriUtils;

/**
 * Paying in the browser: the dossier page's "Pay online" button, the page the provider sends the payer back to, and
 * the simulated provider's gateway page (only while that provider is the one in use).
 */
@Controller
class PaymentPages {

    private final Payments payments;
    private final SimulatedProvider simulated;

    PaymentPages(Payments payments, SimulatedProvider simulated) {
        this.payments = payments;
        this.simulated = simulated;
    }

    @PreAuthorize(PaymentApi.SIGNED_IN)
    @PostMapping("/tenants/{tenant}/dossiers/{code}/payments")
    String pay(@PathVariable String tenant, @PathVariable String code, @AuthenticationPrincipal CurrentUser user,
               HttpServletRequest request, Locale locale) {
        var payment = payments.start(user, new TenantId(tenant), code, PaymentApi.base(), locale, ClientAddress.of(request));
        return "redirect:" + payment.checkout();
    }

    /** Where the provider sends the payer back, with its signed result; the result counts once, from here or its notification. */
    @PermitAll
    @GetMapping("/tenants/{tenant}/payments/{provider}/return")
    String back(@PathVariable String tenant, @PathVariable String provider, @RequestParam Map<String, String> parameters,
                HttpServletRequest request, Model model) {
        if (!TenantId.isWellFormed(tenant)) throw new UnknownTenant(tenant);
        var payment = payments.complete(provider, parameters, ClientAddress.of(request));
        if (!payment.tenant().equals(tenant)) throw new InvalidParameter("tenant", tenant);
        model.addAttribute("payment", payment);
        model.addAttribute("tenantId", tenant);
        model.addAttribute("dossierPath", "/tenants/" + tenant + "/dossiers/" + UriUtils.encodePathSegment(payment.dossierCode(), StandardCharsets.UTF_8));
        return "payment/result";
    }

    // ---- the simulated provider's gateway --------------------------------------------------------------------------

    /** Only a payment provider not charging anyone; absent unless it is the provider in use. */
    static class NoSimulatedGateway extends Problem {
        NoSimulatedGateway() {
            super("payment-gateway-off", Kind.NOT_FOUND);
        }
    }

    @PermitAll
    @GetMapping("/payment-gateway/simulated")
    String gateway(@RequestParam Map<String, String> parameters, Model model) {
        var order = order(parameters);
        model.addAttribute("order", order);
        model.addAttribute("parameters", parameters);
        return "payment/gateway";
    }

    @PermitAll
    @PostMapping("/payment-gateway/simulated")
    String decide(@RequestParam Map<String, String> parameters, HttpServletRequest request) {
        var choice = parameters.remove("choice");
        parameters.remove("_csrf");
        var order = order(parameters);
        PaymentProvider.Outcome outcome;
        try {
            outcome = PaymentProvider.Outcome.valueOf(String.valueOf(choice));
        } catch (IllegalArgumentException e) {
            throw new InvalidParameter("choice", String.valueOf(choice));
        }
        var result = simulated.outcome(order, outcome);
        // the provider's server notification first, as a real gateway sends it; then the payer's browser goes back
        payments.complete(SimulatedProvider.ID, result, ClientAddress.of(request));
        return "redirect:" + SimulatedProvider.back(order, result);
    }

    private PaymentProvider.Order order(Map<String, String> parameters) {
        if (!payments.uses(SimulatedProvider.ID)) throw new NoSimulatedGateway();
        return simulated.order(parameters).orElseThrow(() -> new Payments.BadResult(SimulatedProvider.ID));
    }
}
