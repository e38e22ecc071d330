package org.onedoor.identity.security;

import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.lang.reflect.AnnotatedElement;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Deny by default: a handler of OneDoor that declares no access rule ({@code @PreAuthorize}, {@code @PermitAll},
 * {@code @RolesAllowed} or {@code @DenyAll}, on the method or its class) is refused whoever calls it.
 */
@Configuration(proxyBeanMethods = false)
class DeclaredAccessOnly implements WebMvcConfigurer, HandlerInterceptor {

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(this);
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (handler instanceof HandlerMethod method && method.getBeanType().getName().startsWith("org.onedoor.")
                && !declaresAccess(method)) {
            throw new AccessDeniedException("No access rule declared for " + method.getShortLogMessage());
        }
        return true;
    }

    static boolean declaresAccess(HandlerMethod method) {
        return DeclaredAccessRules.declares(method);
    }

    static boolean declares(AnnotatedElement element) {
        return AnnotatedElementUtils.hasAnnotation(element, PreAuthorize.class)
                || AnnotatedElementUtils.hasAnnotation(element, PermitAll.class)
                || AnnotatedElementUtils.hasAnnotation(element, RolesAllowed.class)
                || AnnotatedElementUtils.hasAnnotation(element, DenyAll.class);
    }
}
