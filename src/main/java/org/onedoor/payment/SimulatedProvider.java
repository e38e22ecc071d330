package org.onedoor.payment;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Currency;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * A payment provider that lives inside OneDoor, for the demo and the tests: its "gateway" is a page of this
 * application ({@code /payment-gateway/simulated}) where the payer presses Pay, Cancel or Decline. It behaves as a real
 * redirect gateway does: the order reaches the gateway in signed parameters, and the outcome comes back signed
 * (HMAC-SHA-256) both to the return address and as a server notification. Nothing is charged.
 */
@Component
public class SimulatedProvider implements PaymentProvider {

    public static final String ID = "simulated";
    private static final Logger log = LoggerFactory.getLogger(SimulatedProvider.class);

    private final byte[] key;

    SimulatedProvider(@Value("${onedoor.payment.simulated.secret:}") String secret) {
        if (secret.isBlank()) {
            key = new byte[32];
            new SecureRandom().nextBytes(key);
            log.info("Simulated payment provider: signing with a key made at start-up (set onedoor.payment.simulated.secret to share it between nodes)");
        } else {
            key = secret.getBytes(StandardCharsets.UTF_8);
        }
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public URI checkout(Order order) {
        var p = new LinkedHashMap<String, String>();
        p.put("ref", order.reference());
        p.put("amount", Long.toString(order.amount()));
        p.put("currency", order.currency().getCurrencyCode());
        p.put("desc", order.description());
        p.put("return", order.returnTo().toString());
        p.put("lang", order.locale().getLanguage());
        return URI.create("/payment-gateway/simulated?" + query(signed(p)));
    }

    @Override
    public Optional<Result> verify(Map<String, String> parameters) {
        if (!good(parameters)) return Optional.empty();
        try {
            return Optional.of(new Result(parameters.get("ref"), Outcome.valueOf(parameters.get("outcome")),
                    Long.parseLong(parameters.get("amount")), parameters.get("currency"), parameters.get("txn")));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The order the gateway page was sent, if its parameters are signed by this provider. */
    public Optional<Order> order(Map<String, String> parameters) {
        if (!good(parameters)) return Optional.empty();
        try {
            return Optional.of(new Order(parameters.get("ref"), Long.parseLong(parameters.get("amount")),
                    Currency.getInstance(parameters.get("currency")), parameters.get("desc"), URI.create(parameters.get("return")),
                    java.util.Locale.of(parameters.getOrDefault("lang", "vi"))));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** What the gateway reports once the payer chose: the signed parameters of the outcome. */
    public Map<String, String> outcome(Order order, Outcome outcome) {
        var p = new LinkedHashMap<String, String>();
        p.put("ref", order.reference());
        p.put("outcome", outcome.name());
        p.put("amount", Long.toString(order.amount()));
        p.put("currency", order.currency().getCurrencyCode());
        p.put("txn", "SIM" + UUID.randomUUID().toString().replace("-", "").substring(0, 16).toUpperCase(java.util.Locale.ROOT));
        return signed(p);
    }

    /** The return address with the outcome's parameters. */
    public static URI back(Order order, Map<String, String> outcome) {
        var to = order.returnTo().toString();
        return URI.create(to + (to.contains("?") ? "&" : "?") + query(outcome));
    }

    Map<String, String> signed(Map<String, String> parameters) {
        var out = new LinkedHashMap<>(parameters);
        out.put("sig", signature(parameters));
        return out;
    }

    private boolean good(@Nullable Map<String, String> parameters) {
        if (parameters == null) return false;
        var sig = parameters.get("sig");
        if (sig == null) return false;
        var rest = new LinkedHashMap<>(parameters);
        rest.remove("sig");
        return MessageDigest.isEqual(signature(rest).getBytes(StandardCharsets.US_ASCII), sig.getBytes(StandardCharsets.US_ASCII));
    }

    /** HMAC-SHA-256 over the parameters in name order, as {@code name=value} lines. */
    private String signature(Map<String, String> parameters) {
        var canonical = new StringBuilder();
        new TreeMap<>(parameters).forEach((k, v) -> canonical.append(k).append('=').append(v).append('\n'));
        try {
            var mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(canonical.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static String query(Map<String, String> parameters) {
        var q = new StringBuilder();
        parameters.forEach((k, v) -> {
            if (!q.isEmpty()) q.append('&');
            q.append(URLEncoder.encode(k, StandardCharsets.UTF_8)).append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8));
        });
        return q.toString();
    }
}
