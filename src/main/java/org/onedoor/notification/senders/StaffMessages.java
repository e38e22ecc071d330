package org.onedoor.notification.senders;

import java.util.Map;
import org.onedoor.dossier.ApplicantContacts;
import org.onedoor.dossier.DossierEvents;
import org.onedoor.identity.AccountContacts;
import org.onedoor.notification.Channel;
import org.onedoor.notification.Message;
import org.onedoor.notification.Notifications;
import org.onedoor.notification.templates.Template;
import org.onedoor.notification.templates.Templates;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Tells a member of staff that a dossier is now theirs (handed over, sent back, transferred or assigned by the head of
 * the unit), by e-mail when their account has one, in their language; nobody is told of a dossier they gave themselves.
 * The head of a unit is told, the same way, of a petition the unit must answer.
 */
@Component
class StaffMessages {

    private static final Logger log = LoggerFactory.getLogger(StaffMessages.class);

    private final AccountContacts accounts;
    private final ApplicantContacts dossiers;
    private final Recipients recipients;
    private final Templates templates;
    private final Notifications notifications;

    StaffMessages(AccountContacts accounts, ApplicantContacts dossiers, Recipients recipients, Templates templates,
                  Notifications notifications) {
        this.accounts = accounts;
        this.dossiers = dossiers;
        this.recipients = recipients;
        this.templates = templates;
        this.notifications = notifications;
    }

    @EventListener
    void on(DossierEvents.StepHandedOver event) {
        if (event.receiver().equals(event.giver())) return;
        var staff = accounts.of(event.tenant(), event.receiver()).orElse(null);
        if (staff == null || !staff.active() || staff.email() == null) {
            log.debug("No e-mail to tell account {} of {} about dossier {}", event.receiver(), event.tenant(), event.code());
            return;
        }
        var dossier = dossiers.of(event.tenant(), event.dossier()).orElse(null);
        if (dossier == null) return;
        var city = recipients.city(event.tenant());
        var reader = staff.locale() != null ? staff.locale() : city.defaultLocale();
        var values = new java.util.HashMap<String, String>(Map.of(
                "name", staff.displayName(),
                "code", event.code(),
                "procedure", dossier.procedureName().in(reader),
                "unit", recipients.unit(city, event.receiverUnit(), reader),
                "action", templates.action(event.action(), reader)));
        values.put("appointment", dossier.dueAt() == null ? "—" : templates.instant(dossier.dueAt(), city.timeZone(), reader));
        values.put("link", recipients.dossierLink(event.tenant(), event.code()));
        var text = templates.render(event.tenant(), Template.DOSSIER_ASSIGNED, Channel.EMAIL, reader, values);
        notifications.send(new Message(event.tenant(), Channel.EMAIL, staff.email(), staff.account(), Template.DOSSIER_ASSIGNED.key(),
                reader, text.subject(), text.body(), String.join(":", Template.DOSSIER_ASSIGNED.key(), event.dossier().toString(),
                event.at().toString(), event.receiver().toString()), false));
    }

    /**
     * A petition about a dossier now awaits an answer from a unit: its head, who answers for it, is told by e-mail with
     * the due time and a link to the unit's petitions. A unit without a head has nobody named to tell; its staff see the
     * petition on their petitions page.
     */
    @EventListener
    void on(DossierEvents.PetitionSent event) {
        if (event.accountable() == null) {
            log.info("Petition {} about dossier {} of {}: its unit has no head to tell", event.petition(), event.code(), event.tenant());
            return;
        }
        var head = accounts.of(event.tenant(), event.accountable()).orElse(null);
        if (head == null || !head.active() || head.email() == null) {
            log.debug("No e-mail to tell account {} of {} about petition {}", event.accountable(), event.tenant(), event.petition());
            return;
        }
        var dossier = dossiers.of(event.tenant(), event.dossier()).orElse(null);
        var petition = dossiers.petition(event.tenant(), event.petition()).orElse(null);
        if (dossier == null || petition == null) return;
        var city = recipients.city(event.tenant());
        var reader = head.locale() != null ? head.locale() : city.defaultLocale();
        var values = new java.util.HashMap<String, String>(Map.of(
                "name", head.displayName(),
                "code", event.code(),
                "procedure", dossier.procedureName().in(reader),
                "unit", recipients.unit(city, event.answeringUnit(), reader),
                "kind", templates.petitionKind(event.kind(), reader),
                "subject", petition.subject(),
                "due", templates.instant(event.dueAt(), city.timeZone(), reader),
                "link", recipients.petitionsLink(event.tenant())));
        var text = templates.render(event.tenant(), Template.PETITION_RECEIVED, Channel.EMAIL, reader, values);
        notifications.send(new Message(event.tenant(), Channel.EMAIL, head.email(), head.account(), Template.PETITION_RECEIVED.key(),
                reader, text.subject(), text.body(), String.join(":", Template.PETITION_RECEIVED.key(), event.petition().toString(),
                event.at().toString(), head.account().toString()), false));
    }
}
