package org.onedoor.organisation;

import java.time.ZoneId;
import java.util.Currency;
import java.util.Locale;
import org.onedoor.shared.LocalizedText;
import org.onedoor.shared.TenantId;

/** A city sharing the installation, with its own language, time zone and currency. */
public record Tenant(TenantId id, LocalizedText name, ZoneId timeZone, Locale defaultLocale, Currency currency) {
}
