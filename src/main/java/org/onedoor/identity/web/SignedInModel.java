package org.onedoor.identity.web;

import org.jspecify.annotations.Nullable;
import org.onedoor.identity.CurrentUser;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** Tells every page who is signed in, for the header's name and sign-out button. */
@ControllerAdvice
class SignedInModel {

    @ModelAttribute("signedIn")
    @Nullable CurrentUser signedIn(@AuthenticationPrincipal @Nullable CurrentUser user) {
        return user;
    }
}
