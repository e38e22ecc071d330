package org.onedoor.dossier;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.onedoor.identity.AccessDenied;
import org.onedoor.identity.CurrentUser;
import org.onedoor.identity.Permission;
import org.onedoor.shared.TenantId;
import org.onedoor.shared.Violation;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A citizen's online application in one go: the dossier and the scans of its papers. Every file is checked before
 * anything is stored (type by content, size), so a refusal names every bad file at once and stores nothing; the
 * dossier and its files are written in one transaction.
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
            var content = uploads.get(i).content();
            var pointer = "/files/" + i;
            if (content.length == 0) violations.add(Violation.of("attachment-empty", pointer));
            else if (content.length > attachments.maxBytes()) violations.add(Violation.of("attachment-size", pointer, Attachments.megabytes(attachments.maxBytes())));
            else if (FileTypes.sniff(content).isEmpty()) violations.add(Violation.of("attachment-type", pointer, "PDF, PNG, JPEG, DOCX, XLSX"));
        }
        if (uploads.size() > Attachments.MAX_PER_DOSSIER) violations.add(Violation.of("attachment-count", "/files", Attachments.MAX_PER_DOSSIER));
        if (!violations.isEmpty()) throw new Attachments.Refused(violations);
        var dossier = dossiers.submit(user, tenant, submission, clientAddress);
        for (var upload : uploads) {
            attachments.attach(user, tenant, dossier.code(), upload.component(), upload.fileName(), upload.content(), clientAddress);
        }
        return dossier;
    }
}
