package org.onedoor.identity.web;

import jakarta.annotation.security.PermitAll;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.onedoor.identity.Accounts;
import org.onedoor.identity.ContactChannel;
import org.onedoor.identity.Registrations;
import org.onedoor.organisation.OrganisationDirectory;
import org.onedoor.shared.Problem;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** A citizen or business registers in the browser, then enters the code sent by e-mail or SMS. */
@Controller
class RegistrationPages {

    private final Registrations registrations;
    private final OrganisationDirectory directory;

    RegistrationPages(Registrations registrations, OrganisationDirectory directory) {
        this.registrations = registrations;
        this.directory = directory;
    }

    @PermitAll
    @GetMapping("/register")
    String form(Model model) {
        model.addAttribute("tenants", directory.tenants());
        return "identity/register";
    }

    @PermitAll
    @PostMapping("/register")
    String register(@RequestParam String tenant, @RequestParam String fullName, @RequestParam String citizenId,
                    @RequestParam(required = false) @Nullable String email, @RequestParam(required = false) @Nullable String phone,
                    @RequestParam String channel, @RequestParam String password, Locale locale, HttpServletRequest request,
                    HttpServletResponse response, Model model) {
        try {
            var pending = registrations.register(directory.tenant(tenant).id().value(), new Registrations.Application(fullName, citizenId,
                    email, phone, "SMS".equals(channel) ? ContactChannel.SMS : ContactChannel.EMAIL, password), locale, SecurityEvents.client(request));
            model.addAttribute("username", pending.username());
            model.addAttribute("channel", pending.channel().name());
            return "identity/verify";
        } catch (Problem refused) {
            if (!(refused instanceof Accounts.PasswordRejected) && !"invalid-parameter".equals(refused.code())) throw refused;
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            model.addAttribute("tenants", directory.tenants());
            model.addAttribute("problem", refused.code());
            model.addAttribute("problemArguments", refused.arguments());
            model.addAttribute("fullName", fullName);
            model.addAttribute("email", email);
            model.addAttribute("phone", phone);
            return "identity/register";
        }
    }

    @PermitAll
    @PostMapping("/register/verify")
    String verify(@RequestParam String username, @RequestParam String code, HttpServletRequest request,
                  HttpServletResponse response, Model model) {
        try {
            registrations.verify(username, code, SecurityEvents.client(request));
            return "redirect:/login?registered";
        } catch (Registrations.VerificationFailed failed) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            model.addAttribute("username", username);
            model.addAttribute("failed", true);
            return "identity/verify";
        }
    }
}
