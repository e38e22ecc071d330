package org.onedoor.procedure;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.onedoor.audit.AuditRecord;
import org.onedoor.audit.AuditTrail;
import org.onedoor.shared.LocalizedText;
import org.onedoor.shared.Problem;
import org.onedoor.shared.TenantId;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reusable workflows. The built-in ones ship as data ({@code procedure/templates/*.json}, written to the database at
 * start-up when missing); a city may override any of them, or add its own, under the same key. The default template
 * of a level is the one a procedure of that level gets when imported from the national catalogue.
 */
@Service
@Transactional
@Order(15)
public class WorkflowTemplates implements ApplicationRunner {

    /** Built-in templates belong to no tenant. */
    static final String BUILT_IN = "*";

    /** A template as a city sees it: its own override if it has one. */
    public record Template(String key, LocalizedText name, ProcedureDefinition.@Nullable Level defaultFor, Workflow workflow,
                           boolean overridden) {
    }

    public static class UnknownTemplate extends Problem {
        public UnknownTemplate(String key) {
            super("workflow-template-not-found", Kind.NOT_FOUND, key);
        }
    }

    private final JdbcClient jdbc;
    private final ProcedureJson json;
    private final AuditTrail audit;
    private final Clock clock;

    WorkflowTemplates(JdbcClient jdbc, ProcedureJson json, AuditTrail audit, Clock clock) {
        this.jdbc = jdbc;
        this.json = json;
        this.audit = audit;
        this.clock = clock;
    }

    @Override
    public void run(ApplicationArguments args) {
        installBuiltIns();
    }

    /** Writes the shipped templates that the database does not have yet; an existing one is left as it is. */
    public int installBuiltIns() {
        int installed = 0;
        try {
            for (var resource : new PathMatchingResourcePatternResolver().getResources("classpath*:procedure/templates/*.json")) {
                Map<String, Object> raw;
                try (var in = resource.getInputStream()) {
                    raw = json.mapper().readValue(in, Map.class);
                }
                var name = json.mapper().convertValue(raw.get("name"), LocalizedText.class);
                var workflow = json.mapper().convertValue(raw.get("workflow"), Workflow.class);
                installed += jdbc.sql("""
                        insert into procedure.workflow_template (tenant, key, name, default_for, workflow, updated_at, updated_by)
                        values ('*', :key, :name::jsonb, :defaultFor, :workflow::jsonb, :now, 'system:templates') on conflict do nothing""")
                        .param("key", raw.get("key")).param("name", json.write(name)).param("defaultFor", raw.get("defaultFor"))
                        .param("workflow", json.write(workflow)).param("now", java.sql.Timestamp.from(clock.instant())).update();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return installed;
    }

    @Transactional(readOnly = true)
    public List<Template> templates(TenantId tenant) {
        var templates = new ArrayList<Template>();
        jdbc.sql("""
                select distinct on (key) key, name::text, default_for, workflow::text, tenant <> '*' as overridden
                from procedure.workflow_template where tenant in ('*', :tenant) order by key, (tenant = '*')""")
                .param("tenant", tenant.value()).query(rs -> {
                    var level = rs.getString(3);
                    templates.add(new Template(rs.getString(1), json.mapper().readValue(rs.getString(2), LocalizedText.class),
                            level == null ? null : ProcedureDefinition.Level.valueOf(level), json.workflow(rs.getString(4)), rs.getBoolean(5)));
                });
        return templates;
    }

    @Transactional(readOnly = true)
    public Template template(TenantId tenant, String key) {
        return templates(tenant).stream().filter(t -> t.key().equals(key)).findFirst().orElseThrow(() -> new UnknownTemplate(key));
    }

    /** The template a procedure of a level gets by default; the city's own default wins over the built-in one. */
    @Transactional(readOnly = true)
    public Optional<Template> defaultFor(TenantId tenant, ProcedureDefinition.Level level) {
        var key = jdbc.sql("""
                select key from procedure.workflow_template where tenant in ('*', :tenant) and default_for = :level
                order by (tenant = '*') limit 1""").param("tenant", tenant.value()).param("level", level.name())
                .query(String.class).optional();
        return key.map(k -> template(tenant, k));
    }

    /** The city's own version of a template (new or overriding a built-in one). */
    public Template override(TenantId tenant, String key, LocalizedText name, ProcedureDefinition.@Nullable Level defaultFor,
                             Workflow workflow, String actor) {
        if (defaultFor != null) {
            jdbc.sql("update procedure.workflow_template set default_for = null where tenant = :tenant and default_for = :level and key <> :key")
                    .param("tenant", tenant.value()).param("level", defaultFor.name()).param("key", key).update();
        }
        jdbc.sql("""
                insert into procedure.workflow_template (tenant, key, name, default_for, workflow, updated_at, updated_by)
                values (:tenant, :key, :name::jsonb, :defaultFor, :workflow::jsonb, :now, :actor)
                on conflict (tenant, key) do update set name = excluded.name, default_for = excluded.default_for,
                  workflow = excluded.workflow, updated_at = excluded.updated_at, updated_by = excluded.updated_by""")
                .param("tenant", tenant.value()).param("key", key).param("name", json.write(name))
                .param("defaultFor", defaultFor == null ? null : defaultFor.name()).param("workflow", json.write(workflow))
                .param("now", java.sql.Timestamp.from(clock.instant())).param("actor", actor).update();
        audit.record(AuditRecord.of(tenant.value(), actor, "workflow-template.override", "workflow-template", key)
                .changing(null, json.write(workflow)));
        return template(tenant, key);
    }
}
