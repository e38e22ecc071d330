package org.onedoor.notification.web;

import jakarta.servlet.http.HttpServletRequest;
import java.security.Principal;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.onedoor.notification.outbox.OutboxAdministration;
import org.onedoor.notification.outbox.Selection;
import org.onedoor.organisation.OrganisationDirectory;
import org.onedoor.platform.ClientAddress;
import org.onedoor.shared.PageRequest;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The operators' page: the city's messages that need attention (given up, or waiting after a failure or for too long),
 * or any other status, each with what went wrong, and buttons to send it again now or withdraw it.
 */
@Controller
class NotificationPages {

    private static final int PAGE_SIZE = 50;
    private final OutboxAdministration outbox;
    private final OrganisationDirectory directory;

    NotificationPages(OutboxAdministration outbox, OrganisationDirectory directory) {
        this.outbox = outbox;
        this.directory = directory;
    }

    @PreAuthorize("@access.anywhere(principal, 'notification:manage', #tenant)")
    @GetMapping("/tenants/{tenant}/notifications")
    String list(@PathVariable String tenant, @RequestParam(required = false) @Nullable String status,
                @RequestParam(required = false) @Nullable Integer page, Model model) {
        var city = directory.tenant(tenant);
        var selection = status == null ? Selection.ATTENTION : Selection.parse(status);
        model.addAttribute("tenant", city);
        model.addAttribute("zone", city.timeZone());
        model.addAttribute("selection", selection.name());
        model.addAttribute("selections", Selection.values());
        model.addAttribute("messages", outbox.list(tenant, selection, PageRequest.of(page, PAGE_SIZE)));
        return "notification/messages";
    }

    @PreAuthorize("@access.anywhere(principal, 'notification:manage', #tenant)")
    @PostMapping("/tenants/{tenant}/notifications/{id}/retry")
    String retry(@PathVariable String tenant, @PathVariable UUID id, @RequestParam(required = false) @Nullable String status,
                 Principal principal, HttpServletRequest request, RedirectAttributes flash) {
        directory.tenant(tenant);
        outbox.retry(tenant, id, principal.getName(), ClientAddress.of(request));
        flash.addFlashAttribute("done", "retried");
        return back(tenant, status);
    }

    @PreAuthorize("@access.anywhere(principal, 'notification:manage', #tenant)")
    @PostMapping("/tenants/{tenant}/notifications/{id}/cancel")
    String cancel(@PathVariable String tenant, @PathVariable UUID id, @RequestParam(required = false) @Nullable String status,
                  Principal principal, HttpServletRequest request, RedirectAttributes flash) {
        directory.tenant(tenant);
        outbox.cancel(tenant, id, principal.getName(), ClientAddress.of(request));
        flash.addFlashAttribute("done", "cancelled");
        return back(tenant, status);
    }

    private static String back(String tenant, @Nullable String status) {
        return "redirect:/tenants/" + tenant + "/notifications" + (status == null ? "" : "?status=" + Selection.parse(status).name());
    }
}
