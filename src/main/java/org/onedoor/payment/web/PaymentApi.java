package org.onedoor.payment.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.security.PermitAll;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.onedoor.identity.CurrentUser;
import org.onedoor.payment.Payment;
import org.onedoor.payment.Payments;
import org.onedoor.platform.ClientAddress;
import org.onedoor.shared.TenantId;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/** Online payment of a dossier's fees: the applicant starts a payment; the provider reports its outcome, signed. */
@RestController
@Tag(name = "Payments", description = "Online payment of a dossier's fees through a payment provider")
class PaymentApi {

    static final String SIGNED_IN = "@access.signedIn(principal)";

    private final Payments payments;

    PaymentApi(Payments payments) {
        this.payments = payments;
    }

    record PaymentView(String reference, String dossierCode, String provider, long amount, String currency, String status,
                       @Nullable String transaction, OffsetDateTime createdAt, @Nullable OffsetDateTime completedAt,
                       @Nullable String checkoutUrl) {
        static PaymentView of(Payment p) {
            return new PaymentView(p.reference(), p.dossierCode(), p.provider(), p.amount(), p.currency().getCurrencyCode(),
                    p.status().name(), p.transaction(), p.createdAt().atOffset(ZoneOffset.UTC),
                    p.completedAt() == null ? null : p.completedAt().atOffset(ZoneOffset.UTC),
                    p.checkout() == null ? null : p.checkout().toString());
        }
    }

    @PreAuthorize(SIGNED_IN)
    @PostMapping("/api/v1/tenants/{tenant}/dossiers/{code}/payments")
    @Operation(summary = "Start paying the dossier's open fees online (applicant): 201 with the payment and the checkoutUrl to send the browser to")
    ResponseEntity<PaymentView> start(@PathVariable String tenant, @PathVariable String code,
                                      @AuthenticationPrincipal CurrentUser user, HttpServletRequest request, Locale locale) {
        var payment = payments.start(user, new TenantId(tenant), code, base(), locale, ClientAddress.of(request));
        var location = ServletUriComponentsBuilder.fromCurrentRequestUri().path("/{ref}").buildAndExpand(payment.reference()).toUri();
        return ResponseEntity.created(location).body(PaymentView.of(payment));
    }

    @PreAuthorize(SIGNED_IN)
    @GetMapping("/api/v1/tenants/{tenant}/dossiers/{code}/payments")
    @Operation(summary = "The dossier's payments, newest first (its applicant, or staff who may see the dossier)")
    List<PaymentView> list(@PathVariable String tenant, @PathVariable String code, @AuthenticationPrincipal CurrentUser user) {
        return payments.of(user, new TenantId(tenant), code).stream().map(PaymentView::of).toList();
    }

    @PreAuthorize(SIGNED_IN)
    @GetMapping("/api/v1/tenants/{tenant}/dossiers/{code}/payments/{reference}")
    @Operation(summary = "One payment of the dossier")
    PaymentView one(@PathVariable String tenant, @PathVariable String code, @PathVariable String reference,
                    @AuthenticationPrincipal CurrentUser user) {
        return payments.of(user, new TenantId(tenant), code).stream().filter(p -> p.reference().equals(reference)).findFirst()
                .map(PaymentView::of).orElseThrow(() -> new Payments.UnknownPayment(reference));
    }

    @PreAuthorize("@access.anywhere(principal, 'report:read', #tenant)")
    @GetMapping("/api/v1/tenants/{tenant}/payments/refunds-due")
    @Operation(summary = "Payments made after their fees were already settled, to be refunded (report:read)")
    List<PaymentView> refundsDue(@PathVariable String tenant) {
        return payments.refundsDue(new TenantId(tenant)).stream().map(PaymentView::of).toList();
    }

    @PermitAll
    @PostMapping(path = "/api/v1/payments/{provider}/notify", consumes = {MediaType.APPLICATION_FORM_URLENCODED_VALUE, MediaType.ALL_VALUE})
    @Operation(summary = "The provider's server notification of a payment's outcome (signed parameters); idempotent")
    PaymentView notify(@PathVariable String provider, @RequestParam Map<String, String> parameters, HttpServletRequest request) {
        return PaymentView.of(payments.complete(provider, parameters, ClientAddress.of(request)));
    }

    /** This server's address as the caller reached it, for the provider's way back. */
    static URI base() {
        return ServletUriComponentsBuilder.fromCurrentContextPath().build().toUri();
    }
}
