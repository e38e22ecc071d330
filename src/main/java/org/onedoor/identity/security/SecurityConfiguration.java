package org.onedoor.identity.security;

import jakarta.servlet.http.HttpServletRequest;
import java.nio.file.Path;
import org.onedoor.identity.Accounts;
import org.onedoor.platform.PersonalDataProtection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.session.web.http.CookieSerializer;
import org.springframework.session.web.http.DefaultCookieSerializer;

/**
 * Two filter chains: the API under {@code /api/} is stateless and authenticated by bearer tokens; pages use a session
 * stored in PostgreSQL with CSRF protection. Both send the security headers; what a request may do is decided per
 * endpoint by declared rules, and an endpoint without one is refused ({@link DeclaredAccessOnly}).
 */
@Configuration(proxyBeanMethods = false)
@EnableMethodSecurity(jsr250Enabled = true)
class SecurityConfiguration {

    private static final Logger log = LoggerFactory.getLogger(SecurityConfiguration.class);
    static final String CSP = "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
            + "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    /**
     * No user store of Spring's own: without this bean Spring Boot would create an in-memory user with a generated
     * password, a default account of a kind AUTH-7 forbids. Sign-in goes through {@code Accounts} only.
     */
    @Bean
    UserDetailsService noUserDetailsService() {
        return username -> {
            throw new UsernameNotFoundException("OneDoor signs in through its own accounts");
        };
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8();
    }

    @Bean
    PersonalDataProtection personalDataProtection(@Value("${onedoor.security.data-keys:}") String keys,
                                                  @Value("${onedoor.security.data-key-current:}") String current,
                                                  @Value("${onedoor.security.index-key:}") String indexKey,
                                                  @Value("${onedoor.data-dir}") Path dataDir) {
        if (!keys.isBlank()) return PersonalDataProtection.fromBase64(keys, current, indexKey);
        log.warn("No ONEDOOR_DATA_KEYS given: personal data is sealed with a development key kept in {}", dataDir.resolve("keys"));
        return PersonalDataProtection.forDevelopment(dataDir.resolve("keys").resolve("personal-data.key"));
    }

    @Bean
    SecurityContextRepository securityContextRepository() {
        return new HttpSessionSecurityContextRepository();
    }

    /** The session cookie: host-only, HTTPS-only, invisible to scripts, not sent on cross-site requests (SESS-3). */
    @Bean
    CookieSerializer cookieSerializer() {
        var cookie = new DefaultCookieSerializer();
        cookie.setCookieName("__Host-onedoor");
        cookie.setUseSecureCookie(true);
        cookie.setUseHttpOnlyCookie(true);
        cookie.setSameSite("Lax");
        cookie.setCookiePath("/");
        return cookie;
    }

    @Bean
    @Order(1)
    SecurityFilterChain api(HttpSecurity http, Accounts accounts, ProblemWriter problems) throws Exception {
        http.securityMatcher("/api/**")
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(c -> c.disable())
                .securityContext(c -> c.securityContextRepository(new org.springframework.security.web.context.RequestAttributeSecurityContextRepository()))
                .addFilterBefore(new BearerTokens(accounts, problems), BasicAuthenticationFilter.class)
                .authorizeHttpRequests(a -> a.anyRequest().permitAll())
                .exceptionHandling(e -> e.authenticationEntryPoint(problems::unauthenticated).accessDeniedHandler(problems::denied))
                .headers(SecurityConfiguration::headers)
                .requestCache(c -> c.disable())
                .anonymous(a -> {
                });
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain pages(HttpSecurity http, SecurityContextRepository contexts, ProblemWriter problems,
                              @Value("${onedoor.security.public-api-docs:true}") boolean publicApiDocs) throws Exception {
        var pageEntry = new LoginUrlAuthenticationEntryPoint("/login");
        http.securityContext(c -> c.securityContextRepository(contexts))
                .authorizeHttpRequests(a -> {
                    a.requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/info").permitAll();
                    a.requestMatchers("/actuator/**").denyAll();
                    if (publicApiDocs) a.requestMatchers("/v3/api-docs/**", "/api-docs", "/swagger-ui/**").permitAll();
                    else a.requestMatchers("/v3/api-docs/**", "/api-docs", "/swagger-ui/**").authenticated();
                    a.anyRequest().permitAll();
                })
                .formLogin(f -> f.disable())
                .httpBasic(b -> b.disable())
                .logout(l -> l.logoutUrl("/logout").logoutSuccessUrl("/login?out").invalidateHttpSession(true)
                        .deleteCookies("__Host-onedoor"))
                .exceptionHandling(e -> e.defaultAuthenticationEntryPointFor(pageEntry, request -> true)
                        .accessDeniedHandler(problems::deniedPage))
                .sessionManagement(s -> s.sessionFixation(f -> f.changeSessionId()))
                .headers(SecurityConfiguration::headers);
        return http.build();
    }

    private static void headers(org.springframework.security.config.annotation.web.configurers.HeadersConfigurer<HttpSecurity> h) {
        h.contentSecurityPolicy(c -> c.policyDirectives(CSP))
                .frameOptions(f -> f.deny())
                .referrerPolicy(r -> r.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN))
                .httpStrictTransportSecurity(s -> s.includeSubDomains(true).maxAgeInSeconds(31_536_000)
                        .requestMatcher(HttpServletRequest::isSecure));
    }
}
