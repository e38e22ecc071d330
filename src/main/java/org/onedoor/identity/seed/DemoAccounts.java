package org.onedoor.identity.seed;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.onedoor.identity.AccountKind;
import org.onedoor.identity.Accounts;
import org.onedoor.identity.Grants;
import org.onedoor.identity.Scope;
import org.onedoor.organisation.OrganisationDirectory;
import org.onedoor.shared.TenantId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * In demo mode, one account per role and per demonstrated unit, with random passwords and TOTP secrets, written to
 * {@code <ONEDOOR_DATA_DIR>/demo-accounts.csv} (owner-only). Nothing of the kind exists outside demo mode (AUTH-7).
 */
@Component
@Order(20)
class DemoAccounts implements ApplicationRunner {

    static final String FILE = "demo-accounts.csv";
    private static final Logger log = LoggerFactory.getLogger(DemoAccounts.class);

    /** One demo account: who, which role over which unit, how far. */
    record Demo(String username, String displayName, AccountKind kind, String role, @Nullable String unitCode,
                @Nullable String memberOf, Scope scope) {
    }

    static final List<Demo> HANOI = List.of(
            new Demo("admin.hanoi", "Quản trị Thành phố", AccountKind.STAFF, "ADMINISTRATOR", "01", "VP", Scope.SUBTREE),
            new Demo("leader.hanoi", "Lãnh đạo Thành phố", AccountKind.STAFF, "CITY_LEADER", "01", "UBND", Scope.SUBTREE),
            new Demo("inspector.hanoi", "Thanh tra viên", AccountKind.STAFF, "INSPECTOR", "01", "TTTP", Scope.SUBTREE),
            new Demo("homeaffairs.hanoi", "Chuyên viên Sở Nội vụ", AccountKind.STAFF, "HOME_AFFAIRS_OFFICER", "01", "SNV", Scope.SUBTREE),
            new Demo("clerk.pvhcc-cn01", "Cán bộ một cửa Chi nhánh số 1", AccountKind.STAFF, "CLERK", "PVHCC-CN01", "PVHCC-CN01", Scope.UNIT),
            new Demo("clerk.00004", "Cán bộ một cửa phường Ba Đình", AccountKind.STAFF, "CLERK", "00004", "00004", Scope.UNIT),
            new Demo("specialist.00004", "Chuyên viên phường Ba Đình", AccountKind.STAFF, "SPECIALIST", "00004", "00004", Scope.UNIT),
            new Demo("head.00004", "Chủ tịch UBND phường Ba Đình", AccountKind.STAFF, "UNIT_LEADER", "00004", "00004", Scope.UNIT),
            new Demo("clerk.00097", "Cán bộ một cửa phường Hồng Hà", AccountKind.STAFF, "CLERK", "00097", "00097", Scope.UNIT),
            new Demo("specialist.00097", "Chuyên viên phường Hồng Hà", AccountKind.STAFF, "SPECIALIST", "00097", "00097", Scope.UNIT),
            new Demo("head.00097", "Chủ tịch UBND phường Hồng Hà", AccountKind.STAFF, "UNIT_LEADER", "00097", "00097", Scope.UNIT),
            new Demo("citizen1.hanoi", "Nguyễn Văn An", AccountKind.CITIZEN, "CITIZEN", null, null, Scope.UNIT),
            new Demo("citizen2.hanoi", "Trần Thị Bình", AccountKind.CITIZEN, "CITIZEN", null, null, Scope.UNIT));

    private final Accounts accounts;
    private final Grants grants;
    private final OrganisationDirectory directory;
    private final Path dataDir;
    private final boolean demo;

    private final String staffedCommunes;

    DemoAccounts(Accounts accounts, Grants grants, OrganisationDirectory directory, @Value("${onedoor.data-dir}") Path dataDir,
                 @Value("${onedoor.demo}") boolean demo, @Value("${onedoor.demo.staffed-communes:}") String staffedCommunes) {
        this.accounts = accounts;
        this.grants = grants;
        this.directory = directory;
        this.dataDir = dataDir;
        this.demo = demo;
        this.staffedCommunes = staffedCommunes.strip();
    }

    /**
     * A clerk, a specialist and a head for each further commune-level unit asked for ({@code all}, or codes separated
     * by commas), e.g. for a load test across the city: user names {@code clerk.<code>}, {@code specialist.<code>},
     * {@code head.<code>}.
     */
    List<Demo> staffed(TenantId tenant) {
        if (staffedCommunes.isEmpty()) return List.of();
        var day = directory.today(directory.tenant(tenant.value()));
        var codes = staffedCommunes.equals("all")
                ? directory.tree(tenant, day).stream().filter(u -> u.level() == org.onedoor.organisation.UnitLevel.COMMUNE)
                        .map(u -> u.code()).toList()
                : List.of(staffedCommunes.split("\\s*,\\s*"));
        var demos = new ArrayList<Demo>();
        for (var code : codes) {
            if (HANOI.stream().anyMatch(d -> code.equals(d.unitCode()))) continue;
            var unit = directory.unitOn(tenant, code, day).orElseThrow(() -> new IllegalArgumentException("No unit " + code));
            var name = unit.name().in(java.util.Locale.of("vi"));
            demos.add(new Demo("clerk." + code, "Cán bộ một cửa " + name, AccountKind.STAFF, "CLERK", code, code, Scope.UNIT));
            demos.add(new Demo("specialist." + code, "Chuyên viên " + name, AccountKind.STAFF, "SPECIALIST", code, code, Scope.UNIT));
            demos.add(new Demo("head." + code, "Chủ tịch UBND " + name, AccountKind.STAFF, "UNIT_LEADER", code, code, Scope.UNIT));
        }
        return demos;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!demo || args.getNonOptionArgs().contains("import") || args.getNonOptionArgs().contains("bootstrap-admin")) return;
        var file = dataDir.resolve(FILE);
        var hanoi = new TenantId("hanoi");
        var all = new ArrayList<>(HANOI);
        all.addAll(staffed(hanoi));
        if (Files.exists(file) && all.stream().allMatch(d -> accounts.find(d.username()).isPresent())) {
            log.info("Demo accounts: see {} (one per role and demonstrated unit; passwords and TOTP secrets inside)", file.toAbsolutePath());
            return;
        }
        var missing = all.stream().filter(d -> accounts.find(d.username()).isEmpty()).toList();
        if (missing.size() < all.size() && Files.exists(file)) {
            append(file, provision(hanoi, missing));
            log.info("Demo accounts added for {} more people in {}", missing.size(), file.toAbsolutePath());
            return;
        }
        write(file, provision(hanoi, all));
        log.warn("Demo accounts with random passwords and TOTP secrets were written to {}. Demo mode only: set ONEDOOR_DEMO=false in production.",
                file.toAbsolutePath());
    }

    List<String> provision(TenantId tenant, List<Demo> demos) {
        var rows = new ArrayList<String>();
        var day = directory.today(directory.tenant(tenant.value()));
        var serial = 1;
        for (var d : demos) {
            var password = accounts.randomPassword();
            var totp = d.kind() == AccountKind.STAFF ? accounts.randomTotpSecret() : null;
            var member = d.memberOf() == null ? null : directory.unitOn(tenant, d.memberOf(), day).orElseThrow().id().value();
            var citizenId = d.kind() == AccountKind.CITIZEN ? "0012%08d".formatted(90000000 + serial++) : null;
            var account = accounts.provision(new Accounts.NewAccount(tenant.value(), d.kind(), d.username(), d.displayName(),
                    d.username() + "@example.invalid", null, member, citizenId), password, totp, "demo");
            if (d.unitCode() != null) {
                var unit = directory.unitOn(tenant, d.unitCode(), day).orElseThrow().id();
                grants.provision(tenant, account.id(), d.role(), unit, d.scope(), LocalDate.of(2025, 7, 1), "demo");
            }
            rows.add(String.join(",", d.username(), password, totp == null ? "" : totp, d.role(),
                    d.unitCode() == null ? "" : d.unitCode(), tenant.value()));
        }
        return rows;
    }

    private static void append(Path file, List<String> rows) {
        try {
            Files.writeString(file, String.join("\n", rows) + "\n", StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write " + file, e);
        }
    }

    private static void write(Path file, List<String> rows) {
        try {
            Files.createDirectories(file.getParent());
            var text = "username,password,totp_secret,role,unit_code,tenant\n" + String.join("\n", rows) + "\n";
            Files.deleteIfExists(file);
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write " + file, e);
        }
    }
}
