/**
 * Official papers of the one-stop shop (Circular 01/2018/TT-VPCP annex, domain note §1.6): forms 01 (receipt and
 * appointment), 02 (supplement request), 03 (refusal), 04 (apology and new appointment), 05 (process-control slip) and
 * 06 (tracking book, also as Excel), as PDF in Vietnamese, Lao or English. Each carries the issuing unit, the dossier
 * code and a QR code that opens the public verification of the issued paper (ADR 0024).
 */
@ApplicationModule(allowedDependencies = {"shared", "platform", "organisation", "identity", "calendar", "procedure", "dossier", "audit"})
@NullMarked
package org.onedoor.documents;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
