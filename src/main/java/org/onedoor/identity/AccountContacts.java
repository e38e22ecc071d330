package org.onedoor.identity;

import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * How to reach an account's holder and in which language, for modules that write to people (notifications): only the
 * contact fields, never credentials.
 */
@Component
public class AccountContacts {

    /** The holder's name, e-mail, phone, chosen language (null: none chosen) and whether the account may be used. */
    public record Contact(UUID account, String displayName, @Nullable String email, @Nullable String phone,
                          @Nullable Locale locale, boolean active) {
    }

    private final JdbcClient jdbc;

    AccountContacts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Transactional(readOnly = true)
    public Optional<Contact> of(String tenant, UUID account) {
        return jdbc.sql("select id, display_name, email, phone, locale, status from identity.account where tenant_id = :t and id = :id")
                .param("t", tenant).param("id", account)
                .query((rs, n) -> new Contact(rs.getObject("id", UUID.class), rs.getString("display_name"), rs.getString("email"),
                        rs.getString("phone"), rs.getString("locale") == null ? null : Locale.of(rs.getString("locale")),
                        AccountStatus.ACTIVE.name().equals(rs.getString("status"))))
                .optional();
    }
}
