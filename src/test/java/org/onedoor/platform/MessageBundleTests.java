package org.onedoor.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * Every user-visible text exists in Vietnamese, English and Lao: each module's three bundles have the same keys, no
 * text is empty, and Vietnamese and Lao texts are stored composed (NFC), as the PDF forms need them.
 */
class MessageBundleTests {

    @Test
    void everyBundleHasTheSameKeysInVietnameseEnglishAndLao() throws IOException {
        var resolver = new PathMatchingResourcePatternResolver();
        var bundles = resolver.getResources("classpath*:messages/*_vi.properties");
        assertThat(bundles).hasSizeGreaterThan(5);
        for (var vi : bundles) {
            var base = vi.getFilename().substring(0, vi.getFilename().length() - "_vi.properties".length());
            var vietnamese = load(resolver, base, "vi");
            for (var language : new String[] {"en", "lo"}) {
                var other = load(resolver, base, language);
                assertThat(other.stringPropertyNames()).as(base + "_" + language + " keys").isEqualTo(vietnamese.stringPropertyNames());
                for (var key : other.stringPropertyNames()) {
                    var text = other.getProperty(key);
                    assertThat(text).as(base + "_" + language + ": " + key).isNotBlank();
                    assertThat(Normalizer.isNormalized(text, Normalizer.Form.NFC)).as(base + "_" + language + ": " + key + " in NFC").isTrue();
                }
            }
            for (var key : vietnamese.stringPropertyNames()) {
                assertThat(Normalizer.isNormalized(vietnamese.getProperty(key), Normalizer.Form.NFC)).as(base + "_vi: " + key + " in NFC").isTrue();
            }
        }
    }

    private static Properties load(PathMatchingResourcePatternResolver resolver, String base, String language) throws IOException {
        var properties = new Properties();
        try (var in = new InputStreamReader(resolver.getResource("classpath:messages/" + base + "_" + language + ".properties").getInputStream(),
                StandardCharsets.UTF_8)) {
            properties.load(in);
        }
        return properties;
    }
}
