package org.onedoor.procedure;

import java.util.List;
import org.onedoor.calendar.TimeLimit;
import org.onedoor.procedure.ProcedureDefinition.ApplicantType;
import org.onedoor.procedure.ProcedureDefinition.Channel;
import org.onedoor.procedure.ProcedureDefinition.ChannelTerms;
import org.onedoor.procedure.ProcedureDefinition.Fee;
import org.onedoor.procedure.ProcedureDefinition.LegalTime;
import org.onedoor.procedure.ProcedureDefinition.Level;
import org.onedoor.procedure.ProcedureDefinition.OnlineLevel;
import org.onedoor.procedure.Workflow.Action;
import org.onedoor.procedure.Workflow.Allotment;
import org.onedoor.procedure.Workflow.Step;
import org.onedoor.procedure.Workflow.Transition;
import org.onedoor.procedure.Workflow.UnitSelector;
import org.onedoor.shared.LocalizedText;

/** Procedure documents for tests: a valid commune procedure of three steps and a return, and ways to break it. */
public final class Definitions {

    private Definitions() {
    }

    public static Step step(String key, String role, UnitSelector unit, Allotment allotment, int status, Transition... actions) {
        return new Step(key, LocalizedText.of("vi", "Bước " + key), role, unit, allotment, status, List.of(actions));
    }

    public static Workflow commune() {
        return new Workflow(null, List.of(
                step("reception", "CLERK", UnitSelector.receiving(), Allotment.hours(4), 2,
                        Transition.to(Action.FORWARD, "processing"), Transition.of(Action.REQUEST_SUPPLEMENT), Transition.of(Action.REFUSE)),
                step("processing", "SPECIALIST", UnitSelector.competent(), Allotment.share(0.5), 4,
                        Transition.to(Action.PROPOSE, "approval"), Transition.to(Action.SEND_BACK, "reception")),
                step("approval", "UNIT_LEADER", UnitSelector.competent(), Allotment.hours(4), 4,
                        Transition.to(Action.APPROVE, "result"), Transition.to(Action.SEND_BACK, "processing")),
                step("result", "CLERK", UnitSelector.receiving(), Allotment.hours(2), 9, Transition.of(Action.RETURN_RESULT))));
    }

    /** A valid procedure: 5 working days, free online, 50,000 đồng at the counter. */
    public static ProcedureDefinition procedure(String code, Workflow workflow) {
        return new ProcedureDefinition(code, LocalizedText.of("Cấp giấy phép thử nghiệm " + code, "Test permit " + code, ""),
                LocalizedText.of("vi", "Thử nghiệm"), "UBND thành phố", "1/QĐ-TEST", List.of(Level.COMMUNE), List.of("WARD"),
                List.of(ApplicantType.CITIZEN),
                List.of(new ProcedureDefinition.Component(null, LocalizedText.of("vi", "Tờ khai"), 1, 0, true, "Mẫu 01", true)),
                List.of(new ChannelTerms(Channel.DIRECT, Fee.amount(50_000, "VND", null), null),
                        new ChannelTerms(Channel.ONLINE, Fee.free(null), null)),
                LegalTime.of(TimeLimit.workingDays(5)), OnlineLevel.FULL, true, "Luật thử nghiệm", List.of(LocalizedText.of("vi", "Giấy phép")),
                workflow);
    }

    public static ProcedureDefinition withTime(ProcedureDefinition p, TimeLimit limit) {
        return new ProcedureDefinition(p.code(), p.name(), p.field(), p.issuingBody(), p.decision(), p.levels(), p.competentUnitTypes(),
                p.applicantTypes(), p.components(), p.channels(), LegalTime.of(limit), p.onlineLevel(), p.boundaryFree(), p.legalBasis(),
                p.results(), p.workflow());
    }
}
