package org.onedoor.notification.delivery;

/** The operator's SMS gateway; each city plugs in its own (Viettel, VNPT, Lao Telecom...) behind this interface. */
public interface SmsGateway {

    void send(String phone, String text);
}
