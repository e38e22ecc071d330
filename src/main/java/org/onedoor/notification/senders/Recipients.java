package org.onedoor.notification.senders;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.onedoor.identity.AccountContacts;
import org.onedoor.organisation.OrganisationDirectory;
import org.onedoor.organisation.Tenant;
import org.onedoor.organisation.UnitId;
import org.onedoor.shared.ShortLivedCache;
import org.onedoor.shared.TenantId;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/** Who reads a message and in which language: the account holder's chosen one, else the city's. */
@Component
class Recipients {

    private final AccountContacts accounts;
    private final OrganisationDirectory directory;
    private final String publicUrl;

    Recipients(AccountContacts accounts, OrganisationDirectory directory, @Value("${onedoor.public-url}") String publicUrl) {
        this.accounts = accounts;
        this.directory = directory;
        this.publicUrl = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
    }

    /** Where the public follows a dossier (the tracking page asks for the phone's last digits). */
    String trackingLink(String tenant, String code) {
        return publicUrl + "/tenants/" + tenant + "/track?code=" + URLEncoder.encode(code, StandardCharsets.UTF_8);
    }

    /** The dossier's page, for staff. */
    String dossierLink(String tenant, String code) {
        return publicUrl + "/tenants/" + tenant + "/dossiers/" + URLEncoder.encode(code, StandardCharsets.UTF_8);
    }

    /** The staff's page of petitions to answer. */
    String petitionsLink(String tenant) {
        return publicUrl + "/tenants/" + tenant + "/petitions";
    }

    Tenant city(String tenant) {
        return directory.tenant(tenant);
    }

    /** The account's language if its holder chose one, else the city's default. */
    Locale locale(Tenant city, @Nullable UUID account) {
        if (account == null) return city.defaultLocale();
        var chosen = accounts.of(city.id().value(), account).map(AccountContacts.Contact::locale);
        return chosen.orElse(city.defaultLocale());
    }

    /** Unit names for messages, kept a minute (as the dossier pages keep them): a name changes rarely, and seldom today. */
    private final ShortLivedCache<String, String> unitNames = new ShortLivedCache<>(java.time.Duration.ofMinutes(1), 50_000);

    /** A unit's name as it stands today, in the reader's language. */
    String unit(Tenant city, UUID unit, Locale reader) {
        var today = directory.today(city);
        return unitNames.get(city.id().value() + "|" + unit + "|" + today + "|" + reader.getLanguage(),
                k -> directory.unitOn(new TenantId(city.id().value()), new UnitId(unit), today).map(u -> u.name().in(reader)).orElse(""));
    }
}
