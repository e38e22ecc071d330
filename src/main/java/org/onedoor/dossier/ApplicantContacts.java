package org.onedoor.dossier;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.onedoor.procedure.Procedures;
import org.onedoor.shared.LocalizedText;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * What a message about a dossier needs and its events leave out: how to reach the applicant (events carry ids, not
 * personal data), the procedure's name, the receiving unit and the appointment, and a petition's subject and answer,
 * read at the time of writing.
 */
@Component
public class ApplicantContacts {

    /**
     * The applicant's name, phone, e-mail and account (null at a counter without an account), the procedure, the unit
     * whose code the dossier bears, and the current appointment (null before reception).
     */
    public record Contact(String code, String applicantName, @Nullable String phone, @Nullable String email,
                          @Nullable UUID applicantAccount, String procedureCode, LocalizedText procedureName,
                          UUID receivingUnit, @Nullable Instant dueAt) {
    }

    /** A dossier follows a published version, which never changes (ADR 0021): its name is read once. */
    private static final int NAMES_KEPT = 10_000;
    private final Map<UUID, LocalizedText> names = new ConcurrentHashMap<>();
    private final JdbcClient jdbc;
    private final Procedures procedures;

    ApplicantContacts(JdbcClient jdbc, Procedures procedures) {
        this.jdbc = jdbc;
        this.procedures = procedures;
    }

    @Transactional(readOnly = true)
    public Optional<Contact> of(String tenant, UUID dossier) {
        return jdbc.sql("""
                select code, applicant_name, applicant ->> 'phone' as phone, applicant ->> 'email' as email,
                       applicant_account_id, procedure_code, procedure_version_id, receiving_unit_id, due_at
                  from dossier.dossier where tenant_id = :t and id = :id""")
                .param("t", tenant).param("id", dossier)
                .query((rs, n) -> {
                    var due = rs.getObject("due_at", OffsetDateTime.class);
                    return new Row(new Contact(rs.getString("code"), rs.getString("applicant_name"), blank(rs.getString("phone")),
                            blank(rs.getString("email")), rs.getObject("applicant_account_id", UUID.class),
                            rs.getString("procedure_code"), LocalizedText.of("vi", rs.getString("procedure_code")),
                            rs.getObject("receiving_unit_id", UUID.class), due == null ? null : due.toInstant()),
                            rs.getObject("procedure_version_id", UUID.class));
                })
                .optional()
                .map(row -> {
                    var name = name(row.version());
                    return name == null ? row.contact() : row.named(name);
                });
    }

    /**
     * What a message about a petition quotes: its kind (FEEDBACK or RECOMMENDATION), subject and, once given, the
     * answer; events carry only the petition's id.
     */
    public record PetitionText(String kind, String subject, @Nullable String answer) {
    }

    @Transactional(readOnly = true)
    public Optional<PetitionText> petition(String tenant, UUID petition) {
        return jdbc.sql("select kind, subject, answer from dossier.petition where tenant_id = :t and id = :id")
                .param("t", tenant).param("id", petition)
                .query((rs, n) -> new PetitionText(rs.getString("kind"), rs.getString("subject"), rs.getString("answer")))
                .optional();
    }

    private @Nullable LocalizedText name(UUID version) {
        var known = names.get(version);
        if (known != null) return known;
        var read = procedures.version(version).map(v -> v.definition().name()).orElse(null);
        if (read != null) {
            if (names.size() >= NAMES_KEPT) names.clear();
            names.put(version, read);
        }
        return read;
    }

    /** The row as read, before the procedure's name (the version's, in every language) is looked up. */
    private record Row(Contact contact, UUID version) {
        Contact named(LocalizedText name) {
            var c = contact;
            return new Contact(c.code(), c.applicantName(), c.phone(), c.email(), c.applicantAccount(), c.procedureCode(), name,
                    c.receivingUnit(), c.dueAt());
        }
    }

    private static @Nullable String blank(@Nullable String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
