package org.onedoor.payment;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.onedoor.audit.AuditRecord;
import org.onedoor.audit.AuditTrail;
import org.onedoor.dossier.Dossier;
import org.onedoor.dossier.Dossiers;
import org.onedoor.identity.AccessDenied;
import org.onedoor.identity.CurrentUser;
import org.onedoor.identity.Permission;
import org.onedoor.shared.Problem;
import org.onedoor.shared.TenantId;
import org.onedoor.shared.TimeOrderedIds;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Online payment of a dossier's open financial obligation. The applicant starts a payment order, the provider takes
 * the money, and its signed result — whichever of the return and the server notification arrives first; the other
 * changes nothing — settles the obligation: the dossier goes back to its step with "paid online" set, in the same
 * transaction as the payment's new status. A result for an obligation already settled marks the payment REFUND_DUE.
 */
@Service
public class Payments {

    private static final Logger log = LoggerFactory.getLogger(Payments.class);

    private static final RowMapper<Payment> ROW = (rs, n) -> new Payment(rs.getObject("id", UUID.class),
            rs.getString("reference"), rs.getString("tenant_id"), rs.getString("dossier_code"),
            rs.getObject("obligation_id", UUID.class), rs.getObject("payer", UUID.class), rs.getString("provider"),
            rs.getLong("amount"), Currency.getInstance(rs.getString("currency")), PaymentStatus.valueOf(rs.getString("status")),
            rs.getString("transaction_ref"), rs.getObject("created_at", OffsetDateTime.class).toInstant(),
            Optional.ofNullable(rs.getObject("completed_at", OffsetDateTime.class)).map(OffsetDateTime::toInstant).orElse(null), null);

    private final Dossiers dossiers;
    private final Map<String, PaymentProvider> providers = new LinkedHashMap<>();
    private final @Nullable PaymentProvider active;
    private final JdbcClient jdbc;
    private final AuditTrail audit;
    private final Clock clock;

    Payments(Dossiers dossiers, List<PaymentProvider> all, JdbcClient jdbc, AuditTrail audit, Clock clock,
             @Value("${onedoor.payment.provider:#{'${onedoor.demo:false}' == 'true' ? 'simulated' : ''}}") String provider) {
        this.dossiers = dossiers;
        all.forEach(p -> providers.put(p.id(), p));
        this.jdbc = jdbc;
        this.audit = audit;
        this.clock = clock;
        if (!provider.isBlank() && !providers.containsKey(provider)) {
            throw new IllegalStateException("onedoor.payment.provider=" + provider + " is not one of " + providers.keySet());
        }
        this.active = provider.isBlank() ? null : providers.get(provider);
        log.info("Online payment: {}", active == null ? "off (set onedoor.payment.provider)" : "through provider " + provider);
    }

    // ---- problems -------------------------------------------------------------------------------------------------

    /** No payment provider is configured: fees are paid at the counter. */
    public static class Unavailable extends Problem {
        Unavailable() {
            super("payment-unavailable", Kind.CONFLICT);
        }
    }

    /** The dossier does not wait for a payment. */
    public static class NothingDue extends Problem {
        NothingDue(String code) {
            super("payment-nothing-due", Kind.CONFLICT, code);
        }
    }

    /** A result that is not signed by the provider it claims to come from, or that does not match its order. */
    public static class BadResult extends Problem {
        public BadResult(String provider) {
            super("payment-result-invalid", Kind.INVALID, provider);
        }
    }

    public static class UnknownPayment extends Problem {
        public UnknownPayment(String reference) {
            super("payment-not-found", Kind.NOT_FOUND, reference);
        }
    }

    // ---- the applicant -------------------------------------------------------------------------------------------

    public boolean available() {
        return active != null;
    }

    /** Whether the provider is the one in use. */
    public boolean uses(String provider) {
        return active != null && active.id().equals(provider);
    }

    /**
     * Starts paying the dossier's open obligation: a new payment order, and where to send the payer's browser.
     *
     * @param base this application's address as the payer reached it; the provider sends the payer back to its
     *             return page, {@code <base>/tenants/<tenant>/payments/<provider>/return}
     */
    @Transactional
    public Payment start(CurrentUser user, TenantId tenant, String code, URI base, Locale locale, @Nullable String clientAddress) {
        var dossier = dossiers.read(user, tenant, code);
        if (user.isStaff() || !user.accountId().equals(dossier.applicantAccount())) throw new AccessDenied(Permission.DOSSIER_OWN);
        var provider = active;
        if (provider == null) throw new Unavailable();
        if (dossier.state() != Dossier.State.WAITING_PAYMENT) throw new NothingDue(code);
        var obligation = dossiers.openObligation(dossier).orElseThrow(() -> new NothingDue(code));
        var now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        var id = TimeOrderedIds.at(now);
        var reference = reference(id);
        jdbc.sql("""
                insert into payment.payment (id, reference, tenant_id, dossier_code, obligation_id, payer, provider, amount,
                                             currency, status, created_at)
                values (:id, :ref, :t, :code, :obligation, :payer, :provider, :amount, :currency, 'PENDING', :at)""")
                .param("id", id).param("ref", reference).param("t", tenant.value()).param("code", code)
                .param("obligation", obligation.id()).param("payer", user.accountId()).param("provider", provider.id())
                .param("amount", obligation.amount()).param("currency", obligation.currency().getCurrencyCode())
                .param("at", now.atOffset(ZoneOffset.UTC)).update();
        audit(tenant, user.username(), clientAddress, "payment.start", reference, code, AuditRecord.Outcome.SUCCESS,
                Map.of("amount", Long.toString(obligation.amount()), "currency", obligation.currency().getCurrencyCode(),
                        "provider", provider.id()));
        var description = code + (obligation.note() == null ? "" : " — " + obligation.note());
        var checkout = provider.checkout(new PaymentProvider.Order(reference, obligation.amount(), obligation.currency(),
                description.length() > 200 ? description.substring(0, 200) : description,
                URI.create(base.toString().replaceAll("/+$", "") + "/tenants/" + tenant.value() + "/payments/" + provider.id() + "/return"),
                locale));
        return find(reference).orElseThrow().withCheckout(checkout);
    }

    /** The payments of a dossier, newest first, for whoever may see the dossier. */
    @Transactional(readOnly = true)
    public List<Payment> of(CurrentUser user, TenantId tenant, String code) {
        dossiers.read(user, tenant, code);
        return jdbc.sql("select * from payment.payment where tenant_id = :t and dossier_code = :code order by created_at desc")
                .param("t", tenant.value()).param("code", code).query(ROW).list();
    }

    // ---- the provider ---------------------------------------------------------------------------------------------

    /**
     * The provider's signed result, from the payer's return or the provider's notification. Idempotent: a payment
     * that already has its outcome is answered as it stands. A bad signature, or an amount or currency that is not the
     * order's → {@link BadResult}, and nothing changes.
     */
    @Transactional
    public Payment complete(String providerId, Map<String, String> parameters, @Nullable String clientAddress) {
        var provider = providers.get(providerId);
        var result = provider == null ? Optional.<PaymentProvider.Result>empty() : provider.verify(parameters);
        if (result.isEmpty()) {
            log.warn("Payment result refused: not signed by provider {}", providerId);
            throw new BadResult(providerId);
        }
        var r = result.get();
        var payment = jdbc.sql("select * from payment.payment where reference = :ref and provider = :p for update")
                .param("ref", r.reference()).param("p", providerId).query(ROW).optional()
                .orElseThrow(() -> new UnknownPayment(r.reference()));
        var tenant = new TenantId(payment.tenant());
        if (payment.amount() != r.amount() || !payment.currency().getCurrencyCode().equals(r.currency())) {
            log.warn("Payment result refused: {} reports {} {} for an order of {} {}", payment.reference(), r.amount(),
                    r.currency(), payment.amount(), payment.currency());
            throw new BadResult(providerId);
        }
        if (payment.status().finished()) return payment;
        var status = switch (r.outcome()) {
            case CANCELLED -> PaymentStatus.CANCELLED;
            case FAILED -> PaymentStatus.FAILED;
            case PAID -> dossiers.settleOnline(tenant, payment.dossierCode(), payment.obligation(), payment.reference()).isPresent()
                    ? PaymentStatus.PAID : PaymentStatus.REFUND_DUE;
        };
        var now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        jdbc.sql("update payment.payment set status = :s, transaction_ref = :txn, completed_at = :at where id = :id")
                .param("s", status.name()).param("txn", r.transaction()).param("at", now.atOffset(ZoneOffset.UTC))
                .param("id", payment.id()).update();
        audit(tenant, "payment:" + providerId, clientAddress, "payment." + status.name().toLowerCase(Locale.ROOT).replace('_', '-'),
                payment.reference(), payment.dossierCode(), AuditRecord.Outcome.SUCCESS, Map.of("transaction", r.transaction()));
        if (status == PaymentStatus.REFUND_DUE) {
            log.warn("Payment {} of dossier {} was made after its obligation was settled: to be refunded", payment.reference(), payment.dossierCode());
        }
        return find(payment.reference()).orElseThrow();
    }

    /** The city's payments made after their obligation was settled, which are to be refunded, oldest first. */
    @Transactional(readOnly = true)
    public List<Payment> refundsDue(TenantId tenant) {
        return jdbc.sql("select * from payment.payment where tenant_id = :t and status = 'REFUND_DUE' order by created_at")
                .param("t", tenant.value()).query(ROW).list();
    }

    Optional<Payment> find(String reference) {
        return jdbc.sql("select * from payment.payment where reference = :ref").param("ref", reference).query(ROW).optional();
    }

    /** The reference given to the provider: short, unique, readable on a bank statement. */
    private static String reference(UUID id) {
        var hex = id.toString().replace("-", "").toUpperCase(Locale.ROOT);
        return "OD" + hex.substring(0, 12) + hex.substring(20);
    }

    private void audit(TenantId tenant, String actor, @Nullable String clientAddress, String action, String reference,
                       String code, AuditRecord.Outcome outcome, Map<String, String> details) {
        var all = new LinkedHashMap<String, String>(details);
        all.put("dossier", code);
        audit.record(new AuditRecord(tenant.value(), actor, null, clientAddress, action, "payment", reference, null, null,
                outcome, null, null, all));
    }
}
