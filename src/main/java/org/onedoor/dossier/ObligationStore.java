package org.onedoor.dossier;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.onedoor.shared.TenantId;
import org.onedoor.shared.TimeOrderedIds;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The financial obligations of dossiers; written in the transaction of the action that asks for or settles one. */
@Repository
class ObligationStore {

    private static final RowMapper<Obligation> ROW = (rs, n) -> new Obligation(rs.getObject("id", UUID.class),
            rs.getObject("dossier_id", UUID.class), rs.getLong("amount"), Currency.getInstance(rs.getString("currency")),
            rs.getString("note"), rs.getObject("requested_at", OffsetDateTime.class).toInstant(),
            Optional.ofNullable(rs.getObject("settled_at", OffsetDateTime.class)).map(OffsetDateTime::toInstant).orElse(null),
            (Boolean) rs.getObject("online"), rs.getString("payment_ref"));

    private final JdbcClient jdbc;

    ObligationStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Obligation request(TenantId tenant, UUID dossier, long amount, Currency currency, @Nullable String note, Instant at, UUID by) {
        var id = TimeOrderedIds.at(at);
        jdbc.sql("""
                insert into dossier.obligation (id, tenant_id, dossier_id, amount, currency, note, requested_at, requested_by)
                values (:id, :t, :d, :amount, :currency, :note, :at, :by)""")
                .param("id", id).param("t", tenant.value()).param("d", dossier).param("amount", amount)
                .param("currency", currency.getCurrencyCode()).param("note", note).param("at", at.atOffset(ZoneOffset.UTC))
                .param("by", by).update();
        return new Obligation(id, dossier, amount, currency, note, at, null, null, null);
    }

    /** Settles the open obligation; false when there is none (or it is not the one named). */
    boolean settle(TenantId tenant, UUID dossier, @Nullable UUID obligation, Instant at, UUID by, boolean online, @Nullable String ref) {
        return jdbc.sql("""
                update dossier.obligation set settled_at = :at, settled_by = :by, online = :online, payment_ref = :ref
                 where tenant_id = :t and dossier_id = :d and settled_at is null and (cast(:id as uuid) is null or id = :id)""")
                .param("t", tenant.value()).param("d", dossier).param("id", obligation).param("at", at.atOffset(ZoneOffset.UTC))
                .param("by", by).param("online", online).param("ref", ref).update() == 1;
    }

    Optional<Obligation> open(TenantId tenant, UUID dossier) {
        return jdbc.sql("select * from dossier.obligation where tenant_id = :t and dossier_id = :d and settled_at is null")
                .param("t", tenant.value()).param("d", dossier).query(ROW).optional();
    }

    List<Obligation> all(TenantId tenant, UUID dossier) {
        return jdbc.sql("select * from dossier.obligation where tenant_id = :t and dossier_id = :d order by requested_at")
                .param("t", tenant.value()).param("d", dossier).query(ROW).list();
    }
}
