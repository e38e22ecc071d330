package org.onedoor.procedure;

import java.time.LocalDate;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.onedoor.shared.LocalizedText;

/** A procedure as a search lists it: the version in force on the day asked, or an administrator's latest version. */
public record ProcedureSummary(String code, int number, ProcedureVersion.State state, @Nullable LocalDate effectiveFrom,
                               LocalizedText name, @Nullable LocalizedText field, List<ProcedureDefinition.Level> levels,
                               ProcedureDefinition.OnlineLevel onlineLevel, ProcedureDefinition.LegalTime timeLimit,
                               List<String> flags) {

    static ProcedureSummary of(String code, int number, ProcedureVersion.State state, @Nullable LocalDate effectiveFrom,
                               Procedures.Summary summary, ProcedureDefinition.OnlineLevel online, List<String> flags) {
        return new ProcedureSummary(code, number, state, effectiveFrom, summary.name(), summary.field(), summary.levels(), online,
                summary.timeLimit(), flags);
    }
}
