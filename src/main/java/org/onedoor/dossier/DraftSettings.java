package org.onedoor.dossier;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long a citizen's saved application is kept untouched before it is purged, and how many one account may keep.
 *
 * @param retention  a draft not saved again for this long is purged (90 days)
 * @param perAccount the most drafts one account keeps at once in a city (20)
 */
@ConfigurationProperties("onedoor.dossier.drafts")
record DraftSettings(@DefaultValue("90d") Duration retention, @DefaultValue("20") int perAccount) {

    DraftSettings {
        if (retention.isNegative() || retention.isZero()) throw new IllegalArgumentException("onedoor.dossier.drafts.retention must be positive");
        if (perAccount < 1) throw new IllegalArgumentException("onedoor.dossier.drafts.per-account must be at least 1");
    }
}
