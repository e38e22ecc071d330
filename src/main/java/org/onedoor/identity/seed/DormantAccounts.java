package org.onedoor.identity.seed;

import org.onedoor.identity.Accounts;
import org.onedoor.organisation.OrganisationDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Every night, disables staff accounts unused for 45 days in every city (AUTH-6). */
@Component
class DormantAccounts {

    private static final Logger log = LoggerFactory.getLogger(DormantAccounts.class);
    private final Accounts accounts;
    private final OrganisationDirectory directory;

    DormantAccounts(Accounts accounts, OrganisationDirectory directory) {
        this.accounts = accounts;
        this.directory = directory;
    }

    @Scheduled(cron = "${onedoor.security.dormant-cron:0 30 2 * * *}", zone = "UTC")
    void disableDormantAccounts() {
        for (var tenant : directory.tenants()) {
            var disabled = accounts.disableDormant(tenant.id().value());
            if (disabled > 0) log.info("Disabled {} staff accounts of {} unused for {} days", disabled, tenant.id(), Accounts.DORMANCY.toDays());
        }
    }
}
