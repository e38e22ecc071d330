package org.onedoor.procedure.seed;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.onedoor.calendar.TimeLimit;
import org.onedoor.procedure.ProcedureDefinition;
import org.onedoor.procedure.ProcedureDefinition.ApplicantType;
import org.onedoor.procedure.ProcedureDefinition.Channel;
import org.onedoor.procedure.ProcedureDefinition.ChannelTerms;
import org.onedoor.procedure.ProcedureDefinition.Fee;
import org.onedoor.procedure.ProcedureDefinition.LegalTime;
import org.onedoor.procedure.ProcedureDefinition.Level;
import org.onedoor.procedure.ProcedureDefinition.OnlineLevel;
import org.onedoor.procedure.ProcedureJson;
import org.onedoor.procedure.Procedures;
import org.onedoor.procedure.Workflow;
import org.onedoor.procedure.WorkflowTemplates;
import org.onedoor.shared.LocalizedText;
import org.onedoor.shared.TenantId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Gives a Vietnamese city the 568 commune-level procedures of the national catalogue (data README §2) as its own
 * published procedures, each with the level's default workflow template: components cleaned from the flattened portal
 * text, channels with fees and time limits, applicants, legal basis and result documents. What the source does not
 * say stays unsaid and is flagged: a time given as a bare number keeps its unit unknown; whether online service is
 * full or partial is not stated, so an online channel gives "partial" and the flag {@code ONLINE_LEVEL_UNCONFIRMED}.
 * Repeatable: a procedure the city already has is left alone, so its administrators' versions survive.
 */
@Component
@Order(17)
public class CityProcedureImport implements ApplicationRunner {

    static final List<String> DETAIL_FILES = List.of("vn_tthc_commune_level_detail_tuphap_congan.json",
            "vn_tthc_commune_level_detail_other_ministries.json");
    private static final Pattern AMOUNT = Pattern.compile("^([0-9][0-9.,]*)\\s*(VNĐ|VND|Việt Nam Đồng|đồng)\\s*(.*)$",
            Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final Pattern NUMBER = Pattern.compile("[0-9]+(?:[.,][0-9]+)?");
    private static final Pattern LEGAL_CODE = Pattern.compile("([0-9]{1,4}/[0-9]{4}/[A-ZĐ0-9\\-]+)(?=[A-ZĐÂĂÊÔƠƯ][a-zà-ỹđ]|$)");
    private static final Pattern RESULT = Pattern.compile("Mã:\\s*KQ\\.[A-Z0-9.]+");
    private static final Logger log = LoggerFactory.getLogger(CityProcedureImport.class);

    /** What one import did, with every row or text it could not use. */
    public record Report(int read, int created, int unchanged, int components, int timesUnknown, int onlineUnconfirmed,
                         int componentsUnparsed, List<String> problems) {
        public String text() {
            return "%d read, %d created, %d already there, %d components, %d with a time limit of unknown unit, %d with online level unconfirmed, %d with component text left unparsed, %d refused%s"
                    .formatted(read, created, unchanged, components, timesUnknown, onlineUnconfirmed, componentsUnparsed, problems.size(),
                            problems.isEmpty() ? "" : ": " + problems);
        }
    }

    private final Procedures procedures;
    private final WorkflowTemplates templates;
    private final ProcedureJson json;
    private final TransactionTemplate transactions;
    private final boolean demo;

    CityProcedureImport(Procedures procedures, WorkflowTemplates templates, ProcedureJson json, TransactionTemplate transactions,
                        @Value("${onedoor.demo}") boolean demo) {
        this.procedures = procedures;
        this.templates = templates;
        this.json = json;
        this.transactions = transactions;
        this.demo = demo;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!demo || args.getNonOptionArgs().stream().anyMatch(a -> a.equals("bootstrap-admin") || a.equals("audit-verify"))) return;
        var started = System.nanoTime();
        var report = importInto(new TenantId("hanoi"));
        log.info("Demo data, Hanoi's procedures: {} ({} ms)", report.created() == 0 ? report.unchanged() + " already there" : report.text(),
                (System.nanoTime() - started) / 1_000_000);
    }

    /** Imports the commune-level catalogue into a city; published from the city's today, basis the publishing decision. */
    public Report importInto(TenantId tenant) {
        var template = templates.defaultFor(tenant, Level.COMMUNE).map(WorkflowTemplates.Template::workflow)
                .orElseThrow(() -> new IllegalStateException("No default workflow template for the commune level"));
        var parsed = new ArrayList<ProcedureDefinition>();
        var problems = new ArrayList<String>();
        int read = 0, timesUnknown = 0, onlineUnconfirmed = 0, componentsUnparsed = 0;
        for (var file : DETAIL_FILES) {
            var records = json.mapper().readTree(resource(file));
            int index = 0;
            for (var record : records) {
                index++;
                read++;
                try {
                    var definition = definition(record, template);
                    if (!definition.timeLimit().known()) timesUnknown++;
                    if (definition.onlineLevel() == OnlineLevel.PARTIAL) onlineUnconfirmed++;
                    if (!ComponentText.parse(text(record, "thanh_phan_ho_so")).leftovers().isEmpty()) componentsUnparsed++;
                    parsed.add(definition);
                } catch (RuntimeException e) {
                    problems.add(file + "#" + index + " (" + text(record, "ma_thu_tuc") + "): " + e.getMessage());
                }
            }
        }
        var created = transactions.execute(status -> {
            var today = procedures.today(tenant);
            int count = 0;
            for (var definition : parsed) {
                if (procedures.seed(tenant, definition, today, definition.decision() == null ? "CSDL TTHC" : definition.decision())) count++;
            }
            return count;
        });
        var components = parsed.stream().mapToInt(d -> d.components().size()).sum();
        return new Report(read, created, parsed.size() - created, components, timesUnknown, onlineUnconfirmed, componentsUnparsed, problems);
    }

    static ProcedureDefinition definition(JsonNode record, Workflow template) {
        var code = text(record, "ma_thu_tuc").strip();
        if (!Procedures.CODE.matcher(code).matches()) throw new IllegalArgumentException("code " + code);
        var levels = new ArrayList<Level>();
        var levelText = text(record, "cap_thuc_hien");
        if (levelText.contains("Cấp tỉnh")) levels.add(Level.PROVINCE);
        if (levelText.contains("Cấp xã")) levels.add(Level.COMMUNE);
        var applicantText = text(record, "doi_tuong_thuc_hien");
        var applicants = new ArrayList<ApplicantType>();
        if (applicantText.contains("Công dân") || applicantText.contains("Người")) applicants.add(ApplicantType.CITIZEN);
        if (applicantText.contains("Tổ chức") || applicantText.contains("Doanh nghiệp") || applicantText.contains("HTX")) {
            applicants.add(ApplicantType.ORGANISATION);
        }
        if (applicants.isEmpty()) applicants.add(ApplicantType.CITIZEN);
        var channels = new LinkedHashMap<Channel, ChannelTerms>();
        for (var row : record.path("cach_thuc_thuc_hien")) {
            var channel = switch (text(row, "channel").strip()) {
                case "Trực tiếp" -> Channel.DIRECT;
                case "Trực tuyến" -> Channel.ONLINE;
                case "Dịch vụ bưu chính" -> Channel.POSTAL;
                default -> throw new IllegalArgumentException("channel " + text(row, "channel"));
            };
            channels.putIfAbsent(channel, new ChannelTerms(channel, fee(text(row, "fee_and_note")),
                    time(text(row, "time_value"), text(row, "time_unit"))));
        }
        if (channels.isEmpty()) throw new IllegalArgumentException("no channel");
        var main = channels.getOrDefault(Channel.DIRECT, channels.values().iterator().next()).timeLimit();
        // A channel whose time is the procedure's keeps none of its own.
        var terms = channels.values().stream().map(c -> c.timeLimit() != null && c.timeLimit().equals(main)
                ? new ChannelTerms(c.channel(), c.fee(), null) : c).toList();
        var components = ComponentText.parse(text(record, "thanh_phan_ho_so")).items().stream()
                .map(i -> new ProcedureDefinition.Component(i.group().isBlank() ? null : LocalizedText.of("vi", i.group()),
                        LocalizedText.of("vi", i.name()), i.originals(), i.copies(), mandatory(i), null, false))
                .toList();
        var field = blank(text(record, "linh_vuc"));
        return new ProcedureDefinition(code, LocalizedText.of("vi", text(record, "ten_thu_tuc")),
                field == null ? null : LocalizedText.of("vi", field), blank(text(record, "co_quan_ban_hanh")),
                blank(text(record, "so_quyet_dinh_cong_bo")), levels, levels.contains(Level.COMMUNE) ? List.of("WARD", "COMMUNE") : List.of(),
                applicants, components, terms, main == null ? LegalTime.unknown(null, null) : main,
                channels.containsKey(Channel.ONLINE) ? OnlineLevel.PARTIAL : OnlineLevel.NONE, false,
                legalBasis(text(record, "can_cu_phap_ly")), results(text(record, "ket_qua_xu_ly")), template);
    }

    /** "10,000 Việt Nam Đồng(note)" is an amount in đồng; "Miễn phí(note)" is free; anything else is kept as a rule. */
    static Fee fee(String text) {
        var fee = text.strip();
        if (fee.isEmpty() || fee.startsWith("Không có thông tin")) {
            return Fee.rule(LocalizedText.of("vi", fee.isEmpty() ? "Không có thông tin" : fee));
        }
        if (fee.regionMatches(true, 0, "Miễn phí", 0, "Miễn phí".length())) {
            return Fee.free(note(fee.substring("Miễn phí".length())));
        }
        var amount = AMOUNT.matcher(fee);
        if (amount.matches()) {
            return Fee.amount(Long.parseLong(amount.group(1).replace(",", "").replace(".", "")), "VND", note(amount.group(3)));
        }
        return Fee.rule(LocalizedText.of("vi", fee));
    }

    /** A note in parentheses or run on after the fee, cleaned; null when there is none. */
    private static @Nullable LocalizedText note(String rest) {
        var note = rest.strip();
        if (note.startsWith("(") && note.endsWith(")")) note = note.substring(1, note.length() - 1).strip();
        note = note.replaceAll("\\s+", " ");
        if (note.isEmpty() || note.equals("Không") || note.equals("-")) return null;
        return LocalizedText.of("vi", note);
    }

    /** "7" + "Ngày làm việc" is 7 working days; a number without unit stays unknown; no number at all is unknown. */
    static @Nullable LegalTime time(String value, String unit) {
        var stated = value.strip();
        var word = unit.strip().toLowerCase(Locale.ROOT);
        if (stated.isEmpty() && word.isEmpty()) return null;
        var number = NUMBER.matcher(stated);
        if (!number.matches()) return LegalTime.unknown(null, (stated + " " + unit).strip());
        var amount = new BigDecimal(stated.replace(',', '.'));
        try {
            return switch (word) {
                case "ngày làm việc" -> LegalTime.of(TimeLimit.workingDays(amount));
                case "giờ" -> LegalTime.of(TimeLimit.workingHours(amount));
                case "ngày" -> LegalTime.of(new TimeLimit(amount, TimeLimit.Unit.CALENDAR_DAYS, null, false));
                default -> LegalTime.unknown(amount, stated);
            };
        } catch (IllegalArgumentException e) {
            return LegalTime.unknown(amount, (stated + " " + unit).strip());
        }
    }

    /** "Tên văn bản pháp lýMã văn bản<title><code><title><code>…" as one line per act: "title (code)". */
    static @Nullable String legalBasis(String text) {
        var body = text.replace("Tên văn bản pháp lýMã văn bản", "").strip();
        if (body.isEmpty()) return null;
        var acts = new ArrayList<String>();
        var matcher = LEGAL_CODE.matcher(body);
        int start = 0;
        while (matcher.find()) {
            var title = body.substring(start, matcher.start()).replaceAll("\\s+", " ").strip();
            acts.add(title.isEmpty() ? matcher.group(1) : title.contains(matcher.group(1)) ? title : title + " (" + matcher.group(1) + ")");
            start = matcher.end();
        }
        var rest = body.substring(start).replaceAll("\\s+", " ").strip();
        if (!rest.isEmpty()) acts.add(rest);
        return String.join("\n", acts);
    }

    /** "Giấy khai sinhMã: KQ.G15.000031Trích lục…Mã: KQ…" as the list of result documents. */
    static List<LocalizedText> results(String text) {
        var results = new ArrayList<LocalizedText>();
        for (var part : RESULT.split(text)) {
            var name = part.replaceAll("\\s+", " ").strip();
            if (!name.isEmpty() && !name.equals("Không có thông tin")) results.add(LocalizedText.of("vi", name));
        }
        return results;
    }

    private static String text(JsonNode node, String field) {
        var value = node.path(field);
        return value.isNull() || value.isMissingNode() ? "" : value.asString();
    }

    private static @Nullable String blank(String text) {
        return text.isBlank() ? null : text.strip();
    }

    private static InputStream resource(String file) {
        var in = CityProcedureImport.class.getClassLoader().getResourceAsStream("seed/procedure/" + file);
        if (in == null) throw new UncheckedIOException(new IOException("Seed file missing: " + file));
        return in;
    }

    /**
     * Whether every applicant must hand the paper in: not one that depends on the case, not one of which no original
     * or copy is asked ("0 bản chính"), not a note ("Lưu ý") and not a paper only shown at the counter ("Giấy tờ phải
     * xuất trình"). Staff may still ask for any of them in a supplement request.
     */
    static boolean mandatory(ComponentText.Item item) {
        if (item.conditional() || item.originals() + item.copies() == 0) return false;
        var group = item.group().toLowerCase(java.util.Locale.ROOT);
        return !group.startsWith("lưu ý") && !group.contains("xuất trình");
    }
}
