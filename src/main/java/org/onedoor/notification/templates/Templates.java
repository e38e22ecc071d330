package org.onedoor.notification.templates;

import java.text.Normalizer;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.onedoor.audit.AuditRecord;
import org.onedoor.audit.AuditTrail;
import org.onedoor.notification.Channel;
import org.onedoor.notification.templates.TemplateProblems.UnknownTemplate;
import org.onedoor.notification.templates.TemplateProblems.WordingRefused;
import org.onedoor.shared.InvalidParameter;
import org.onedoor.shared.ShortLivedCache;
import org.onedoor.shared.Violation;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes a message in the reader's language: the city's own wording where it has one for that language, else the
 * default from the message bundles; {@code {placeholders}} are filled with the values given. Vietnamese SMS go without
 * diacritics, as the operators' brand-name SMS require.
 */
@Service
public class Templates {

    /** The wording of one message in one language; a null part is the default's. */
    public record Wording(@Nullable String subject, @Nullable String body, @Nullable String sms) {

        public Wording {
            subject = clean(subject);
            body = clean(body);
            sms = clean(sms);
        }

        boolean isEmpty() {
            return subject == null && body == null && sms == null;
        }

        List<String> parts() {
            var parts = new ArrayList<String>();
            if (subject != null) parts.add("subject");
            if (body != null) parts.add("body");
            if (sms != null) parts.add("sms");
            return parts;
        }

        private static @Nullable String clean(@Nullable String text) {
            return text == null || text.isBlank() ? null : Normalizer.normalize(text.strip(), Normalizer.Form.NFC);
        }
    }

    /** A message ready to go: the subject (e-mail only) and the text. */
    public record Rendered(@Nullable String subject, String body) {
    }

    /** How a message reads in one language, and which parts the city has reworded. */
    public record LanguageWording(String locale, @Nullable String subject, @Nullable String body, @Nullable String sms,
                          List<String> customised) {
    }

    /** A message, its channels and placeholders, and how it reads in each language. */
    public record MessageTemplate(String key, List<Channel> channels, List<String> placeholders, List<LanguageWording> languages) {
    }

    static final int SUBJECT_LENGTH = 200;
    static final int BODY_LENGTH = 5000;
    static final int SMS_LENGTH = 480;
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z]+)}");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JdbcClient jdbc;
    private final MessageSource messages;
    private final AuditTrail audit;
    private final Clock clock;

    Templates(JdbcClient jdbc, MessageSource messages, AuditTrail audit, Clock clock) {
        this.jdbc = jdbc;
        this.messages = messages;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * The city's wordings as {@link #render} reads them, every message of every dossier action: kept a minute, forgotten
     * at once on this node when one is changed here.
     */
    private final ShortLivedCache<String, Optional<Wording>> wordings = new ShortLivedCache<>(java.time.Duration.ofMinutes(1), 10_000);

    /** Forgets the kept wordings now and again once the changing transaction is over. */
    private void forgetWordings() {
        wordings.forget();
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    wordings.forget();
                }
            });
        }
    }

    /** The message for this channel in the reader's language (Vietnamese when theirs is not written), filled in. */
    @Transactional(readOnly = true)
    public Rendered render(String tenant, Template template, Channel channel, Locale reader, Map<String, String> values) {
        if (!template.channels().contains(channel)) throw new IllegalArgumentException(template.key() + " does not go by " + channel);
        var language = Template.language(reader);
        var custom = wordings.get(tenant + "|" + template.key() + "|" + language, k -> custom(tenant, template, language))
                .orElse(new Wording(null, null, null));
        var locale = Locale.of(language);
        if (channel == Channel.SMS) {
            var text = fill(template, custom.sms() != null ? custom.sms() : standard(template, "sms", locale), values);
            return new Rendered(null, language.equals("vi") ? withoutDiacritics(text) : text);
        }
        return new Rendered(
                fill(template, custom.subject() != null ? custom.subject() : standard(template, "subject", locale), values),
                fill(template, custom.body() != null ? custom.body() : standard(template, "body", locale), values));
    }

    /** Every message with its wording in each language, as this city has it. */
    @Transactional(readOnly = true)
    public List<MessageTemplate> list(String tenant) {
        var views = new ArrayList<MessageTemplate>();
        for (var template : Template.values()) {
            var versions = new ArrayList<LanguageWording>();
            for (var language : Template.LANGUAGES) {
                var custom = custom(tenant, template, language).orElse(new Wording(null, null, null));
                versions.add(version(template, language, custom));
            }
            views.add(new MessageTemplate(template.key(), template.channels().stream().sorted().toList(), template.placeholders(), versions));
        }
        return views;
    }

    /** The city's wording of one message in one language, replacing what it had; audited. */
    @Transactional
    public LanguageWording reword(String tenant, String key, String locale, Wording wording, String actor, String client) {
        var template = Template.byKey(key).orElseThrow(() -> new UnknownTemplate(key));
        var language = language(locale);
        var violations = new ArrayList<Violation>();
        if (wording.isEmpty()) violations.add(Violation.of("notification-template-empty", null));
        check(template, "/subject", wording.subject(), SUBJECT_LENGTH, violations);
        check(template, "/body", wording.body(), BODY_LENGTH, violations);
        check(template, "/sms", wording.sms(), SMS_LENGTH, violations);
        if ((wording.subject() != null || wording.body() != null) && !template.channels().contains(Channel.EMAIL)) {
            violations.add(Violation.of("notification-template-channel", wording.body() != null ? "/body" : "/subject", "EMAIL"));
        }
        if (wording.sms() != null && !template.channels().contains(Channel.SMS)) {
            violations.add(Violation.of("notification-template-channel", "/sms", "SMS"));
        }
        if (!violations.isEmpty()) throw new WordingRefused(violations);
        var before = custom(tenant, template, language);
        forgetWordings();
        jdbc.sql("""
                insert into notification.template (tenant_id, template_key, locale, subject, body, sms, updated_at, updated_by)
                values (:t, :k, :l, :subject, :body, :sms, :now, :by)
                on conflict (tenant_id, template_key, locale) do update
                   set subject = excluded.subject, body = excluded.body, sms = excluded.sms,
                       updated_at = excluded.updated_at, updated_by = excluded.updated_by""")
                .param("t", tenant).param("k", key).param("l", language).param("subject", wording.subject())
                .param("body", wording.body()).param("sms", wording.sms())
                .param("now", clock.instant().atOffset(ZoneOffset.UTC)).param("by", actor).update();
        audit.record(AuditRecord.of(tenant, actor, "notification.template.reword", "notification-template", key + "/" + language)
                .from(client).changing(before.map(Templates::json).orElse(null), json(wording)).succeeded());
        return version(template, language, wording);
    }

    /** Back to the default wording of one message in one language; audited when there was a wording of the city's. */
    @Transactional
    public void restore(String tenant, String key, String locale, String actor, String client) {
        var template = Template.byKey(key).orElseThrow(() -> new UnknownTemplate(key));
        var language = language(locale);
        var before = custom(tenant, template, language);
        if (before.isEmpty()) return;
        forgetWordings();
        jdbc.sql("delete from notification.template where tenant_id = :t and template_key = :k and locale = :l")
                .param("t", tenant).param("k", key).param("l", language).update();
        audit.record(AuditRecord.of(tenant, actor, "notification.template.restore", "notification-template", key + "/" + language)
                .from(client).changing(json(before.get()), null).succeeded());
    }

    /** An instant as messages show it: in the city's time zone, in the reader's language's pattern. */
    public String instant(Instant instant, ZoneId zone, Locale reader) {
        var locale = Locale.of(Template.language(reader));
        var pattern = messages.getMessage("notification.format.instant", null, locale);
        return DateTimeFormatter.ofPattern(pattern, locale).format(instant.atZone(zone));
    }

    /** A list of papers: one a line in an e-mail, separated by semicolons in an SMS. */
    public static String items(List<String> items, Channel channel) {
        return channel == Channel.SMS ? String.join("; ", items) : String.join("\n", items.stream().map(i -> "- " + i).toList());
    }

    /** A dossier action's name in the reader's language, e.g. FORWARD → "chuyển xử lý". */
    public String action(String action, Locale reader) {
        return messages.getMessage("notification.action." + action, null, action, Locale.of(Template.language(reader)));
    }

    /** A petition's kind in the reader's language, e.g. FEEDBACK → "phản ánh". */
    public String petitionKind(String kind, Locale reader) {
        return messages.getMessage("notification.petition-kind." + kind, null, kind, Locale.of(Template.language(reader)));
    }

    private LanguageWording version(Template template, String language, Wording custom) {
        var locale = Locale.of(language);
        var email = template.channels().contains(Channel.EMAIL);
        var sms = template.channels().contains(Channel.SMS);
        return new LanguageWording(language,
                !email ? null : custom.subject() != null ? custom.subject() : standard(template, "subject", locale),
                !email ? null : custom.body() != null ? custom.body() : standard(template, "body", locale),
                !sms ? null : custom.sms() != null ? custom.sms() : standard(template, "sms", locale),
                custom.parts());
    }

    private Optional<Wording> custom(String tenant, Template template, String language) {
        return jdbc.sql("select subject, body, sms from notification.template where tenant_id = :t and template_key = :k and locale = :l")
                .param("t", tenant).param("k", template.key()).param("l", language)
                .query((rs, n) -> new Wording(rs.getString("subject"), rs.getString("body"), rs.getString("sms"))).optional();
    }

    private String standard(Template template, String part, Locale locale) {
        // no arguments: the bundle's text comes back as written, its {placeholders} untouched
        return messages.getMessage("notification.template." + template.key() + "." + part, null, locale);
    }

    private static String fill(Template template, String text, Map<String, String> values) {
        var matcher = PLACEHOLDER.matcher(text);
        var filled = matcher.replaceAll(m -> {
            var value = template.placeholders().contains(m.group(1)) ? values.get(m.group(1)) : null;
            return Matcher.quoteReplacement(value != null ? value : m.group());
        });
        return Normalizer.normalize(filled, Normalizer.Form.NFC);
    }

    private static void check(Template template, String pointer, @Nullable String text, int length, List<Violation> violations) {
        if (text == null) return;
        if (text.length() > length) violations.add(Violation.of("notification-template-too-long", pointer, length));
        var matcher = PLACEHOLDER.matcher(text);
        while (matcher.find()) {
            if (!template.placeholders().contains(matcher.group(1))) {
                violations.add(Violation.of("notification-template-placeholder", pointer, matcher.group(),
                        String.join(", ", template.placeholders().stream().map(p -> "{" + p + "}").toList())));
            }
        }
    }

    private static String language(String locale) {
        var language = locale.strip().toLowerCase(Locale.ROOT);
        if (!Template.LANGUAGES.contains(language)) throw new InvalidParameter("locale", locale);
        return language;
    }

    /** Vietnamese letters without their marks (đ → d), as an SMS in the GSM alphabet carries them. */
    static String withoutDiacritics(String text) {
        var decomposed = Normalizer.normalize(text, Normalizer.Form.NFD).replaceAll("\\p{M}+", "");
        return decomposed.replace('đ', 'd').replace('Đ', 'D');
    }

    private static String json(Wording wording) {
        var map = new LinkedHashMap<String, @Nullable String>();
        map.put("subject", wording.subject());
        map.put("body", wording.body());
        map.put("sms", wording.sms());
        return JSON.writeValueAsString(map);
    }
}
