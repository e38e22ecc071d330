/** Credentials of accounts: one-time codes of the second factor, their enrolment QR codes, and the password policy. */
@NullMarked
package org.onedoor.identity.credentials;

import org.jspecify.annotations.NullMarked;
