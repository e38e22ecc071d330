/**
 * Online payment of what a dossier's applicant is asked to pay (status 6): a payment order per attempt, sent to a
 * {@link org.onedoor.payment.PaymentProvider} (a bank or the national payment platform; a simulated provider for the
 * demo), whose signed result settles the dossier's obligation and sets its "paid online" flag (ADR 0025).
 */
@ApplicationModule(allowedDependencies = {"shared", "platform", "organisation", "identity", "dossier", "audit"})
@NullMarked
package org.onedoor.payment;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
