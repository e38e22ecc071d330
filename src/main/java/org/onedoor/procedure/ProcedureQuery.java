package org.onedoor.procedure;

import java.time.LocalDate;
import org.jspecify.annotations.Nullable;

/**
 * What to look for among a city's procedures: text (ignoring diacritics; a code matches too), field, level, online
 * level. {@code inForceOn} lists the versions in force that day (the public catalogue); null lists every procedure's
 * latest version, drafts included (the administrators' list), and {@code flagged} keeps those needing review.
 */
public record ProcedureQuery(@Nullable String text, @Nullable String field, ProcedureDefinition.@Nullable Level level,
                             ProcedureDefinition.@Nullable OnlineLevel online, @Nullable LocalDate inForceOn, boolean flagged) {

    public static ProcedureQuery inForce(@Nullable String text, LocalDate day) {
        return new ProcedureQuery(text, null, null, null, day, false);
    }
}
