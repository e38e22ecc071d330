package org.onedoor.procedure;

import java.math.BigDecimal;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;
import org.onedoor.procedure.Workflow.Action;
import org.onedoor.procedure.Workflow.Step;
import org.onedoor.shared.Violation;

/**
 * Checks a procedure document before it may be published and reports every rule broken at once, each with a JSON
 * pointer into the document: the workflow has an entry and every path from it ends with a returned result; no step is
 * a dead end or unreachable; moves name existing steps and go forward without loops (rework goes through
 * {@code SEND_BACK}); the allotments of the longest path fit the legal limit; roles and unit selectors resolve.
 * Warnings do not block publishing: they flag what an administrator should settle, such as a time limit whose unit
 * the source did not give.
 */
public final class Validation {

    /** The outcome: violations block publishing, warnings do not. */
    public record Findings(List<Violation> violations, List<Violation> warnings) {

        public boolean valid() {
            return violations.isEmpty();
        }
    }

    private static final Set<Integer> STEP_CODES = Set.of(2, 4, 9);
    private static final BigDecimal TWO = BigDecimal.valueOf(2);

    private final Set<String> roles;
    private final Predicate<String> unitExists;
    private final List<Violation> violations = new ArrayList<>();
    private final List<Violation> warnings = new ArrayList<>();

    private Validation(Set<String> roles, Predicate<String> unitExists) {
        this.roles = roles;
        this.unitExists = unitExists;
    }

    /**
     * @param roles      the role codes staff can hold
     * @param unitExists whether a unit code names a unit of the city today
     */
    public static Findings of(ProcedureDefinition procedure, Set<String> roles, Predicate<String> unitExists) {
        var validation = new Validation(roles, unitExists);
        validation.procedure(procedure);
        validation.workflow(procedure);
        return new Findings(List.copyOf(validation.violations), List.copyOf(validation.warnings));
    }

    private void violation(String code, String pointer, Object... arguments) {
        violations.add(Violation.of(code, pointer, arguments));
    }

    private void procedure(ProcedureDefinition p) {
        if (!Procedures.CODE.matcher(p.code()).matches()) violation("procedure-code", "/code", p.code());
        if (p.levels().isEmpty()) violation("procedure-no-level", "/levels");
        if (p.applicantTypes().isEmpty()) violation("procedure-no-applicant", "/applicantTypes");
        if (p.channels().isEmpty()) violation("procedure-no-channel", "/channels");
        var seen = EnumSet.noneOf(ProcedureDefinition.Channel.class);
        for (int i = 0; i < p.channels().size(); i++) {
            var terms = p.channels().get(i);
            if (!seen.add(terms.channel())) violation("channel-twice", "/channels/" + i, terms.channel());
            var fee = terms.fee();
            switch (fee.kind()) {
                case AMOUNT -> {
                    if (fee.amount() == null || fee.amount() < 0 || fee.currency() == null || !fee.currency().matches("[A-Z]{3}")) {
                        violation("fee-amount", "/channels/" + i + "/fee", terms.channel());
                    }
                }
                case RULE -> {
                    if (fee.note() == null) violation("fee-rule", "/channels/" + i + "/fee", terms.channel());
                }
                case FREE -> {
                }
            }
            if (terms.timeLimit() != null && !terms.timeLimit().known()) {
                warnings.add(Violation.of("time-limit-unknown", "/channels/" + i + "/timeLimit", String.valueOf(terms.timeLimit().statedText())));
            }
        }
        if (p.onlineLevel() != ProcedureDefinition.OnlineLevel.NONE && !seen.contains(ProcedureDefinition.Channel.ONLINE)) {
            violation("online-without-channel", "/onlineLevel", p.onlineLevel());
        }
        if (p.onlineLevel() == ProcedureDefinition.OnlineLevel.NONE && seen.contains(ProcedureDefinition.Channel.ONLINE)) {
            violation("online-channel-not-offered", "/onlineLevel");
        }
        for (int i = 0; i < p.components().size(); i++) {
            var c = p.components().get(i);
            if (c.originals() < 0 || c.copies() < 0) violation("component-count", "/components/" + i, c.name().in(java.util.Locale.ROOT));
        }
        if (!p.timeLimit().known()) {
            warnings.add(Violation.of("time-limit-unknown", "/timeLimit", String.valueOf(p.timeLimit().statedText())));
        }
    }

    private void workflow(ProcedureDefinition p) {
        var steps = p.workflow().steps();
        if (steps.isEmpty()) {
            violation("workflow-empty", "/workflow/steps");
            return;
        }
        var index = new HashMap<String, Integer>();
        for (int i = 0; i < steps.size(); i++) {
            var step = steps.get(i);
            var at = "/workflow/steps/" + i;
            if (!step.key().matches("[a-z][a-z0-9-]{0,39}")) violation("step-key", at + "/key", step.key());
            if (index.putIfAbsent(step.key(), i) != null) violation("step-key-twice", at + "/key", step.key());
            if (!roles.contains(step.role())) violation("step-role-unknown", at + "/role", step.key(), step.role());
            if (!STEP_CODES.contains(step.statusCode())) violation("step-status-code", at + "/statusCode", step.key(), step.statusCode());
            allotment(step, at);
        }
        if (steps.getFirst().statusCode() == 9) violation("entry-is-result", "/workflow/steps/0/statusCode", steps.getFirst().key());
        // Selectors and moves, now that every key is known.
        var forward = new HashMap<String, List<String>>();
        var all = new HashMap<String, List<String>>();
        var ending = new HashSet<String>();
        boolean returnsResult = false;
        for (int i = 0; i < steps.size(); i++) {
            var step = steps.get(i);
            var at = "/workflow/steps/" + i;
            selector(step, at, index, steps);
            boolean exit = false;
            var actionsSeen = EnumSet.noneOf(Action.class);
            for (int j = 0; j < step.actions().size(); j++) {
                var t = step.actions().get(j);
                var here = at + "/actions/" + j;
                if (!actionsSeen.add(t.action()) && t.action().move() != Action.Move.TO_STEP) {
                    violation("action-twice", here, step.key(), t.action());
                }
                switch (t.action().move()) {
                    case TO_STEP -> {
                        if (t.to() == null || !index.containsKey(t.to())) {
                            violation("action-target-unknown", here, step.key(), t.action(), String.valueOf(t.to()));
                            continue;
                        }
                        if (t.to().equals(step.key())) {
                            violation("action-target-self", here, step.key(), t.action());
                            continue;
                        }
                        exit = true;
                        all.computeIfAbsent(step.key(), k -> new ArrayList<>()).add(t.to());
                        if (t.action() != Action.SEND_BACK) forward.computeIfAbsent(step.key(), k -> new ArrayList<>()).add(t.to());
                    }
                    case ENDS -> {
                        if (t.to() != null) violation("action-target-not-allowed", here, step.key(), t.action());
                        exit = true;
                        if (t.action() == Action.RETURN_RESULT) {
                            ending.add(step.key());
                            returnsResult = true;
                        }
                        if (t.action() == Action.REFUSE && i != 0) violation("refuse-after-reception", here, step.key());
                    }
                    case STAYS -> {
                        if (t.to() != null) violation("action-target-not-allowed", here, step.key(), t.action());
                    }
                }
            }
            if (!exit) violation("step-dead-end", at + "/actions", step.key());
        }
        if (!returnsResult) violation("workflow-no-result", "/workflow/steps");
        var entry = steps.getFirst().key();
        var reachable = reach(entry, all);
        for (int i = 0; i < steps.size(); i++) {
            var key = steps.get(i).key();
            if (!reachable.contains(key)) violation("step-unreachable", "/workflow/steps/" + i, key);
        }
        // Every path ends: from each reachable step, a step that returns the result can still be reached.
        if (returnsResult) {
            var reverse = new HashMap<String, List<String>>();
            all.forEach((from, tos) -> tos.forEach(to -> reverse.computeIfAbsent(to, k -> new ArrayList<>()).add(from)));
            var canFinish = new HashSet<String>();
            for (var end : ending) canFinish.addAll(reach(end, reverse));
            for (int i = 0; i < steps.size(); i++) {
                var key = steps.get(i).key();
                if (reachable.contains(key) && !canFinish.contains(key) && index.get(key) == i) {
                    violation("step-never-ends", "/workflow/steps/" + i, key);
                }
            }
        }
        var order = topologicalOrder(steps, forward);
        if (order == null) {
            violation("workflow-forward-loop", "/workflow/steps");
            return;
        }
        fitsLegalLimit(p, order, forward, index);
    }

    private void allotment(Step step, String at) {
        var a = step.allotment();
        if ((a.hours() == null) == (a.share() == null)) {
            violation("allotment-one-of", at + "/allotment", step.key());
            return;
        }
        if (a.hours() != null && (a.hours().signum() <= 0 || a.hours().multiply(TWO).stripTrailingZeros().scale() > 0)) {
            violation("allotment-hours", at + "/allotment/hours", step.key(), a.hours().toPlainString());
        }
        if (a.share() != null && (a.share().signum() <= 0 || a.share().compareTo(BigDecimal.ONE) > 0)) {
            violation("allotment-share", at + "/allotment/share", step.key(), a.share().toPlainString());
        }
    }

    private void selector(Step step, String at, Map<String, Integer> index, List<Step> steps) {
        var selector = step.unit();
        switch (selector.kind()) {
            case NAMED -> {
                if (selector.unitCode() == null || !unitExists.test(selector.unitCode())) {
                    violation("selector-unit-unknown", at + "/unit", step.key(), String.valueOf(selector.unitCode()));
                }
            }
            case PARENT_OF_STEP -> {
                // Follow the chain of "parent of step" selectors: it must end in a step with a concrete unit.
                var seen = new HashSet<String>();
                var current = step;
                while (current.unit().kind() == Workflow.UnitSelector.Kind.PARENT_OF_STEP) {
                    var next = current.unit().step();
                    if (next == null || !index.containsKey(next)) {
                        violation("selector-step-unknown", at + "/unit", step.key(), String.valueOf(next));
                        return;
                    }
                    if (!seen.add(next)) {
                        violation("selector-loop", at + "/unit", step.key());
                        return;
                    }
                    current = steps.get(index.get(next));
                }
            }
            case RECEIVING, COMPETENT -> {
                if (selector.unitCode() != null || selector.step() != null) violation("selector-extra", at + "/unit", step.key());
            }
        }
    }

    private void fitsLegalLimit(ProcedureDefinition p, List<String> order, Map<String, List<String>> forward, Map<String, Integer> index) {
        var steps = p.workflow().steps();
        var limitHours = p.timeLimit().hours();
        boolean anyHours = steps.stream().anyMatch(s -> s.allotment().hours() != null);
        if (limitHours == null && anyHours) {
            violation("allotment-limit-unknown", "/timeLimit");
            return;
        }
        // Longest path (in allotted hours, shares of the limit counted against it) from the entry, forward moves only.
        var longest = new HashMap<String, BigDecimal>();
        var entry = steps.getFirst().key();
        longest.put(entry, cost(steps.getFirst(), limitHours));
        for (var key : order) {
            var here = longest.get(key);
            if (here == null) continue;
            for (var next : forward.getOrDefault(key, List.of())) {
                var total = here.add(cost(steps.get(index.get(next)), limitHours));
                longest.merge(next, total, BigDecimal::max);
            }
        }
        var worst = longest.values().stream().reduce(BigDecimal.ZERO, BigDecimal::max);
        var capacity = limitHours == null ? BigDecimal.ONE : limitHours;
        if (worst.compareTo(capacity) > 0) {
            violation("allotments-over-limit", "/workflow/steps", worst.stripTrailingZeros().toPlainString(),
                    capacity.stripTrailingZeros().toPlainString(), limitHours == null ? "share" : "hours");
        }
    }

    /** A step's allotment in hours, or, when the limit is unknown (only shares are then allowed), as a share. */
    private static BigDecimal cost(Step step, @Nullable BigDecimal limitHours) {
        var a = step.allotment();
        if (a.hours() != null) return a.hours();
        if (a.share() == null) return BigDecimal.ZERO;
        return limitHours == null ? a.share() : a.share().multiply(limitHours);
    }

    private static Set<String> reach(String from, Map<String, List<String>> edges) {
        var seen = new HashSet<String>();
        var queue = new ArrayDeque<String>();
        queue.add(from);
        seen.add(from);
        while (!queue.isEmpty()) {
            for (var next : edges.getOrDefault(queue.poll(), List.of())) {
                if (seen.add(next)) queue.add(next);
            }
        }
        return seen;
    }

    /** Kahn's algorithm over the forward moves; null when they loop. */
    private static @Nullable List<String> topologicalOrder(List<Step> steps, Map<String, List<String>> forward) {
        var incoming = new HashMap<String, Integer>();
        steps.forEach(s -> incoming.putIfAbsent(s.key(), 0));
        forward.values().forEach(tos -> tos.forEach(to -> incoming.merge(to, 1, Integer::sum)));
        var queue = new ArrayDeque<String>();
        incoming.forEach((k, n) -> {
            if (n == 0) queue.add(k);
        });
        var order = new ArrayList<String>();
        while (!queue.isEmpty()) {
            var key = queue.poll();
            order.add(key);
            for (var to : forward.getOrDefault(key, List.of())) {
                if (incoming.merge(to, -1, Integer::sum) == 0) queue.add(to);
            }
        }
        return order.size() == incoming.size() ? order : null;
    }
}
