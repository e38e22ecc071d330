package org.onedoor.dossier.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Locale;
import java.util.regex.Pattern;
import org.onedoor.platform.Problems;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * An attachment is uploaded as the raw file. A form or multipart body (what {@code curl -d} or an HTML form sends)
 * would be parsed by the servlet container before any handler runs — and fail on binary content — so it is answered
 * here, with 415 and a problem saying how to send the file, before anything reads it.
 */
@Component
class AttachmentBodies extends OncePerRequestFilter {

    private static final Pattern UPLOAD = Pattern.compile("/api/v1/tenants/[^/]+/dossiers/[^/]+/attachments(/result)?/?");

    private final Problems problems;

    AttachmentBodies(Problems problems) {
        this.problems = problems;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        if (!"POST".equals(request.getMethod()) || !UPLOAD.matcher(request.getRequestURI()).matches()) return true;
        var type = request.getContentType() == null ? "" : request.getContentType().toLowerCase(Locale.ROOT);
        return !type.startsWith(MediaType.APPLICATION_FORM_URLENCODED_VALUE) && !type.startsWith("multipart/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        problems.write(request, response, HttpStatus.UNSUPPORTED_MEDIA_TYPE, "attachment-form-body");
    }
}
