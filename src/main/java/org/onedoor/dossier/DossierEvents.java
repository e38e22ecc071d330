package org.onedoor.dossier;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * What the dossier module tells other modules (notifications, reporting), published in the transaction of the change.
 * A module that listens after the commit ({@code @ApplicationModuleListener}) gets them through Spring Modulith's event
 * publication registry, so a listener that fails or a crash loses none (ADR 0012); notifications listen in the
 * transaction itself and keep what they must send in their outbox (ADR 0023, addendum).
 */
public final class DossierEvents {

    private DossierEvents() {
    }

    /** A citizen submitted a dossier online; it waits for the completeness check (status 1). */
    public record DossierSubmitted(String tenant, UUID dossier, String code, String procedureCode, UUID receivingUnit,
                                   @Nullable UUID applicantAccount, Instant at) {
    }

    /** The dossier was received: the clock runs from {@code at} and the applicant was given {@code dueAt}. */
    public record DossierReceived(String tenant, UUID dossier, String code, String procedureCode, String channel,
                                  UUID receptionPoint, UUID receivingUnit, UUID competentUnit, @Nullable UUID applicantAccount,
                                  Instant at, Instant dueAt) {
    }

    /** The dossier changed hands; {@code result} is how the giver's step went against its allotment. */
    public record StepHandedOver(String tenant, UUID dossier, String code, String action, @Nullable String fromStep,
                                 @Nullable String toStep, @Nullable UUID giver, UUID receiver, UUID receiverUnit,
                                 @Nullable String result, Instant at) {
    }

    /** The office asked the applicant for these papers; the clock stopped. */
    public record SupplementRequested(String tenant, UUID dossier, String code, @Nullable UUID applicantAccount,
                                      List<String> items, String reason, Instant at) {
    }

    /** The supplement arrived; the clock runs again and the appointment moved to {@code dueAt}. */
    public record SupplementReceived(String tenant, UUID dossier, String code, @Nullable Instant dueAt, Instant at) {
    }

    /** The applicant must pay fees or taxes before processing goes on. */
    public record FinancialObligationRequested(String tenant, UUID dossier, String code, @Nullable UUID applicantAccount,
                                               String reason, long amount, String currency, Instant at) {
    }

    /** The owner apologised for a delay and gave a new appointment (form 04). */
    public record ApologyIssued(String tenant, UUID dossier, String code, @Nullable UUID applicantAccount, String reason,
                                Instant previousDueAt, Instant newDueAt, boolean afterDue, Instant at) {
    }

    /** The result is ready for the applicant at the one-stop (status 9). */
    public record ResultReady(String tenant, UUID dossier, String code, @Nullable UUID applicantAccount, boolean late,
                              Instant at) {
    }

    /** The result was handed over (status 10). */
    public record ResultReturned(String tenant, UUID dossier, String code, boolean late, Instant at) {
    }

    /** The dossier ended without a result: refused (3), withdrawn (7) or stopped (8). */
    public record DossierEnded(String tenant, UUID dossier, String code, int statusCode, @Nullable UUID applicantAccount,
                               String reason, Instant at) {
    }

    /** The applicant rated the service for a returned dossier (1 very dissatisfied … 5 very satisfied). */
    public record DossierRated(String tenant, UUID dossier, String code, UUID receptionPoint, UUID competentUnit, int level,
                               Instant at) {
    }

    /** The legal due instant passed before the end of processing; the dossier counts as late from now on. */
    public record DeadlineMissed(String tenant, UUID dossier, String code, UUID ownerUnit, UUID ownerAccount,
                                 Instant legalDueAt, boolean apologised, Instant at) {
    }

    /**
     * The applicant sent a petition (phản ánh, kiến nghị) about the dossier: {@code answeringUnit} answers for it, its
     * head {@code accountable} (null when the unit has none), by {@code dueAt}.
     */
    public record PetitionSent(String tenant, UUID petition, UUID dossier, String code, String kind, UUID answeringUnit,
                               @Nullable UUID accountable, Instant dueAt, Instant at) {
    }

    /** A petition about the dossier was answered, finally; {@code late} when after its due instant. */
    public record PetitionAnswered(String tenant, UUID petition, UUID dossier, String code, @Nullable UUID applicantAccount,
                                   UUID answeringUnit, boolean late, Instant at) {
    }
}
