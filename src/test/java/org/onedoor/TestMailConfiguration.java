package org.onedoor;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/** A real SMTP server inside the test JVM (GreenMail) that the application's mail client delivers to. */
@TestConfiguration(proxyBeanMethods = false)
public class TestMailConfiguration {

    public static final int PORT = 3925;

    @Bean(destroyMethod = "stop")
    GreenMail greenMail() {
        var mail = new GreenMail(new ServerSetup(PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        mail.start();
        return mail;
    }
}
