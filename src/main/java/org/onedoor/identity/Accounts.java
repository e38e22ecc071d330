package org.onedoor.identity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.onedoor.identity.credentials.PasswordPolicy;
import org.onedoor.shared.QrCodes;
import org.onedoor.identity.credentials.Totp;
import org.onedoor.audit.AuditRecord;
import org.onedoor.audit.AuditTrail;
import org.onedoor.platform.PersonalDataProtection;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Accounts and their credentials: password checks with lock-out for staff and throttling for citizens (AUTH-4), the
 * TOTP second factor with no code reuse (AUTH-1), and short-lived, revocable API tokens of which only a hash is kept.
 */
@Service
@Transactional
public class Accounts {

    /** Failures after which a staff account locks and a citizen account is throttled. */
    public static final int MAX_FAILURES = 5;
    /** How long a throttled citizen waits. */
    public static final Duration THROTTLE = Duration.ofMinutes(15);
    /** How long an API token lives. */
    public static final Duration TOKEN_LIFETIME = Duration.ofMinutes(30);

    /** A TOTP enrolment in progress: the new secret, shown once as a QR code and as text. */
    public record Enrolment(String secret, String otpauthUri, String qrDataUri) {
    }

    /** A freshly issued API token: the only time its value is seen. */
    public record IssuedToken(String token, Instant expiresAt) {
    }

    private static final String COLUMNS = columns("identity.account");

    /** The account columns every query reads, qualified by the table or alias given. */
    private static String columns(String table) {
        return String.join(", ", java.util.Arrays.stream(new String[] {"id", "tenant_id", "kind", "username", "display_name",
                "email", "phone", "unit_id", "status", "must_change_password", "failed_logins", "last_login_at", "created_at"})
                .map(c -> table + "." + c).toList()) + ", " + table + ".totp_enrolled_at is not null as enrolled";
    }

    private final JdbcClient jdbc;
    private final PasswordEncoder passwords;
    private final PersonalDataProtection sealing;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final PasswordPolicy policy = new PasswordPolicy();
    private final String issuer;
    private final AuditTrail audit;
    /** A real hash to check against when the user name is unknown, so that both paths take the same time. */
    private final String decoyHash;

    Accounts(JdbcClient jdbc, PasswordEncoder passwords, PersonalDataProtection sealing, Clock clock, AuditTrail audit,
             @org.springframework.beans.factory.annotation.Value("${onedoor.security.totp-issuer:OneDoor}") String issuer) {
        this.jdbc = jdbc;
        this.passwords = passwords;
        this.sealing = sealing;
        this.clock = clock;
        this.issuer = issuer;
        this.audit = audit;
        this.decoyHash = passwords.encode(UUID.randomUUID().toString());
    }

    /** A new account's description; staff belong to a unit, citizens carry their 12-digit ID number. */
    public record NewAccount(String tenant, AccountKind kind, String username, String displayName, @Nullable String email,
                             @Nullable String phone, @Nullable UUID unit, @Nullable String citizenIdNumber) {
    }

    /**
     * Creates the account, or resets the password and second factor of an existing one with the same user name, with
     * no permission check: only for the bootstrap of the first administrator and for demo data.
     */
    public Account provision(NewAccount account, String password, @Nullable String totpSecret, String createdBy) {
        var now = clock.instant().atOffset(java.time.ZoneOffset.UTC);
        var id = find(account.username()).map(Account::id).orElseGet(UUID::randomUUID);
        jdbc.sql("""
                insert into identity.account (tenant_id, id, kind, username, display_name, email, phone, citizen_id_sealed,
                    citizen_id_index, unit_id, status, password_hash, password_changed_at, totp_secret_sealed, totp_enrolled_at,
                    created_at, created_by)
                values (:t, :id, :kind, :username, :name, :email, :phone, :sealed, :index, :unit, 'ACTIVE', :hash, :now,
                    :totp, :enrolled, :now, :by)
                on conflict (tenant_id, id) do update set password_hash = excluded.password_hash,
                    password_changed_at = excluded.password_changed_at, totp_secret_sealed = excluded.totp_secret_sealed,
                    totp_enrolled_at = excluded.totp_enrolled_at, totp_last_step = -9223372036854775808, status = 'ACTIVE', failed_logins = 0,
                    locked_at = null, version = identity.account.version + 1""")
                .param("t", account.tenant()).param("id", id).param("kind", account.kind().name())
                .param("username", normalisedUsername(account.username())).param("name", account.displayName())
                .param("email", account.email()).param("phone", account.phone())
                .param("sealed", account.citizenIdNumber() == null ? null : sealing.encrypt(account.citizenIdNumber()))
                .param("index", account.citizenIdNumber() == null ? null : sealing.blindIndex(account.citizenIdNumber()))
                .param("unit", account.unit()).param("hash", passwords.encode(password)).param("now", now)
                .param("totp", totpSecret == null ? null : sealing.encrypt(totpSecret))
                .param("enrolled", totpSecret == null ? null : now).param("by", createdBy).update();
        return find(account.tenant(), id).orElseThrow();
    }

    /** A random password of 20 characters from an unambiguous alphabet (about 115 bits). */
    public String randomPassword() {
        var alphabet = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        var text = new StringBuilder();
        for (int i = 0; i < 20; i++) text.append(alphabet.charAt(random.nextInt(alphabet.length())));
        return text.toString();
    }

    /** A new TOTP secret in base32, for accounts provisioned with their authenticator already enrolled. */
    public String randomTotpSecret() {
        return Totp.base32(Totp.newSecret(random));
    }

    /** A user name already taken. */
    public static class UsernameTaken extends org.onedoor.shared.Problem {
        public UsernameTaken(String username) {
            super("username-taken", Kind.CONFLICT, username);
        }
    }

    /**
     * An administrator creates a staff account in a unit of their subtree; the initial password is returned once and
     * must be changed at the first sign-in, when the authenticator is also enrolled.
     */
    public IssuedAccount createStaff(CurrentUser administrator, AccessPolicy access, NewAccount account) {
        if (account.kind() != AccountKind.STAFF || account.unit() == null) throw new IllegalArgumentException("staff only");
        access.require(administrator, Permission.ACCOUNT_MANAGE, new org.onedoor.shared.TenantId(account.tenant()),
                new org.onedoor.organisation.UnitId(account.unit()));
        if (find(account.username()).isPresent()) throw new UsernameTaken(account.username());
        var password = randomPassword();
        var created = provision(account, password, null, administrator.username());
        jdbc.sql("update identity.account set must_change_password = true where tenant_id = :t and id = :id")
                .param("t", created.tenant()).param("id", created.id()).update();
        return new IssuedAccount(find(created.tenant(), created.id()).orElseThrow(), password);
    }

    /** A created account with its one-time initial password. */
    public record IssuedAccount(Account account, String initialPassword) {
    }

    /** Accounts whose unit is among the given ones (the units an administrator manages), one page. */
    @Transactional(readOnly = true)
    public org.onedoor.shared.ResultPage<Account> inUnits(String tenant, java.util.Collection<UUID> units,
                                                          org.onedoor.shared.PageRequest page) {
        var ids = units.toArray(UUID[]::new);
        var total = jdbc.sql("select count(*) from identity.account where tenant_id = :t and unit_id = any (:u)")
                .param("t", tenant).param("u", ids).query(Long.class).single();
        var items = jdbc.sql("select " + COLUMNS + " from identity.account where tenant_id = :t and unit_id = any (:u)"
                        + " order by username limit :limit offset :offset")
                .param("t", tenant).param("u", ids).param("limit", page.size()).param("offset", page.offset())
                .query(Accounts::account).list();
        return new org.onedoor.shared.ResultPage<>(items, page.page(), page.size(), total);
    }

    @Transactional(readOnly = true)
    public Optional<Account> find(String username) {
        return jdbc.sql("select " + COLUMNS + " from identity.account where lower(username) = lower(:u)")
                .param("u", username.strip()).query(Accounts::account).optional();
    }

    @Transactional(readOnly = true)
    public Optional<Account> find(String tenant, UUID id) {
        return jdbc.sql("select " + COLUMNS + " from identity.account where tenant_id = :t and id = :id")
                .param("t", tenant).param("id", id).query(Accounts::account).optional();
    }

    /** Checks a password and moves the account's failure count; the outcome says what the login needs next. */
    public LoginOutcome checkPassword(String username, String password) {
        var row = jdbc.sql("""
                select id, tenant_id, kind, status, password_hash, failed_logins, last_failed_at,
                       totp_enrolled_at is not null as enrolled
                  from identity.account where lower(username) = lower(:u) for update""")
                .param("u", username.strip())
                .query((rs, n) -> new Credentials(rs.getObject("id", UUID.class), rs.getString("tenant_id"),
                        AccountKind.valueOf(rs.getString("kind")), AccountStatus.valueOf(rs.getString("status")),
                        rs.getString("password_hash"), rs.getInt("failed_logins"),
                        rs.getObject("last_failed_at", java.time.OffsetDateTime.class), rs.getBoolean("enrolled")))
                .optional();
        if (row.isEmpty()) {
            passwords.matches(password, decoyHash);
            return new LoginOutcome(LoginOutcome.Result.REFUSED, null);
        }
        var c = row.get();
        var now = clock.instant();
        if (c.kind() == AccountKind.STAFF && c.status() == AccountStatus.LOCKED) {
            passwords.matches(password, decoyHash);
            return new LoginOutcome(LoginOutcome.Result.LOCKED, null);
        }
        if (c.kind() == AccountKind.CITIZEN && c.failedLogins() >= MAX_FAILURES && c.lastFailedAt() != null
                && c.lastFailedAt().toInstant().plus(THROTTLE).isAfter(now)) {
            return new LoginOutcome(LoginOutcome.Result.THROTTLED, null);
        }
        var matches = c.passwordHash() != null && passwords.matches(password, c.passwordHash());
        if (!matches) {
            fail(c.tenant(), c.id(), c.kind());
            return new LoginOutcome(LoginOutcome.Result.REFUSED, null);
        }
        if (c.status() != AccountStatus.ACTIVE) return new LoginOutcome(LoginOutcome.Result.INACTIVE, null);
        jdbc.sql("update identity.account set failed_logins = 0, last_failed_at = null where tenant_id = :t and id = :id")
                .param("t", c.tenant()).param("id", c.id()).update();
        var account = find(c.tenant(), c.id()).orElseThrow();
        if (c.kind() == AccountKind.CITIZEN) return new LoginOutcome(LoginOutcome.Result.AUTHENTICATED, account);
        return new LoginOutcome(c.enrolled() ? LoginOutcome.Result.SECOND_FACTOR_REQUIRED
                : LoginOutcome.Result.SECOND_FACTOR_ENROLMENT_REQUIRED, account);
    }

    /** Checks a TOTP code; each time step is accepted once only, and failures count towards the lock-out. */
    public boolean verifySecondFactor(Account account, String code) {
        var row = jdbc.sql("select totp_secret_sealed, totp_last_step, status from identity.account where tenant_id = :t and id = :id for update")
                .param("t", account.tenant()).param("id", account.id())
                .query((rs, n) -> new Object[] {rs.getBytes(1), rs.getLong(2), rs.getString(3)}).single();
        var sealed = (byte[]) row[0];
        if (sealed == null || !"ACTIVE".equals(row[2])) return false;
        var secret = Totp.fromBase32(sealing.decrypt(sealed));
        var step = Totp.verify(secret, code, clock.instant(), (Long) row[1]);
        if (step.isEmpty()) {
            fail(account.tenant(), account.id(), account.kind());
            return false;
        }
        return jdbc.sql("""
                update identity.account set totp_last_step = :step, failed_logins = 0, last_failed_at = null
                 where tenant_id = :t and id = :id and totp_last_step < :step""")
                .param("step", step.getAsLong()).param("t", account.tenant()).param("id", account.id()).update() == 1;
    }

    /** A new TOTP secret for the account to enrol; nothing is stored until a code from it is confirmed. */
    @Transactional(readOnly = true)
    public Enrolment startEnrolment(Account account) {
        return enrolmentFor(account, Totp.base32(Totp.newSecret(random)));
    }

    /** The enrolment of a secret already drawn (kept in the sign-in session), shown again. */
    @Transactional(readOnly = true)
    public Enrolment enrolmentFor(Account account, String secret) {
        var uri = Totp.otpauthUri(issuer, account.username(), Totp.fromBase32(secret));
        return new Enrolment(secret, uri, QrCodes.pngDataUri(uri, 240));
    }

    /** Stores the enrolled secret if the code proves the authenticator holds it. */
    public boolean confirmEnrolment(Account account, String secret, String code) {
        var step = Totp.verify(Totp.fromBase32(secret), code, clock.instant(), Long.MIN_VALUE);
        if (step.isEmpty()) return false;
        return jdbc.sql("""
                update identity.account set totp_secret_sealed = :sealed, totp_enrolled_at = :now, totp_last_step = :step
                 where tenant_id = :t and id = :id and status = 'ACTIVE'""")
                .param("sealed", sealing.encrypt(secret)).param("now", clock.instant().atOffset(java.time.ZoneOffset.UTC))
                .param("step", step.getAsLong()).param("t", account.tenant()).param("id", account.id()).update() == 1;
    }

    public void recordLogin(Account account) {
        jdbc.sql("update identity.account set last_login_at = :now where tenant_id = :t and id = :id")
                .param("now", clock.instant().atOffset(java.time.ZoneOffset.UTC)).param("t", account.tenant())
                .param("id", account.id()).update();
    }

    /** Checks a new password against the policy (AUTH-2); the reasons are message codes. */
    @Transactional(readOnly = true)
    public PasswordPolicy.Verdict judge(String password, String username, boolean secondFactor) {
        return policy.check(password, secondFactor, username);
    }

    public String hash(String password) {
        return passwords.encode(password);
    }

    public IssuedToken issueToken(Account account) {
        var bytes = new byte[32];
        random.nextBytes(bytes);
        var token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        var expires = clock.instant().plus(TOKEN_LIFETIME);
        jdbc.sql("""
                insert into identity.api_token (token_hash, tenant_id, account_id, issued_at, expires_at)
                values (:hash, :t, :id, :now, :expires)""")
                .param("hash", sha256(token)).param("t", account.tenant()).param("id", account.id())
                .param("now", clock.instant().atOffset(java.time.ZoneOffset.UTC))
                .param("expires", expires.atOffset(java.time.ZoneOffset.UTC)).update();
        return new IssuedToken(token, expires);
    }

    /**
     * The user a bearer token stands for, if it is known, unexpired, unrevoked and its account active. One statement,
     * so no transaction of its own (every API call asks: a BEGIN and COMMIT around it were two more round trips).
     */
    @Transactional(propagation = org.springframework.transaction.annotation.Propagation.SUPPORTS, readOnly = true)
    public Optional<CurrentUser> authenticateToken(String token) {
        return jdbc.sql("select " + columns("a") + " " + """
                 from identity.api_token t join identity.account a on a.tenant_id = t.tenant_id and a.id = t.account_id
                 where t.token_hash = :hash and t.revoked_at is null and t.expires_at > :now and a.status = 'ACTIVE'""")
                .param("hash", sha256(token)).param("now", clock.instant().atOffset(java.time.ZoneOffset.UTC))
                .query(Accounts::account).optional().map(Account::asCurrentUser);
    }

    public boolean revokeToken(String token) {
        return jdbc.sql("update identity.api_token set revoked_at = :now where token_hash = :hash and revoked_at is null")
                .param("now", clock.instant().atOffset(java.time.ZoneOffset.UTC)).param("hash", sha256(token)).update() == 1;
    }

    /** Disables the account and ends all its sessions and tokens at once (AUTH-6). */
    public void disable(Account account) {
        jdbc.sql("update identity.account set status = 'DISABLED', version = version + 1 where tenant_id = :t and id = :id")
                .param("t", account.tenant()).param("id", account.id()).update();
        endSessionsAndTokens(account);
    }

    /** How long an administrator's password lasts (AUTH-3), and how many earlier ones may not come back. */
    public static final Duration ADMIN_PASSWORD_LIFETIME = Duration.ofDays(60);
    public static final int ADMIN_PASSWORD_HISTORY = 10;

    /** A sensitive change whose re-authentication failed: wrong current password or second-factor code. */
    public static class ReauthenticationFailed extends org.onedoor.shared.Problem {
        public ReauthenticationFailed() {
            super("reauthentication-required", Kind.FORBIDDEN);
        }
    }

    /** A new password the policy refuses; the reasons are message codes. */
    public static class PasswordRejected extends org.onedoor.shared.Problem {
        public PasswordRejected(String reasons) {
            super("password-rejected", Kind.INVALID, reasons);
        }
    }

    /**
     * Re-authentication for a sensitive change (SESS-4): the current password and, for staff, a fresh TOTP code, given
     * in the same request as the change.
     */
    private void reauthenticate(Account account, String currentPassword, @Nullable String totp) {
        var hash = jdbc.sql("select password_hash from identity.account where tenant_id = :t and id = :id")
                .param("t", account.tenant()).param("id", account.id()).query(String.class).single();
        if (currentPassword == null || hash == null || !passwords.matches(currentPassword, hash)) throw new ReauthenticationFailed();
        if (account.kind() == AccountKind.STAFF && (totp == null || !verifySecondFactor(account, totp.strip()))) {
            throw new ReauthenticationFailed();
        }
    }

    /**
     * Changes the password after re-authentication: the policy applies (AUTH-2), and an administrator may not reuse any
     * of the last ten (AUTH-3). Audited in the same transaction.
     */
    public void changePassword(Account account, String currentPassword, @Nullable String totp, String newPassword, boolean administrator) {
        reauthenticate(account, currentPassword, totp);
        var verdict = policy.check(newPassword, account.kind() == AccountKind.STAFF, account.username());
        if (!verdict.accepted()) throw new PasswordRejected(String.join(", ", verdict.reasons()));
        if (administrator) {
            var earlier = jdbc.sql("""
                    select hash from (select password_hash as hash, now() as changed_at from identity.account where tenant_id = :t and id = :id
                                      union all
                                      select hash, changed_at from identity.password_history where tenant_id = :t and account_id = :id) h
                     order by changed_at desc limit :n""")
                    .param("t", account.tenant()).param("id", account.id()).param("n", ADMIN_PASSWORD_HISTORY).query(String.class).list();
            if (earlier.stream().anyMatch(h -> h != null && passwords.matches(newPassword, h))) throw new PasswordRejected("reused");
        }
        var now = clock.instant().atOffset(java.time.ZoneOffset.UTC);
        jdbc.sql("""
                insert into identity.password_history (tenant_id, account_id, hash, changed_at)
                select tenant_id, id, password_hash, coalesce(password_changed_at, created_at) from identity.account
                 where tenant_id = :t and id = :id and password_hash is not null""")
                .param("t", account.tenant()).param("id", account.id()).update();
        jdbc.sql("""
                update identity.account set password_hash = :hash, password_changed_at = :now, must_change_password = false,
                       version = version + 1 where tenant_id = :t and id = :id""")
                .param("hash", passwords.encode(newPassword)).param("now", now).param("t", account.tenant()).param("id", account.id()).update();
        audit.record(AuditRecord.of(account.tenant(), account.username(), "account.password.change", "account", account.id().toString())
                .concerning(account.id().toString()).succeeded());
    }

    /** Changes e-mail and phone after re-authentication (SESS-4); audited with digests of the old and new values. */
    public Account changeContact(Account account, String currentPassword, @Nullable String totp, @Nullable String email, @Nullable String phone) {
        reauthenticate(account, currentPassword, totp);
        if (email != null && !email.isBlank() && !email.strip().matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
            throw new org.onedoor.shared.InvalidParameter("email", email);
        }
        if (phone != null && !phone.isBlank() && !phone.strip().matches("\\+?[0-9 ]{8,16}")) throw new org.onedoor.shared.InvalidParameter("phone", phone);
        jdbc.sql("update identity.account set email = :e, phone = :p, version = version + 1 where tenant_id = :t and id = :id")
                .param("e", email == null || email.isBlank() ? null : email.strip()).param("p", phone == null || phone.isBlank() ? null : phone.strip())
                .param("t", account.tenant()).param("id", account.id()).update();
        audit.record(AuditRecord.of(account.tenant(), account.username(), "account.contact.change", "account", account.id().toString())
                .concerning(account.id().toString()).changing(account.email() + "|" + account.phone(), email + "|" + phone).succeeded());
        return find(account.tenant(), account.id()).orElseThrow();
    }

    /** Whether the account must change its password before anything else: set by an administrator, or expired (AUTH-3). */
    @Transactional(readOnly = true)
    public boolean mustChangePassword(Account account, boolean administrator) {
        if (account.mustChangePassword()) return true;
        if (!administrator) return false;
        var changed = jdbc.sql("select coalesce(password_changed_at, created_at) from identity.account where tenant_id = :t and id = :id")
                .param("t", account.tenant()).param("id", account.id()).query(java.time.OffsetDateTime.class).single();
        return changed.toInstant().plus(ADMIN_PASSWORD_LIFETIME).isBefore(clock.instant());
    }

    /** How long a staff account may go unused before it is disabled (AUTH-6). */
    public static final Duration DORMANCY = Duration.ofDays(45);

    /**
     * Disables the tenant's staff accounts not used for 45 days (never signed in: counted from creation), ending their
     * sessions and tokens, each audited; answers how many.
     */
    public int disableDormant(String tenant) {
        var cutoff = clock.instant().minus(DORMANCY).atOffset(java.time.ZoneOffset.UTC);
        var dormant = jdbc.sql("""
                select id from identity.account where tenant_id = :t and kind = 'STAFF' and status in ('ACTIVE', 'LOCKED')
                   and coalesce(last_login_at, created_at) < :cutoff""")
                .param("t", tenant).param("cutoff", cutoff).query(UUID.class).list();
        for (var id : dormant) {
            var account = find(tenant, id).orElseThrow();
            disable(account);
            audit.record(AuditRecord.of(tenant, "system", "account.disable.dormant", "account", id.toString())
                    .changing(account.status().name(), "DISABLED").with("unusedSince",
                            String.valueOf(account.lastLoginAt() == null ? account.createdAt() : account.lastLoginAt())).succeeded());
        }
        return dormant.size();
    }

    /** Unlocks a staff account locked by failures (the break-glass path of AUTH-4). */
    public void unlock(Account account) {
        jdbc.sql("""
                update identity.account set status = 'ACTIVE', failed_logins = 0, locked_at = null, version = version + 1
                 where tenant_id = :t and id = :id and status = 'LOCKED'""")
                .param("t", account.tenant()).param("id", account.id()).update();
    }

    void endSessionsAndTokens(Account account) {
        jdbc.sql("delete from identity.spring_session where principal_name = :u").param("u", account.username()).update();
        jdbc.sql("update identity.api_token set revoked_at = :now where tenant_id = :t and account_id = :id and revoked_at is null")
                .param("now", clock.instant().atOffset(java.time.ZoneOffset.UTC)).param("t", account.tenant())
                .param("id", account.id()).update();
    }

    /** Counts a failure; the failure that locks a staff account is audited in the same transaction. */
    private void fail(String tenant, UUID id, AccountKind kind) {
        var now = clock.instant().atOffset(java.time.ZoneOffset.UTC);
        var lockedNow = jdbc.sql("""
                update identity.account set failed_logins = failed_logins + 1, last_failed_at = :now,
                       status = case when :staff and failed_logins + 1 >= :max and status = 'ACTIVE' then 'LOCKED' else status end,
                       locked_at = case when :staff and failed_logins + 1 >= :max and status = 'ACTIVE' then :now else locked_at end
                 where tenant_id = :t and id = :id
                returning status = 'LOCKED' and locked_at = :now, failed_logins""")
                .param("now", now).param("staff", kind == AccountKind.STAFF)
                .param("max", MAX_FAILURES).param("t", tenant).param("id", id)
                .query((rs, n) -> rs.getBoolean(1) ? rs.getInt(2) : -1).single();
        if (lockedNow > 0) {
            audit.record(AuditRecord.of(tenant, "system", "account.lock", "account", id.toString())
                    .with("failures", String.valueOf(lockedNow)).succeeded());
        }
    }

    static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private record Credentials(UUID id, String tenant, AccountKind kind, AccountStatus status, @Nullable String passwordHash,
                               int failedLogins, java.time.@Nullable OffsetDateTime lastFailedAt, boolean enrolled) {
    }

    static Account account(ResultSet rs, int row) throws SQLException {
        var lastLogin = rs.getObject("last_login_at", java.time.OffsetDateTime.class);
        return new Account(rs.getObject("id", UUID.class), rs.getString("tenant_id"),
                AccountKind.valueOf(rs.getString("kind")), rs.getString("username"), rs.getString("display_name"),
                rs.getString("email"), rs.getString("phone"), rs.getObject("unit_id", UUID.class),
                AccountStatus.valueOf(rs.getString("status")), rs.getBoolean("enrolled"),
                rs.getBoolean("must_change_password"), rs.getInt("failed_logins"),
                lastLogin == null ? null : lastLogin.toInstant(),
                rs.getObject("created_at", java.time.OffsetDateTime.class).toInstant());
    }

    static String normalisedUsername(String username) {
        return username.strip().toLowerCase(Locale.ROOT);
    }
}
