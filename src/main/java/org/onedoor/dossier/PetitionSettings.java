package org.onedoor.dossier;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How petitions about dossiers are handled ({@code onedoor.dossier.petitions.*}).
 *
 * @param answerWorkingDays working days the answering unit has to answer, counted by the city's calendar from the
 *                          sending; 15 by default, the answer time of Decision 766/QĐ-TTg indicator 5.2 ("answer ≤ 15
 *                          working days", domain note §3.2); a city may set a shorter time
 * @param openPerDossier    petitions of one dossier that may await an answer at the same time
 */
@ConfigurationProperties("onedoor.dossier.petitions")
record PetitionSettings(@DefaultValue("15") int answerWorkingDays, @DefaultValue("5") int openPerDossier) {

    PetitionSettings {
        if (answerWorkingDays < 1 || answerWorkingDays > 100) {
            throw new IllegalArgumentException("onedoor.dossier.petitions.answer-working-days must be 1 to 100");
        }
        if (openPerDossier < 1) throw new IllegalArgumentException("onedoor.dossier.petitions.open-per-dossier must be at least 1");
    }
}
