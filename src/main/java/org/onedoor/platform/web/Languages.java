package org.onedoor.platform.web;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.springframework.web.servlet.LocaleResolver;

/**
 * The languages OneDoor speaks, Vietnamese first. A reader's choice ({@code ?lang=}) is kept in a cookie; without
 * one, the browser's or API client's {@code Accept-Language} decides among the supported languages.
 */
public final class Languages implements LocaleResolver {

    public static final Locale VIETNAMESE = Locale.of("vi");
    public static final List<Locale> SUPPORTED = List.of(VIETNAMESE, Locale.ENGLISH, Locale.of("lo"));
    static final String COOKIE = "onedoor-lang";
    private static final String CHOSEN = Languages.class.getName() + ".chosen";

    @Override
    public Locale resolveLocale(HttpServletRequest request) {
        if (request.getAttribute(CHOSEN) instanceof Locale chosen) return chosen;
        var cookies = request.getCookies();
        if (cookies != null) {
            for (var cookie : cookies) {
                if (COOKIE.equals(cookie.getName())) {
                    var chosen = supported(cookie.getValue());
                    if (chosen != null) return chosen;
                }
            }
        }
        return fromAcceptLanguage(request.getHeader("Accept-Language"));
    }

    @Override
    public void setLocale(HttpServletRequest request, @Nullable HttpServletResponse response, @Nullable Locale locale) {
        var chosen = locale == null ? null : supported(locale.getLanguage());
        if (chosen != null) request.setAttribute(CHOSEN, chosen);
        if (response == null) return;
        var cookie = new Cookie(COOKIE, chosen == null ? "" : chosen.getLanguage());
        cookie.setPath("/");
        cookie.setHttpOnly(true);
        cookie.setAttribute("SameSite", "Lax");
        cookie.setMaxAge(chosen == null ? 0 : (int) Duration.ofDays(365).toSeconds());
        response.addCookie(cookie);
    }

    static Locale fromAcceptLanguage(@Nullable String header) {
        if (header == null || header.isBlank()) return VIETNAMESE;
        try {
            var best = Locale.lookup(Locale.LanguageRange.parse(header), SUPPORTED);
            return best != null ? best : VIETNAMESE;
        } catch (IllegalArgumentException malformed) {
            return VIETNAMESE;
        }
    }

    static @Nullable Locale supported(@Nullable String language) {
        if (language == null) return null;
        return SUPPORTED.stream().filter(l -> l.getLanguage().equalsIgnoreCase(language.strip())).findFirst().orElse(null);
    }
}
