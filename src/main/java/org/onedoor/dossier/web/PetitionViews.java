package org.onedoor.dossier.web;

import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.Locale;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.onedoor.dossier.Dossiers;
import org.onedoor.dossier.Petitions;
import org.onedoor.shared.TenantId;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/** Petitions as the API and the pages show them: instants in the city's zone, the answering unit by code and name. */
@Component
class PetitionViews {

    private final Dossiers dossiers;
    private final DossierViews views;
    private final MessageSource messages;

    PetitionViews(Dossiers dossiers, DossierViews views, MessageSource messages) {
        this.dossiers = dossiers;
        this.views = views;
        this.messages = messages;
    }

    /** The final answer: its text, when and by whom. */
    record AnswerView(String text, OffsetDateTime answeredAt, UUID answeredBy, String answeredByName) {
    }

    /**
     * A petition: {@code status} OPEN or ANSWERED; {@code overdue} when still open after {@code dueAt};
     * {@code answeredLate} when the answer came after it.
     */
    record PetitionView(UUID id, String dossierCode, String applicantName, String kind, String kindName, String subject,
                        String text, OffsetDateTime sentAt, DossierViews.UnitRef answeringUnit, OffsetDateTime dueAt,
                        String status, boolean overdue, @Nullable AnswerView answer, boolean answeredLate) {
    }

    PetitionView view(TenantId tenant, Petitions.Petition p, Locale locale) {
        var zone = dossiers.city(tenant).timeZone();
        var a = p.answer();
        return new PetitionView(p.id(), p.dossierCode(), p.applicantName(), p.kind().name(),
                messages.getMessage("petition.kind." + p.kind().name(), null, p.kind().name(), locale), p.subject(), p.text(),
                p.sentAt().atZone(zone).toOffsetDateTime(), views.ref(tenant, p.answeringUnit(), new HashMap<>(), locale),
                p.dueAt().atZone(zone).toOffsetDateTime(), p.open() ? "OPEN" : "ANSWERED", p.overdue(),
                a == null ? null : new AnswerView(a.text(), a.at().atZone(zone).toOffsetDateTime(), a.by(), a.byName()),
                p.answeredLate());
    }
}
