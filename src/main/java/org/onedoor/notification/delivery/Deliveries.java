package org.onedoor.notification.delivery;

import jakarta.mail.internet.InternetAddress;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.onedoor.notification.Channel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

/**
 * Hands one message to its channel: e-mail through the configured SMTP server (or, with none configured, to the log, as
 * in the demo), SMS through the {@link SmsGateway}. A refusal comes back as {@link DeliveryFailed} with a reason safe to
 * store and show (addresses and long numbers masked, cut short), so that the outbox can retry it.
 */
@Component
public class Deliveries {

    private static final Logger log = LoggerFactory.getLogger(Deliveries.class);
    private static final int REASON_LENGTH = 300;
    private static final Pattern EMAIL = Pattern.compile("[^\\s<>\"'(),;:]+@[^\\s<>\"'(),;:]+");
    /** A phone number or the like: seven digits or more, single spaces, dots or hyphens between them allowed. */
    private static final Pattern LONG_NUMBER = Pattern.compile("\\+?\\d(?:[ .-]?\\d){6,}");
    private final @Nullable JavaMailSender mail;
    private final SmsGateway sms;
    private final String from;

    Deliveries(ObjectProvider<JavaMailSender> mail, SmsGateway sms, @Value("${onedoor.mail.from:OneDoor <no-reply@onedoor.invalid>}") String from) {
        this.mail = mail.getIfAvailable();
        this.sms = sms;
        this.from = from;
    }

    public void deliver(Channel channel, String address, @Nullable String subject, String body) throws DeliveryFailed {
        try {
            if (channel == Channel.SMS) {
                sms.send(address, body);
            } else if (mail == null) {
                log.info("E-mail (no SMTP server configured) to {}: {} | {}", masked(address), subject, body);
            } else {
                var mime = mail.createMimeMessage();
                var helper = new MimeMessageHelper(mime, false, StandardCharsets.UTF_8.name());
                helper.setFrom(new InternetAddress(from));
                helper.setTo(address);
                helper.setSubject(subject == null ? "" : subject);
                helper.setText(body, false);
                mail.send(mime);
            }
        } catch (Exception e) {
            throw new DeliveryFailed(reason(e), e);
        }
    }

    /** An address shown in logs and to operators: enough to tell messages apart, not enough to contact the person. */
    public static String masked(String address) {
        var at = address.indexOf('@');
        if (at > 0) return address.charAt(0) + "***" + address.substring(at);
        return address.length() <= 3 ? "***" : "***" + address.substring(address.length() - 3);
    }

    /** What went wrong, from the innermost cause that says something, without anyone's address or number. */
    static String reason(Throwable failure) {
        var said = failure;
        for (var cause = failure.getCause(); cause != null && cause != said; cause = cause.getCause()) {
            if (cause.getMessage() != null && !cause.getMessage().isBlank()) said = cause;
        }
        var text = said.getClass().getSimpleName() + (said.getMessage() == null ? "" : ": " + said.getMessage());
        text = EMAIL.matcher(text).replaceAll(m -> java.util.regex.Matcher.quoteReplacement(masked(m.group())));
        text = LONG_NUMBER.matcher(text).replaceAll(m -> java.util.regex.Matcher.quoteReplacement(masked(m.group().replaceAll("[ .-]", ""))));
        text = text.replaceAll("\\s+", " ").strip();
        return text.length() <= REASON_LENGTH ? text : text.substring(0, REASON_LENGTH - 1) + "…";
    }
}
