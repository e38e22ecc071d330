package org.onedoor.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

class LanguagesTests {

    @Test
    void speaksVietnameseByDefault() {
        assertThat(Languages.fromAcceptLanguage(null)).isEqualTo(Languages.VIETNAMESE);
        assertThat(Languages.fromAcceptLanguage("fr-FR,de;q=0.8")).isEqualTo(Languages.VIETNAMESE);
        assertThat(Languages.fromAcceptLanguage("%%%not a header")).isEqualTo(Languages.VIETNAMESE);
    }

    @Test
    void picksTheBestSupportedLanguageOfTheHeader() {
        assertThat(Languages.fromAcceptLanguage("en-US,en;q=0.9")).isEqualTo(Locale.ENGLISH);
        assertThat(Languages.fromAcceptLanguage("fr;q=0.9,lo;q=0.8")).isEqualTo(Locale.of("lo"));
    }

    @Test
    void appliesAChoiceToTheRequestThatMadeIt() {
        var request = new MockHttpServletRequest();
        var response = new org.springframework.mock.web.MockHttpServletResponse();
        var languages = new Languages();

        languages.setLocale(request, response, Locale.ENGLISH);

        assertThat(languages.resolveLocale(request)).isEqualTo(Locale.ENGLISH);
        assertThat(response.getCookie(Languages.COOKIE).getValue()).isEqualTo("en");
    }

    @Test
    void prefersTheCookieChoiceOverTheHeader() {
        var request = new MockHttpServletRequest();
        request.addHeader("Accept-Language", "en");
        request.setCookies(new jakarta.servlet.http.Cookie(Languages.COOKIE, "lo"));
        assertThat(new Languages().resolveLocale(request)).isEqualTo(Locale.of("lo"));
    }
}
