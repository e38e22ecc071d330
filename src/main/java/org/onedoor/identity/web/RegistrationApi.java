package org.onedoor.identity.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.security.PermitAll;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.onedoor.identity.ContactChannel;
import org.onedoor.identity.Registrations;
import org.onedoor.organisation.OrganisationDirectory;
import org.onedoor.shared.InvalidParameter;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Self-registration of citizens and businesses over the API, verified by a code sent by e-mail or SMS; rate-limited. */
@RestController
@RequestMapping("/api/v1/tenants/{tenant}/registrations")
@Tag(name = "Registration", description = "Citizens and businesses register themselves and verify their e-mail or phone")
class RegistrationApi {

    private final Registrations registrations;
    private final OrganisationDirectory directory;

    RegistrationApi(Registrations registrations, OrganisationDirectory directory) {
        this.registrations = registrations;
        this.directory = directory;
    }

    record RegistrationRequest(String fullName, String citizenId, @Nullable String email, @Nullable String phone,
                               @Nullable String channel, String password) {
    }

    record PendingRegistration(String username, String channel, Instant expiresAt) {
    }

    record VerificationRequest(String username, String code) {
    }

    record Verified(String username, String status) {
    }

    @PermitAll
    @PostMapping
    @ResponseStatus(HttpStatus.ACCEPTED)
    @Operation(summary = "Register; a code goes to the e-mail or phone chosen (the answer is the same for an address already known)")
    PendingRegistration register(@PathVariable String tenant, @RequestBody RegistrationRequest body, Locale locale, HttpServletRequest request) {
        var channel = body.channel() == null || body.channel().equalsIgnoreCase("EMAIL") ? ContactChannel.EMAIL
                : body.channel().equalsIgnoreCase("SMS") ? ContactChannel.SMS : null;
        if (channel == null) throw new InvalidParameter("channel", body.channel());
        var pending = registrations.register(directory.tenant(tenant).id().value(), new Registrations.Application(body.fullName(),
                body.citizenId(), body.email(), body.phone(), channel, body.password()), locale, SecurityEvents.client(request));
        return new PendingRegistration(pending.username(), pending.channel().name(), pending.expiresAt());
    }

    @PermitAll
    @PostMapping("/verify")
    @Operation(summary = "Verify the code; the account becomes active")
    Verified verify(@PathVariable String tenant, @RequestBody VerificationRequest body, HttpServletRequest request) {
        directory.tenant(tenant);
        var account = registrations.verify(body.username() == null ? "" : body.username(), body.code(), SecurityEvents.client(request));
        return new Verified(account.username(), account.status().name());
    }
}
