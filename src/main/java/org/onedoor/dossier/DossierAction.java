package org.onedoor.dossier;

import org.jspecify.annotations.Nullable;
import org.onedoor.procedure.Workflow;

/**
 * What can be done to a dossier: the actions of the workflow definition, and those every dossier has whatever its
 * workflow — the completeness check's acceptance, the applicant's supplement, payment and withdrawal, the owner's
 * apology, and the head of unit's reassignment.
 */
public enum DossierAction {
    /** Completeness check passed: the dossier is received (status 2), the clock starts and the receipt is issued. */
    ACCEPT,
    REQUEST_SUPPLEMENT, REFUSE, FORWARD, SEND_BACK, PROPOSE, APPROVE, TRANSFER, REQUEST_FINANCIAL_OBLIGATION, STOP,
    RETURN_RESULT,
    /** The applicant handed in what the supplement request listed: the clock runs again. */
    SUPPLEMENT,
    /** The financial obligation was met. */
    PAY,
    /** The applicant asked to withdraw the dossier (status 7). */
    WITHDRAW,
    /** The owner apologises for a delay and gives a new appointment (form 04). */
    APOLOGISE,
    /** The head of the owning unit gives the dossier to another holder of the same role in the unit. */
    ASSIGN;

    /** The workflow action of the same name, or null for the actions every dossier has. */
    public Workflow.@Nullable Action workflowAction() {
        return switch (this) {
            case ACCEPT, SUPPLEMENT, PAY, WITHDRAW, APOLOGISE, ASSIGN -> null;
            default -> Workflow.Action.valueOf(name());
        };
    }

    /** Whether the applicant may take it (on their own dossier); staff may take these on the applicant's behalf. */
    public boolean applicants() {
        return this == SUPPLEMENT || this == PAY || this == WITHDRAW;
    }
}
