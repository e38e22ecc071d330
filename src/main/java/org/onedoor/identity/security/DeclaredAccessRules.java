package org.onedoor.identity.security;

import org.springframework.web.method.HandlerMethod;

/** Whether a handler declares who may call it (AC-4); shared by the deny-by-default guard and its test. */
public final class DeclaredAccessRules {

    private DeclaredAccessRules() {
    }

    public static boolean declares(HandlerMethod handler) {
        return DeclaredAccessOnly.declares(handler.getMethod()) || DeclaredAccessOnly.declares(handler.getBeanType());
    }
}
