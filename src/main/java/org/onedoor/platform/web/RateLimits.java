package org.onedoor.platform.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import org.onedoor.platform.Problems;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Rate limits on the doors people knock on without an account: sign-in, token, registration and public look-ups.
 * A token bucket per client address and rule; an empty bucket answers 429 with Retry-After. Each node counts for
 * itself, so behind N nodes a client gets at most N times the rate.
 */
@Configuration(proxyBeanMethods = false)
class RateLimits {

    /** A limited door: a method and path pattern (a regular expression), and how many requests a client may make per period. */
    record Rule(String name, String method, java.util.regex.Pattern path, int capacity, Duration period) {
        Rule(String name, String method, String path, int capacity, Duration period) {
            this(name, method, java.util.regex.Pattern.compile(path), capacity, period);
        }

        /** The path pattern is compiled once: this runs on every request. */
        boolean matches(HttpServletRequest request) {
            return method.equals(request.getMethod()) && path.matcher(request.getRequestURI()).matches();
        }
    }

    static final class Bucket {
        private double tokens;
        private long updatedNanos;

        Bucket(int capacity, long now) {
            this.tokens = capacity;
            this.updatedNanos = now;
        }

        /** Takes one token; answers 0 when taken, else the seconds until one is back. */
        synchronized long take(Rule rule, long now) {
            var perNano = rule.capacity() / (double) rule.period().toNanos();
            tokens = Math.min(rule.capacity(), tokens + (now - updatedNanos) * perNano);
            updatedNanos = now;
            if (tokens >= 1) {
                tokens -= 1;
                return 0;
            }
            return Math.max(1, (long) Math.ceil((1 - tokens) / perNano / 1_000_000_000d));
        }
    }

    @Bean
    FilterRegistrationBean<OncePerRequestFilter> rateLimitFilter(Problems problems, Clock clock,
            @Value("${onedoor.rate-limit.sign-in-per-minute:10}") int signIn,
            @Value("${onedoor.rate-limit.public-per-minute:60}") int publicLookups) {
        var rules = List.of(
                new Rule("sign-in", "POST", "/login(/.*)?", signIn, Duration.ofMinutes(1)),
                new Rule("token", "POST", "/api/v1/auth/token", signIn, Duration.ofMinutes(1)),
                new Rule("registration", "POST", "/register(/.*)?", signIn, Duration.ofMinutes(1)),
                new Rule("registration-api", "POST", "/api/v1/tenants/[^/]+/registrations(/.*)?", signIn, Duration.ofMinutes(1)),
                new Rule("public-look-up", "GET", "/api/v1/tenants/[^/]+/dossiers/[^/]+/status", publicLookups, Duration.ofMinutes(1)),
                new Rule("tracking-page", "GET", "/tenants/[^/]+/track", publicLookups, Duration.ofMinutes(1)),
                new Rule("document-verification", "GET", "/(api/v1/documents|verify)/[^/]+", publicLookups, Duration.ofMinutes(1)),
                new Rule("lunar-calendar", "GET", "/api/v1/lunar-calendar/.*", publicLookups, Duration.ofMinutes(1)),
                new Rule("calendar", "GET", "/api/v1/tenants/[^/]+/calendar/.*", publicLookups, Duration.ofMinutes(1)));
        var buckets = new ConcurrentHashMap<String, Bucket>();
        var filter = new OncePerRequestFilter() {
            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                    throws ServletException, IOException {
                for (var rule : rules) {
                    if (!rule.matches(request)) continue;
                    var now = clock.millis() * 1_000_000L;
                    if (buckets.size() > 100_000) buckets.clear();
                    var wait = buckets.computeIfAbsent(rule.name() + "|" + request.getRemoteAddr(), k -> new Bucket(rule.capacity(), now))
                            .take(rule, now);
                    if (wait > 0) {
                        response.setHeader("Retry-After", String.valueOf(wait));
                        problems.write(request, response, HttpStatus.TOO_MANY_REQUESTS, "too-many-requests", wait);
                        return;
                    }
                }
                chain.doFilter(request, response);
            }
        };
        var registration = new FilterRegistrationBean<OncePerRequestFilter>(filter);
        registration.setOrder(-200);
        registration.setName("rateLimits");
        return registration;
    }
}
