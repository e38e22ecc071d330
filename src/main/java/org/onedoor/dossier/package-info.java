/**
 * The one-stop shop: dossiers from submission or counter reception to the returned result. A small workflow engine
 * (ADR 0007, ADR 0022) runs each dossier through the workflow of the procedure version in force when it was received,
 * with exactly one accountable owner — a unit and a person — at every moment, legal deadlines in working time from the
 * {@code calendar} module, the national status codes 1–10, and every hand-over kept for form 05; and around each
 * dossier its attachments, electronic result, the applicant's rating, and the applicant's petitions (phản ánh, kiến
 * nghị), each answered once by one accountable unit.
 */
@ApplicationModule(allowedDependencies = {"shared", "platform", "organisation", "identity", "calendar", "procedure", "audit"})
@NullMarked
package org.onedoor.dossier;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
