package org.onedoor.audit;

import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What one audited event says: who did what to which object, for whom and why, from where, and how it ended; the
 * trail adds the time, the place in the chain and the hashes.
 *
 * <p>Callers build it fluently, for example
 * {@code AuditRecord.of(tenant, actor, "account.login", "account", id).from(clientAddress).failed()}. {@code before}
 * and {@code after} are snapshots (JSON or text) of the object around a change; only their SHA-256 digests are stored.
 * Text is kept as given, control characters included, except what PostgreSQL cannot store: U+0000 and unpaired
 * surrogates become U+FFFD.
 *
 * @param tenant        the tenant the event belongs to, or {@value AuditTrail#PLATFORM} when it belongs to none
 * @param actor         who acted: an account id, or what identifies an unauthenticated caller (the user name tried)
 * @param actorUnit     the organisation unit the actor acted for
 * @param clientAddress the caller's address and source port as the server saw them, e.g. {@code 203.0.113.7:51234}
 * @param action        what was done, as {@code object.verb}, e.g. {@code account.login}, {@code dossier.read}
 * @param subject       the person the data concerns (e.g. a citizen's account id), shown in their access log
 * @param purpose       why, e.g. the legal basis or the dossier being handled; mandatory for reads of sensitive data
 */
public record AuditRecord(String tenant, String actor, @Nullable String actorUnit, @Nullable String clientAddress,
                          String action, String objectType, @Nullable String objectId, @Nullable String subject,
                          @Nullable String purpose, Outcome outcome, @Nullable String before, @Nullable String after,
                          Map<String, String> details) {

    /** How the audited attempt ended. */
    public enum Outcome {
        SUCCESS, FAILURE, DENIED
    }

    public AuditRecord {
        tenant = required("tenant", tenant);
        actor = required("actor", actor);
        action = required("action", action);
        objectType = required("objectType", objectType);
        if (outcome == null) throw new IllegalArgumentException("An audit record needs an outcome");
        actorUnit = storableOrNull(actorUnit);
        clientAddress = storableOrNull(clientAddress);
        objectId = storableOrNull(objectId);
        subject = storableOrNull(subject);
        purpose = storableOrNull(purpose);
        before = storableOrNull(before);
        after = storableOrNull(after);
        if (details == null) throw new IllegalArgumentException("details may be empty but not null");
        var copy = new LinkedHashMap<String, String>();
        details.forEach((key, value) -> {
            if (key == null || value == null) throw new IllegalArgumentException("A detail needs a key and a value");
            copy.put(storable(key), storable(value));
        });
        details = Map.copyOf(copy);
    }

    /** A successful event with no unit, address, subject, purpose, snapshots or details yet. */
    public static AuditRecord of(String tenant, String actor, String action, String objectType, @Nullable String objectId) {
        return new AuditRecord(tenant, actor, null, null, action, objectType, objectId, null, null, Outcome.SUCCESS,
                null, null, Map.of());
    }

    public AuditRecord from(@Nullable String clientAddress) {
        return new AuditRecord(tenant, actor, actorUnit, clientAddress, action, objectType, objectId, subject, purpose,
                outcome, before, after, details);
    }

    public AuditRecord actingFor(@Nullable String actorUnit) {
        return new AuditRecord(tenant, actor, actorUnit, clientAddress, action, objectType, objectId, subject, purpose,
                outcome, before, after, details);
    }

    public AuditRecord concerning(@Nullable String subject) {
        return new AuditRecord(tenant, actor, actorUnit, clientAddress, action, objectType, objectId, subject, purpose,
                outcome, before, after, details);
    }

    public AuditRecord because(@Nullable String purpose) {
        return new AuditRecord(tenant, actor, actorUnit, clientAddress, action, objectType, objectId, subject, purpose,
                outcome, before, after, details);
    }

    /** The object as it was before and after the change (either may be null: created, deleted). */
    public AuditRecord changing(@Nullable String before, @Nullable String after) {
        return new AuditRecord(tenant, actor, actorUnit, clientAddress, action, objectType, objectId, subject, purpose,
                outcome, before, after, details);
    }

    /** This record with one more detail (or a detail replaced). */
    public AuditRecord with(String key, String value) {
        var more = new LinkedHashMap<>(details);
        more.put(key, value);
        return new AuditRecord(tenant, actor, actorUnit, clientAddress, action, objectType, objectId, subject, purpose,
                outcome, before, after, more);
    }

    public AuditRecord ended(Outcome outcome) {
        return new AuditRecord(tenant, actor, actorUnit, clientAddress, action, objectType, objectId, subject, purpose,
                outcome, before, after, details);
    }

    public AuditRecord succeeded() {
        return ended(Outcome.SUCCESS);
    }

    public AuditRecord failed() {
        return ended(Outcome.FAILURE);
    }

    public AuditRecord denied() {
        return ended(Outcome.DENIED);
    }

    private static String required(String name, @Nullable String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("An audit record needs a non-blank " + name);
        }
        return storable(value);
    }

    /** The text with what PostgreSQL's text type cannot hold (U+0000, unpaired surrogates) replaced by U+FFFD. */
    static String storable(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == 0 || Character.isSurrogate(c)) return replaceUnstorable(text);
        }
        return text;
    }

    private static @Nullable String storableOrNull(@Nullable String text) {
        return text == null ? null : storable(text);
    }

    private static String replaceUnstorable(String text) {
        var out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                out.append(c).append(text.charAt(++i));
            } else if (c == 0 || Character.isSurrogate(c)) {
                out.append('\uFFFD');
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
