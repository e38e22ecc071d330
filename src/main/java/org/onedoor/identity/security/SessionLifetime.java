package org.onedoor.identity.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Ends a browser session twelve hours after sign-in however active it is (SESS-1: absolute lifetime); the idle
 * timeouts are the session's own. Runs after the session store and before Spring Security.
 */
@Configuration(proxyBeanMethods = false)
class SessionLifetime {

    static final Duration ABSOLUTE = Duration.ofHours(12);
    static final String SIGNED_IN_AT = "onedoor.signin.at";

    @Bean
    FilterRegistrationBean<OncePerRequestFilter> sessionLifetimeFilter(Clock clock) {
        var filter = new OncePerRequestFilter() {
            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                    throws ServletException, IOException {
                var session = request.getSession(false);
                if (session != null && session.getAttribute(SIGNED_IN_AT) instanceof Instant at
                        && at.plus(ABSOLUTE).isBefore(clock.instant())) {
                    session.invalidate();
                }
                chain.doFilter(request, response);
            }
        };
        var registration = new FilterRegistrationBean<OncePerRequestFilter>(filter);
        registration.setOrder(-150);
        registration.setName("sessionLifetime");
        return registration;
    }
}
