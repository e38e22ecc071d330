package org.onedoor.notification.senders;

import org.onedoor.dossier.DossierEvents;
import org.onedoor.notification.outbox.OutboxSettings;
import org.springframework.modulith.events.FailedEventPublications;
import org.springframework.modulith.events.ResubmissionOptions;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Runs the listeners of dossier events again when they failed (the database was away for a moment, say): the event
 * publication registry kept each failed publication, and listeners are idempotent (ADR 0012), so a second run writes a
 * message once. The registry's public API does not name a publication's listener, so every failed listener of a dossier
 * event is resubmitted, whichever module it is in. Restarts resubmit the unfinished ones as well.
 */
@Component
class ListenerRetries {

    private final FailedEventPublications failed;
    private final OutboxSettings settings;

    ListenerRetries(FailedEventPublications failed, OutboxSettings settings) {
        this.failed = failed;
        this.settings = settings;
    }

    @Scheduled(fixedDelayString = "${onedoor.notification.listener-retry-interval:PT1M}",
            initialDelayString = "${onedoor.notification.listener-retry-interval:PT1M}")
    void resubmit() {
        failed.resubmit(ResubmissionOptions.defaults().withMinAge(settings.listenerRetryAfter())
                .withFilter(p -> p.getEvent().getClass().getEnclosingClass() == DossierEvents.class));
    }
}
