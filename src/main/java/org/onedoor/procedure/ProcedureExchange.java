package org.onedoor.procedure;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.onedoor.shared.LocalizedText;
import org.onedoor.shared.Problem;
import org.onedoor.shared.TenantId;
import org.onedoor.shared.Violation;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Hands one city's procedures and workflow templates to another as JSON (Hanoi to Vientiane): the export carries each
 * procedure's version in force (or its latest version) and the city's templates; the import makes them drafts of the
 * receiving city — never published directly, since its units, roles and legal bases must be checked — and its
 * templates the city's own. A bundle that breaks a rule is refused whole, with every violation; nothing is changed.
 */
@Service
@Transactional
public class ProcedureExchange {

    public static final String FORMAT = "onedoor.procedures/1";

    /** The exchanged document. */
    public record Bundle(String format, String tenant, Instant exportedAt, List<SharedTemplate> templates, List<SharedProcedure> procedures) {
        public Bundle {
            templates = ProcedureDefinition.copy(templates);
            procedures = ProcedureDefinition.copy(procedures);
        }
    }

    public record SharedTemplate(String key, LocalizedText name, ProcedureDefinition.@Nullable Level defaultFor, Workflow workflow) {
    }

    public record SharedProcedure(int version, @Nullable LocalDate effectiveFrom, ProcedureDefinition definition) {
        public SharedProcedure {
            if (definition == null) throw new IllegalArgumentException("A shared procedure has its definition");
        }
    }

    /** What an import did: drafts made, templates taken over, and what each draft must still settle before publishing. */
    public record Report(int drafts, int templates, List<Finding> findings) {
    }

    public record Finding(String code, List<Violation> violations) {
    }

    public static class Refused extends Problem {
        public Refused(List<Violation> violations) {
            super("procedure-bundle-invalid", Kind.UNPROCESSABLE, violations, violations.size());
        }
    }

    private final Procedures procedures;
    private final WorkflowTemplates templates;
    private final Clock clock;

    ProcedureExchange(Procedures procedures, WorkflowTemplates templates, Clock clock) {
        this.procedures = procedures;
        this.templates = templates;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public Bundle export(TenantId tenant, @Nullable Collection<String> codes) {
        var today = procedures.today(tenant);
        var shared = new ArrayList<SharedProcedure>();
        for (var latest : procedures.latest(tenant)) {
            if (codes != null && !codes.isEmpty() && !codes.contains(latest.code())) continue;
            var version = procedures.inForce(tenant, latest.code(), today).orElse(latest);
            shared.add(new SharedProcedure(version.number(), version.effectiveFrom(), version.definition()));
        }
        var owned = templates.templates(tenant).stream()
                .map(t -> new SharedTemplate(t.key(), t.name(), t.defaultFor(), t.workflow())).toList();
        return new Bundle(FORMAT, tenant.value(), clock.instant(), owned, shared);
    }

    public Report importBundle(TenantId tenant, Bundle bundle, String actor) {
        var violations = new ArrayList<Violation>();
        if (!FORMAT.equals(bundle.format())) violations.add(Violation.of("bundle-format", "/format", String.valueOf(bundle.format()), FORMAT));
        var seen = new java.util.HashSet<String>();
        for (int i = 0; i < bundle.procedures().size(); i++) {
            var definition = bundle.procedures().get(i).definition();
            if (!Procedures.CODE.matcher(definition.code()).matches()) {
                violations.add(Violation.of("procedure-code", "/procedures/" + i + "/definition/code", definition.code()));
            } else if (!seen.add(definition.code())) {
                violations.add(Violation.of("bundle-procedure-twice", "/procedures/" + i + "/definition/code", definition.code()));
            }
        }
        for (int i = 0; i < bundle.templates().size(); i++) {
            var key = bundle.templates().get(i).key();
            if (key == null || !key.matches("[a-z][a-z0-9-]{0,39}")) violations.add(Violation.of("template-key", "/templates/" + i + "/key", String.valueOf(key)));
        }
        if (!violations.isEmpty()) throw new Refused(violations);
        for (var template : bundle.templates()) {
            templates.override(tenant, template.key(), template.name(), template.defaultFor(), template.workflow(), actor);
        }
        var findings = new ArrayList<Finding>();
        for (var shared : bundle.procedures()) {
            var draft = procedures.offer(tenant, shared.definition(), ProcedureVersion.Origin.SHARED, actor);
            var result = procedures.validate(tenant, draft.definition());
            if (!result.violations().isEmpty() || !result.warnings().isEmpty()) {
                var all = new ArrayList<>(result.violations());
                all.addAll(result.warnings());
                findings.add(new Finding(draft.code(), all));
            }
        }
        return new Report(bundle.procedures().size(), bundle.templates().size(), findings);
    }
}
