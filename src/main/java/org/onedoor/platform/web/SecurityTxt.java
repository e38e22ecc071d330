package org.onedoor.platform.web;

import jakarta.annotation.security.PermitAll;
import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** RFC 9116 {@code security.txt}: where to report a vulnerability, in which languages, valid for a year. */
@RestController
class SecurityTxt {

    private final Clock clock;
    private final String contact;

    SecurityTxt(Clock clock, @Value("${onedoor.security.contact:mailto:security@onedoor.invalid}") String contact) {
        this.clock = clock;
        this.contact = contact;
    }

    @PermitAll
    @GetMapping(path = "/.well-known/security.txt", produces = MediaType.TEXT_PLAIN_VALUE)
    String securityTxt() {
        var expires = clock.instant().plus(Duration.ofDays(365)).truncatedTo(ChronoUnit.SECONDS);
        return "Contact: " + contact + "\nExpires: " + expires + "\nPreferred-Languages: vi, en, lo\n";
    }
}
