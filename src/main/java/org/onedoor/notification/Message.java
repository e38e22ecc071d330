package org.onedoor.notification;

import java.text.Normalizer;
import java.util.Locale;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * One message to one address, already in the recipient's language, as the outbox keeps it.
 *
 * @param recipient    the account it is for, when the recipient has one
 * @param template     the template it was written from ({@code dossier-received}, …)
 * @param subject      the e-mail's subject; none for an SMS
 * @param dedupeKey    what caused it (an event and its recipient): the same key twice in a tenant makes one message
 * @param confidential it carries a one-time secret, so its text is not kept once sent or cancelled
 */
public record Message(String tenant, Channel channel, String address, @Nullable UUID recipient, String template, Locale locale,
                      @Nullable String subject, String body, String dedupeKey, boolean confidential) {

    public Message {
        if (address == null || address.isBlank()) throw new IllegalArgumentException("A message needs an address");
        if (body == null || body.isBlank()) throw new IllegalArgumentException("A message needs a text");
        if (channel == Channel.EMAIL && (subject == null || subject.isBlank())) {
            throw new IllegalArgumentException("An e-mail needs a subject");
        }
        if (dedupeKey == null || dedupeKey.isBlank()) throw new IllegalArgumentException("A message needs what caused it");
        address = address.strip();
        // one line: a subject is a mail header
        subject = subject == null ? null : Normalizer.normalize(subject.strip().replaceAll("\\s+", " "), Normalizer.Form.NFC);
        body = Normalizer.normalize(body.strip(), Normalizer.Form.NFC);
    }

    @Override
    public String toString() {
        return "Message[" + tenant + ", " + channel + ", " + template + ", " + dedupeKey + "]";
    }
}
