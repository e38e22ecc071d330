package org.onedoor.notification.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.security.Principal;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.onedoor.notification.templates.Templates;
import org.onedoor.organisation.OrganisationDirectory;
import org.onedoor.platform.ClientAddress;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * How a city's messages read: the default wording of each message in each language, and the city's own wording that
 * replaces it (subject and text of the e-mail, text of the SMS, with the message's placeholders).
 */
@RestController
@RequestMapping("/api/v1/tenants/{tenant}/notification-templates")
@Tag(name = "Notifications", description = "The outbox of e-mails and SMS: delivery status, retries, failures")
class TemplateApi {

    /** The city's wording in one language; a part left out (or blank) keeps the default. */
    record WordingBody(@Nullable String subject, @Nullable String body, @Nullable String sms) {
    }

    private final Templates templates;
    private final OrganisationDirectory directory;

    TemplateApi(Templates templates, OrganisationDirectory directory) {
        this.templates = templates;
        this.directory = directory;
    }

    @PreAuthorize("@access.anywhere(principal, 'notification:manage', #tenant)")
    @GetMapping
    @Operation(summary = "Every message with its channels, placeholders and wording in each language, as the city has it")
    List<Templates.MessageTemplate> list(@PathVariable String tenant) {
        return templates.list(directory.tenant(tenant).id().value());
    }

    @PreAuthorize("@access.anywhere(principal, 'notification:manage', #tenant)")
    @PutMapping("/{key}/{locale}")
    @Operation(summary = "Set the city's wording of a message in one language (vi, en, lo); audited")
    Templates.LanguageWording reword(@PathVariable String tenant, @PathVariable String key, @PathVariable String locale,
                             @RequestBody WordingBody body, Principal principal, HttpServletRequest request) {
        return templates.reword(directory.tenant(tenant).id().value(), key, locale,
                new Templates.Wording(body.subject(), body.body(), body.sms()), principal.getName(), ClientAddress.of(request));
    }

    @PreAuthorize("@access.anywhere(principal, 'notification:manage', #tenant)")
    @DeleteMapping("/{key}/{locale}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Go back to the default wording of a message in one language; audited")
    void restore(@PathVariable String tenant, @PathVariable String key, @PathVariable String locale, Principal principal,
                 HttpServletRequest request) {
        templates.restore(directory.tenant(tenant).id().value(), key, locale, principal.getName(), ClientAddress.of(request));
    }
}
