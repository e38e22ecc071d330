package org.onedoor.dossier;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.onedoor.calendar.Deadlines;
import org.onedoor.calendar.TimeLimit;
import org.onedoor.organisation.UnitId;
import org.onedoor.procedure.ProcedureDefinition.Channel;

/**
 * A dossier as it stands: where it is in its workflow, its national status code, its one accountable owner, its
 * appointment and the flags the national index reads (domain note §1.4, §1.9, §3.2).
 *
 * @param version          changes with every action; sent back as {@code If-Match} (the ETag)
 * @param procedureVersion the procedure version in force at submission, whose workflow and time limit it follows
 * @param receptionPoint   where it was handed in (a counter's unit, or for an online dossier the unit it was sent to)
 * @param receivingUnit    the unit whose identifier its code bears
 * @param competentUnit    the authority that decides it
 * @param ownerUnit        the unit that holds it now (the last holder once closed)
 * @param ownerAccount     the person who answers for it now
 * @param dueAt            the appointment given to the applicant (moved by supplements and by an apology)
 * @param legalDueAt       the legal due instant: reception plus the time limit, moved only by supplement pauses; the
 *                         national index measures lateness against it, so an apology never makes a late dossier on time
 * @param legalMinutes     the working minutes between the start of counting and the legal due instant without pauses,
 *                         of which each step's share is taken
 * @param pausedSince      when the clock stopped for a supplement request still unanswered
 * @param pausedFrom       the state to go back to when the supplement arrives
 * @param processedAt      the end of processing as the index counts it (result ready, refused, stopped, withdrawn)
 * @param closedAt         when it left every queue (returned, refused, stopped, withdrawn)
 */
public record Dossier(UUID id, String tenant, String code, int version, String procedureCode, UUID procedureVersion,
                      Channel channel, State state, int statusCode, @Nullable String stepKey, UnitId receptionPoint,
                      UnitId receivingUnit, UnitId competentUnit, UnitId ownerUnit, UUID ownerAccount, String ownerName,
                      @Nullable UUID applicantAccount, Applicant applicant, List<Component> components,
                      @Nullable TimeLimit timeLimit, Delivery resultDelivery, Instant submittedAt, @Nullable Instant receivedAt,
                      @Nullable Instant dueAt, @Nullable Instant legalDueAt, @Nullable Integer legalMinutes,
                      @Nullable Instant stepStartedAt, @Nullable Instant stepDueAt, @Nullable Instant pausedSince,
                      @Nullable State pausedFrom, List<Deadlines.Pause> pauses, int supplementRequests, int apologies,
                      boolean late, @Nullable Instant processedAt, @Nullable Instant returnedAt, @Nullable Instant closedAt,
                      Flags flags) {

    public Dossier {
        components = List.copyOf(components);
        pauses = List.copyOf(pauses);
    }

    /** Where a dossier is in its life; each maps onto a national status code. */
    public enum State {
        /** Submitted online, awaiting the completeness check (1). */
        SUBMITTED,
        /** Received and at a step of its workflow (the step's code: 2, 4 or 9). */
        AT_STEP,
        /** Waiting for the applicant's supplement; the clock is stopped (5). */
        WAITING_SUPPLEMENT,
        /** Waiting for fees or taxes to be paid (6). */
        WAITING_PAYMENT,
        /** Not received (3). */
        REFUSED,
        /** Withdrawn at the applicant's request (7). */
        WITHDRAWN,
        /** Processing stopped (8). */
        STOPPED,
        /** Result returned (10). */
        RETURNED;

        public boolean closed() {
            return this == REFUSED || this == WITHDRAWN || this == STOPPED || this == RETURNED;
        }
    }

    /** How the applicant wants the result: at the counter, by public post, or electronically. */
    public enum Delivery { COUNTER, POST, ONLINE }

    /**
     * Who applies. The ID number is held sealed in the database: {@code idNumber} is the plain value while a request
     * carries it, and null on a dossier read back ({@link Dossiers#maskedIdNumber} shows it masked to staff).
     */
    public record Applicant(String name, @Nullable String idNumber, @Nullable String phone, @Nullable String email,
                            @Nullable String address, boolean organisation) {
    }

    /** One paper handed in: its name as the procedure lists it, how many originals and copies, and whether digitised. */
    public record Component(String name, int originals, int copies, boolean digitised) {
    }

    /** The flags the national dashboard needs on every dossier (domain note §3.2, rule D-2). */
    public record Flags(boolean digitised, boolean electronicResult, boolean paidOnline, boolean identityVerified) {
    }

    /** The same dossier at another version number. */
    public Dossier withVersion(int number) {
        return new Dossier(id, tenant, code, number, procedureCode, procedureVersion, channel, state, statusCode, stepKey,
                receptionPoint, receivingUnit, competentUnit, ownerUnit, ownerAccount, ownerName, applicantAccount, applicant,
                components, timeLimit, resultDelivery, submittedAt, receivedAt, dueAt, legalDueAt, legalMinutes, stepStartedAt,
                stepDueAt, pausedSince, pausedFrom, pauses, supplementRequests, apologies, late, processedAt, returnedAt,
                closedAt, flags);
    }

    public boolean closed() {
        return closedAt != null;
    }

    public boolean received() {
        return receivedAt != null;
    }
}
