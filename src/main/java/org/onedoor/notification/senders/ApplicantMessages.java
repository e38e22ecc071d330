package org.onedoor.notification.senders;

import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiFunction;
import org.onedoor.dossier.ApplicantContacts;
import org.onedoor.dossier.DossierEvents;
import org.onedoor.notification.Channel;
import org.onedoor.notification.Message;
import org.onedoor.notification.Notifications;
import org.onedoor.notification.outbox.OutboxSettings;
import org.onedoor.notification.templates.Template;
import org.onedoor.notification.templates.Templates;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Tells applicants what happened to their dossier: received with its appointment, papers asked for, result ready, an
 * apology with a new appointment, refused or stopped, and the answer to a petition they sent about it. By e-mail when
 * the dossier gives one, by SMS when it gives a phone, in the applicant's language. Each listener writes its messages
 * to the outbox in the dossier's own transaction (ADR 0023, 2026-11-25 addendum): they are committed with the action
 * or not at all, and the outbox retries their delivery.
 */
@Component
class ApplicantMessages {

    private static final Logger log = LoggerFactory.getLogger(ApplicantMessages.class);

    private final ApplicantContacts applicants;
    private final Recipients recipients;
    private final Templates templates;
    private final Notifications notifications;
    private final OutboxSettings settings;

    ApplicantMessages(ApplicantContacts applicants, Recipients recipients, Templates templates, Notifications notifications,
                      OutboxSettings settings) {
        this.applicants = applicants;
        this.recipients = recipients;
        this.templates = templates;
        this.notifications = notifications;
        this.settings = settings;
    }

    @EventListener
    void on(DossierEvents.DossierReceived event) {
        write(event.tenant(), event.dossier(), Template.DOSSIER_RECEIVED, event.at(),
                (channel, reader) -> Map.of("appointment", appointment(event.tenant(), event.dueAt(), reader)));
    }

    @EventListener
    void on(DossierEvents.SupplementRequested event) {
        write(event.tenant(), event.dossier(), Template.SUPPLEMENT_REQUESTED, event.at(),
                (channel, reader) -> Map.of("items", Templates.items(event.items(), channel), "reason", event.reason()));
    }

    @EventListener
    void on(DossierEvents.ResultReady event) {
        write(event.tenant(), event.dossier(), Template.RESULT_READY, event.at(), (channel, reader) -> Map.of());
    }

    @EventListener
    void on(DossierEvents.ApologyIssued event) {
        write(event.tenant(), event.dossier(), Template.APOLOGY_ISSUED, event.at(), (channel, reader) -> Map.of(
                "reason", event.reason(), "appointment", appointment(event.tenant(), event.newDueAt(), reader)));
    }

    @EventListener
    void on(DossierEvents.FinancialObligationRequested event) {
        write(event.tenant(), event.dossier(), Template.FEES_REQUESTED, event.at(), (channel, reader) -> Map.of(
                "amount", java.text.NumberFormat.getIntegerInstance(reader).format(event.amount()) + " " + event.currency(),
                "note", event.reason()));
    }

    /** Refused (3) and stopped (8) are told; a withdrawal (7) was the applicant's own doing. */
    @EventListener
    void on(DossierEvents.DossierEnded event) {
        var template = switch (event.statusCode()) {
            case 3 -> Template.DOSSIER_REFUSED;
            case 8 -> Template.DOSSIER_STOPPED;
            default -> null;
        };
        if (template == null) return;
        write(event.tenant(), event.dossier(), template, event.at(), (channel, reader) -> Map.of("reason", event.reason()));
    }

    /** A petition about the dossier was answered: the applicant gets the answer (the SMS only says where to read it). */
    @EventListener
    void on(DossierEvents.PetitionAnswered event) {
        var petition = applicants.petition(event.tenant(), event.petition()).orElse(null);
        if (petition == null || petition.answer() == null) {
            log.warn("No answered petition {} in {} to write about", event.petition(), event.tenant());
            return;
        }
        var city = recipients.city(event.tenant());
        write(event.tenant(), event.dossier(), Template.PETITION_ANSWERED, event.at(), event.dossier() + "/" + event.petition(),
                (channel, reader) -> Map.of("kind", templates.petitionKind(petition.kind(), reader), "subject", petition.subject(),
                        "answer", petition.answer(), "unit", recipients.unit(city, event.answeringUnit(), reader),
                        "link", recipients.dossierLink(event.tenant(), event.code())));
    }

    private void write(String tenant, UUID dossier, Template template, Instant at,
                       BiFunction<Channel, Locale, Map<String, String>> particular) {
        write(tenant, dossier, template, at, dossier.toString(), particular);
    }

    /** Writes to the applicant; {@code cause} names what the message is about in its dedupe key (the dossier, a petition). */
    private void write(String tenant, UUID dossier, Template template, Instant at, String cause,
                       BiFunction<Channel, Locale, Map<String, String>> particular) {
        var contact = applicants.of(tenant, dossier).orElse(null);
        if (contact == null) {
            log.warn("No dossier {} in {} to write {} about", dossier, tenant, template.key());
            return;
        }
        var addresses = new LinkedHashMap<Channel, String>();
        if (contact.email() != null) addresses.put(Channel.EMAIL, contact.email());
        if (contact.phone() != null && (contact.email() == null || settings.smsWithEmail())) addresses.put(Channel.SMS, contact.phone());
        if (addresses.isEmpty()) {
            log.debug("Dossier {} of {} gives no e-mail or phone: nobody to tell of {}", contact.code(), tenant, template.key());
            return;
        }
        var city = recipients.city(tenant);
        var reader = recipients.locale(city, contact.applicantAccount());
        addresses.forEach((channel, address) -> {
            var values = new HashMap<String, String>();
            values.put("name", contact.applicantName());
            values.put("code", contact.code());
            values.put("procedure", contact.procedureName().in(reader));
            values.put("unit", recipients.unit(city, contact.receivingUnit(), reader));
            values.put("link", recipients.trackingLink(tenant, contact.code()));
            values.putAll(particular.apply(channel, reader));
            var text = templates.render(tenant, template, channel, reader, values);
            notifications.send(new Message(tenant, channel, address, contact.applicantAccount(), template.key(), reader,
                    text.subject(), text.body(), String.join(":", List.of(template.key(), cause, at.toString(),
                    channel.name())), false));
        });
    }

    private String appointment(String tenant, Instant due, Locale reader) {
        return templates.instant(due, recipients.city(tenant).timeZone(), reader);
    }
}
