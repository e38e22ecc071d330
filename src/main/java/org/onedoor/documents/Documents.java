package org.onedoor.documents;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.onedoor.audit.AuditRecord;
import org.onedoor.audit.AuditTrail;
import org.onedoor.calendar.TimeLimit;
import org.onedoor.dossier.Dossier;
import org.onedoor.dossier.Dossiers;
import org.onedoor.dossier.Handover;
import org.onedoor.identity.CurrentUser;
import org.onedoor.organisation.OrganisationDirectory;
import org.onedoor.organisation.Tenant;
import org.onedoor.organisation.UnitId;
import org.onedoor.procedure.ProcedureDefinition;
import org.onedoor.shared.Problem;
import org.onedoor.shared.QrCodes;
import org.onedoor.shared.TenantId;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Issues the official papers of a dossier and the tracking book of a reception point, each registered with a QR code
 * that opens its public verification. Who may have a paper is who may read the dossier (the applicant, or staff who
 * may read the dossiers of a unit it concerns); the tracking book needs the unit's dossiers.
 */
@Service
public class Documents {

    /** The languages papers are issued in; Vietnamese first. */
    public static final Set<String> LANGUAGES = Set.of("vi", "lo", "en");
    private static final DateTimeFormatter AT = DateTimeFormatter.ofPattern("HH:mm, dd/MM/yyyy");
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd/MM/yyyy");

    private final Dossiers dossiers;
    private final OrganisationDirectory directory;
    private final FoTemplates templates;
    private final PdfRenderer pdf;
    private final TrackingBookSheet sheet;
    private final IssuedDocuments register;
    private final AuditTrail audit;
    private final MessageSource messages;
    private final Clock clock;
    private final String publicUrl;

    Documents(Dossiers dossiers, OrganisationDirectory directory, FoTemplates templates, PdfRenderer pdf, TrackingBookSheet sheet,
              IssuedDocuments register, AuditTrail audit, MessageSource messages, Clock clock,
              @Value("${onedoor.public-url}") String publicUrl) {
        this.dossiers = dossiers;
        this.directory = directory;
        this.templates = templates;
        this.pdf = pdf;
        this.sheet = sheet;
        this.register = register;
        this.audit = audit;
        this.messages = messages;
        this.clock = clock;
        this.publicUrl = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
    }

    /** An issued paper: its bytes, its type and a file name. */
    public record Paper(UUID id, Form form, String fileName, String contentType, byte[] bytes, String sha256) {
    }

    /** What the QR code of a paper shows anyone: no personal data. */
    public record Verification(UUID id, Form form, String formTitle, @Nullable String dossierCode, String unitCode, String unitName,
                               Instant issuedAt, ZoneId zone, @Nullable LocalDate periodFrom, @Nullable LocalDate periodTo,
                               String sha256, int bytes, String tenant) {
    }

    /** The paper asked for does not exist for this dossier (e.g. an apology for a dossier never apologised for). */
    public static class NotApplicable extends Problem {
        public NotApplicable(String form, String code) {
            super("document-not-applicable", Kind.CONFLICT, form, code);
        }
    }

    /** No such issued paper (or not a well-formed reference). */
    public static class UnknownPaper extends Problem {
        public UnknownPaper(String id) {
            super("document-not-found", Kind.NOT_FOUND, id);
        }
    }

    public static class UnsupportedLanguage extends Problem {
        public UnsupportedLanguage(String language) {
            super("document-language", Kind.INVALID, language);
        }
    }

    public static class InvalidPeriod extends Problem {
        public InvalidPeriod() {
            super("document-period", Kind.INVALID);
        }
    }

    /**
     * Form 01–05 of a dossier in the language asked (else the city's). For 02, 03 and 04 the paper of the hand-over
     * line {@code seq} (else the latest such line) is issued.
     */
    @Transactional
    public Paper dossierForm(CurrentUser user, TenantId tenant, String code, Form form, @Nullable Integer seq,
                             @Nullable String language, @Nullable String clientAddress) {
        if (form == Form.TRACKING_BOOK) throw new NotApplicable(form.number(), code);
        var city = dossiers.city(tenant);
        var locale = locale(city, language);
        var dossier = dossiers.read(user, tenant, code);
        var timeline = dossiers.timeline(dossier);
        var procedure = dossiers.procedure(dossier);
        var model = new LinkedHashMap<String, Object>();
        var zone = city.timeZone();
        var receivedDay = (dossier.receivedAt() != null ? dossier.receivedAt() : dossier.submittedAt()).atZone(zone).toLocalDate();
        model.put("issuer", unitName(tenant, dossier.receptionPoint(), receivedDay, locale));
        model.put("code", dossier.code());
        model.put("applicant", dossier.applicant());
        model.put("procedure", procedure.name().in(locale));
        model.put("procedureCode", procedure.code());
        model.put("components", dossier.components());
        model.put("sets", 1);
        model.put("timeLimit", timeLimit(dossier, procedure, locale));
        model.put("receivedAt", at(dossier.receivedAt(), zone));
        model.put("dueAt", at(dossier.dueAt(), zone));
        model.put("delivery", dossier.resultDelivery().name());
        model.put("results", procedure.results().stream().map(r -> r.in(locale)).toList());
        model.put("competent", unitName(tenant, dossier.competentUnit(), receivedDay, locale));
        model.put("receiving", unitName(tenant, dossier.receivingUnit(), receivedDay, locale));
        model.put("book", String.valueOf(receivedDay.getYear()));
        Handover slip = switch (form) {
            case RECEIPT -> {
                if (!dossier.received()) throw new NotApplicable(form.number(), code);
                yield timeline.stream().filter(l -> l.action().equals("RECEIVE") || l.action().equals("ACCEPT"))
                        .reduce((a, b) -> b).orElse(timeline.getFirst());
            }
            case SUPPLEMENT_REQUEST -> line(timeline, "REQUEST_SUPPLEMENT", seq, form, code);
            case REFUSAL -> line(timeline, "REFUSE", seq, form, code);
            case APOLOGY -> line(timeline, "APOLOGISE", seq, form, code);
            case PROCESS_CONTROL -> {
                if (!dossier.received()) throw new NotApplicable(form.number(), code);
                yield timeline.getLast();
            }
            case TRACKING_BOOK -> throw new NotApplicable(form.number(), code);
        };
        model.put("slipAt", at(slip.at(), zone));
        model.put("slipDay", slip.at().atZone(zone).toLocalDate().format(DAY));
        model.put("items", slip.items());
        model.put("note", slip.note());
        model.put("newDueAt", at(slip.newDueAt(), zone));
        model.put("previousDueAt", form == Form.APOLOGY ? at(previousDue(timeline, slip, dossier), zone) : null);
        model.put("officer", slip.action().equals("RECEIVE") || slip.action().equals("ACCEPT")
                ? (slip.receiverName() != null ? slip.receiverName() : slip.giverName()) : slip.giverName());
        if (form == Form.PROCESS_CONTROL) model.put("lines", controlLines(tenant, timeline, procedure, zone, locale));
        return issue(user, city, form, dossier.code(), dossier.receptionPoint(), locale, null, null, model, clientAddress);
    }

    /** The tracking book (form 06) of a reception point for a period of local days, as PDF or as an Excel workbook. */
    @Transactional
    public Paper trackingBook(CurrentUser user, TenantId tenant, String unitCode, LocalDate from, LocalDate to, boolean excel,
                              @Nullable String language, @Nullable String clientAddress) {
        if (to.isBefore(from) || ChronoUnit.DAYS.between(from, to) > 366) throw new InvalidPeriod();
        var city = dossiers.city(tenant);
        var locale = locale(city, language);
        var unit = directory.unit(tenant, unitCode, null, to);
        var received = dossiers.receivedBy(user, tenant, unit.id(), from, to);
        var zone = city.timeZone();
        var rows = new ArrayList<Map<String, Object>>();
        int n = 0;
        for (var d : received) {
            var row = new LinkedHashMap<String, Object>();
            row.put("n", ++n);
            row.put("code", d.code());
            row.put("procedure", dossiers.procedure(d).name().in(locale));
            row.put("sets", 1);
            row.put("applicant", d.applicant().name());
            row.put("address", d.applicant().address() == null ? "" : d.applicant().address());
            row.put("phone", d.applicant().phone() == null ? "" : d.applicant().phone());
            row.put("receivedAt", at(d.receivedAt(), zone));
            row.put("dueAt", at(d.dueAt(), zone));
            row.put("processedAt", at(d.processedAt(), zone));
            row.put("returnedAt", at(d.returnedAt(), zone));
            row.put("status", messages.getMessage("dossier.status." + d.statusCode(), null, String.valueOf(d.statusCode()), locale));
            row.put("late", d.late());
            rows.add(row);
        }
        var title = messages.getMessage("doc.title.06", null, locale);
        var unitName = unit.name().in(locale);
        if (excel) {
            var bytes = sheet.workbook(title, unitName, from.format(DAY), to.format(DAY), rows, locale);
            var name = unit.code() + "-" + from + "-" + to + "-form06-" + locale.getLanguage() + ".xlsx";
            record(user, city, "document.issue", null, Map.of("form", "06", "unit", unit.code(), "format", "xlsx",
                    "from", from.toString(), "to", to.toString()), clientAddress);
            return new Paper(UUID.randomUUID(), Form.TRACKING_BOOK, name,
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", bytes, org.onedoor.dossier.Attachments.sha256(bytes));
        }
        var model = new LinkedHashMap<String, Object>();
        model.put("issuer", unitName);
        model.put("rows", rows);
        model.put("from", from.format(DAY));
        model.put("to", to.format(DAY));
        return issue(user, city, Form.TRACKING_BOOK, null, unit.id(), locale, from, to, model, clientAddress);
    }

    /** The public verification of an issued paper. */
    @Transactional(readOnly = true)
    public Verification verify(String id, Locale locale) {
        UUID uuid;
        try {
            uuid = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new UnknownPaper(id);
        }
        var issued = register.find(uuid).orElseThrow(() -> new UnknownPaper(id));
        var tenant = new TenantId(issued.tenant());
        var city = dossiers.city(tenant);
        var day = issued.issuedAt().atZone(city.timeZone()).toLocalDate();
        var unit = directory.unitOn(tenant, new UnitId(issued.unit()), day).orElseThrow();
        return new Verification(issued.id(), issued.form(), messages.getMessage("doc.title." + issued.form().number(), null, locale),
                issued.dossierCode(), unit.code(), unit.name().in(locale), issued.issuedAt(), city.timeZone(), issued.periodFrom(),
                issued.periodTo(), issued.sha256(), issued.bytes(), issued.tenant());
    }

    /** The fonts documents are set in (for the operator and the tests). */
    public String fonts() {
        return pdf.fonts();
    }

    // ---- helpers --------------------------------------------------------------------------------------------------

    private Paper issue(CurrentUser user, Tenant city, Form form, @Nullable String code, UnitId unit, Locale locale,
                        @Nullable LocalDate from, @Nullable LocalDate to, Map<String, Object> model, @Nullable String clientAddress) {
        var id = UUID.randomUUID();
        var now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        var verifyUrl = publicUrl + "/verify/" + id;
        model.put("form", form.number());
        model.put("sheet", form.sheet());
        model.put("country", city.defaultLocale().getLanguage().equals("lo") ? "lo" : "vi");
        model.put("documentId", id.toString());
        model.put("verifyUrl", verifyUrl);
        model.put("qr", QrCodes.pngDataUri(verifyUrl, 240));
        model.put("issuedAt", at(now, city.timeZone()));
        model.put("issuedBy", user.displayName());
        var bytes = pdf.render(templates.render("form" + form.number(), model, locale));
        var hash = org.onedoor.dossier.Attachments.sha256(bytes);
        register.insert(new IssuedDocuments.Issued(id, city.id().value(), form, code, unit.value(), locale.getLanguage(), now,
                user.username(), from, to, hash, bytes.length));
        var details = new LinkedHashMap<String, String>();
        details.put("form", form.number());
        details.put("document", id.toString());
        details.put("language", locale.getLanguage());
        if (from != null && to != null) {
            details.put("from", from.toString());
            details.put("to", to.toString());
        }
        record(user, city, "document.issue", code, details, clientAddress);
        var name = (code != null ? code : "book-" + from + "-" + to) + "-form" + form.number() + "-" + locale.getLanguage() + ".pdf";
        return new Paper(id, form, name, "application/pdf", bytes, hash);
    }

    private void record(CurrentUser user, Tenant city, String action, @Nullable String code, Map<String, String> details,
                        @Nullable String clientAddress) {
        audit.record(new AuditRecord(city.id().value(), user.username(), user.unit() == null ? null : user.unit().toString(),
                clientAddress, action, code != null ? "dossier" : "unit", code, null, null, AuditRecord.Outcome.SUCCESS, null, null,
                details));
    }

    private static Locale locale(Tenant city, @Nullable String language) {
        if (language == null || language.isBlank()) return city.defaultLocale();
        var l = language.strip().toLowerCase(Locale.ROOT);
        if (!LANGUAGES.contains(l)) throw new UnsupportedLanguage(language);
        return Locale.of(l);
    }

    private static Handover line(List<Handover> timeline, String action, @Nullable Integer seq, Form form, String code) {
        return timeline.stream().filter(l -> l.action().equals(action) && (seq == null || l.seq() == seq))
                .reduce((a, b) -> b).orElseThrow(() -> new NotApplicable(form.number(), code));
    }

    /** The appointment an apology replaced: the new appointment of the apology before it, else the first one given. */
    private static @Nullable Instant previousDue(List<Handover> timeline, Handover apology, Dossier d) {
        Instant previous = null;
        for (var l : timeline) {
            if (l.seq() >= apology.seq()) break;
            if (l.newDueAt() != null) previous = l.newDueAt();
        }
        return previous != null ? previous : d.legalDueAt();
    }

    private List<Map<String, Object>> controlLines(TenantId tenant, List<Handover> timeline, ProcedureDefinition procedure,
                                                   ZoneId zone, Locale locale) {
        var lines = new ArrayList<Map<String, Object>>();
        for (var l : timeline) {
            var day = l.at().atZone(zone).toLocalDate();
            var line = new LinkedHashMap<String, Object>();
            line.put("unit", l.receiverUnit() != null ? unitName(tenant, new UnitId(l.receiverUnit()), day, locale)
                    : l.giverUnit() != null ? unitName(tenant, new UnitId(l.giverUnit()), day, locale) : "");
            line.put("action", l.action());
            line.put("at", at(l.at(), zone));
            line.put("giver", l.giverName());
            line.put("receiver", l.receiverName() == null ? "" : l.receiverName());
            line.put("step", l.fromStep() == null ? "" : procedure.workflow().step(l.fromStep()).map(s -> s.name().in(locale)).orElse(l.fromStep()));
            line.put("result", l.result());
            line.put("note", l.note() == null ? "" : l.note());
            lines.add(line);
        }
        return lines;
    }

    private String timeLimit(Dossier d, ProcedureDefinition procedure, Locale locale) {
        TimeLimit limit = d.timeLimit();
        if (limit == null) limit = procedure.timeLimit().limit();
        if (limit == null) return "—";
        return messages.getMessage("doc.time." + limit.unit().name(), new Object[] {limit.value().stripTrailingZeros().toPlainString()},
                locale);
    }

    private String unitName(TenantId tenant, UnitId unit, LocalDate day, Locale locale) {
        return directory.unitOn(tenant, unit, day).or(() -> directory.unitOn(tenant, unit, LocalDate.now(clock)))
                .map(u -> u.name().in(locale)).orElse("");
    }

    private static @Nullable String at(@Nullable Instant instant, ZoneId zone) {
        return instant == null ? null : instant.atZone(zone).format(AT);
    }


}
