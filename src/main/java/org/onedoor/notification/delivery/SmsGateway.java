package org.onedoor.notification.delivery;

/**
 * The operator's SMS gateway; each city plugs in its own (Viettel, VNPT, Lao Telecom...) behind this interface. A send that
 * throws is retried by the outbox, so an implementation throws on every refusal rather than logging it.
 */
public interface SmsGateway {

    void send(String phone, String text);
}
