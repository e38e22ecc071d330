package org.onedoor.notification;

import com.icegreen.greenmail.util.GreenMail;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.Arrays;
import java.util.List;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * The tests' SMTP side: what reached the in-process GreenMail server, and the application's mail client pointed away
 * from it (a port nobody listens on: connection refused, as when the city's SMTP server is down) and back.
 */
public final class Mailbox {

    private final GreenMail server;
    private final JavaMailSenderImpl client;
    private final int port;

    public Mailbox(GreenMail server, JavaMailSender client) {
        this.server = server;
        this.client = (JavaMailSenderImpl) client;
        this.port = this.client.getPort();
    }

    /** The messages to the address so far. */
    public List<MimeMessage> to(String address) {
        return Arrays.stream(server.getReceivedMessages()).filter(m -> recipient(m).equals(address)).toList();
    }

    /** The first message to the address, waiting up to thirty seconds for it (listeners may have a queue to work through). */
    public MimeMessage awaitTo(String address) {
        for (int i = 0; i < 300; i++) {
            var received = to(address);
            if (!received.isEmpty()) return received.getFirst();
            pause(100);
        }
        throw new AssertionError("no mail to " + address);
    }

    /** The SMTP server is down until {@link #up()}: every delivery is refused at connection. */
    public void down() {
        try (var socket = new ServerSocket(0)) {
            client.setPort(socket.getLocalPort());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void up() {
        client.setPort(port);
    }

    /** The decoded text of a message (it travels quoted-printable, as UTF-8 mail should), with its lines ending in \n. */
    public static String text(MimeMessage message) {
        try {
            return ((String) message.getContent()).replace("\r\n", "\n");
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    public static String subject(MimeMessage message) {
        try {
            return message.getSubject();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /**
     * The last line of the captured output that contains the text, waiting up to thirty seconds for it: the SMS gateway
     * of the tests writes to the log, from the dispatcher's threads once the sender's transaction has committed.
     */
    public static String awaitLogLine(org.springframework.boot.test.system.CapturedOutput output, String containing) {
        for (int i = 0; i < 300; i++) {
            var line = output.getAll().lines().filter(l -> l.contains(containing)).reduce((a, b) -> b);
            if (line.isPresent()) return line.get();
            pause(100);
        }
        throw new AssertionError("no log line with " + containing);
    }

    public static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String recipient(MimeMessage message) {
        try {
            return message.getAllRecipients()[0].toString();
        } catch (Exception e) {
            return "";
        }
    }
}
