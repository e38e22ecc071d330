package org.onedoor.notification.senders;

import java.util.Map;
import java.util.UUID;
import org.onedoor.identity.ContactChannel;
import org.onedoor.identity.VerificationCodeDelivery;
import org.onedoor.notification.Channel;
import org.onedoor.notification.Message;
import org.onedoor.notification.Notifications;
import org.onedoor.notification.templates.Template;
import org.onedoor.notification.templates.Templates;
import org.springframework.stereotype.Component;

/**
 * Sends a registering citizen their one-time code, queued in the registration's transaction and tried as soon as it
 * commits; the text is not kept once sent. Nothing about the code goes into the dedupe key: it is sent once from within
 * the transaction that made it, so there is no redelivery to recognise.
 */
@Component
class RegistrationCodes implements VerificationCodeDelivery {

    private final Templates templates;
    private final Notifications notifications;

    RegistrationCodes(Templates templates, Notifications notifications) {
        this.templates = templates;
        this.notifications = notifications;
    }

    @Override
    public void deliver(Code code) {
        var channel = code.channel() == ContactChannel.SMS ? Channel.SMS : Channel.EMAIL;
        var text = templates.render(code.tenant(), Template.REGISTRATION_CODE, channel, code.locale(), Map.of(
                "name", code.fullName(), "code", code.code(), "minutes", String.valueOf(code.lifetime().toMinutes())));
        notifications.send(new Message(code.tenant(), channel, code.address(), code.account(), Template.REGISTRATION_CODE.key(),
                code.locale(), text.subject(), text.body(), Template.REGISTRATION_CODE.key() + ":" + code.account() + ":"
                + UUID.randomUUID(), true));
    }
}
