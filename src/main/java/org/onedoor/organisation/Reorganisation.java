package org.onedoor.organisation;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.onedoor.audit.AuditRecord;
import org.onedoor.audit.AuditTrail;
import org.onedoor.shared.LocalizedText;
import org.onedoor.shared.TenantId;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Changes the organisation tree the way the law does: by enactments that take effect on a date. Nothing is deleted;
 * a unit's version in force is closed on the effective date and its successor version, or a successor unit, starts
 * that day, with a link from predecessor to successor that lineage queries follow.
 */
@Service
@Transactional
public class Reorganisation {

    private final JdbcClient jdbc;
    private final OrganisationDirectory directory;
    private final ApplicationEventPublisher events;
    private final AuditTrail audit;

    Reorganisation(JdbcClient jdbc, OrganisationDirectory directory, ApplicationEventPublisher events, AuditTrail audit) {
        this.jdbc = jdbc;
        this.directory = directory;
        this.events = events;
        this.audit = audit;
    }

    /** A city joins the installation, or its description is corrected. */
    public void registerTenant(TenantId id, LocalizedText name, ZoneId zone, Locale defaultLocale, Currency currency) {
        jdbc.sql("""
                insert into organisation.tenant (id, name, time_zone, default_locale, currency)
                values (:id, cast(:name as jsonb), :zone, :locale, :currency)
                on conflict (id) do update set name = excluded.name, time_zone = excluded.time_zone,
                    default_locale = excluded.default_locale, currency = excluded.currency""")
                .param("id", id.value()).param("name", LocalizedTexts.toJson(name)).param("zone", zone.getId())
                .param("locale", defaultLocale.toLanguageTag()).param("currency", currency.getCurrencyCode()).update();
        directory.forgetTenant(id.value());
        if (org.springframework.transaction.support.TransactionSynchronizationManager.isSynchronizationActive()) {
            org.springframework.transaction.support.TransactionSynchronizationManager.registerSynchronization(
                    new org.springframework.transaction.support.TransactionSynchronization() {
                        @Override
                        public void afterCompletion(int status) {
                            directory.forgetTenant(id.value());
                        }
                    });
        }
    }

    /** A unit comes into being (or into the records) with no predecessor. */
    public boolean establish(TenantId tenant, Enactment act, NewUnit unit) {
        if (!record(tenant, act, ChangeKind.ESTABLISH)) return false;
        create(tenant, unit, act.effectiveDate());
        link(tenant, act, null, unit.id(), Share.FULL, false);
        announce(tenant, act, ChangeKind.ESTABLISH, List.of(), List.of(unit.id()));
        return true;
    }

    /** The unit takes a new name and, where given, a new code; it remains the same unit. */
    public boolean rename(TenantId tenant, Enactment act, UnitId unit, LocalizedText name, @Nullable String code) {
        if (!record(tenant, act, ChangeKind.RENAME)) return false;
        var current = inForceBefore(tenant, unit, act.effectiveDate());
        supersede(tenant, current, act.effectiveDate(), code == null ? current.code() : code, name, current.type(), current.parentId());
        link(tenant, act, unit, unit, Share.FULL, false);
        announce(tenant, act, ChangeKind.RENAME, List.of(unit), List.of(unit));
        return true;
    }

    /** The unit moves under another parent. */
    public boolean reparent(TenantId tenant, Enactment act, UnitId unit, UnitId parent) {
        if (!record(tenant, act, ChangeKind.REPARENT)) return false;
        var current = inForceBefore(tenant, unit, act.effectiveDate());
        supersede(tenant, current, act.effectiveDate(), current.code(), current.name(), current.type(), parent);
        link(tenant, act, unit, unit, Share.FULL, false);
        announce(tenant, act, ChangeKind.REPARENT, List.of(unit), List.of(unit));
        return true;
    }

    /** The unit changes type (a commune becomes a ward), usually with a new name. */
    public boolean reclassify(TenantId tenant, Enactment act, UnitId unit, UnitType type, @Nullable LocalizedText name) {
        if (!record(tenant, act, ChangeKind.RECLASSIFY)) return false;
        var current = inForceBefore(tenant, unit, act.effectiveDate());
        supersede(tenant, current, act.effectiveDate(), current.code(), name == null ? current.name() : name, type, current.parentId());
        link(tenant, act, unit, unit, Share.FULL, false);
        announce(tenant, act, ChangeKind.RECLASSIFY, List.of(unit), List.of(unit));
        return true;
    }

    /**
     * Several units become one (n→1). Every predecessor ends on the effective date, except an existing successor,
     * which continues (renamed where a new name is given). A predecessor taken in part may already have been ended
     * that same day by another merge of the same reform.
     */
    public boolean merge(TenantId tenant, Enactment act, List<Part> parts, Successor successor) {
        if (parts.isEmpty()) throw new RestructuringRefused("no-predecessors");
        if (!record(tenant, act, ChangeKind.MERGE)) return false;
        var day = act.effectiveDate();
        var successorId = switch (successor) {
            case Successor.Existing existing -> existing.id();
            case Successor.Created created -> created.unit().id();
            case Successor.Unknown unknown -> null;
        };
        if (successor instanceof Successor.Existing existing) {
            var current = inForceBefore(tenant, existing.id(), day);
            if (existing.newName() != null) {
                supersede(tenant, current, day, current.code(), existing.newName(), current.type(), current.parentId());
            }
        }
        // Predecessors end first: a new unit often takes the code of one of them on the same day.
        for (var part : parts) {
            if (!part.unit().equals(successorId)) end(tenant, part.unit(), day, part.share() == Share.PARTIAL);
        }
        if (successor instanceof Successor.Created created) create(tenant, created.unit(), day);
        for (var part : parts) link(tenant, act, part.unit(), successorId, part.share(), part.inferred());
        announce(tenant, act, ChangeKind.MERGE, parts.stream().map(Part::unit).toList(),
                successorId == null ? List.of() : List.of(successorId));
        return true;
    }

    /** One unit becomes several (1→n), each taking part of it; the unit ends unless it is itself one of them. */
    public boolean split(TenantId tenant, Enactment act, UnitId unit, List<Successor> successors) {
        if (successors.size() < 2) throw new RestructuringRefused("split-needs-two", successors.size());
        if (!record(tenant, act, ChangeKind.SPLIT)) return false;
        var day = act.effectiveDate();
        var successorIds = new ArrayList<UnitId>();
        var continues = false;
        for (var successor : successors) {
            switch (successor) {
                case Successor.Existing existing -> {
                    if (existing.id().equals(unit)) continues = true;
                    else inForceBefore(tenant, existing.id(), day);
                    successorIds.add(existing.id());
                }
                case Successor.Created created -> successorIds.add(created.unit().id());
                case Successor.Unknown unknown -> throw new RestructuringRefused("split-to-unknown");
            }
        }
        var current = inForceBefore(tenant, unit, day);
        if (!continues) {
            if (hasChildren(tenant, unit, day)) throw new RestructuringRefused("has-children", current.code(), day);
            end(tenant, unit, day, false);
        }
        for (var successor : successors) {
            if (successor instanceof Successor.Created created) create(tenant, created.unit(), day);
        }
        for (var successorId : successorIds) link(tenant, act, unit, successorId, Share.PARTIAL, false);
        announce(tenant, act, ChangeKind.SPLIT, List.of(unit), successorIds);
        return true;
    }

    /** The unit ceases to exist with no successor; it must have no unit under it that day. */
    public boolean dissolve(TenantId tenant, Enactment act, UnitId unit) {
        if (!record(tenant, act, ChangeKind.DISSOLVE)) return false;
        var current = inForceBefore(tenant, unit, act.effectiveDate());
        if (hasChildren(tenant, unit, act.effectiveDate())) {
            throw new RestructuringRefused("has-children", current.code(), act.effectiveDate());
        }
        end(tenant, unit, act.effectiveDate(), false);
        link(tenant, act, unit, null, Share.FULL, false);
        announce(tenant, act, ChangeKind.DISSOLVE, List.of(unit), List.of());
        return true;
    }

    private boolean record(TenantId tenant, Enactment act, ChangeKind kind) {
        return jdbc.sql("""
                insert into organisation.restructuring (tenant_id, id, kind, effective_date, legal_basis, note)
                values (:tenant, :id, :kind, :day, :basis, :note) on conflict do nothing""")
                .param("tenant", tenant.value()).param("id", act.id()).param("kind", kind.name())
                .param("day", act.effectiveDate()).param("basis", act.legalBasis()).param("note", act.note())
                .update() == 1;
    }

    private void link(TenantId tenant, Enactment act, @Nullable UnitId predecessor, @Nullable UnitId successor,
                      Share share, boolean inferred) {
        jdbc.sql("""
                insert into organisation.restructuring_link
                    (tenant_id, restructuring_id, predecessor_id, successor_id, share, inferred)
                values (:tenant, :act, :predecessor, :successor, :share, :inferred)""")
                .param("tenant", tenant.value()).param("act", act.id())
                .param("predecessor", predecessor == null ? null : predecessor.value())
                .param("successor", successor == null ? null : successor.value())
                .param("share", share.name()).param("inferred", inferred).update();
    }

    private void create(TenantId tenant, NewUnit unit, LocalDate day) {
        if (unit.parentId() != null && directory.unitOn(tenant, unit.parentId(), day).isEmpty()) {
            throw new RestructuringRefused("parent-not-in-force", unit.code(), day);
        }
        jdbc.sql("insert into organisation.unit (tenant_id, id) values (:tenant, :id)")
                .param("tenant", tenant.value()).param("id", unit.id().value()).update();
        insertVersion(tenant, unit.id(), day, unit.code(), unit.identifier(), unit.name(), unit.type(), unit.parentId(), unit.headPosition());
    }

    private void supersede(TenantId tenant, Unit current, LocalDate day, String code, LocalizedText name, UnitType type,
                           @Nullable UnitId parent) {
        if (current.validFrom().equals(day)) {
            throw new RestructuringRefused("changed-twice-same-day", current.code(), day);
        }
        if (parent != null && directory.unitOn(tenant, parent, day).isEmpty()) {
            throw new RestructuringRefused("parent-not-in-force", current.code(), day);
        }
        end(tenant, current.id(), day, false);
        insertVersion(tenant, current.id(), day, code, current.identifier(), name, type, parent, current.headPosition());
    }

    private void insertVersion(TenantId tenant, UnitId id, LocalDate day, String code, @Nullable String identifier,
                               LocalizedText name, UnitType type, @Nullable UnitId parent, @Nullable LocalizedText head) {
        var holder = directory.unitOn(tenant, code, day);
        var laterHolder = jdbc.sql("""
                select count(*) from organisation.unit_version
                 where tenant_id = :tenant and code = :code and unit_id <> :id and valid_from > :day""")
                .param("tenant", tenant.value()).param("code", code).param("id", id.value()).param("day", day)
                .query(Long.class).single();
        if ((holder.isPresent() && !holder.get().id().equals(id)) || laterHolder > 0) {
            throw new RestructuringRefused("code-in-use", code, day);
        }
        jdbc.sql("""
                insert into organisation.unit_version (tenant_id, unit_id, valid_from, code, identifier, name,
                    name_folded, type, level, parent_id, head_position)
                values (:tenant, :id, :day, :code, :identifier, cast(:name as jsonb), :folded, :type, :level, :parent,
                    cast(:head as jsonb))""")
                .param("tenant", tenant.value()).param("id", id.value()).param("day", day).param("code", code)
                .param("identifier", identifier).param("name", LocalizedTexts.toJson(name)).param("folded", name.folded())
                .param("type", type.name()).param("level", type.level().name())
                .param("parent", parent == null ? null : parent.value())
                .param("head", LocalizedTexts.toJsonOrNull(head)).update();
    }

    /** Closes the version in force the day before; for a partial share, a version already closed that day is fine. */
    private void end(TenantId tenant, UnitId unit, LocalDate day, boolean mayAlreadyHaveEnded) {
        var closed = jdbc.sql("""
                update organisation.unit_version set valid_to = :day
                 where tenant_id = :tenant and unit_id = :id and valid_from < :day and valid_to is null""")
                .param("tenant", tenant.value()).param("id", unit.value()).param("day", day).update();
        if (closed == 1) return;
        var endedThatDay = jdbc.sql("""
                select count(*) from organisation.unit_version
                 where tenant_id = :tenant and unit_id = :id and valid_to = :day""")
                .param("tenant", tenant.value()).param("id", unit.value()).param("day", day).query(Long.class).single();
        if (mayAlreadyHaveEnded && endedThatDay == 1) return;
        throw new RestructuringRefused("not-in-force", unit, day.minusDays(1));
    }

    private Unit inForceBefore(TenantId tenant, UnitId unit, LocalDate day) {
        return directory.unitOn(tenant, unit, day.minusDays(1))
                .filter(u -> u.validUntil() == null)
                .orElseThrow(() -> new RestructuringRefused("not-in-force", unit, day.minusDays(1)));
    }

    private boolean hasChildren(TenantId tenant, UnitId unit, LocalDate day) {
        return !directory.children(tenant, unit, day).isEmpty();
    }

    private void announce(TenantId tenant, Enactment act, ChangeKind kind, List<UnitId> predecessors, List<UnitId> successors) {
        audit.record(AuditRecord.of(tenant.value(), "system:organisation", "unit." + kind.name().toLowerCase(java.util.Locale.ROOT),
                        "restructuring", act.id().toString())
                .changing(predecessors.toString(), successors.toString()).with("effective", act.effectiveDate().toString())
                .with("legalBasis", act.legalBasis()).succeeded());
        events.publishEvent(new UnitsRestructured(tenant, act.id(), kind, act.effectiveDate(), predecessors, successors));
    }
}
