package org.onedoor.documents.web;

import jakarta.annotation.security.PermitAll;
import java.util.Locale;
import org.onedoor.documents.Documents;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/** The page the QR code on every official paper opens: public, no personal data. */
@Controller
class VerificationPage {

    private final Documents documents;

    VerificationPage(Documents documents) {
        this.documents = documents;
    }

    @PermitAll
    @GetMapping("/verify/{id}")
    String verify(@PathVariable String id, Locale locale, Model model) {
        var v = documents.verify(id, locale);
        model.addAttribute("v", v);
        model.addAttribute("issuedAt", v.issuedAt().atZone(v.zone()).toLocalDateTime());
        return "documents/verify";
    }
}
