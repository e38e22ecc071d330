package org.onedoor.identity.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.onedoor.platform.Problems;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.stereotype.Component;

/** Answers security refusals: 401 and 403 problems for the API, the error page for a page. */
@Component
class ProblemWriter {

    private final Problems problems;

    ProblemWriter(Problems problems) {
        this.problems = problems;
    }

    void unauthenticated(HttpServletRequest request, HttpServletResponse response, AuthenticationException e) throws IOException {
        response.setHeader("WWW-Authenticate", "Bearer");
        problems.write(request, response, HttpStatus.UNAUTHORIZED, "authentication-required");
    }

    void invalidToken(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setHeader("WWW-Authenticate", "Bearer error=\"invalid_token\"");
        problems.write(request, response, HttpStatus.UNAUTHORIZED, "invalid-token");
    }

    void denied(HttpServletRequest request, HttpServletResponse response, AccessDeniedException e) throws IOException {
        problems.write(request, response, HttpStatus.FORBIDDEN, "access-denied", "");
    }

    void deniedPage(HttpServletRequest request, HttpServletResponse response, AccessDeniedException e) throws IOException {
        var locale = problems.locale(request);
        response.setStatus(HttpStatus.FORBIDDEN.value());
        response.setContentType("text/html;charset=UTF-8");
        var title = org.springframework.web.util.HtmlUtils.htmlEscape(problems.title("access-denied", locale));
        var detail = org.springframework.web.util.HtmlUtils.htmlEscape(problems.text("access-denied", new Object[] {""}, locale));
        response.getWriter().write("<!DOCTYPE html><html lang=\"" + locale.getLanguage() + "\"><head><meta charset=\"utf-8\"><title>"
                + title + "</title><link rel=\"stylesheet\" href=\"/css/onedoor.css\"></head><body><main id=\"main\">"
                + "<section class=\"problem\" data-code=\"access-denied\"><h1>" + title + "</h1><p>" + detail
                + "</p><p><a href=\"/\">OneDoor</a></p></section></main></body></html>");
    }
}
