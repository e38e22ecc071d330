package org.onedoor.platform.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Locale;
import org.onedoor.shared.Problem;
import org.onedoor.shared.Violation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.onedoor.platform.Problems;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import org.springframework.web.HttpRequestMethodNotSupportedException;

/**
 * Turns every refusal into an RFC 9457 problem: under {@code /api/} as {@code application/problem+json} with a stable
 * {@code code}, elsewhere as an error page; title and detail in the reader's language, never a stack trace, SQL or an
 * exception's own message.
 */
@RestControllerAdvice
class ProblemResponses {

    private static final Logger log = LoggerFactory.getLogger(ProblemResponses.class);
    private final Problems problems;

    ProblemResponses(Problems problems) {
        this.problems = problems;
    }

    /** Security refusals are left to Spring Security, which answers 401 or 403 through {@link Problems}. */
    @ExceptionHandler({org.springframework.security.access.AccessDeniedException.class,
            org.springframework.security.core.AuthenticationException.class})
    void leaveToSecurity(RuntimeException e) {
        throw e;
    }

    @ExceptionHandler
    Object refused(Problem problem, HttpServletRequest request, Locale locale) {
        return respond(Problems.status(problem.kind()), problem.code(), problem.arguments(), problem.violations(), request, locale);
    }

    @ExceptionHandler
    Object mismatch(MethodArgumentTypeMismatchException e, HttpServletRequest request, Locale locale) {
        return respond(HttpStatus.BAD_REQUEST, "invalid-parameter", new Object[] {e.getName(), String.valueOf(e.getValue())}, request, locale);
    }

    @ExceptionHandler
    Object missing(MissingServletRequestParameterException e, HttpServletRequest request, Locale locale) {
        return respond(HttpStatus.BAD_REQUEST, "missing-parameter", new Object[] {e.getParameterName()}, request, locale);
    }

    @ExceptionHandler
    Object invalid(HandlerMethodValidationException e, HttpServletRequest request, Locale locale) {
        var parameter = e.getParameterValidationResults().stream().findFirst()
                .map(r -> r.getMethodParameter().getParameterName()).orElse("?");
        return respond(HttpStatus.BAD_REQUEST, "invalid-parameter", new Object[] {parameter, ""}, request, locale);
    }

    @ExceptionHandler
    Object unreadable(org.springframework.http.converter.HttpMessageNotReadableException e, HttpServletRequest request, Locale locale) {
        return respond(HttpStatus.BAD_REQUEST, "unreadable-body", new Object[0], request, locale);
    }

    /** A multipart body over spring.servlet.multipart's limits (a form with files): refused before it is read whole. */
    @ExceptionHandler
    Object tooLarge(org.springframework.web.multipart.MaxUploadSizeExceededException e, HttpServletRequest request, Locale locale) {
        return respond(HttpStatus.CONTENT_TOO_LARGE, "upload-too-large", new Object[0], request, locale);
    }

    @ExceptionHandler
    Object noSuchPath(NoResourceFoundException e, HttpServletRequest request, Locale locale) {
        return respond(HttpStatus.NOT_FOUND, "not-found", new Object[0], request, locale);
    }

    @ExceptionHandler
    Object wrongMethod(HttpRequestMethodNotSupportedException e, HttpServletRequest request, Locale locale) {
        return respond(HttpStatus.METHOD_NOT_ALLOWED, "method-not-allowed", new Object[] {e.getMethod()}, request, locale);
    }

    @ExceptionHandler
    Object unexpected(Exception e, HttpServletRequest request, Locale locale) {
        log.error("Unexpected failure on {} {}", request.getMethod(), request.getRequestURI(), e);
        return respond(HttpStatus.INTERNAL_SERVER_ERROR, "internal-error", new Object[0], request, locale);
    }

    private Object respond(HttpStatus status, String code, Object[] arguments, HttpServletRequest request, Locale locale) {
        return respond(status, code, arguments, List.of(), request, locale);
    }

    private Object respond(HttpStatus status, String code, Object[] arguments, List<Violation> violations,
                           HttpServletRequest request, Locale locale) {
        if (!request.getRequestURI().startsWith("/api/")) {
            var page = new ModelAndView("error/problem", status);
            page.addObject("problemTitle", problems.title(code, locale));
            page.addObject("problemDetail", problems.text(code, arguments, locale));
            page.addObject("problemCode", code);
            page.addObject("violations", problems.violations(violations, locale));
            return page;
        }
        var body = problems.detail(status, code, arguments, request);
        if (!violations.isEmpty()) body.setProperty("violations", problems.violations(violations, locale));
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .header("Content-Language", locale.getLanguage()).body(body);
    }

}
