package org.onedoor.notification.templates;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.onedoor.notification.Channel;

/**
 * The messages OneDoor writes, each with the channels it goes by and the placeholders its wording may use; the default
 * wording of each is in {@code messages/notification_{vi,en,lo}.properties} under {@code notification.template.<key>}.
 */
public enum Template {
    REGISTRATION_CODE("registration-code", Set.of(Channel.EMAIL, Channel.SMS), "name", "code", "minutes"),
    DOSSIER_RECEIVED("dossier-received", Set.of(Channel.EMAIL, Channel.SMS), "name", "code", "procedure", "appointment", "unit", "link"),
    SUPPLEMENT_REQUESTED("supplement-requested", Set.of(Channel.EMAIL, Channel.SMS), "name", "code", "procedure", "items", "reason", "unit", "link"),
    APOLOGY_ISSUED("apology-issued", Set.of(Channel.EMAIL, Channel.SMS), "name", "code", "procedure", "reason", "appointment", "unit", "link"),
    FEES_REQUESTED("fees-requested", Set.of(Channel.EMAIL, Channel.SMS), "name", "code", "procedure", "amount", "note", "unit", "link"),
    RESULT_READY("result-ready", Set.of(Channel.EMAIL, Channel.SMS), "name", "code", "procedure", "unit", "link"),
    DOSSIER_REFUSED("dossier-refused", Set.of(Channel.EMAIL, Channel.SMS), "name", "code", "procedure", "reason", "unit", "link"),
    DOSSIER_STOPPED("dossier-stopped", Set.of(Channel.EMAIL, Channel.SMS), "name", "code", "procedure", "reason", "unit", "link"),
    DOSSIER_ASSIGNED("dossier-assigned", Set.of(Channel.EMAIL), "name", "code", "procedure", "unit", "appointment", "action", "link"),
    PETITION_RECEIVED("petition-received", Set.of(Channel.EMAIL), "name", "code", "procedure", "unit", "kind", "subject", "due", "link"),
    PETITION_ANSWERED("petition-answered", Set.of(Channel.EMAIL, Channel.SMS), "name", "code", "procedure", "unit", "kind", "subject", "answer", "link");

    /** The languages messages are written in, Vietnamese first (the fallback). */
    public static final List<String> LANGUAGES = List.of("vi", "en", "lo");

    private final String key;
    private final Set<Channel> channels;
    private final List<String> placeholders;

    Template(String key, Set<Channel> channels, String... placeholders) {
        this.key = key;
        this.channels = channels;
        this.placeholders = List.of(placeholders);
    }

    public String key() {
        return key;
    }

    public Set<Channel> channels() {
        return channels;
    }

    public List<String> placeholders() {
        return placeholders;
    }

    public static Optional<Template> byKey(String key) {
        for (var template : values()) if (template.key.equals(key)) return Optional.of(template);
        return Optional.empty();
    }

    /** The language a reader of this locale gets: theirs if messages are written in it, else Vietnamese. */
    public static String language(Locale locale) {
        return LANGUAGES.contains(locale.getLanguage()) ? locale.getLanguage() : LANGUAGES.getFirst();
    }
}
