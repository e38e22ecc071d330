package org.onedoor.documents;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The register of issued papers, which the QR code on each one opens: what was issued, by which unit, when, its hash. */
@Repository
class IssuedDocuments {

    private final JdbcClient jdbc;

    IssuedDocuments(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(Issued d) {
        jdbc.sql("""
                insert into documents.issued (id, tenant_id, form, dossier_code, unit_id, locale, issued_at, issued_by,
                                              period_from, period_to, sha256, bytes)
                values (:id, :tenant, :form, :code, :unit, :locale, :at, :by, :from, :to, :sha, :bytes)""")
                .param("id", d.id()).param("tenant", d.tenant()).param("form", d.form().number()).param("code", d.dossierCode())
                .param("unit", d.unit()).param("locale", d.locale()).param("at", d.issuedAt().atOffset(ZoneOffset.UTC))
                .param("by", d.issuedBy()).param("from", d.periodFrom()).param("to", d.periodTo()).param("sha", d.sha256())
                .param("bytes", d.bytes()).update();
    }

    Optional<Issued> find(UUID id) {
        return jdbc.sql("select * from documents.issued where id = :id").param("id", id).query(IssuedDocuments::row).optional();
    }

    private static Issued row(ResultSet rs, int n) throws SQLException {
        return new Issued(rs.getObject("id", UUID.class), rs.getString("tenant_id"), Form.of(rs.getString("form")).orElseThrow(),
                rs.getString("dossier_code"), rs.getObject("unit_id", UUID.class), rs.getString("locale"),
                rs.getObject("issued_at", java.time.OffsetDateTime.class).toInstant(), rs.getString("issued_by"),
                rs.getObject("period_from", LocalDate.class), rs.getObject("period_to", LocalDate.class), rs.getString("sha256"),
                rs.getInt("bytes"));
    }

    /** One issued paper: no personal data, only what lets a holder check that the paper came from here unchanged. */
    record Issued(UUID id, String tenant, Form form, @Nullable String dossierCode, UUID unit, String locale, Instant issuedAt,
                  String issuedBy, @Nullable LocalDate periodFrom, @Nullable LocalDate periodTo, String sha256, int bytes) {
    }
}
