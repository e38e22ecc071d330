package org.onedoor.platform;

import jakarta.servlet.http.HttpServletRequest;

/** The caller's address and source port as the server saw them, as the audit trail records them (AuditRecord). */
public final class ClientAddress {

    private ClientAddress() {
    }

    /** E.g. {@code 203.0.113.7:51234}. */
    public static String of(HttpServletRequest request) {
        return request.getRemoteAddr() + ":" + request.getRemotePort();
    }
}
