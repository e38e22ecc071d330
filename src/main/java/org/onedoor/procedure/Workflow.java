package org.onedoor.procedure;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.onedoor.shared.LocalizedText;

/**
 * The path a dossier takes through units: steps, each held by one role in one unit for an allotted share of the legal
 * time, and the actions allowed at each. The first step is where the dossier is received.
 *
 * <p>National status codes (domain note §1.4): each step says which code its dossiers carry — 2 received,
 * 4 processing, 9 result ready — and actions that pause or end a dossier give theirs: {@code REFUSE} 3,
 * {@code REQUEST_SUPPLEMENT} 5, {@code REQUEST_FINANCIAL_OBLIGATION} 6, {@code STOP} 8, {@code RETURN_RESULT} 10
 * (1, submitted online, and 7, withdrawn by the applicant, do not depend on the workflow).
 *
 * @param template the key of the template it was made from, if any
 */
public record Workflow(@Nullable String template, List<Step> steps) {

    public Workflow {
        steps = ProcedureDefinition.copy(steps);
    }

    public Optional<Step> step(String key) {
        return steps.stream().filter(s -> s.key().equals(key)).findFirst();
    }

    /**
     * One step.
     *
     * @param key        a short name unique in the workflow, e.g. {@code reception}
     * @param role       the role code of who holds the dossier (e.g. {@code CLERK}, {@code SPECIALIST}, {@code UNIT_LEADER})
     * @param statusCode the national status code of dossiers at this step: 2, 4 or 9
     */
    public record Step(String key, LocalizedText name, String role, UnitSelector unit, Allotment allotment, int statusCode,
                       List<Transition> actions) {

        public Step {
            if (key == null || name == null || role == null || unit == null || allotment == null) {
                throw new IllegalArgumentException("A step has a key, a name, a role, a unit and an allotment");
            }
            actions = ProcedureDefinition.copy(actions);
        }
    }

    /** Which unit holds the step. */
    public record UnitSelector(Kind kind, @Nullable String unitCode, @Nullable String step) {

        public UnitSelector {
            if (kind == null) throw new IllegalArgumentException("A unit selector has a kind");
        }

        public enum Kind {
            /** The unit that received the dossier (reception is boundary-free, so any reception point). */
            RECEIVING,
            /** The competent authority of the dossier (e.g. the commune where the applicant lives). */
            COMPETENT,
            /** One unit, named by its code. */
            NAMED,
            /** The parent unit of the unit holding another step (e.g. the People's Committee above a division). */
            PARENT_OF_STEP
        }

        public static UnitSelector receiving() {
            return new UnitSelector(Kind.RECEIVING, null, null);
        }

        public static UnitSelector competent() {
            return new UnitSelector(Kind.COMPETENT, null, null);
        }

        public static UnitSelector named(String unitCode) {
            return new UnitSelector(Kind.NAMED, unitCode, null);
        }

        public static UnitSelector parentOf(String step) {
            return new UnitSelector(Kind.PARENT_OF_STEP, null, step);
        }
    }

    /** The time a step may take: a number of working hours, or a share (0–1] of the legal limit. Exactly one is set. */
    public record Allotment(@Nullable BigDecimal hours, @Nullable BigDecimal share) {

        public static Allotment hours(double hours) {
            return new Allotment(BigDecimal.valueOf(hours).stripTrailingZeros(), null);
        }

        public static Allotment share(double share) {
            return new Allotment(null, BigDecimal.valueOf(share).stripTrailingZeros());
        }
    }

    /** An action allowed at a step and, for those that move the dossier, the step it goes to. */
    public record Transition(Action action, @Nullable String to) {

        public Transition {
            if (action == null) throw new IllegalArgumentException("A transition has an action");
        }

        public static Transition of(Action action) {
            return new Transition(action, null);
        }

        public static Transition to(Action action, String step) {
            return new Transition(action, step);
        }
    }

    /** What an officer may do to a dossier at a step. */
    public enum Action {
        FORWARD(Move.TO_STEP), SEND_BACK(Move.TO_STEP), PROPOSE(Move.TO_STEP), APPROVE(Move.TO_STEP), TRANSFER(Move.TO_STEP),
        REQUEST_SUPPLEMENT(Move.STAYS), REQUEST_FINANCIAL_OBLIGATION(Move.STAYS),
        REFUSE(Move.ENDS), STOP(Move.ENDS), RETURN_RESULT(Move.ENDS);

        /** Where the dossier goes: to another step, nowhere (it waits at the step), or out of the workflow. */
        public enum Move { TO_STEP, STAYS, ENDS }

        private final Move move;

        Action(Move move) {
            this.move = move;
        }

        public Move move() {
            return move;
        }

        /** The national status code the action gives the dossier, or null when the target step's code applies. */
        public @Nullable Integer statusCode() {
            return switch (this) {
                case REFUSE -> 3;
                case REQUEST_SUPPLEMENT -> 5;
                case REQUEST_FINANCIAL_OBLIGATION -> 6;
                case STOP -> 8;
                case RETURN_RESULT -> 10;
                default -> null;
            };
        }
    }
}
