package org.onedoor.procedure;

import java.math.BigDecimal;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.onedoor.calendar.TimeLimit;
import org.onedoor.shared.LocalizedText;

/**
 * What one version of a city's administrative procedure says (domain note §1–2): who may apply, what to bring, what
 * it costs on each channel, how long the authority has by law, whether it can be done online, and the path a dossier
 * takes. Versions are stored and exchanged as this document in JSON; every field a citizen reads is a
 * {@link LocalizedText}.
 *
 * @param code               the national CSDL TTHC code (e.g. {@code 1.001193}) or a city's local code
 * @param issuingBody        the ministry or body that issued the procedure
 * @param decision           the decision that published it (e.g. {@code 163/QĐ-BTP})
 * @param competentUnitTypes the kinds of unit that decide it, as organisation unit types (e.g. {@code WARD}, {@code COMMUNE})
 * @param timeLimit          the legal time limit; its unit may be unknown where the source gave a bare number
 * @param boundaryFree       whether any reception point of the city may receive it (Decree 118/2025)
 * @param results            the documents the applicant receives (e.g. "Giấy khai sinh")
 */
public record ProcedureDefinition(String code, LocalizedText name, @Nullable LocalizedText field, @Nullable String issuingBody,
                                  @Nullable String decision, List<Level> levels, List<String> competentUnitTypes,
                                  List<ApplicantType> applicantTypes, List<Component> components, List<ChannelTerms> channels,
                                  LegalTime timeLimit, OnlineLevel onlineLevel, boolean boundaryFree, @Nullable String legalBasis,
                                  List<LocalizedText> results, Workflow workflow) {

    public ProcedureDefinition {
        if (code == null || name == null || timeLimit == null || onlineLevel == null || workflow == null) {
            throw new IllegalArgumentException("A procedure has a code, a name, a time limit, an online level and a workflow");
        }
        levels = copy(levels);
        competentUnitTypes = copy(competentUnitTypes);
        applicantTypes = copy(applicantTypes);
        components = copy(components);
        channels = copy(channels);
        results = copy(results);
    }

    /** A list as given, or empty where a document leaves it out. */
    static <T> List<T> copy(@Nullable List<T> list) {
        return list == null ? List.of() : List.copyOf(list);
    }

    /** The tier of government that settles it. */
    public enum Level { PROVINCE, COMMUNE }

    public enum ApplicantType { CITIZEN, ORGANISATION }

    /** Online public service levels of Decree 42/2022 Art. 11: full (toàn trình), partial (một phần), or none. */
    public enum OnlineLevel { FULL, PARTIAL, NONE }

    /** The channels of the national exchange (§1.2): 1 at the counter, 2 online, 3 by public post. */
    public enum Channel { DIRECT, ONLINE, POSTAL }

    /**
     * One paper of the dossier.
     *
     * @param group               the case it belongs to (e.g. "Giấy tờ phải nộp"), or null
     * @param originals           originals to bring (bản chính)
     * @param copies              copies to bring (bản sao)
     * @param mandatory           false for papers required only in some cases
     * @param template            the name of the form to fill in (e.g. "Tờ khai đăng ký khai sinh"), if any
     * @param digitalCopyAccepted whether an electronic copy from a national database or a digitised copy is accepted
     */
    public record Component(@Nullable LocalizedText group, LocalizedText name, int originals, int copies, boolean mandatory,
                            @Nullable String template, boolean digitalCopyAccepted) {
        public Component {
            if (name == null) throw new IllegalArgumentException("A component has a name");
        }
    }

    /** How much it costs: nothing, an amount in minor units of a currency, or a rule stated in words. */
    public record Fee(FeeKind kind, @Nullable Long amount, @Nullable String currency, @Nullable LocalizedText note) {

        public Fee {
            if (kind == null) throw new IllegalArgumentException("A fee has a kind");
        }

        public enum FeeKind { FREE, AMOUNT, RULE }

        public static Fee free(@Nullable LocalizedText note) {
            return new Fee(FeeKind.FREE, null, null, note);
        }

        public static Fee amount(long amount, String currency, @Nullable LocalizedText note) {
            return new Fee(FeeKind.AMOUNT, amount, currency, note);
        }

        public static Fee rule(LocalizedText rule) {
            return new Fee(FeeKind.RULE, null, null, rule);
        }
    }

    /** The terms on one channel: its fee and, where it differs from the procedure's, its time limit. */
    public record ChannelTerms(Channel channel, Fee fee, @Nullable LegalTime timeLimit) {
        public ChannelTerms {
            if (channel == null || fee == null) throw new IllegalArgumentException("A channel has a kind and a fee");
        }
    }

    /**
     * A legal time limit as the source states it: {@code limit} when its unit is known; otherwise null with the stated
     * number and text kept for an administrator to settle, never guessed.
     */
    public record LegalTime(@Nullable TimeLimit limit, @Nullable BigDecimal statedValue, @Nullable String statedText) {

        public static LegalTime of(TimeLimit limit) {
            return new LegalTime(limit, null, null);
        }

        public static LegalTime unknown(@Nullable BigDecimal statedValue, @Nullable String statedText) {
            return new LegalTime(null, statedValue, statedText);
        }

        public boolean known() {
            return limit != null;
        }

        /** Working hours the limit allows at most, or null when unknown (calendar days and "within the day" count 8 h a day). */
        public @Nullable BigDecimal hours() {
            if (limit == null) return null;
            var hoursPerDay = BigDecimal.valueOf(TimeLimit.HOURS_PER_WORKING_DAY);
            return switch (limit.unit()) {
                case WORKING_HOURS -> limit.value();
                case WORKING_DAYS, CALENDAR_DAYS -> limit.value().multiply(hoursPerDay);
                case WITHIN_DAY -> hoursPerDay;
            };
        }
    }

    /** The same document with another workflow. */
    public ProcedureDefinition withWorkflow(Workflow other) {
        return new ProcedureDefinition(code, name, field, issuingBody, decision, levels, competentUnitTypes, applicantTypes, components,
                channels, timeLimit, onlineLevel, boundaryFree, legalBasis, results, other);
    }
}
