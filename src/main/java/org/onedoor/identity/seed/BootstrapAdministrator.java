package org.onedoor.identity.seed;

import java.util.List;
import org.onedoor.identity.AccountKind;
import org.onedoor.identity.Accounts;
import org.onedoor.identity.Grants;
import org.onedoor.identity.Scope;
import org.onedoor.organisation.OrganisationDirectory;
import org.onedoor.shared.TenantId;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ApplicationContext;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The one-time creation of a tenant's first administrator, since no configuration ships an account (AUTH-7):
 * {@code ./onedoor bootstrap-admin --tenant=hanoi --username=NAME --unit=CODE [--name="Full name"]}. Refuses when the
 * tenant already has an administrator; prints a one-time password, and the authenticator is enrolled at first sign-in.
 */
@Component
@Order(5)
class BootstrapAdministrator implements ApplicationRunner {

    private final Accounts accounts;
    private final Grants grants;
    private final OrganisationDirectory directory;
    private final ApplicationContext context;

    BootstrapAdministrator(Accounts accounts, Grants grants, OrganisationDirectory directory, ApplicationContext context) {
        this.accounts = accounts;
        this.grants = grants;
        this.directory = directory;
        this.context = context;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!args.getNonOptionArgs().contains("bootstrap-admin")) return;
        System.exit(SpringApplication.exit(context, () -> bootstrap(args)));
    }

    int bootstrap(ApplicationArguments args) {
        var tenant = single(args, "tenant");
        var username = single(args, "username");
        var unitCode = single(args, "unit");
        if (tenant == null || username == null || unitCode == null) {
            System.err.println("usage: ./onedoor bootstrap-admin --tenant=T --username=U --unit=CODE [--name=\"Full name\"]");
            return 2;
        }
        var city = directory.tenant(tenant);
        var today = directory.today(city);
        var unit = directory.unitOn(city.id(), unitCode, today).orElse(null);
        if (unit == null) {
            System.err.println("No unit " + unitCode + " in force today in " + tenant);
            return 2;
        }
        if (grants.hasAdministrator(new TenantId(tenant))) {
            System.err.println(tenant + " already has an administrator; further accounts are created by administrators.");
            return 3;
        }
        if (accounts.find(username).isPresent()) {
            System.err.println("The user name " + username + " is taken.");
            return 3;
        }
        var name = single(args, "name");
        var password = accounts.randomPassword();
        var account = accounts.provision(new Accounts.NewAccount(tenant, AccountKind.STAFF, username,
                name == null ? username : name, null, null, unit.id().value(), null), password, null, "bootstrap");
        grants.provision(city.id(), account.id(), "ADMINISTRATOR", unit.id(), Scope.SUBTREE, today, "bootstrap");
        System.out.println("Administrator " + username + " of " + tenant + " over " + unitCode + " and its subtree.");
        System.out.println("One-time password: " + password);
        System.out.println("Sign in at /login, enrol an authenticator app when asked, and keep this password nowhere.");
        return 0;
    }

    private static String single(ApplicationArguments args, String name) {
        List<String> values = args.getOptionValues(name);
        return values == null || values.isEmpty() ? null : values.getFirst();
    }
}
