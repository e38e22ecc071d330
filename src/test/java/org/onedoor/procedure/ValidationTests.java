package org.onedoor.procedure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.onedoor.procedure.Definitions.commune;
import static org.onedoor.procedure.Definitions.procedure;
import static org.onedoor.procedure.Definitions.step;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.onedoor.calendar.TimeLimit;
import org.onedoor.procedure.ProcedureDefinition.LegalTime;
import org.onedoor.procedure.Workflow.Action;
import org.onedoor.procedure.Workflow.Allotment;
import org.onedoor.procedure.Workflow.Transition;
import org.onedoor.procedure.Workflow.UnitSelector;
import org.onedoor.shared.Violation;

/** The rules a workflow must keep before it can be published, each broken on its own and several at once. */
class ValidationTests {

    private static final Set<String> ROLES = Set.of("CLERK", "SPECIALIST", "UNIT_LEADER");

    private static Validation.Findings check(ProcedureDefinition p) {
        return Validation.of(p, ROLES, code -> code.equals("00004"));
    }

    private static List<String> codes(List<Violation> violations) {
        return violations.stream().map(Violation::code).toList();
    }

    @Test
    void acceptsAValidCommuneWorkflow() {
        var findings = check(procedure("T.1", commune()));
        assertThat(findings.violations()).isEmpty();
        assertThat(findings.valid()).isTrue();
    }

    @Test
    void reportsADeadEndAnOverLimitAllotmentAndAnUnknownRoleTogether() {
        var steps = new ArrayList<>(commune().steps());
        steps.set(1, step("processing", "JANITOR", UnitSelector.competent(), Allotment.hours(60), 4,
                Transition.to(Action.PROPOSE, "approval")));
        steps.set(2, step("approval", "UNIT_LEADER", UnitSelector.competent(), Allotment.hours(4), 4,
                Transition.of(Action.REQUEST_SUPPLEMENT)));
        var findings = check(procedure("T.1", new Workflow(null, steps)));

        assertThat(codes(findings.violations())).contains("step-dead-end", "allotments-over-limit", "step-role-unknown");
        assertThat(findings.violations()).filteredOn(v -> v.code().equals("step-dead-end")).singleElement()
                .satisfies(v -> assertThat(v.pointer()).isEqualTo("/workflow/steps/2/actions"));
        assertThat(findings.violations()).filteredOn(v -> v.code().equals("allotments-over-limit")).singleElement()
                .satisfies(v -> assertThat(v.arguments()).containsExactly("68", "40", "hours"));
        assertThat(findings.valid()).isFalse();
    }

    @Test
    void findsUnreachableStepsStepsThatNeverEndAndForwardLoops() {
        var steps = new ArrayList<>(commune().steps());
        steps.add(step("orphan", "CLERK", UnitSelector.receiving(), Allotment.hours(1), 4, Transition.of(Action.STOP)));
        steps.set(2, step("approval", "UNIT_LEADER", UnitSelector.competent(), Allotment.hours(4), 4,
                Transition.to(Action.FORWARD, "processing"), Transition.of(Action.STOP)));
        var findings = check(procedure("T.1", new Workflow(null, steps)));

        assertThat(codes(findings.violations()))
                .contains("step-unreachable", "workflow-forward-loop")
                .doesNotContain("step-dead-end");
        // The loop processing → approval → processing never reaches the result step.
        assertThat(findings.violations()).filteredOn(v -> v.code().equals("step-never-ends")).extracting(Violation::pointer)
                .contains("/workflow/steps/1", "/workflow/steps/2");
    }

    @Test
    void refusesTargetsThatDoNotExistRefusalAfterReceptionAndUnknownUnits() {
        var steps = new ArrayList<>(commune().steps());
        steps.set(1, step("processing", "SPECIALIST", UnitSelector.named("99999"), Allotment.share(0.5), 4,
                Transition.to(Action.PROPOSE, "approval"), Transition.to(Action.TRANSFER, "nowhere"), Transition.of(Action.REFUSE)));
        steps.set(2, step("approval", "UNIT_LEADER", UnitSelector.parentOf("ghost"), Allotment.hours(4), 4,
                Transition.to(Action.APPROVE, "result")));
        var findings = check(procedure("T.1", new Workflow(null, steps)));

        assertThat(codes(findings.violations())).contains("selector-unit-unknown", "action-target-unknown", "refuse-after-reception",
                "selector-step-unknown");
    }

    @Test
    void aNamedUnitThatExistsAndTheParentOfAStepResolve() {
        var steps = new ArrayList<>(commune().steps());
        steps.set(1, step("processing", "SPECIALIST", UnitSelector.named("00004"), Allotment.share(0.5), 4,
                Transition.to(Action.PROPOSE, "approval")));
        steps.set(2, step("approval", "UNIT_LEADER", UnitSelector.parentOf("processing"), Allotment.hours(4), 4,
                Transition.to(Action.APPROVE, "result")));
        assertThat(check(procedure("T.1", new Workflow(null, steps))).violations()).isEmpty();
    }

    @Test
    void anUnknownTimeUnitIsAWarningButHoursCannotBeCheckedAgainstIt() {
        var unknown = new ProcedureDefinition("T.1", procedure("T.1", commune()).name(), null, null, null,
                List.of(ProcedureDefinition.Level.COMMUNE), List.of(), List.of(ProcedureDefinition.ApplicantType.CITIZEN), List.of(),
                List.of(new ProcedureDefinition.ChannelTerms(ProcedureDefinition.Channel.DIRECT, ProcedureDefinition.Fee.free(null), null)),
                LegalTime.unknown(java.math.BigDecimal.ONE, "1"), ProcedureDefinition.OnlineLevel.NONE, false, null, List.of(), commune());
        var findings = check(unknown);
        assertThat(codes(findings.warnings())).containsExactly("time-limit-unknown");
        assertThat(codes(findings.violations())).containsExactly("allotment-limit-unknown");

        var sharesOnly = new Workflow(null, commune().steps().stream().map(s -> new Workflow.Step(s.key(), s.name(), s.role(), s.unit(),
                Allotment.share(0.25), s.statusCode(), s.actions())).toList());
        assertThat(check(unknown.withWorkflow(sharesOnly)).violations()).isEmpty();
    }

    @Test
    void withinTheDayAllowsEightWorkingHours() {
        var p = Definitions.withTime(procedure("T.1", commune()), TimeLimit.withinDay(java.time.LocalTime.of(15, 0)));
        // 4 + 0.5 × 8 + 4 + 2 = 14 hours > 8
        assertThat(codes(check(p).violations())).containsExactly("allotments-over-limit");
    }
}
