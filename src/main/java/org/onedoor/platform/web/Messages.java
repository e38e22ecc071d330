package org.onedoor.platform.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.TreeSet;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * Every user-visible text comes from {@code messages/<module>_{vi,en,lo}.properties}; a module adds its bundle by
 * adding the files. A text missing in a language falls back to Vietnamese, never to the server's locale.
 */
@Configuration(proxyBeanMethods = false)
class Messages {

    @Bean
    MessageSource messageSource() {
        var source = new ResourceBundleMessageSource();
        source.setBasenames(bundles());
        source.setDefaultEncoding(StandardCharsets.UTF_8.name());
        source.setFallbackToSystemLocale(false);
        source.setDefaultLocale(Languages.VIETNAMESE);
        return source;
    }

    static String[] bundles() {
        try {
            var names = new TreeSet<String>();
            for (var file : new PathMatchingResourcePatternResolver().getResources("classpath*:messages/*_vi.properties")) {
                var name = file.getFilename();
                if (name != null) names.add("messages/" + name.substring(0, name.length() - "_vi.properties".length()));
            }
            return names.toArray(String[]::new);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
