package org.onedoor.notification;

/** One message to one address; the text is already in the recipient's language. */
public record Message(String tenant, Channel channel, String address, String subject, String body) {

    public Message {
        if (address == null || address.isBlank()) throw new IllegalArgumentException("A message needs an address");
        if (body == null || body.isBlank()) throw new IllegalArgumentException("A message needs a text");
    }
}
