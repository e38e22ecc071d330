package org.onedoor.notification.delivery;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The demo's SMS gateway: writes each message to the log (the number masked), where a tester reads the code. */
@Configuration(proxyBeanMethods = false)
class LoggingSmsGateway {

    private static final Logger log = LoggerFactory.getLogger("org.onedoor.notification.sms");

    @Bean
    @ConditionalOnMissingBean(SmsGateway.class)
    SmsGateway smsGateway() {
        return (phone, text) -> log.info("SMS to {}: {}", Deliveries.masked(phone), text);
    }
}
