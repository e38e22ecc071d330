package org.onedoor.dossier;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * One line of a dossier's history, as form 05 prints it: who gave it, who received it, when, and how the giver's step
 * went against its allotment.
 *
 * @param action    what was done ({@link DossierAction} names, plus {@code SUBMIT}, {@code RECEIVE} and {@code OVERDUE})
 * @param stepDueAt when the giver's step was due, moved by supplement pauses
 * @param result    EARLY, ON_TIME or LATE for a step that ended here, else null
 * @param items     the papers asked for (a supplement request)
 * @param newDueAt  the new appointment (an apology, a supplement received)
 */
public record Handover(int seq, Instant at, String action, @Nullable String fromStep, @Nullable String toStep, int statusCode,
                       @Nullable UUID giverAccount, String giverName, @Nullable UUID giverUnit, @Nullable UUID receiverAccount,
                       @Nullable String receiverName, @Nullable UUID receiverUnit, @Nullable Instant stepDueAt,
                       @Nullable String result, @Nullable String note, List<String> items, @Nullable Instant newDueAt) {

    public Handover {
        items = List.copyOf(items);
    }
}
