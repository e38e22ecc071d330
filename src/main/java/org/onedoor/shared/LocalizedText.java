package org.onedoor.shared;

import java.text.Normalizer;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import org.jspecify.annotations.Nullable;

/**
 * Master data that people read in their own language (unit, procedure and holiday names): one text per language tag,
 * Vietnamese first, kept in Unicode NFC so that search, sorting and PDF rendering see one spelling. In JSON it is the
 * plain object {@code {"vi": "…", "en": "…", "lo": "…"}}.
 */
public record LocalizedText(@JsonValue Map<String, String> values) {

    public static final String VIETNAMESE = "vi";

    public LocalizedText {
        if (values == null || values.isEmpty()) {
            throw new IllegalArgumentException("A localised text needs at least one language");
        }
        var normalised = new LinkedHashMap<String, String>();
        for (var entry : values.entrySet()) {
            var language = entry.getKey();
            var text = entry.getValue();
            if (language == null || language.isBlank() || text == null || text.isBlank()) {
                throw new IllegalArgumentException("Blank language or text in a localised text: " + values);
            }
            normalised.put(language.toLowerCase(Locale.ROOT), Normalizer.normalize(text.strip(), Normalizer.Form.NFC));
        }
        values = Collections.unmodifiableMap(normalised);
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static LocalizedText fromJson(Map<String, String> values) {
        return new LocalizedText(values);
    }

    public static LocalizedText of(String language, String text) {
        return new LocalizedText(Map.of(language, text));
    }

    /** Vietnamese, English and Lao at once; a blank English or Lao text is left out. */
    public static LocalizedText of(String vi, String en, String lo) {
        var map = new LinkedHashMap<String, String>();
        map.put(VIETNAMESE, vi);
        if (en != null && !en.isBlank()) map.put("en", en);
        if (lo != null && !lo.isBlank()) map.put("lo", lo);
        return new LocalizedText(map);
    }

    /**
     * The text in the reader's language; failing that English, the language shared by the cities' readers, then
     * Vietnamese, then any (a Lao reader of a Hanoi unit reads English, a Vietnamese reader of a Vientiane unit too).
     */
    public String in(Locale locale) {
        for (var language : new String[] {locale.getLanguage(), "en", VIETNAMESE}) {
            var text = values.get(language);
            if (text != null) return text;
        }
        return values.values().iterator().next();
    }

    /** The text in one language only, or null: for forms that edit each language separately. */
    public @Nullable String exactly(String language) {
        return values.get(language);
    }

    /** Every language's text folded for search, joined, so a query in any language finds it. */
    public String folded() {
        return SearchText.fold(String.join(" | ", values.values()));
    }
}
