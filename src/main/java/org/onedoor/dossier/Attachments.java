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
        var paper = component == null ? "" : component.strip();
        if (paper.isEmpty()) violations.add(Violation.of("attachment-required", "/component"));
        else if (paper.length() > MAX_COMPONENT) violations.add(Violation.of("attachment-too-long", "/component", MAX_COMPONENT));
        var name = cleanName(fileName);
        if (name.isEmpty()) violations.add(Violation.of("attachment-required", "/fileName"));
        else if (name.length() > MAX_FILE_NAME) violations.add(Violation.of("attachment-too-long", "/fileName", MAX_FILE_NAME));
        var type = FileTypes.Type.PDF;
        if (content.length == 0) {
            violations.add(Violation.of("attachment-empty", "/content"));
        } else if (content.length > maxBytes) {
            violations.add(Violation.of("attachment-size", "/content", megabytes(maxBytes)));
        } else {
            var sniffed = FileTypes.sniff(content);
            if (sniffed.isEmpty()) violations.add(Violation.of("attachment-type", "/content", "PDF, PNG, JPEG, DOCX, XLSX"));
            else type = sniffed.get();
        }
        // one attachment at a time per dossier, so that two concurrent uploads cannot both be the 50th
        jdbc.sql("select count(*) from (select pg_advisory_xact_lock(hashtextextended(:k, 0))) l")
                .param("k", "dossier.attachment:" + dossier.id()).query(Long.class).single();
        var count = jdbc.sql("select count(*) from dossier.attachment where tenant_id = :t and dossier_id = :d")
                .param("t", tenant.value()).param("d", dossier.id()).query(Long.class).single();
        if (count >= MAX_PER_DOSSIER) violations.add(Violation.of("attachment-count", null, MAX_PER_DOSSIER));
        if (!violations.isEmpty()) throw new Refused(violations);

        var now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        var id = UUID.randomUUID();
        var month = now.atOffset(ZoneOffset.UTC);
        var key = "%s/%04d/%02d/%s".formatted(tenant.value(), month.getYear(), month.getMonthValue(), id);
        var attachment = new Attachment(id, dossier.code(), kind, paper, name, type.mediaType, content.length, sha256(content),
                now, user.accountId());
        removeUnlessCommitted(key);
        try {
            storage.put(key, content);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not store attachment " + key, e);
        }
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
        byte[] bytes;
        try {
            bytes = storage.get(stored.key());
        } catch (NoSuchFileException e) {
            log.error("Attachment {} of dossier {} has no stored file {}", id, dossierCode, stored.key());
            throw new Damaged("Attachment " + id + " has no stored file");
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read attachment " + stored.key(), e);
        }
        var expected = stored.attachment().sha256();
        var actual = sha256(bytes);
        if (bytes.length != stored.attachment().size() || !MessageDigest.isEqual(expected.getBytes(), actual.getBytes())) {
            log.error("Attachment {} of dossier {} does not match its checksum (stored {}, read {}): not served",
                    id, dossierCode, expected, actual);
            throw new Damaged("Attachment " + id + " does not match its checksum");
        }
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
