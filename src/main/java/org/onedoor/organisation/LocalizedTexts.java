package org.onedoor.organisation;

import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.onedoor.shared.LocalizedText;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Stores localised texts as jsonb objects {"vi": ..., "en": ..., "lo": ...}. */
final class LocalizedTexts {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<LinkedHashMap<String, String>> MAP = new TypeReference<>() {
    };

    private LocalizedTexts() {
    }

    static String toJson(LocalizedText text) {
        return JSON.writeValueAsString(text.values());
    }

    static @Nullable String toJsonOrNull(@Nullable LocalizedText text) {
        return text == null ? null : toJson(text);
    }

    static LocalizedText fromJson(String json) {
        Map<String, String> values = JSON.readValue(json, MAP);
        return new LocalizedText(values);
    }

    static @Nullable LocalizedText fromJsonOrNull(@Nullable String json) {
        return json == null ? null : fromJson(json);
    }
}
