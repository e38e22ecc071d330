package org.onedoor.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.onedoor.audit.AuditRecord.Outcome;
import org.onedoor.audit.ChainEncoding.ChainedEvent;

/** An audit record says enough to be useful, and its canonical encoding is fixed (format 1). */
class AuditRecordTests {

    static final ChainedEvent A_LOGIN = new ChainedEvent("hanoi", 3, 42, ChainEncoding.micros(Instant.parse("2026-07-01T01:02:03.123456Z")),
            "nguyen.van.a", "00004", "203.0.113.7:51234", "account.login", "account", "acct-1", null, null, "FAILURE",
            null, ChainEncoding.digest("{}"), Map.of("reason", "bad-password", "method", "password"));

    @Test
    void isBuiltFluentlyFromItsRequiredParts() {
        var record = AuditRecord.of("hanoi", "nguyen.van.a", "account.login", "account", "acct-1")
                .from("203.0.113.7:51234").actingFor("00004").concerning("citizen-9").because("law 1")
                .changing(null, "{}").with("reason", "bad-password").failed();

        assertThat(record.outcome()).isEqualTo(Outcome.FAILURE);
        assertThat(record.clientAddress()).isEqualTo("203.0.113.7:51234");
        assertThat(record.actorUnit()).isEqualTo("00004");
        assertThat(record.subject()).isEqualTo("citizen-9");
        assertThat(record.purpose()).isEqualTo("law 1");
        assertThat(record.before()).isNull();
        assertThat(record.after()).isEqualTo("{}");
        assertThat(record.details()).containsExactly(Map.entry("reason", "bad-password"));
        assertThat(record.denied().outcome()).isEqualTo(Outcome.DENIED);
        assertThat(AuditRecord.of("hanoi", "a", "b", "c", null).outcome()).isEqualTo(Outcome.SUCCESS);
    }

    @Test
    void needsATenantAnActorAnActionAndAnObjectType() {
        assertThatThrownBy(() -> AuditRecord.of(" ", "a", "b", "c", null)).hasMessageContaining("tenant");
        assertThatThrownBy(() -> AuditRecord.of("hanoi", "", "b", "c", null)).hasMessageContaining("actor");
        assertThatThrownBy(() -> AuditRecord.of("hanoi", "a", "\n", "c", null)).hasMessageContaining("action");
        assertThatThrownBy(() -> AuditRecord.of("hanoi", "a", "b", "\t", null)).hasMessageContaining("objectType");
    }

    @Test
    void keepsControlCharactersButReplacesWhatPostgresqlCannotStore() {
        var record = AuditRecord.of("hanoi", "a\r\nb\u0000c", "b", "c", "x\uD800y\uD83D\uDE00").with("k\u0000", "v\u0007");

        assertThat(record.actor()).isEqualTo("a\r\nb\uFFFDc");
        assertThat(record.objectId()).isEqualTo("x\uFFFDy\uD83D\uDE00");
        assertThat(record.details()).containsExactly(Map.entry("k\uFFFD", "v\u0007"));
    }

    @Test
    void encodesNullDifferentlyFromTheEmptyString() {
        var withNull = A_LOGIN;
        var withEmpty = new ChainedEvent("hanoi", 3, 42, A_LOGIN.recordedAtMicros(), "nguyen.van.a", "00004",
                "203.0.113.7:51234", "account.login", "account", "acct-1", "", null, "FAILURE", null,
                A_LOGIN.afterDigest(), A_LOGIN.details());

        assertThat(ChainEncoding.canonical(withNull)).isNotEqualTo(ChainEncoding.canonical(withEmpty));
        assertThat(ChainEncoding.chain(new byte[32], withNull)).isNotEqualTo(ChainEncoding.chain(new byte[32], withEmpty));
    }

    @Test
    void keepsFieldBoundariesSoThatMovingTextBetweenFieldsChangesTheHash() {
        var moved = new ChainedEvent("hanoi", 3, 42, A_LOGIN.recordedAtMicros(), "nguyen.van.a0", "0004",
                "203.0.113.7:51234", "account.login", "account", "acct-1", null, null, "FAILURE", null,
                A_LOGIN.afterDigest(), A_LOGIN.details());

        assertThat(ChainEncoding.chain(new byte[32], moved)).isNotEqualTo(ChainEncoding.chain(new byte[32], A_LOGIN));
    }

    @Test
    void encodesFormatOneExactlyAsDocumented() {
        var canonical = HexFormat.of().formatHex(ChainEncoding.canonical(A_LOGIN));

        assertThat(canonical).startsWith("00000001" + "01" + "00000005" + "68616e6f69" + "01" + "00000004" + "00000003"
                + "01" + "00000008" + "000000000000002a");
        assertThat(canonical).endsWith("00000002" + "01000000066d6574686f64" + "0100000008" + "70617373776f7264"
                + "0100000006" + "726561736f6e" + "010000000c" + "6261642d70617373776f7264");
        // Changing the encoding would make every stored trail fail verification: it needs a new format number.
        assertThat(HexFormat.of().formatHex(ChainEncoding.chain(ChainEncoding.genesis("hanoi", 3), A_LOGIN)))
                .isEqualTo(GOLDEN_HASH);
    }

    /** Computed once from the documented layout by an independent implementation (Python, hashlib). */
    static final String GOLDEN_HASH = "04a4aaa3d95432bfb180488d2b7c0ba0fa99a8fd18d89dc044c8d9dfa106ccf6";
}
