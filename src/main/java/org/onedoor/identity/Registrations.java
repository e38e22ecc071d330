package org.onedoor.identity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.Locale;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.onedoor.audit.AuditRecord;
import org.onedoor.audit.AuditTrail;
import org.onedoor.platform.PersonalDataProtection;
import org.onedoor.shared.InvalidParameter;
import org.onedoor.shared.Problem;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Citizens and businesses register themselves: the account waits until the code sent to their e-mail or phone comes
 * back (ten minutes, five tries). The answer to a registration is the same whether or not the ID number or address is
 * already known, so that nobody can learn who has an account.
 */
@Service
@Transactional
public class Registrations {

    public static final Duration CODE_LIFETIME = Duration.ofMinutes(10);
    public static final int CODE_ATTEMPTS = 5;

    /** What a citizen gives to register. */
    public record Application(String fullName, String citizenId, @Nullable String email, @Nullable String phone, ContactChannel channel,
                              String password) {
    }

    /** The registration's answer: where the code went, and until when it is valid. */
    public record Pending(String username, ContactChannel channel, Instant expiresAt) {
    }

    /** A code that is wrong, expired, used up, or for no pending registration: one answer for all. */
    public static class VerificationFailed extends Problem {
        public VerificationFailed() {
            super("verification-failed", Kind.INVALID);
        }
    }

    private final JdbcClient jdbc;
    private final Accounts accounts;
    private final PersonalDataProtection sealing;
    private final VerificationCodeDelivery codes;
    private final AuditTrail audit;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    Registrations(JdbcClient jdbc, Accounts accounts, PersonalDataProtection sealing, VerificationCodeDelivery codes,
                  AuditTrail audit, Clock clock) {
        this.jdbc = jdbc;
        this.accounts = accounts;
        this.sealing = sealing;
        this.codes = codes;
        this.audit = audit;
        this.clock = clock;
    }

    public Pending register(String tenant, Application application, Locale locale, String client) {
        var fullName = required("fullName", application.fullName());
        var citizenId = required("citizenId", application.citizenId()).replace(" ", "");
        if (!citizenId.matches("\\d{12}")) throw new InvalidParameter("citizenId", PersonalDataProtection.mask(citizenId));
        var address = application.channel() == ContactChannel.EMAIL ? email(application.email()) : phone(application.phone());
        var verdict = accounts.judge(application.password() == null ? "" : application.password(), address, false);
        if (!verdict.accepted()) throw new Accounts.PasswordRejected(String.join(", ", verdict.reasons()));
        var expires = clock.instant().plus(CODE_LIFETIME);
        var known = jdbc.sql("select count(*) from identity.account where tenant_id = :t and citizen_id_index = :i")
                .param("t", tenant).param("i", sealing.blindIndex(citizenId)).query(Long.class).single() > 0
                || accounts.find(address).isPresent();
        if (known) {
            audit.record(AuditRecord.of(tenant, address, "account.register", "account", null).from(client)
                    .with("result", "already-known").denied());
            return new Pending(address, application.channel(), expires);
        }
        var account = accounts.provision(new Accounts.NewAccount(tenant, AccountKind.CITIZEN, address, fullName,
                application.channel() == ContactChannel.EMAIL ? address : null, application.channel() == ContactChannel.SMS ? address : null,
                null, citizenId), application.password(), null, "registration");
        jdbc.sql("update identity.account set status = 'PENDING_VERIFICATION', locale = :l where tenant_id = :t and id = :id")
                .param("l", language(locale)).param("t", tenant).param("id", account.id()).update();
        var code = "%06d".formatted(random.nextInt(1_000_000));
        jdbc.sql("""
                insert into identity.verification_code (tenant_id, account_id, channel, code_hash, expires_at, created_at)
                values (:t, :a, :c, :h, :e, :now)""")
                .param("t", tenant).param("a", account.id()).param("c", application.channel().name()).param("h", hash(account.id(), code))
                .param("e", expires.atOffset(ZoneOffset.UTC)).param("now", clock.instant().atOffset(ZoneOffset.UTC)).update();
        codes.deliver(new VerificationCodeDelivery.Code(tenant, account.id(), application.channel(), address, fullName, code,
                CODE_LIFETIME, locale));
        audit.record(AuditRecord.of(tenant, address, "account.register", "account", account.id().toString()).from(client)
                .concerning(account.id().toString()).succeeded());
        return new Pending(address, application.channel(), expires);
    }

    /** Activates the account if the code is right, unexpired and not tried too often. */
    @Transactional(noRollbackFor = VerificationFailed.class)
    public Account verify(String username, String code, String client) {
        var account = accounts.find(username).filter(a -> a.status() == AccountStatus.PENDING_VERIFICATION)
                .orElseThrow(VerificationFailed::new);
        var pending = jdbc.sql("""
                select code_hash, expires_at, attempts from identity.verification_code
                 where tenant_id = :t and account_id = :a and used_at is null order by created_at desc limit 1 for update""")
                .param("t", account.tenant()).param("a", account.id())
                .query((rs, n) -> new Object[] {rs.getString(1), rs.getObject(2, java.time.OffsetDateTime.class), rs.getInt(3)})
                .optional().orElseThrow(VerificationFailed::new);
        var expired = ((java.time.OffsetDateTime) pending[1]).toInstant().isBefore(clock.instant());
        var usedUp = (Integer) pending[2] >= CODE_ATTEMPTS;
        var matches = code != null && MessageDigest.isEqual(((String) pending[0]).getBytes(StandardCharsets.US_ASCII),
                hash(account.id(), code.strip()).getBytes(StandardCharsets.US_ASCII));
        if (expired || usedUp || !matches) {
            jdbc.sql("update identity.verification_code set attempts = attempts + 1 where tenant_id = :t and account_id = :a and used_at is null")
                    .param("t", account.tenant()).param("a", account.id()).update();
            audit.record(AuditRecord.of(account.tenant(), username, "account.verify", "account", account.id().toString())
                    .from(client).with("result", expired ? "expired" : usedUp ? "too-many-attempts" : "wrong-code").failed());
            throw new VerificationFailed();
        }
        jdbc.sql("update identity.verification_code set used_at = :now where tenant_id = :t and account_id = :a and used_at is null")
                .param("now", clock.instant().atOffset(ZoneOffset.UTC)).param("t", account.tenant()).param("a", account.id()).update();
        jdbc.sql("update identity.account set status = 'ACTIVE', version = version + 1 where tenant_id = :t and id = :id")
                .param("t", account.tenant()).param("id", account.id()).update();
        audit.record(AuditRecord.of(account.tenant(), username, "account.verify", "account", account.id().toString())
                .from(client).concerning(account.id().toString()).succeeded());
        return accounts.find(account.tenant(), account.id()).orElseThrow();
    }

    /** The registering page's or client's language, kept as the account's language for the messages it will receive. */
    private static @Nullable String language(Locale locale) {
        var language = locale.getLanguage();
        return language.equals("vi") || language.equals("en") || language.equals("lo") ? language : null;
    }

    private static String email(@Nullable String email) {
        var value = required("email", email).toLowerCase(Locale.ROOT);
        if (!value.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+") || value.length() > 254) throw new InvalidParameter("email", email);
        return value;
    }

    private static String phone(@Nullable String phone) {
        var value = required("phone", phone).replace(" ", "");
        if (!value.matches("\\+?[0-9]{9,15}")) throw new InvalidParameter("phone", phone);
        return value;
    }

    private static String required(String name, @Nullable String value) {
        if (value == null || value.isBlank()) throw new InvalidParameter(name, "");
        return value.strip();
    }

    private static String hash(UUID account, String code) {
        try {
            var digest = MessageDigest.getInstance("SHA-256").digest((account + ":" + code).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
