package org.onedoor.procedure;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * One version of a city's procedure. Published and retired versions never change; a dossier keeps the {@code id} of
 * the version in force when it was received.
 *
 * @param effectiveFrom the first day it is in force (null for a draft)
 * @param effectiveTo   the day it stops being in force (exclusive), or null while open-ended
 * @param changeBasis   the legal basis of publishing or retiring it (e.g. the province's decision)
 * @param flags         what an administrator should settle, e.g. {@code TIME_LIMIT_UNKNOWN}
 * @param revision      counts edits of a draft; a client sends it back (as the ETag) to edit what it read
 */
public record ProcedureVersion(UUID id, String tenant, String code, int number, State state, @Nullable LocalDate effectiveFrom,
                               @Nullable LocalDate effectiveTo, @Nullable String changeBasis, ProcedureDefinition definition,
                               List<String> flags, Origin origin, Instant createdAt, String createdBy, @Nullable Instant publishedAt,
                               @Nullable String publishedBy, @Nullable Instant retiredAt, int revision) {

    public enum State { DRAFT, PUBLISHED, RETIRED }

    /** Where the version came from: the national catalogue import, the editor, another city's export, a spreadsheet. */
    public enum Origin { CATALOGUE, EDITOR, SHARED, SPREADSHEET }

    /** Whether the version is in force on a day. */
    public boolean inForceOn(LocalDate day) {
        return state != State.DRAFT && effectiveFrom != null && !day.isBefore(effectiveFrom)
                && (effectiveTo == null || day.isBefore(effectiveTo));
    }

    /** Draft, scheduled (published, not yet in force), in force, or ended, as of a day. */
    public String phase(LocalDate day) {
        if (state == State.DRAFT) return "DRAFT";
        if (effectiveFrom != null && day.isBefore(effectiveFrom)) return "SCHEDULED";
        if (inForceOn(day)) return "IN_FORCE";
        return state == State.RETIRED ? "RETIRED" : "SUPERSEDED";
    }
}
