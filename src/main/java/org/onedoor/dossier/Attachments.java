package org.onedoor.dossier;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.onedoor.audit.AuditRecord;
import org.onedoor.audit.AuditTrail;
import org.onedoor.identity.AccessDenied;
import org.onedoor.identity.AccessPolicy;
import org.onedoor.identity.CurrentUser;
import org.onedoor.identity.Permission;
import org.onedoor.shared.Problem;
import org.onedoor.shared.TenantId;
import org.onedoor.shared.Violation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Files attached to a dossier's papers: the bytes in {@link FileStorage}, outside the database, and one row each in
 * {@code dossier.attachment} with the type sniffed from the content, the size and the SHA-256. A file is accepted only
 * if its bytes are a PDF, PNG, JPEG, DOCX or XLSX (whatever its name says), not empty, at most
 * {@code onedoor.dossier.attachment-max-bytes} (10 MB) and the dossier has fewer than {@value #MAX_PER_DOSSIER}; a
 * refusal stores nothing. The file is written after the checks and removed again if its transaction does not commit.
 * Every read compares the bytes with the stored checksum: a damaged file is never served.
 */
@Service
public class Attachments {

    private static final Logger log = LoggerFactory.getLogger(Attachments.class);

    public static final long DEFAULT_MAX_BYTES = 10L * 1024 * 1024;
    public static final int MAX_PER_DOSSIER = 50;
    static final int MAX_COMPONENT = 300;
    static final int MAX_FILE_NAME = 255;

    /** One attached file as the dossier lists it. */
    public record Attachment(UUID id, String dossierCode, FileKind kind, String component, String fileName, String contentType,
                             long size, String sha256, Instant uploadedAt, UUID uploadedBy) {
    }

    /** A paper of the dossier, or the electronic result the office issues (Decree 118/2025 Art. 22(1)). */
    public enum FileKind { PAPER, RESULT }

    /** The name a result file is listed under. */
    public static final String RESULT_COMPONENT = "RESULT";

    /** An attachment's bytes, checked against its checksum. */
    public record Content(Attachment attachment, byte[] bytes) {
    }

    // ---- problems -------------------------------------------------------------------------------------------------

    /** The file breaks the attachment rules (type, size, count, …); every one is listed and nothing was stored. */
    public static class Refused extends Problem {
        public Refused(List<Violation> violations) {
            super("attachment-refused", Kind.UNPROCESSABLE, violations);
        }
    }

    public static class UnknownAttachment extends Problem {
        public UnknownAttachment(String code, UUID id) {
            super("attachment-not-found", Kind.NOT_FOUND, id, code);
        }
    }

    /** Files are attached only while the dossier is open. */
    /** A result for a dossier not yet received. */
    public static class ResultTooEarly extends Problem {
        public ResultTooEarly(String code) {
            super("attachment-result-too-early", Kind.CONFLICT, code);
        }
    }

    public static class DossierClosed extends Problem {
        public DossierClosed(String code) {
            super("attachment-dossier-closed", Kind.CONFLICT, code);
        }
    }

    /** The stored bytes are missing or no longer match their checksum: a fault of the server, never served. */
    public static class Damaged extends IllegalStateException {
        Damaged(String message) {
            super(message);
        }
    }

    private final DossierStore store;
    private final Dossiers dossiers;
    private final FileStorage storage;
    private final AccessPolicy access;
    private final AuditTrail audit;
    private final JdbcClient jdbc;
    private final Clock clock;
    private final long maxBytes;

    Attachments(DossierStore store, Dossiers dossiers, FileStorage storage, AccessPolicy access, AuditTrail audit,
                JdbcClient jdbc, Clock clock, @Value("${onedoor.dossier.attachment-max-bytes:" + DEFAULT_MAX_BYTES + "}") long maxBytes) {
        this.store = store;
        this.dossiers = dossiers;
        this.storage = storage;
        this.access = access;
        this.audit = audit;
        this.jdbc = jdbc;
        this.clock = clock;
        this.maxBytes = maxBytes;
    }

    /** The largest file accepted, in bytes: a client's {@code Content-Length} above it is refused before reading. */
    public long maxBytes() {
        return maxBytes;
    }

    /** The refusal of a file larger than {@link #maxBytes()}, for a caller that stops reading it early. */
    public Refused tooLarge() {
        return new Refused(List.of(Violation.of("attachment-size", "/content", megabytes(maxBytes))));
    }

    // ---- attaching ------------------------------------------------------------------------------------------------

    /**
     * Attaches a file to one of the dossier's papers. Allowed to the applicant, the dossier's owner and staff who may
     * receive dossiers at its reception point, while the dossier is open. Audited as {@code dossier.attach}.
     *
     * @param component the paper it belongs to, by name
     * @param fileName  the name the file had on the caller's side (kept for the download, without any path)
     */
    @Transactional
    public Attachment attach(CurrentUser user, TenantId tenant, String dossierCode, @Nullable String component,
                             @Nullable String fileName, byte[] content, @Nullable String clientAddress) {
        return store(user, tenant, dossierCode, FileKind.PAPER, component, fileName, content, clientAddress);
    }

    /**
     * Attaches the electronic result: by the dossier's owner (staff), once it is received and before it is closed.
     * The dossier then counts as giving an electronic result (the 766 index); the applicant can download the file
     * once the result is ready (status 9). Audited as {@code dossier.attach-result}.
     */
    @Transactional
    public Attachment attachResult(CurrentUser user, TenantId tenant, String dossierCode, @Nullable String fileName, byte[] content,
                                   @Nullable String clientAddress) {
        return store(user, tenant, dossierCode, FileKind.RESULT, RESULT_COMPONENT, fileName, content, clientAddress);
    }

    private Attachment store(CurrentUser user, TenantId tenant, String dossierCode, FileKind kind, @Nullable String component,
                             @Nullable String fileName, byte[] content, @Nullable String clientAddress) {
        var dossier = store.find(tenant, dossierCode).orElseThrow(() -> new Dossiers.UnknownDossier(dossierCode));
        if (kind == FileKind.RESULT) {
            if (!user.isStaff() || !user.tenant().equals(dossier.tenant()) || !user.accountId().equals(dossier.ownerAccount())) {
                throw new AccessDenied(Permission.DOSSIER_PROCESS);
            }
            if (!dossier.received()) throw new ResultTooEarly(dossierCode);
        } else {
            requireMayAttach(user, tenant, dossier);
        }
        if (dossier.closed()) throw new DossierClosed(dossierCode);

        var violations = new ArrayList<Violation>();
        var checked = check(component, fileName, content, null, violations);
        // one attachment at a time per dossier, so that two concurrent uploads cannot both be the 50th
        jdbc.sql("select count(*) from (select pg_advisory_xact_lock(hashtextextended(:k, 0))) l")
                .param("k", "dossier.attachment:" + dossier.id()).query(Long.class).single();
        var count = jdbc.sql("select count(*) from dossier.attachment where tenant_id = :t and dossier_id = :d")
                .param("t", tenant.value()).param("d", dossier.id()).query(Long.class).single();
        if (count >= MAX_PER_DOSSIER) violations.add(Violation.of("attachment-count", null, MAX_PER_DOSSIER));
        if (!violations.isEmpty()) throw new Refused(violations);

        java.util.Objects.requireNonNull(checked);
        var now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        var id = UUID.randomUUID();
        var paper = checked.component();
        var name = checked.fileName();
        var type = checked.type();
        var attachment = new Attachment(id, dossier.code(), kind, paper, name, type.mediaType, content.length, sha256(content),
                now, user.accountId());
        var key = put(tenant, id, now, content);
        try {
            jdbc.sql("""
                    insert into dossier.attachment (tenant_id, dossier_id, id, kind, component, file_name, content_type, size_bytes,
                                                    sha256, storage_key, uploaded_at, uploaded_by)
                    values (:t, :d, :id, :kind, :component, :name, :type, :size, :sha, :key, :at, :by)""")
                    .param("t", tenant.value()).param("d", dossier.id()).param("id", id).param("kind", kind.name()).param("component", paper)
                    .param("name", name).param("type", type.mediaType).param("size", (long) content.length)
                    .param("sha", attachment.sha256()).param("key", key).param("at", now.atOffset(ZoneOffset.UTC))
                    .param("by", user.accountId()).update();
        } catch (RuntimeException e) {
            forget(key);
            throw e;
        }
        if (kind == FileKind.RESULT) {
            jdbc.sql("update dossier.dossier set electronic_result = true where tenant_id = :t and id = :d")
                    .param("t", tenant.value()).param("d", dossier.id()).update();
        }
        var details = new LinkedHashMap<String, String>();
        details.put("attachment", id.toString());
        details.put("component", paper);
        details.put("contentType", type.mediaType);
        details.put("size", String.valueOf(content.length));
        details.put("sha256", attachment.sha256());
        audit.record(new AuditRecord(tenant.value(), user.username(), user.unit() == null ? null : user.unit().toString(),
                clientAddress, kind == FileKind.RESULT ? "dossier.attach-result" : "dossier.attach", "dossier", dossier.code(),
                dossier.applicantAccount() == null ? null : dossier.applicantAccount().toString(), dossier.procedureCode(),
                AuditRecord.Outcome.SUCCESS, null, null, details));
        return attachment;
    }

    // ---- what every stored file goes through (attachments, the online application, drafts) -------------------------

    /** A file that passed the checks: the paper it belongs to, its name without any path, its type by content. */
    record Checked(String component, String fileName, FileTypes.Type type) {
    }

    /**
     * Checks a file for a paper as every stored file is checked: a paper named (at most {@value #MAX_COMPONENT}
     * characters), a file name, not empty, at most {@link #maxBytes()}, and a PDF, PNG, JPEG, DOCX or XLSX by its
     * content. Adds one violation per rule broken — at {@code /component}, {@code /fileName} and {@code /content}, or
     * all at {@code filePointer} when a request carries several files — and answers null when there is any.
     */
    @Nullable Checked check(@Nullable String component, @Nullable String fileName, byte[] content, @Nullable String filePointer,
                            List<Violation> violations) {
        var before = violations.size();
        var paper = component == null ? "" : component.strip();
        if (paper.isEmpty()) violations.add(Violation.of("attachment-required", at(filePointer, "/component")));
        else if (paper.length() > MAX_COMPONENT) violations.add(Violation.of("attachment-too-long", at(filePointer, "/component"), MAX_COMPONENT));
        var name = cleanName(fileName);
        if (name.isEmpty()) violations.add(Violation.of("attachment-required", at(filePointer, "/fileName")));
        else if (name.length() > MAX_FILE_NAME) violations.add(Violation.of("attachment-too-long", at(filePointer, "/fileName"), MAX_FILE_NAME));
        FileTypes.Type type = null;
        if (content.length == 0) {
            violations.add(Violation.of("attachment-empty", at(filePointer, "/content")));
        } else if (content.length > maxBytes) {
            violations.add(Violation.of("attachment-size", at(filePointer, "/content"), megabytes(maxBytes)));
        } else {
            type = FileTypes.sniff(content).orElse(null);
            if (type == null) violations.add(Violation.of("attachment-type", at(filePointer, "/content"), "PDF, PNG, JPEG, DOCX, XLSX"));
        }
        return violations.size() > before || type == null ? null : new Checked(paper, name, type);
    }

    private static String at(@Nullable String filePointer, String field) {
        return filePointer != null ? filePointer : field;
    }

    /**
     * Writes checked bytes to the storage under a new key made from server-side values only (tenant, month, id); the
     * file is removed again if the surrounding transaction does not commit.
     */
    String put(TenantId tenant, UUID id, Instant now, byte[] content) {
        var month = now.atOffset(ZoneOffset.UTC);
        var key = "%s/%04d/%02d/%s".formatted(tenant.value(), month.getYear(), month.getMonthValue(), id);
        removeUnlessCommitted(key);
        try {
            storage.put(key, content);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not store file " + key, e);
        }
        return key;
    }

    /** Removes the stored files once the surrounding transaction has committed (their rows are gone with it). */
    void removeOnCommit(List<String> keys) {
        if (keys.isEmpty()) return;
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            keys.forEach(this::forget);
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                keys.forEach(Attachments.this::forget);
            }
        });
    }

    /** A stored file's bytes, served only if they are all there and match their checksum. */
    byte[] read(String key, long size, String sha256, String what) {
        byte[] bytes;
        try {
            bytes = storage.get(key);
        } catch (NoSuchFileException e) {
            log.error("{} has no stored file {}", what, key);
            throw new Damaged(what + " has no stored file");
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + key, e);
        }
        var actual = sha256(bytes);
        if (bytes.length != size || !MessageDigest.isEqual(sha256.getBytes(), actual.getBytes())) {
            log.error("{} does not match its checksum (stored {}, read {}): not served", what, sha256, actual);
            throw new Damaged(what + " does not match its checksum");
        }
        return bytes;
    }

    /**
     * Makes a file already stored (a draft's scan, checked when it was uploaded) an attachment of the dossier just
     * submitted from that draft: the same key, a new row, audited as {@code dossier.attach} like an upload.
     */
    Attachment adopt(CurrentUser user, Dossier dossier, String component, String fileName, String contentType, long size,
                     String sha256, String key, @Nullable String clientAddress) {
        var tenant = dossier.tenant();
        var id = UUID.randomUUID();
        var now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        jdbc.sql("""
                insert into dossier.attachment (tenant_id, dossier_id, id, kind, component, file_name, content_type, size_bytes,
                                                sha256, storage_key, uploaded_at, uploaded_by)
                values (:t, :d, :id, 'PAPER', :component, :name, :type, :size, :sha, :key, :at, :by)""")
                .param("t", tenant).param("d", dossier.id()).param("id", id).param("component", component).param("name", fileName)
                .param("type", contentType).param("size", size).param("sha", sha256).param("key", key)
                .param("at", now.atOffset(ZoneOffset.UTC)).param("by", user.accountId()).update();
        var details = new LinkedHashMap<String, String>();
        details.put("attachment", id.toString());
        details.put("component", component);
        details.put("contentType", contentType);
        details.put("size", String.valueOf(size));
        details.put("sha256", sha256);
        details.put("from", "draft");
        audit.record(new AuditRecord(tenant, user.username(), null, clientAddress, "dossier.attach", "dossier", dossier.code(),
                user.accountId().toString(), dossier.procedureCode(), AuditRecord.Outcome.SUCCESS, null, null, details));
        return new Attachment(id, dossier.code(), FileKind.PAPER, component, fileName, contentType, size, sha256, now, user.accountId());
    }

    /** The applicant, the owner, or staff who may receive dossiers at its reception point. */
    private void requireMayAttach(CurrentUser user, TenantId tenant, Dossier dossier) {
        if (!user.tenant().equals(tenant.value()) || !dossier.tenant().equals(tenant.value())) {
            throw new AccessDenied(Permission.DOSSIER_RECEIVE);
        }
        if (!user.isStaff()) {
            if (!user.accountId().equals(dossier.applicantAccount()) || !access.citizenMay(user, Permission.DOSSIER_SUBMIT, tenant)) {
                throw new AccessDenied(Permission.DOSSIER_SUBMIT);
            }
            return;
        }
        if (user.accountId().equals(dossier.ownerAccount())) return;
        access.require(user, Permission.DOSSIER_RECEIVE, tenant, dossier.receptionPoint());
    }

    /** Deletes the stored file if the transaction that wrote it rolls back (or there is none to wait for). */
    private void removeUnlessCommitted(String key) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) return;
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCompletion(int status) {
                if (status != STATUS_COMMITTED) forget(key);
            }
        });
    }

    private void forget(String key) {
        try {
            storage.delete(key);
        } catch (IOException | RuntimeException e) {
            log.error("Could not remove attachment file {} of a failed upload", key, e);
        }
    }

    // ---- reading --------------------------------------------------------------------------------------------------

    /** The dossier's attachments, oldest first, for whoever may see the dossier. */
    @Transactional(readOnly = true)
    public List<Attachment> list(CurrentUser user, TenantId tenant, String dossierCode) {
        var dossier = dossiers.read(user, tenant, dossierCode);
        return jdbc.sql("select " + COLUMNS + " from dossier.attachment where tenant_id = :t and dossier_id = :d order by uploaded_at, id")
                .param("t", tenant.value()).param("d", dossier.id())
                .query((rs, n) -> row(rs, dossier.code())).list().stream().filter(a -> mayHave(user, dossier, a)).toList();
    }

    /** An attachment's bytes, for whoever may see the dossier, after checking them against the stored checksum. */
    @Transactional(readOnly = true)
    public Content content(CurrentUser user, TenantId tenant, String dossierCode, UUID id) {
        var dossier = dossiers.read(user, tenant, dossierCode);
        record Stored(Attachment attachment, String key) {
        }
        var stored = jdbc.sql("select " + COLUMNS + ", storage_key from dossier.attachment where tenant_id = :t and dossier_id = :d and id = :id")
                .param("t", tenant.value()).param("d", dossier.id()).param("id", id)
                .query((rs, n) -> new Stored(row(rs, dossier.code()), rs.getString("storage_key"))).optional()
                .filter(st -> mayHave(user, dossier, st.attachment()))
                .orElseThrow(() -> new UnknownAttachment(dossierCode, id));
        var bytes = read(stored.key(), stored.attachment().size(), stored.attachment().sha256(),
                "Attachment " + id + " of dossier " + dossierCode);
        return new Content(stored.attachment(), bytes);
    }

    /** The applicant sees the electronic result once it is ready (status 9) or returned; staff who see the dossier, always. */
    private static boolean mayHave(CurrentUser user, Dossier dossier, Attachment a) {
        return a.kind() != FileKind.RESULT || user.isStaff() || dossier.statusCode() == 9 || dossier.statusCode() == 10;
    }

    private static final String COLUMNS = "id, kind, component, file_name, content_type, size_bytes, sha256, uploaded_at, uploaded_by";

    private static Attachment row(java.sql.ResultSet rs, String code) throws java.sql.SQLException {
        return new Attachment(rs.getObject("id", UUID.class), code, FileKind.valueOf(rs.getString("kind")), rs.getString("component"), rs.getString("file_name"),
                rs.getString("content_type"), rs.getLong("size_bytes"), rs.getString("sha256"),
                rs.getObject("uploaded_at", java.time.OffsetDateTime.class).toInstant(), rs.getObject("uploaded_by", UUID.class));
    }

    // ---- helpers --------------------------------------------------------------------------------------------------

    /** The SHA-256 of the bytes, in lower-case hex: an attachment's checksum, an idempotent request's fingerprint. */
    public static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The last segment of a name a browser or client may send with its path, without control or bidi characters. */
    static String cleanName(@Nullable String fileName) {
        if (fileName == null) return "";
        var name = fileName;
        var slash = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
        if (slash >= 0) name = name.substring(slash + 1);
        name = name.replaceAll("[\\p{Cc}\\p{Cf}]", "").strip();
        return name.equals(".") || name.equals("..") ? "" : name;
    }

    static String megabytes(long bytes) {
        var mb = bytes / (1024.0 * 1024.0);
        return mb == Math.rint(mb) ? String.valueOf((long) mb) : String.format(java.util.Locale.ROOT, "%.1f", mb);
    }
}
