package org.onedoor.notification.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.security.Principal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.onedoor.notification.outbox.OutboxAdministration;
import org.onedoor.notification.outbox.OutboxMessage;
import org.onedoor.notification.outbox.Selection;
import org.onedoor.organisation.OrganisationDirectory;
import org.onedoor.platform.ClientAddress;
import org.onedoor.shared.PageRequest;
import org.onedoor.shared.ResultPage;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** A city's outgoing messages for its operators: what went, what waits, what failed and why; retry or withdraw one. */
@RestController
@RequestMapping("/api/v1/tenants/{tenant}/notifications")
@Tag(name = "Notifications", description = "The outbox of e-mails and SMS: delivery status, retries, failures")
class NotificationApi {

    /** A message without its text; the address masked; instants in the city's time zone. */
    record MessageItem(UUID id, String channel, String address, @Nullable UUID recipientAccount, String template, String locale,
                String status, int attempts, @Nullable OffsetDateTime nextAttemptAt, @Nullable OffsetDateTime lastAttemptAt,
                @Nullable String lastError, OffsetDateTime createdAt, @Nullable OffsetDateTime sentAt, boolean stuck) {

        static MessageItem of(OutboxMessage m, ZoneId zone) {
            return new MessageItem(m.id(), m.channel().name(), m.maskedAddress(), m.recipientAccount(), m.template(), m.locale(),
                    m.status().name(), m.attempts(), at(m.nextAttemptAt(), zone), at(m.lastAttemptAt(), zone), m.lastError(),
                    at(m.createdAt(), zone), at(m.sentAt(), zone), m.stuck());
        }

        private static @Nullable OffsetDateTime at(@Nullable Instant instant, ZoneId zone) {
            return instant == null ? null : instant.atZone(zone).toOffsetDateTime();
        }
    }

    private final OutboxAdministration outbox;
    private final OrganisationDirectory directory;

    NotificationApi(OutboxAdministration outbox, OrganisationDirectory directory) {
        this.outbox = outbox;
        this.directory = directory;
    }

    @PreAuthorize("@access.anywhere(principal, 'notification:manage', #tenant)")
    @GetMapping
    @Operation(summary = "The city's messages, newest first; status PENDING, SENT, FAILED, CANCELLED, STUCK, or ATTENTION (failed or stuck)")
    ResultPage<MessageItem> list(@PathVariable String tenant, @RequestParam(required = false) @Nullable String status,
                          @RequestParam(required = false) @Nullable Integer page, @RequestParam(required = false) @Nullable Integer size) {
        var city = directory.tenant(tenant);
        return outbox.list(tenant, Selection.parse(status), PageRequest.of(page, size)).map(m -> MessageItem.of(m, city.timeZone()));
    }

    @PreAuthorize("@access.anywhere(principal, 'notification:manage', #tenant)")
    @PostMapping("/{id}/retry")
    @Operation(summary = "Send a waiting or failed message again now (one more attempt if it had been given up); audited")
    MessageItem retry(@PathVariable String tenant, @PathVariable UUID id, Principal principal, HttpServletRequest request) {
        var city = directory.tenant(tenant);
        return MessageItem.of(outbox.retry(tenant, id, principal.getName(), ClientAddress.of(request)), city.timeZone());
    }

    @PreAuthorize("@access.anywhere(principal, 'notification:manage', #tenant)")
    @PostMapping("/{id}/cancel")
    @Operation(summary = "Withdraw a waiting or failed message; audited")
    MessageItem cancel(@PathVariable String tenant, @PathVariable UUID id, Principal principal, HttpServletRequest request) {
        var city = directory.tenant(tenant);
        return MessageItem.of(outbox.cancel(tenant, id, principal.getName(), ClientAddress.of(request)), city.timeZone());
    }
}
