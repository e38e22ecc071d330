package org.onedoor.identity.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * A user whose password must change (set by an administrator, or an administrator's expired password, AUTH-3) reaches
 * nothing but the password page until it is changed.
 */
@Configuration(proxyBeanMethods = false)
class PasswordChangeGate implements WebMvcConfigurer, HandlerInterceptor {

    static final String PENDING = "onedoor.password.change-required";

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(this).excludePathPatterns("/account/password", "/login/**", "/logout", "/css/**", "/webjars/**",
                "/api/**", "/.well-known/**", "/error");
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) throws IOException {
        if (!pending(request)) return true;
        response.sendRedirect("/account/password");
        return false;
    }

    static boolean pending(HttpServletRequest request) {
        var session = request.getSession(false);
        return session != null && Boolean.TRUE.equals(session.getAttribute(PENDING));
    }

    static void require(HttpServletRequest request) {
        request.getSession(true).setAttribute(PENDING, true);
    }

    static void clear(HttpServletRequest request) {
        var session = request.getSession(false);
        if (session != null) session.removeAttribute(PENDING);
    }
}
