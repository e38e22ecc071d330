package org.onedoor.platform.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/** What every page's layout needs: the current language and links to the same page in each language. */
@ControllerAdvice
class LayoutModel {

    @ModelAttribute("currentLanguage")
    String currentLanguage(Locale locale) {
        return locale.getLanguage();
    }

    @ModelAttribute("languageLinks")
    Map<String, String> languageLinks(HttpServletRequest request) {
        // the API renders no layout: building these links was 3 % of the CPU of an API call (bench/dossier)
        if (request.getRequestURI().startsWith("/api/")) return Map.of();
        var links = new LinkedHashMap<String, String>();
        for (var language : Languages.SUPPORTED) {
            String link;
            try {
                // The query string arrives percent-encoded; keep it as it is and only swap the language.
                var uri = ServletUriComponentsBuilder.fromRequest(request)
                        .replaceQueryParam("lang", language.getLanguage()).build(true).toUri();
                link = uri.getRawPath() + "?" + uri.getRawQuery();
            } catch (IllegalArgumentException malformedQuery) {
                link = request.getRequestURI() + "?lang=" + language.getLanguage();
            }
            links.put(language.getLanguage(), link);
        }
        return links;
    }
}
