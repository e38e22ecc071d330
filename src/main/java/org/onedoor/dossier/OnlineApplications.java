package org.onedoor.dossier;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.onedoor.identity.AccessDenied;
import org.onedoor.identity.CurrentUser;
import org.onedoor.identity.Permission;
import org.onedoor.shared.Problem;
import org.onedoor.shared.TenantId;
import org.onedoor.shared.Violation;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A citizen's online application in one go: the dossier and the scans of its papers. Every file is checked before
 * anything is stored (type by content, size), so a refusal names every bad file at once and stores nothing; the
 * dossier and its files are written in one transaction. Later, the applicant's answer to a request for papers, with
 * their scans, in one go as well.
 */
@Service
public class OnlineApplications {

    private final Dossiers dossiers;
    private final Attachments attachments;

    OnlineApplications(Dossiers dossiers, Attachments attachments) {
        this.dossiers = dossiers;
        this.attachments = attachments;
    }

    /** One file for one paper, as the applicant's browser sent it. */
    public record Upload(String component, @Nullable String fileName, byte[] content) {
    }

    @Transactional
    public Dossier apply(CurrentUser user, TenantId tenant, Dossiers.Submission submission, List<Upload> uploads,
                         @Nullable String clientAddress) {
        if (user.isStaff()) throw new AccessDenied(Permission.DOSSIER_SUBMIT);
        var violations = new ArrayList<Violation>();
        for (int i = 0; i < uploads.size(); i++) {
            var upload = uploads.get(i);
            attachments.check(upload.component(), upload.fileName(), upload.content(), "/files/" + i, violations);
        }
        if (uploads.size() > Attachments.MAX_PER_DOSSIER) violations.add(Violation.of("attachment-count", "/files", Attachments.MAX_PER_DOSSIER));
        if (!violations.isEmpty()) throw new Attachments.Refused(violations);
        var dossier = dossiers.submit(user, tenant, submission, clientAddress);
        for (var upload : uploads) {
            attachments.attach(user, tenant, dossier.code(), upload.component(), upload.fileName(), upload.content(), clientAddress);
        }
        return dossier;
    }

    /** The answer to a request for papers breaks rules; every one is listed and nothing was sent. */
    public static class SupplementRefused extends Problem {
        public SupplementRefused(List<Violation> violations) {
            super("supplement-refused", Kind.UNPROCESSABLE, violations);
        }
    }

    /** The longest note an applicant sends with their papers. */
    public static final int MAX_NOTE = 2000;

    /** The papers the pending request asks for, in its order; none when the dossier is not waiting for papers. */
    @Transactional(readOnly = true)
    public List<String> askedFor(Dossier dossier) {
        if (dossier.state() != Dossier.State.WAITING_SUPPLEMENT) return List.of();
        return dossiers.timeline(dossier).reversed().stream().filter(h -> h.action().equals(DossierAction.REQUEST_SUPPLEMENT.name()))
                .findFirst().map(Handover::items).orElse(List.of());
    }

    /**
     * The applicant's answer to a request for papers (the SUPPLEMENT action), with the scans, in one transaction: for
     * each paper asked for, a scan or the applicant's word that they will bring it on paper. Every file is checked
     * first and every paper without either is named, so a refusal lists everything at once and sends nothing; the
     * dossier then resumes (its clock runs again) and the scans are attached to the papers they answer.
     *
     * @param expectedVersion the version of the dossier the applicant read (412 when it has changed since)
     * @param files           the scans, by the position of the paper in the request's list
     * @param onPaper         the positions of the papers the applicant will hand in on paper
     */
    @Transactional
    public Dossier supplement(CurrentUser user, TenantId tenant, String code, int expectedVersion, Map<Integer, Upload> files,
                              Set<Integer> onPaper, @Nullable String note, @Nullable String clientAddress) {
        var dossier = dossiers.read(user, tenant, code);
        if (user.isStaff() || !user.accountId().equals(dossier.applicantAccount())) throw new AccessDenied(Permission.DOSSIER_OWN);
        if (dossier.state() != Dossier.State.WAITING_SUPPLEMENT) {
            throw new Dossiers.ActionNotAllowed(DossierAction.SUPPLEMENT, dossier.statusCode(), dossier.stepKey());
        }
        if (dossier.version() != expectedVersion) throw new Dossiers.StaleVersion(code, dossier.version());
        var asked = askedFor(dossier);
        var violations = new ArrayList<Violation>();
        var components = new ArrayList<Dossier.Component>();
        for (int i = 0; i < asked.size(); i++) {
            var upload = files.get(i);
            if (upload != null) {
                attachments.check(asked.get(i), upload.fileName(), upload.content(), "/files/" + i, violations);
                components.add(new Dossier.Component(asked.get(i), 1, 0, true));
            } else if (onPaper.contains(i)) {
                components.add(new Dossier.Component(asked.get(i), 1, 0, false));
            } else {
                violations.add(Violation.of("supplement-item-missing", "/items/" + i, asked.get(i)));
            }
        }
        files.keySet().stream().filter(i -> i < 0 || i >= asked.size()).sorted()
                .forEach(i -> violations.add(Violation.of("supplement-item-unknown", "/files/" + i, i)));
        var text = note == null || note.isBlank() ? null : java.text.Normalizer.normalize(note.strip(), java.text.Normalizer.Form.NFC);
        if (text != null && text.length() > MAX_NOTE) violations.add(Violation.of("dossier-too-long", "/note", MAX_NOTE));
        if (!violations.isEmpty()) throw new SupplementRefused(violations);
        var resumed = dossiers.act(user, tenant, code, expectedVersion, new Dossiers.Command(DossierAction.SUPPLEMENT, null, null,
                text, List.of(), components, null, null), clientAddress);
        for (int i = 0; i < asked.size(); i++) {
            var upload = files.get(i);
            if (upload != null) attachments.attach(user, tenant, code, asked.get(i), upload.fileName(), upload.content(), clientAddress);
        }
        return resumed;
    }
}
