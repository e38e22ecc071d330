package org.onedoor.dossier;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.onedoor.identity.AccessDenied;
import org.onedoor.identity.AccessPolicy;
import org.onedoor.identity.CurrentUser;
import org.onedoor.identity.Permission;
import org.onedoor.platform.PersonalDataProtection;
import org.onedoor.procedure.Procedures;
import org.onedoor.shared.PageRequest;
import org.onedoor.shared.Problem;
import org.onedoor.shared.ResultPage;
import org.onedoor.shared.SearchText;
import org.onedoor.shared.TenantId;
import org.onedoor.shared.Violation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A citizen's online application saved before it is submitted, and resumed later: the form as typed and the scans
 * uploaded for its papers. A draft is its account's alone — anyone else is told it does not exist — and staff have
 * none. Its scans are checked and stored exactly as attachments are ({@link Attachments#check}, {@link FileStorage}),
 * and on submission become the new dossier's attachments without being copied. Every change names the version it was
 * decided on ({@code If-Match}); a draft untouched for {@link DraftSettings#retention()} is purged with its files, and
 * an account keeps at most {@link DraftSettings#perAccount()} of them.
 */
@Service
public class Drafts {

    private static final Logger log = LoggerFactory.getLogger(Drafts.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Locale VIETNAMESE = Locale.of("vi");
    static final int MAX_NAME = 200, MAX_CONTACT = 320, MAX_ADDRESS = 500, MAX_UNIT = 50, MAX_COMPONENTS = 100;

    /**
     * What the citizen typed, all of it optional but the procedure. The applicant's {@code idNumber} is write-only: a
     * value sets it, an empty string clears it, and null keeps what the draft holds (a draft shows it masked).
     */
    public record Form(@Nullable String procedureCode, Dossier.@Nullable Applicant applicant, List<Dossier.Component> components,
                       @Nullable String receivingUnit, @Nullable String competentUnit, Dossier.@Nullable Delivery resultDelivery) {
        public Form {
            components = components == null ? List.of() : List.copyOf(components);
        }
    }

    /** A scan saved with a draft, for one of its papers. */
    public record DraftFile(UUID id, String component, String fileName, String contentType, long size, String sha256,
                            Instant uploadedAt) {
    }

    /**
     * A saved application as its owner sees it.
     *
     * @param form           the form; its applicant carries no ID number (see {@code maskedIdNumber})
     * @param maskedIdNumber the ID number saved with it, masked, or null
     * @param expiresAt      when it will be purged unless saved again
     */
    public record Draft(UUID id, String tenant, UUID account, int version, Form form, @Nullable String maskedIdNumber,
                        List<DraftFile> files, Instant createdAt, Instant updatedAt, Instant expiresAt) {
        public Draft {
            files = List.copyOf(files);
        }
    }

    /** A file added to a draft, and the draft as it now is. */
    public record Added(Draft draft, DraftFile file) {
    }

    /** A saved scan's bytes, checked against its checksum. */
    public record Content(DraftFile file, byte[] bytes) {
    }

    // ---- problems -------------------------------------------------------------------------------------------------

    /** No such draft of the caller's: another account's draft is not found either. */
    public static class UnknownDraft extends Problem {
        public UnknownDraft(UUID id) {
            super("draft-not-found", Kind.NOT_FOUND, id);
        }
    }

    public static class UnknownDraftFile extends Problem {
        public UnknownDraftFile(UUID draft, UUID file) {
            super("draft-file-not-found", Kind.NOT_FOUND, file, draft);
        }
    }

    /** The caller read an older version of the draft (saved since, in another window or device). */
    public static class StaleDraft extends Problem {
        public StaleDraft(UUID id, int current) {
            super("draft-stale", Kind.PRECONDITION_FAILED, id, current);
        }
    }

    /** The account keeps as many drafts as it may. */
    public static class TooManyDrafts extends Problem {
        public TooManyDrafts(int limit) {
            super("draft-limit", Kind.CONFLICT, limit);
        }
    }

    /** The form breaks rules even a draft must keep (a procedure in force, lengths); every one is listed. */
    public static class Refused extends Problem {
        public Refused(List<Violation> violations) {
            super("draft-refused", Kind.UNPROCESSABLE, violations);
        }
    }

    private final JdbcClient jdbc;
    private final Dossiers dossiers;
    private final Attachments attachments;
    private final Procedures procedures;
    private final AccessPolicy access;
    private final PersonalDataProtection sealing;
    private final DraftSettings settings;
    private final Clock clock;

    Drafts(JdbcClient jdbc, Dossiers dossiers, Attachments attachments, Procedures procedures, AccessPolicy access,
           PersonalDataProtection sealing, DraftSettings settings, Clock clock) {
        this.jdbc = jdbc;
        this.dossiers = dossiers;
        this.attachments = attachments;
        this.procedures = procedures;
        this.access = access;
        this.sealing = sealing;
        this.settings = settings;
        this.clock = clock;
    }

    /** The most drafts an account keeps. */
    public int limit() {
        return settings.perAccount();
    }

    /** How long a draft is kept after it was last saved. */
    public java.time.Duration retention() {
        return settings.retention();
    }

    // ---- the draft ------------------------------------------------------------------------------------------------

    /** Saves a new draft (version 1); refused when the account already keeps {@link #limit()}. */
    @Transactional
    public Draft create(CurrentUser user, TenantId tenant, Form form) {
        requireCitizen(user, tenant);
        check(tenant, form);
        // one creation at a time per account, so that two concurrent saves cannot both be the 21st
        jdbc.sql("select count(*) from (select pg_advisory_xact_lock(hashtextextended(:k, 0))) l")
                .param("k", "dossier.draft:" + tenant.value() + ":" + user.accountId()).query(Long.class).single();
        var count = jdbc.sql("select count(*) from dossier.draft where tenant_id = :t and account_id = :a")
                .param("t", tenant.value()).param("a", user.accountId()).query(Long.class).single();
        if (count >= settings.perAccount()) throw new TooManyDrafts(settings.perAccount());
        var id = UUID.randomUUID();
        var now = now();
        var idNumber = form.applicant() == null ? null : blank(form.applicant().idNumber());
        jdbc.sql("""
                insert into dossier.draft (tenant_id, id, account_id, procedure_code, form, applicant_id_sealed, version,
                                           created_at, updated_at)
                values (:t, :id, :a, :code, cast(:form as jsonb), :sealed, 1, :now, :now)""")
                .param("t", tenant.value()).param("id", id).param("a", user.accountId())
                .param("code", String.valueOf(form.procedureCode()).strip()).param("form", formJson(form))
                .param("sealed", idNumber == null ? null : sealing.encrypt(idNumber)).param("now", utc(now)).update();
        return read(user, tenant, id);
    }

    /**
     * Saves the online application page's form in one go: a new draft (no {@code id}) or the one read at
     * {@code expectedVersion}, optionally without one saved scan, and with the scans just chosen. Every file is checked
     * first, so a refusal names each bad one ({@code /files/<n>}) and saves nothing at all.
     */
    @Transactional
    public Draft save(CurrentUser user, TenantId tenant, @Nullable UUID id, int expectedVersion, Form form,
                      List<OnlineApplications.Upload> uploads, @Nullable UUID remove) {
        requireCitizen(user, tenant);
        var violations = new ArrayList<Violation>();
        for (int i = 0; i < uploads.size(); i++) {
            var upload = uploads.get(i);
            attachments.check(upload.component(), upload.fileName(), upload.content(), "/files/" + i, violations);
        }
        if (!violations.isEmpty()) throw new Attachments.Refused(violations);
        var draft = id == null ? create(user, tenant, form) : update(user, tenant, id, expectedVersion, form);
        if (remove != null) draft = removeFile(user, tenant, draft.id(), remove, null);
        for (var upload : uploads) {
            draft = addFile(user, tenant, draft.id(), null, upload.component(), upload.fileName(), upload.content()).draft();
        }
        return draft;
    }

    /** The caller's drafts, last saved first, in the list envelope. */
    @Transactional(readOnly = true)
    public ResultPage<Draft> list(CurrentUser user, TenantId tenant, PageRequest page) {
        requireCitizen(user, tenant);
        var total = jdbc.sql("select count(*) from dossier.draft where tenant_id = :t and account_id = :a")
                .param("t", tenant.value()).param("a", user.accountId()).query(Long.class).single();
        var rows = jdbc.sql("select " + COLUMNS + " from dossier.draft where tenant_id = :t and account_id = :a"
                        + " order by updated_at desc, id limit :limit offset :offset")
                .param("t", tenant.value()).param("a", user.accountId()).param("limit", page.size()).param("offset", page.offset())
                .query((rs, n) -> row(rs)).list();
        var files = new LinkedHashMap<UUID, List<DraftFile>>();
        if (!rows.isEmpty()) {
            jdbc.sql("select draft_id, " + FILE_COLUMNS + " from dossier.draft_file where tenant_id = :t and draft_id in (:ids)"
                            + " order by uploaded_at, id")
                    .param("t", tenant.value()).param("ids", rows.stream().map(Row::id).toList())
                    .query((rs, n) -> Map.entry(rs.getObject("draft_id", UUID.class), file(rs)))
                    .list().forEach(e -> files.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
        }
        return new ResultPage<>(rows.stream().map(r -> r.draft(files.getOrDefault(r.id(), List.of()))).toList(),
                page.page(), page.size(), total);
    }

    /** The caller's draft; anyone else's is not found. */
    @Transactional(readOnly = true)
    public Draft read(CurrentUser user, TenantId tenant, UUID id) {
        requireCitizen(user, tenant);
        return find(user, tenant, id).orElseThrow(() -> new UnknownDraft(id));
    }

    /** Replaces the form of the draft the caller read at {@code expectedVersion}; its files stay. */
    @Transactional
    public Draft update(CurrentUser user, TenantId tenant, UUID id, int expectedVersion, Form form) {
        requireCitizen(user, tenant);
        check(tenant, form);
        var idNumber = form.applicant() == null ? null : form.applicant().idNumber();
        var spec = jdbc.sql("update dossier.draft set procedure_code = :code, form = cast(:form as jsonb), version = version + 1,"
                        + " updated_at = :now" + (idNumber == null ? "" : ", applicant_id_sealed = :sealed")
                        + " where tenant_id = :t and id = :id and account_id = :a and version = :v")
                .param("code", String.valueOf(form.procedureCode()).strip()).param("form", formJson(form)).param("now", utc(now()))
                .param("t", tenant.value()).param("id", id).param("a", user.accountId()).param("v", expectedVersion);
        if (idNumber != null) spec = spec.param("sealed", idNumber.isBlank() ? null : sealing.encrypt(idNumber.strip()));
        if (spec.update() == 0) {
            var current = version(user, tenant, id, false).orElseThrow(() -> new UnknownDraft(id));
            throw new StaleDraft(id, current);
        }
        return read(user, tenant, id);
    }

    /** Deletes the draft the caller read at {@code expectedVersion}, and its files once that is committed. */
    @Transactional
    public void delete(CurrentUser user, TenantId tenant, UUID id, int expectedVersion) {
        requireCitizen(user, tenant);
        lock(user, tenant, id, expectedVersion);
        var keys = storageKeys(tenant, id);
        jdbc.sql("delete from dossier.draft where tenant_id = :t and id = :id").param("t", tenant.value()).param("id", id).update();
        attachments.removeOnCommit(keys);
    }

    // ---- its files ------------------------------------------------------------------------------------------------

    /**
     * Saves a scan for one of the draft's papers, checked as an attachment is (type by content, size, at most
     * {@value Attachments#MAX_PER_DOSSIER} a draft): a refusal names every rule broken and stores nothing.
     *
     * @param expectedVersion the version the caller read, checked when given
     */
    @Transactional
    public Added addFile(CurrentUser user, TenantId tenant, UUID id, @Nullable Integer expectedVersion, @Nullable String component,
                         @Nullable String fileName, byte[] content) {
        requireCitizen(user, tenant);
        lock(user, tenant, id, expectedVersion);
        var violations = new ArrayList<Violation>();
        var checked = attachments.check(component, fileName, content, null, violations);
        var count = jdbc.sql("select count(*) from dossier.draft_file where tenant_id = :t and draft_id = :d")
                .param("t", tenant.value()).param("d", id).query(Long.class).single();
        if (count >= Attachments.MAX_PER_DOSSIER) violations.add(Violation.of("attachment-count", null, Attachments.MAX_PER_DOSSIER));
        if (!violations.isEmpty() || checked == null) throw new Attachments.Refused(violations);
        var now = now();
        var fileId = UUID.randomUUID();
        var key = attachments.put(tenant, fileId, now, content);
        var file = new DraftFile(fileId, checked.component(), checked.fileName(), checked.type().mediaType, content.length,
                Attachments.sha256(content), now);
        jdbc.sql("""
                insert into dossier.draft_file (tenant_id, draft_id, id, component, file_name, content_type, size_bytes, sha256,
                                                storage_key, uploaded_at)
                values (:t, :d, :id, :component, :name, :type, :size, :sha, :key, :at)""")
                .param("t", tenant.value()).param("d", id).param("id", fileId).param("component", file.component())
                .param("name", file.fileName()).param("type", file.contentType()).param("size", file.size())
                .param("sha", file.sha256()).param("key", key).param("at", utc(now)).update();
        touch(tenant, id, now);
        return new Added(read(user, tenant, id), file);
    }

    /** Removes a saved scan from the draft (the stored file goes once that is committed). */
    @Transactional
    public Draft removeFile(CurrentUser user, TenantId tenant, UUID id, UUID fileId, @Nullable Integer expectedVersion) {
        requireCitizen(user, tenant);
        lock(user, tenant, id, expectedVersion);
        var key = jdbc.sql("delete from dossier.draft_file where tenant_id = :t and draft_id = :d and id = :id returning storage_key")
                .param("t", tenant.value()).param("d", id).param("id", fileId).query(String.class).optional()
                .orElseThrow(() -> new UnknownDraftFile(id, fileId));
        touch(tenant, id, now());
        attachments.removeOnCommit(List.of(key));
        return read(user, tenant, id);
    }

    /** A saved scan's bytes, for the draft's owner, after checking them against the stored checksum. */
    @Transactional(readOnly = true)
    public Content content(CurrentUser user, TenantId tenant, UUID id, UUID fileId) {
        read(user, tenant, id);
        record Stored(DraftFile file, String key) {
        }
        var stored = jdbc.sql("select " + FILE_COLUMNS + ", storage_key from dossier.draft_file where tenant_id = :t and draft_id = :d and id = :id")
                .param("t", tenant.value()).param("d", id).param("id", fileId)
                .query((rs, n) -> new Stored(file(rs), rs.getString("storage_key"))).optional()
                .orElseThrow(() -> new UnknownDraftFile(id, fileId));
        return new Content(stored.file(), attachments.read(stored.key(), stored.file().size(), stored.file().sha256(),
                "File " + fileId + " of draft " + id));
    }

    // ---- submission -----------------------------------------------------------------------------------------------

    /**
     * Submits the draft the caller read at {@code expectedVersion} exactly as an online application is submitted
     * ({@link Dossiers#submit}, which checks it whole), in one transaction: the dossier is created, each saved scan
     * becomes one of its attachments (a paper with a scan counts as handed in, and digitised), and the draft is
     * deleted. A refusal changes nothing, the draft included.
     */
    @Transactional
    public Dossier submit(CurrentUser user, TenantId tenant, UUID id, int expectedVersion, @Nullable String clientAddress) {
        requireCitizen(user, tenant);
        lock(user, tenant, id, expectedVersion);
        var draft = read(user, tenant, id);
        var form = draft.form();
        var sealed = jdbc.sql("select applicant_id_sealed from dossier.draft where tenant_id = :t and id = :id")
                .param("t", tenant.value()).param("id", id).query((rs, n) -> rs.getBytes(1)).optional().orElse(null);
        var a = form.applicant() == null ? new Dossier.Applicant("", null, null, null, null, false) : form.applicant();
        var applicant = new Dossier.Applicant(a.name(), sealed == null ? null : sealing.decrypt(sealed), a.phone(), a.email(),
                a.address(), a.organisation());
        var submission = new Dossiers.Submission(form.procedureCode(), null, applicant, withScans(tenant, form, draft.files()), null,
                form.receivingUnit(), form.competentUnit(), form.resultDelivery(), null, null, null, List.of());
        var dossier = dossiers.submit(user, tenant, submission, clientAddress);
        record Moved(DraftFile file, String key) {
        }
        var moved = jdbc.sql("delete from dossier.draft_file where tenant_id = :t and draft_id = :d returning " + FILE_COLUMNS + ", storage_key")
                .param("t", tenant.value()).param("d", id).query((rs, n) -> new Moved(file(rs), rs.getString("storage_key"))).list();
        moved.stream().sorted(java.util.Comparator.comparing((Moved m) -> m.file().uploadedAt()).thenComparing(m -> m.file().id()))
                .forEach(m -> attachments.adopt(user, dossier, m.file().component(), m.file().fileName(), m.file().contentType(),
                        m.file().size(), m.file().sha256(), m.key(), clientAddress));
        jdbc.sql("delete from dossier.draft where tenant_id = :t and id = :id").param("t", tenant.value()).param("id", id).update();
        return dossier;
    }

    /**
     * The papers the draft hands in: those the form lists, and every paper a scan was saved for, digitised — added
     * with the counts the procedure asks for when the form did not list it (the online application page does the same).
     */
    private List<Dossier.Component> withScans(TenantId tenant, Form form, List<DraftFile> files) {
        var components = new ArrayList<>(form.components());
        var definition = form.procedureCode() == null ? null
                : procedures.inForce(tenant, form.procedureCode(), procedures.today(tenant)).map(v -> v.definition()).orElse(null);
        for (var file : files) {
            var key = SearchText.fold(file.component());
            var index = -1;
            for (int i = 0; i < components.size(); i++) {
                if (SearchText.fold(components.get(i).name()).equals(key)) index = i;
            }
            if (index >= 0) {
                var c = components.get(index);
                components.set(index, new Dossier.Component(c.name(), c.originals(), c.copies(), true));
                continue;
            }
            var listed = definition == null ? null : definition.components().stream()
                    .filter(c -> SearchText.fold(c.name().in(VIETNAMESE)).equals(key)).findFirst().orElse(null);
            components.add(new Dossier.Component(file.component(), listed == null ? 1 : listed.originals(),
                    listed == null ? 0 : listed.copies(), true));
        }
        return components;
    }

    // ---- the purge ------------------------------------------------------------------------------------------------

    /** Deletes every draft not saved for the retention, in every city, and its files once that is committed. */
    @Transactional
    public int purge() {
        var before = clock.instant().minus(settings.retention());
        record Gone(UUID id, @Nullable String key) {
        }
        var gone = jdbc.sql("""
                with gone as (delete from dossier.draft where updated_at < :before returning tenant_id, id)
                select g.id, f.storage_key from gone g
                  left join dossier.draft_file f on f.tenant_id = g.tenant_id and f.draft_id = g.id""")
                .param("before", utc(before)).query((rs, n) -> new Gone(rs.getObject(1, UUID.class), rs.getString(2))).list();
        attachments.removeOnCommit(gone.stream().map(Gone::key).filter(k -> k != null).toList());
        var drafts = (int) gone.stream().map(Gone::id).distinct().count();
        if (drafts > 0) log.info("Purged {} drafts not saved since {}", drafts, before);
        return drafts;
    }

    /** Nightly, on every node (a second node finds nothing left); {@code -} turns it off. */
    @Scheduled(cron = "${onedoor.dossier.drafts.purge-cron:0 37 3 * * *}")
    @Transactional
    public void purgeNightly() {
        purge();
    }

    // ---- helpers --------------------------------------------------------------------------------------------------

    private void requireCitizen(CurrentUser user, TenantId tenant) {
        if (user.isStaff() || !user.tenant().equals(tenant.value()) || !access.citizenMay(user, Permission.DOSSIER_SUBMIT, tenant)) {
            throw new AccessDenied(Permission.DOSSIER_SUBMIT);
        }
    }

    /** What even a draft must be: a procedure in force, and nothing longer than a dossier may hold. */
    private void check(TenantId tenant, Form form) {
        var violations = new ArrayList<Violation>();
        var code = blank(form.procedureCode());
        if (code == null) {
            violations.add(Violation.of("dossier-required", "/procedureCode"));
        } else if (!Procedures.CODE.matcher(code).matches()
                || procedures.idInForce(tenant, code, procedures.today(tenant)).isEmpty()) {
            violations.add(Violation.of("procedure-not-in-force", "/procedureCode", code));
        }
        var a = form.applicant();
        if (a != null) {
            tooLong(a.name(), MAX_NAME, "/applicant/name", violations);
            tooLong(a.phone(), MAX_CONTACT, "/applicant/phone", violations);
            tooLong(a.email(), MAX_CONTACT, "/applicant/email", violations);
            tooLong(a.address(), MAX_ADDRESS, "/applicant/address", violations);
            var idNumber = blank(a.idNumber());
            if (idNumber != null && !idNumber.matches("[0-9A-Za-z]{6,20}")) violations.add(Violation.of("dossier-id-number", "/applicant/idNumber"));
        }
        if (form.components().size() > MAX_COMPONENTS) violations.add(Violation.of("dossier-too-long", "/components", MAX_COMPONENTS));
        for (int i = 0; i < form.components().size(); i++) {
            var c = form.components().get(i);
            if (c.name() == null || c.name().isBlank()) violations.add(Violation.of("dossier-required", "/components/" + i + "/name"));
            else tooLong(c.name(), Attachments.MAX_COMPONENT, "/components/" + i + "/name", violations);
            if (c.originals() < 0 || c.copies() < 0 || c.originals() + c.copies() > 100) {
                violations.add(Violation.of("dossier-component-count", "/components/" + i));
            }
        }
        tooLong(form.receivingUnit(), MAX_UNIT, "/receivingUnit", violations);
        tooLong(form.competentUnit(), MAX_UNIT, "/competentUnit", violations);
        if (!violations.isEmpty()) throw new Refused(violations);
    }

    private static void tooLong(@Nullable String value, int max, String pointer, List<Violation> violations) {
        if (value != null && value.length() > max) violations.add(Violation.of("dossier-too-long", pointer, max));
    }

    /** Locks the caller's draft for the rest of the transaction and checks the version they read, when given. */
    private void lock(CurrentUser user, TenantId tenant, UUID id, @Nullable Integer expectedVersion) {
        var current = version(user, tenant, id, true).orElseThrow(() -> new UnknownDraft(id));
        if (expectedVersion != null && current != expectedVersion) throw new StaleDraft(id, current);
    }

    private Optional<Integer> version(CurrentUser user, TenantId tenant, UUID id, boolean forUpdate) {
        return jdbc.sql("select version from dossier.draft where tenant_id = :t and id = :id and account_id = :a"
                        + (forUpdate ? " for update" : ""))
                .param("t", tenant.value()).param("id", id).param("a", user.accountId()).query(Integer.class).optional();
    }

    private void touch(TenantId tenant, UUID id, Instant now) {
        jdbc.sql("update dossier.draft set version = version + 1, updated_at = :now where tenant_id = :t and id = :id")
                .param("now", utc(now)).param("t", tenant.value()).param("id", id).update();
    }

    private List<String> storageKeys(TenantId tenant, UUID id) {
        return jdbc.sql("select storage_key from dossier.draft_file where tenant_id = :t and draft_id = :d")
                .param("t", tenant.value()).param("d", id).query(String.class).list();
    }

    private Optional<Draft> find(CurrentUser user, TenantId tenant, UUID id) {
        var row = jdbc.sql("select " + COLUMNS + " from dossier.draft where tenant_id = :t and id = :id and account_id = :a")
                .param("t", tenant.value()).param("id", id).param("a", user.accountId()).query((rs, n) -> row(rs)).optional();
        if (row.isEmpty()) return Optional.empty();
        var files = jdbc.sql("select " + FILE_COLUMNS + " from dossier.draft_file where tenant_id = :t and draft_id = :d order by uploaded_at, id")
                .param("t", tenant.value()).param("d", id).query((rs, n) -> file(rs)).list();
        return Optional.of(row.get().draft(files));
    }

    private static final String COLUMNS = "tenant_id, id, account_id, form::text as form, applicant_id_sealed, version, created_at, updated_at";
    private static final String FILE_COLUMNS = "id, component, file_name, content_type, size_bytes, sha256, uploaded_at";

    private record Row(String tenant, UUID id, UUID account, Form form, @Nullable String maskedIdNumber, int version,
                       Instant createdAt, Instant updatedAt, Instant expiresAt) {
        Draft draft(List<DraftFile> files) {
            return new Draft(id, tenant, account, version, form, maskedIdNumber, files, createdAt, updatedAt, expiresAt);
        }
    }

    private Row row(java.sql.ResultSet rs) throws java.sql.SQLException {
        var sealed = rs.getBytes("applicant_id_sealed");
        var updated = rs.getObject("updated_at", OffsetDateTime.class).toInstant();
        return new Row(rs.getString("tenant_id"), rs.getObject("id", UUID.class), rs.getObject("account_id", UUID.class),
                form(rs.getString("form")), sealed == null ? null : PersonalDataProtection.mask(sealing.decrypt(sealed)),
                rs.getInt("version"), rs.getObject("created_at", OffsetDateTime.class).toInstant(), updated,
                updated.plus(settings.retention()));
    }

    private static DraftFile file(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new DraftFile(rs.getObject("id", UUID.class), rs.getString("component"), rs.getString("file_name"),
                rs.getString("content_type"), rs.getLong("size_bytes"), rs.getString("sha256"),
                rs.getObject("uploaded_at", OffsetDateTime.class).toInstant());
    }

    /** The form as stored: everything but the ID number, which is sealed beside it. */
    private static String formJson(Form form) {
        var map = new LinkedHashMap<String, Object>();
        map.put("procedureCode", String.valueOf(form.procedureCode()).strip());
        var a = form.applicant();
        if (a != null) {
            var applicant = new LinkedHashMap<String, Object>();
            applicant.put("name", a.name());
            applicant.put("phone", a.phone());
            applicant.put("email", a.email());
            applicant.put("address", a.address());
            applicant.put("organisation", a.organisation());
            map.put("applicant", applicant);
        }
        map.put("components", form.components());
        map.put("receivingUnit", form.receivingUnit());
        map.put("competentUnit", form.competentUnit());
        map.put("resultDelivery", form.resultDelivery() == null ? null : form.resultDelivery().name());
        return JSON.writeValueAsString(map);
    }

    private static Form form(String json) {
        var node = JSON.readTree(json);
        var a = node.get("applicant");
        var applicant = a == null || a.isNull() ? null : new Dossier.Applicant(text(a, "name") == null ? "" : text(a, "name"), null,
                text(a, "phone"), text(a, "email"), text(a, "address"), a.path("organisation").asBoolean(false));
        var components = new ArrayList<Dossier.Component>();
        var list = node.get("components");
        if (list != null && list.isArray()) {
            for (var c : list) {
                components.add(new Dossier.Component(String.valueOf(text(c, "name")), c.path("originals").asInt(1),
                        c.path("copies").asInt(0), c.path("digitised").asBoolean(false)));
            }
        }
        var delivery = text(node, "resultDelivery");
        return new Form(text(node, "procedureCode"), applicant, components, text(node, "receivingUnit"), text(node, "competentUnit"),
                delivery == null ? null : Dossier.Delivery.valueOf(delivery));
    }

    private static @Nullable String text(JsonNode node, String field) {
        var value = node.get(field);
        return value == null || value.isNull() ? null : value.asString();
    }

    private static @Nullable String blank(@Nullable String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
