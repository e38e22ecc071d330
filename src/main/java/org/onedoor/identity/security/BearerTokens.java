package org.onedoor.identity.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.onedoor.identity.Accounts;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/** Authenticates an API request by its {@code Authorization: Bearer} token; a bad token is refused, never ignored. */
class BearerTokens extends OncePerRequestFilter {

    private final Accounts accounts;
    private final ProblemWriter problems;

    BearerTokens(Accounts accounts, ProblemWriter problems) {
        this.accounts = accounts;
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        var header = request.getHeader("Authorization");
        if (header == null || header.isBlank()) {
            chain.doFilter(request, response);
            return;
        }
        if (!header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            problems.invalidToken(request, response);
            return;
        }
        var user = accounts.authenticateToken(header.substring(7).strip());
        if (user.isEmpty()) {
            problems.invalidToken(request, response);
            return;
        }
        var authorities = List.of(new SimpleGrantedAuthority("KIND_" + user.get().kind()), new SimpleGrantedAuthority("FACTOR_COMPLETE"));
        var context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(user.get(), null, authorities));
        SecurityContextHolder.setContext(context);
        try {
            chain.doFilter(request, response);
        } finally {
            SecurityContextHolder.clearContext();
        }
    }
}
