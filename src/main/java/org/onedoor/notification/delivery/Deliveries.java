package org.onedoor.notification.delivery;

import jakarta.mail.internet.InternetAddress;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;
import org.onedoor.notification.Channel;
import org.onedoor.notification.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

/**
 * Hands a message to its channel: e-mail through the configured SMTP server (or, with none configured, to the log, as
 * in the demo), SMS through the {@link SmsGateway}. A failed delivery is logged; the outbox that retries it comes
 * with the notification issue.
 */
@Component
public class Deliveries {

    private static final Logger log = LoggerFactory.getLogger(Deliveries.class);
    private final @Nullable JavaMailSender mail;
    private final SmsGateway sms;
    private final String from;

    Deliveries(ObjectProvider<JavaMailSender> mail, SmsGateway sms, @Value("${onedoor.mail.from:OneDoor <no-reply@onedoor.invalid>}") String from) {
        this.mail = mail.getIfAvailable();
        this.sms = sms;
        this.from = from;
    }

    public void deliver(Message message) {
        try {
            if (message.channel() == Channel.SMS) {
                sms.send(message.address(), message.body());
            } else if (mail == null) {
                log.info("E-mail (no SMTP server configured) to {}: {} | {}", masked(message.address()), message.subject(), message.body());
            } else {
                var mime = mail.createMimeMessage();
                var helper = new MimeMessageHelper(mime, false, StandardCharsets.UTF_8.name());
                helper.setFrom(new InternetAddress(from));
                helper.setTo(message.address());
                helper.setSubject(message.subject());
                helper.setText(message.body(), false);
                mail.send(mime);
            }
        } catch (Exception e) {
            log.warn("Could not deliver a {} message to {}: {}", message.channel(), masked(message.address()), e.getMessage());
        }
    }

    /** An address shown in logs: enough to tell messages apart, not enough to contact the person. */
    static String masked(String address) {
        var at = address.indexOf('@');
        if (at > 0) return address.charAt(0) + "***" + address.substring(at);
        return address.length() <= 3 ? "***" : "***" + address.substring(address.length() - 3);
    }
}
