package org.onedoor.notification.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.MessagingException;
import org.junit.jupiter.api.Test;
import org.springframework.mail.MailSendException;

/** What operators and logs see of a delivery: masked addresses, and failure reasons without anyone's contact. */
class DeliveriesTests {

    @Test
    void masksAddressesAndPhoneNumbers() {
        assertThat(Deliveries.masked("nguyen.van.an@example.vn")).isEqualTo("n***@example.vn");
        assertThat(Deliveries.masked("0912345678")).isEqualTo("***678");
        assertThat(Deliveries.masked("12")).isEqualTo("***");
    }

    @Test
    void aFailureReasonNamesTheCauseButNoAddressOrNumberAndIsShort() {
        var refused = new MailSendException("Failed messages", new MessagingException(
                "550 5.1.1 <nguyen.van.an@example.vn>: Recipient address rejected; SMS +84 912 345 678 unknown " + "x".repeat(400)));

        var reason = Deliveries.reason(refused);

        assertThat(reason).startsWith("MessagingException: 550 5.1.1 <n***@example.vn>: Recipient address rejected; SMS ***678")
                .doesNotContain("nguyen.van.an", "912 345").hasSizeLessThanOrEqualTo(300);
    }
}
