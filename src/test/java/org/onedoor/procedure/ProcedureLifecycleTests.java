package org.onedoor.procedure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.onedoor.procedure.Definitions.commune;
import static org.onedoor.procedure.Definitions.procedure;

import java.time.Duration;
import java.util.ArrayList;
import org.junit.jupiter.api.Test;
import org.onedoor.DatabaseTest;
import org.onedoor.TestClock;
import org.onedoor.calendar.TimeLimit;
import org.onedoor.procedure.ProcedureVersion.Origin;
import org.onedoor.procedure.ProcedureVersion.State;
import org.onedoor.procedure.Workflow.Allotment;
import org.onedoor.procedure.Workflow.Transition;
import org.onedoor.procedure.Workflow.UnitSelector;
import org.onedoor.procedure.seed.CityProcedureImport;
import org.onedoor.shared.TenantId;
import org.onedoor.shared.Violation;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Versions of a city's procedure: drafts change, published versions never do, and each day has one version in force. */
@DatabaseTest
class ProcedureLifecycleTests {

    static final TenantId HANOI = new TenantId("hanoi");

    @Autowired
    Procedures procedures;
    @Autowired
    TestClock clock;
    @Autowired
    CityProcedureImport imports;
    @Autowired
    JdbcClient jdbc;

    @Test
    void aDossierReceivedUnderTheOldVersionKeepsItWhenANewOneIsPublished() {
        var code = "T.LIFE1";
        procedures.create(HANOI, procedure(code, commune()), Origin.EDITOR, "admin");
        var today = procedures.today(HANOI);
        var first = procedures.publish(HANOI, code, 1, today, "Quyết định 1/QĐ-UBND", "admin");
        // What a dossier received today keeps: the id of the version in force.
        var received = procedures.inForce(HANOI, code, today).orElseThrow();
        assertThat(received.id()).isEqualTo(first.id());

        var draft = procedures.draft(HANOI, code, "admin");
        procedures.update(HANOI, code, draft.number(), draft.revision(), Definitions.withTime(draft.definition(), TimeLimit.workingDays(3)), "admin");
        var second = procedures.publish(HANOI, code, 2, today.plusDays(7), "Quyết định 2/QĐ-UBND", "admin");

        var kept = procedures.version(received.id()).orElseThrow();
        assertThat(kept.definition().timeLimit().limit()).isEqualTo(TimeLimit.workingDays(5));
        assertThat(kept.definition()).isEqualTo(first.definition());
        assertThat(kept.effectiveTo()).as("the old version ends when the new one starts").isEqualTo(today.plusDays(7));
        assertThat(procedures.inForce(HANOI, code, today.plusDays(6)).orElseThrow().number()).isEqualTo(1);
        assertThat(procedures.inForce(HANOI, code, today.plusDays(7)).orElseThrow().id()).isEqualTo(second.id());
        assertThat(procedures.inForce(HANOI, code, today.plusDays(7)).orElseThrow().definition().timeLimit().limit())
                .isEqualTo(TimeLimit.workingDays(3));
        assertThatThrownBy(() -> procedures.update(HANOI, code, 1, kept.revision(), procedure(code, commune()), "admin"))
                .isInstanceOf(Procedures.NotADraft.class);
    }

    @Test
    void anInvalidWorkflowCannotBePublishedAndEveryViolationIsReported() {
        var code = "T.LIFE2";
        var steps = new ArrayList<>(commune().steps());
        steps.set(1, Definitions.step("processing", "JANITOR", UnitSelector.competent(), Allotment.hours(80), 4,
                Transition.to(Workflow.Action.PROPOSE, "approval")));
        steps.set(2, Definitions.step("approval", "UNIT_LEADER", UnitSelector.competent(), Allotment.hours(4), 4,
                Transition.of(Workflow.Action.REQUEST_SUPPLEMENT)));
        procedures.create(HANOI, procedure(code, new Workflow(null, steps)), Origin.EDITOR, "admin");

        assertThatThrownBy(() -> procedures.publish(HANOI, code, 1, procedures.today(HANOI), "QĐ", "admin"))
                .isInstanceOfSatisfying(Procedures.Invalid.class, e -> assertThat(e.violations()).extracting(Violation::code)
                        .contains("step-dead-end", "allotments-over-limit", "step-role-unknown"));
        assertThat(procedures.version(HANOI, code, 1).state()).isEqualTo(State.DRAFT);
        assertThat(procedures.inForce(HANOI, code, procedures.today(HANOI))).isEmpty();
    }

    @Test
    void publishingInThePastOrBeforeTheVersionInForceIsRefused() {
        var code = "T.LIFE3";
        procedures.create(HANOI, procedure(code, commune()), Origin.EDITOR, "admin");
        var today = procedures.today(HANOI);
        assertThatThrownBy(() -> procedures.publish(HANOI, code, 1, today.minusDays(1), "QĐ", "admin"))
                .isInstanceOf(Procedures.BadEffectiveDate.class);
        procedures.publish(HANOI, code, 1, today.plusDays(3), "QĐ", "admin");
        procedures.draft(HANOI, code, "admin");
        assertThatThrownBy(() -> procedures.publish(HANOI, code, 2, today.plusDays(3), "QĐ", "admin"))
                .isInstanceOf(Procedures.BadEffectiveDate.class);
        assertThatThrownBy(() -> procedures.draft(HANOI, code, "admin")).isInstanceOf(Procedures.DraftExists.class);
    }

    @Test
    void aStaleRevisionIsRefusedAndChangesNothing() {
        var code = "T.LIFE4";
        var created = procedures.create(HANOI, procedure(code, commune()), Origin.EDITOR, "admin");
        var edited = procedures.update(HANOI, code, 1, created.revision(), Definitions.withTime(created.definition(), TimeLimit.workingDays(2)), "admin");
        assertThat(edited.revision()).isEqualTo(created.revision() + 1);
        assertThatThrownBy(() -> procedures.update(HANOI, code, 1, created.revision(), procedure(code, commune()), "admin"))
                .isInstanceOf(Procedures.StaleRevision.class);
        assertThat(procedures.version(HANOI, code, 1).definition().timeLimit().limit()).isEqualTo(TimeLimit.workingDays(2));
    }

    @Test
    void retiringEndsTheProcedureFromADate() {
        var code = "T.LIFE5";
        procedures.create(HANOI, procedure(code, commune()), Origin.EDITOR, "admin");
        var today = procedures.today(HANOI);
        procedures.publish(HANOI, code, 1, today, "QĐ 1", "admin");
        var retired = procedures.retire(HANOI, code, 1, today.plusDays(2), "QĐ bãi bỏ", "admin");
        assertThat(retired.state()).isEqualTo(State.RETIRED);
        assertThat(procedures.inForce(HANOI, code, today.plusDays(1))).isPresent();
        assertThat(procedures.inForce(HANOI, code, today.plusDays(2))).isEmpty();
        clock.advance(Duration.ofDays(3));
        assertThat(retired.phase(procedures.today(HANOI))).isEqualTo("RETIRED");
    }

    @Test
    void theDiffNamesEachChangedField() {
        var code = "T.LIFE6";
        procedures.create(HANOI, procedure(code, commune()), Origin.EDITOR, "admin");
        procedures.publish(HANOI, code, 1, procedures.today(HANOI), "QĐ", "admin");
        var draft = procedures.draft(HANOI, code, "admin");
        procedures.update(HANOI, code, 2, draft.revision(), Definitions.withTime(draft.definition(), TimeLimit.workingDays(3)), "admin");
        var changes = ProcedureDiff.between(procedures.version(HANOI, code, 1).definition(), procedures.version(HANOI, code, 2).definition(),
                new ProcedureJson());
        assertThat(changes).containsExactly(new ProcedureDiff.Change("/timeLimit/limit/value", "5", "3"));
    }

    @Test
    void theCityImportOfTheCatalogueIsRepeatableAndFlagsWhatTheSourceLeavesOpen() {
        var report = imports.importInto(HANOI);
        assertThat(report.read()).isEqualTo(568);
        assertThat(report.created()).as("a second import changes nothing").isZero();
        assertThat(report.problems()).as("the one record whose page lists no channel is reported, not imported")
                .singleElement().asString().contains("1.009824", "no channel");
        assertThat(report.unchanged()).isEqualTo(567);
        assertThat(report.components()).as("papers cleaned from the flattened portal tables").isEqualTo(3_779);
        assertThat(report.componentsUnparsed()).as("records with text left over: 22 without a table, 4 with stray text").isEqualTo(26);
        assertThat(report.timesUnknown()).as("procedures whose time limit is a bare number").isEqualTo(197);

        var birth = procedures.current(HANOI, "1.001193");
        assertThat(birth.definition().timeLimit().known()).as("the portal shows a bare 1: never guessed").isFalse();
        assertThat(birth.flags()).contains("TIME_LIMIT_UNKNOWN");
        assertThat(birth.definition().components()).anySatisfy(c -> {
            assertThat(c.name().in(java.util.Locale.of("vi"))).startsWith("Giấy chứng sinh");
            assertThat(c.originals()).isEqualTo(1);
        });
        assertThat(birth.definition().results()).extracting(r -> r.in(java.util.Locale.of("vi"))).contains("Giấy khai sinh");
        // what every applicant must hand in: the birth certificate only; the paper form is for counter and postal
        // applicants ("nếu … trực tiếp …"), the e-form for online ones ("…, nếu … trực tuyến"), the rest depends on the
        // case, is shown at the counter, or is a note
        assertThat(birth.definition().components().stream().filter(ProcedureDefinition.Component::mandatory)
                .map(c -> c.name().in(java.util.Locale.of("vi")))).singleElement().asString().startsWith("Giấy chứng sinh");
        assertThat(birth.definition().components()).as("nothing dropped").hasSize(33);
        assertThat(birth.definition().workflow().template()).isEqualTo("commune-3-steps");
        var flagged = jdbc.sql("select count(*) from procedure.procedure_version where tenant = 'hanoi' and 'TIME_LIMIT_UNKNOWN' = any (flags)")
                .query(Long.class).single();
        assertThat(flagged).isGreaterThanOrEqualTo(report.timesUnknown());
    }
}
