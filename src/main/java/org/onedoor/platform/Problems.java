package org.onedoor.platform;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.onedoor.shared.Violation;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.LocaleResolver;
import tools.jackson.databind.json.JsonMapper;

/**
 * Renders RFC 9457 problems the same way everywhere (controllers, security filters, rate limits): a stable
 * {@code code}, and a title and detail from the message bundles in the caller's language.
 */
@Component
public class Problems {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final MessageSource messages;
    private final LocaleResolver locales;

    Problems(MessageSource messages, LocaleResolver locales) {
        this.messages = messages;
        this.locales = locales;
    }

    public ProblemDetail detail(HttpStatus status, String code, Object[] arguments, HttpServletRequest request) {
        var locale = locale(request);
        var problem = ProblemDetail.forStatus(status);
        problem.setType(URI.create("https://onedoor.invalid/problems/" + code));
        problem.setTitle(title(code, locale));
        problem.setDetail(messages.getMessage("problem." + code + ".detail", arguments, "", locale));
        problem.setInstance(URI.create(request.getRequestURI()));
        problem.setProperty("code", code);
        return problem;
    }

    public String title(String code, Locale locale) {
        return messages.getMessage("problem." + code + ".title", null, code, locale);
    }

    public String text(String code, Object[] arguments, Locale locale) {
        return messages.getMessage("problem." + code + ".detail", arguments, "", locale);
    }

    /** A violation as a client reads it: its code, where it is, and its message in the reader's language. */
    public record LocalisedViolation(String code, @Nullable String pointer, String message) {
    }

    public List<LocalisedViolation> violations(List<Violation> violations, Locale locale) {
        return violations.stream().map(v -> new LocalisedViolation(v.code(), v.pointer(),
                messages.getMessage("violation." + v.code(), v.arguments().toArray(), v.code(), locale))).toList();
    }

    public Locale locale(HttpServletRequest request) {
        return locales.resolveLocale(request);
    }

    /** Writes the problem as the whole response, for code that runs outside Spring MVC (filters). */
    public void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String code,
                      Object... arguments) throws IOException {
        var problem = detail(status, code, arguments, request);
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Content-Language", locale(request).getLanguage());
        var body = new java.util.LinkedHashMap<String, Object>();
        body.put("type", problem.getType().toString());
        body.put("title", problem.getTitle());
        body.put("status", problem.getStatus());
        body.put("detail", problem.getDetail());
        body.put("instance", String.valueOf(problem.getInstance()));
        if (problem.getProperties() != null) body.putAll(problem.getProperties());
        response.getWriter().write(JSON.writeValueAsString(body));
    }

    /** The HTTP status of a kind of problem, for API answers and for pages that show a problem themselves. */
    public static HttpStatus status(org.onedoor.shared.Problem.Kind kind) {
        return switch (kind) {
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
            case INVALID -> HttpStatus.BAD_REQUEST;
            case CONFLICT -> HttpStatus.CONFLICT;
            case UNAUTHORISED -> HttpStatus.UNAUTHORIZED;
            case FORBIDDEN -> HttpStatus.FORBIDDEN;
            case TOO_MANY_REQUESTS -> HttpStatus.TOO_MANY_REQUESTS;
            case PRECONDITION_FAILED -> HttpStatus.PRECONDITION_FAILED;
            case UNPROCESSABLE -> HttpStatus.UNPROCESSABLE_CONTENT;
            case PRECONDITION_REQUIRED -> HttpStatus.PRECONDITION_REQUIRED;
        };
    }
}
