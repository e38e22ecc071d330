package org.onedoor.audit;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ApplicationContext;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * {@code ./onedoor audit-verify --tenant=hanoi}: verifies the tenant's audit trail from the command line, prints the
 * result and exits 0 when it is intact, 1 with the first broken record otherwise.
 */
@Component
@Order(1)
class AuditVerifyCommand implements ApplicationRunner {

    private final AuditVerification verification;
    private final ApplicationContext context;

    AuditVerifyCommand(AuditVerification verification, ApplicationContext context) {
        this.verification = verification;
        this.context = context;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!args.getNonOptionArgs().contains("audit-verify")) return;
        var tenants = args.getOptionValues("tenant");
        if (tenants == null || tenants.isEmpty()) {
            System.err.println("usage: ./onedoor audit-verify --tenant=T");
            System.exit(SpringApplication.exit(context, () -> 2));
        }
        var result = verification.verify(tenants.getFirst());
        if (result.valid()) {
            System.out.println("audit trail of " + tenants.getFirst() + " intact: " + result.checked() + " records checked");
        } else {
            var broken = result.firstBroken();
            System.out.println("audit trail of " + tenants.getFirst() + " BROKEN at lane " + broken.lane() + ", record " + broken.seq()
                    + ": " + broken.reason() + " (" + result.checked() + " records checked)");
        }
        System.exit(SpringApplication.exit(context, () -> result.valid() ? 0 : 1));
    }
}
