package org.onedoor.procedure;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.jspecify.annotations.Nullable;
import org.onedoor.calendar.TimeLimit;
import org.onedoor.procedure.ProcedureDefinition.Channel;
import org.onedoor.procedure.ProcedureDefinition.ChannelTerms;
import org.onedoor.procedure.ProcedureDefinition.Fee;
import org.onedoor.procedure.ProcedureDefinition.LegalTime;
import org.onedoor.shared.LocalizedText;
import org.onedoor.shared.Problem;
import org.onedoor.shared.TenantId;
import org.onedoor.shared.Violation;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The city's catalogue as an Excel workbook, out and back in: one sheet of procedures (code, names in each language,
 * field, levels, time limit, online level, fee per channel) and one of their components. Reading it back makes a
 * draft of each procedure whose row differs from the version it was written from (the one in force, else the latest;
 * an open draft is replaced), keeping the workflow and everything the sheet does not carry. Every cell that cannot be
 * read is reported with its sheet and address, and then nothing is changed.
 */
@Service
@Transactional
public class ProcedureSpreadsheet {

    static final int PROCEDURES = 0;
    static final int COMPONENTS = 1;
    /** Column keys of the procedure sheet; headers are their messages {@code procedure.xlsx.<key>}. */
    static final List<String> PROCEDURE_COLUMNS = List.of("code", "name-vi", "name-en", "name-lo", "field", "levels", "time-value",
            "time-unit", "online", "fee-direct", "fee-online", "fee-postal", "decision");
    static final List<String> COMPONENT_COLUMNS = List.of("code", "group", "name-vi", "name-en", "name-lo", "originals", "copies", "mandatory");

    public static class Unreadable extends Problem {
        public Unreadable(List<Violation> violations) {
            super("procedure-spreadsheet-invalid", Kind.UNPROCESSABLE, violations, violations.size());
        }
    }

    /** What reading a workbook did. */
    public record Report(int rows, int drafts, int unchanged, List<String> drafted) {
    }

    private final Procedures procedures;
    private final WorkflowTemplates templates;

    ProcedureSpreadsheet(Procedures procedures, WorkflowTemplates templates) {
        this.procedures = procedures;
        this.templates = templates;
    }

    /** The procedures in force today, or each one's latest version when it has none in force; headers via {@code label}. */
    @Transactional(readOnly = true)
    public byte[] write(TenantId tenant, Function<String, String> label) {
        var today = procedures.today(tenant);
        try (var workbook = new XSSFWorkbook(); var out = new ByteArrayOutputStream()) {
            var sheet = workbook.createSheet(label.apply("sheet-procedures"));
            var parts = workbook.createSheet(label.apply("sheet-components"));
            header(sheet, PROCEDURE_COLUMNS, label);
            header(parts, COMPONENT_COLUMNS, label);
            int r = 1, c = 1;
            for (var latest : procedures.latest(tenant)) {
                var p = procedures.inForce(tenant, latest.code(), today).orElse(latest).definition();
                var row = sheet.createRow(r++);
                var time = p.timeLimit();
                values(row, p.code(), p.name().exactly("vi"), p.name().exactly("en"), p.name().exactly("lo"),
                        p.field() == null ? null : p.field().in(Locale.of("vi")),
                        String.join(",", p.levels().stream().map(Enum::name).toList()),
                        time.known() ? time.limit().value() : time.statedValue(),
                        time.known() ? time.limit().unit().name() + (time.limit().cutoff() == null ? "" : "@" + time.limit().cutoff()) : "UNKNOWN",
                        p.onlineLevel().name(), fee(p, Channel.DIRECT), fee(p, Channel.ONLINE), fee(p, Channel.POSTAL), p.decision());
                for (var component : p.components()) {
                    values(parts.createRow(c++), p.code(), component.group() == null ? null : component.group().in(Locale.of("vi")),
                            component.name().exactly("vi"), component.name().exactly("en"), component.name().exactly("lo"),
                            BigDecimal.valueOf(component.originals()), BigDecimal.valueOf(component.copies()), component.mandatory() ? "x" : "");
                }
            }
            sheet.createFreezePane(0, 1);
            parts.createFreezePane(0, 1);
            workbook.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads a workbook written by {@link #write} (possibly edited) and makes drafts of the procedures it changes. */
    public Report read(TenantId tenant, byte[] content, String actor) {
        var violations = new ArrayList<Violation>();
        var rows = new LinkedHashMap<String, ProcedureDefinition>();
        var existing = new LinkedHashMap<String, ProcedureDefinition>();
        try (Workbook workbook = new XSSFWorkbook(new ByteArrayInputStream(content))) {
            if (workbook.getNumberOfSheets() < 2) throw new IOException("two sheets expected");
            var components = components(workbook.getSheetAt(COMPONENTS), violations);
            var sheet = workbook.getSheetAt(PROCEDURES);
            var today = procedures.today(tenant);
            for (int r = 1; r <= sheet.getLastRowNum(); r++) {
                var row = sheet.getRow(r);
                if (row == null || text(row, 0) == null) continue;
                var at = sheet.getSheetName() + "!" + (r + 1);
                try {
                    var code = text(row, 0);
                    if (!Procedures.CODE.matcher(code).matches()) {
                        violations.add(Violation.of("spreadsheet-cell", at + ":A", code));
                        continue;
                    }
                    ProcedureDefinition base = null;
                    if (procedures.exists(tenant, code)) {
                        // Compared with what the workbook was written from: the version in force, else the latest.
                        var latest = procedures.versions(tenant, code).getFirst();
                        base = procedures.inForce(tenant, code, today).orElse(latest).definition();
                        existing.put(code, base);
                    }
                    rows.put(code, definition(row, at, code, base, components.get(code), tenant, violations));
                } catch (RuntimeException e) {
                    violations.add(Violation.of("spreadsheet-row", at, String.valueOf(e.getMessage())));
                }
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof Problem problem) throw problem;
            throw new Unreadable(List.of(Violation.of("spreadsheet-unreadable", null)));
        }
        if (!violations.isEmpty()) throw new Unreadable(violations);
        var drafted = new ArrayList<String>();
        for (var entry : rows.entrySet()) {
            if (entry.getValue().equals(existing.get(entry.getKey()))) continue;
            procedures.offer(tenant, entry.getValue(), ProcedureVersion.Origin.SPREADSHEET, actor);
            drafted.add(entry.getKey());
        }
        return new Report(rows.size(), drafted.size(), rows.size() - drafted.size(), drafted);
    }

    private @Nullable ProcedureDefinition definition(Row row, String at, String code, @Nullable ProcedureDefinition base,
                                                     @Nullable List<ProcedureDefinition.Component> components, TenantId tenant,
                                                     List<Violation> violations) {
        var names = new LinkedHashMap<String, String>();
        for (var language : new String[] {"vi", "en", "lo"}) {
            var text = text(row, PROCEDURE_COLUMNS.indexOf("name-" + language));
            if (text != null) names.put(language, text);
        }
        if (names.isEmpty()) {
            violations.add(Violation.of("spreadsheet-cell", at + ":B", ""));
            return null;
        }
        var levels = new ArrayList<ProcedureDefinition.Level>();
        var levelText = text(row, 5);
        for (var level : (levelText == null ? "" : levelText).split("[,; ]+")) {
            if (level.isBlank()) continue;
            try {
                levels.add(ProcedureDefinition.Level.valueOf(level.strip().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                violations.add(Violation.of("spreadsheet-cell", at + ":F", level));
            }
        }
        var time = time(row, at, violations);
        ProcedureDefinition.OnlineLevel online = null;
        try {
            online = ProcedureDefinition.OnlineLevel.valueOf(String.valueOf(text(row, 8)).strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            violations.add(Violation.of("spreadsheet-cell", at + ":I", String.valueOf(text(row, 8))));
        }
        var channels = new ArrayList<ChannelTerms>();
        var columns = Map.of(Channel.DIRECT, 9, Channel.ONLINE, 10, Channel.POSTAL, 11);
        for (var channel : Channel.values()) {
            var column = columns.get(channel);
            var text = text(row, column);
            if (text == null) continue;
            var previous = base == null ? null : base.channels().stream().filter(c -> c.channel() == channel).findFirst().orElse(null);
            var fee = fee(text, previous == null ? null : previous.fee());
            channels.add(new ChannelTerms(channel, fee, previous == null ? null : previous.timeLimit()));
        }
        if (time == null || online == null) return null;
        if (base != null) {
            // Keep the document's order of channels, and an unknown time exactly as the source stated it.
            var order = base.channels().stream().map(ChannelTerms::channel).toList();
            channels.sort(java.util.Comparator.comparingInt(c -> order.contains(c.channel()) ? order.indexOf(c.channel()) : order.size()));
            if (!time.known() && !base.timeLimit().known() && java.util.Objects.equals(time.statedValue(), base.timeLimit().statedValue())) {
                time = base.timeLimit();
            }
        }
        var field = text(row, 4);
        var workflow = base != null ? base.workflow()
                : templates.defaultFor(tenant, levels.contains(ProcedureDefinition.Level.PROVINCE) ? ProcedureDefinition.Level.PROVINCE
                : ProcedureDefinition.Level.COMMUNE).map(WorkflowTemplates.Template::workflow).orElse(new Workflow(null, List.of()));
        return new ProcedureDefinition(code, new LocalizedText(names), field == null ? null : LocalizedText.of("vi", field),
                base == null ? null : base.issuingBody(), text(row, 12), levels, base == null ? List.of() : base.competentUnitTypes(),
                base == null ? List.of(ProcedureDefinition.ApplicantType.CITIZEN) : base.applicantTypes(),
                components != null ? keepWhatTheSheetOmits(components, base) : base == null ? List.of() : base.components(), channels, time, online,
                base != null && base.boundaryFree(), base == null ? null : base.legalBasis(), base == null ? List.of() : base.results(), workflow);
    }

    /** The sheet has no columns for a component's form template or digital copies: those of the same paper are kept. */
    private static List<ProcedureDefinition.Component> keepWhatTheSheetOmits(List<ProcedureDefinition.Component> read,
                                                                               @Nullable ProcedureDefinition base) {
        if (base == null) return read;
        return read.stream().map(c -> base.components().stream().filter(b -> b.name().equals(c.name())).findFirst()
                .map(b -> new ProcedureDefinition.Component(c.group(), c.name(), c.originals(), c.copies(), c.mandatory(), b.template(),
                        b.digitalCopyAccepted())).orElse(c)).toList();
    }

    private static @Nullable LegalTime time(Row row, String at, List<Violation> violations) {
        var unit = text(row, 7);
        var value = number(row, 6);
        if (unit == null || unit.equalsIgnoreCase("UNKNOWN")) return LegalTime.unknown(value, value == null ? null : value.toPlainString());
        try {
            var parts = unit.split("@");
            var kind = TimeLimit.Unit.valueOf(parts[0].strip().toUpperCase(Locale.ROOT));
            var cutoff = parts.length > 1 ? java.time.LocalTime.parse(parts[1].strip()) : null;
            return LegalTime.of(new TimeLimit(value == null ? BigDecimal.ZERO : value, kind, cutoff, false));
        } catch (RuntimeException e) {
            violations.add(Violation.of("spreadsheet-cell", at + ":G-H", unit));
            return null;
        }
    }

    /** "free", an amount with its currency ("20000 VND"), or any other text as a rule; the note of the same fee is kept. */
    private static Fee fee(String text, @Nullable Fee previous) {
        var note = previous == null ? null : previous.note();
        var amount = java.util.regex.Pattern.compile("([0-9][0-9 .,]*)\\s*([A-Z]{3})").matcher(text.strip());
        if (text.strip().equalsIgnoreCase("free")) return Fee.free(note);
        if (amount.matches()) return Fee.amount(Long.parseLong(amount.group(1).replaceAll("[ .,]", "")), amount.group(2), note);
        if (previous != null && previous.kind() == Fee.FeeKind.RULE && previous.note() != null && previous.note().in(Locale.of("vi")).equals(text)) {
            return previous;
        }
        return Fee.rule(LocalizedText.of("vi", text));
    }

    private static @Nullable String fee(ProcedureDefinition p, Channel channel) {
        return p.channels().stream().filter(c -> c.channel() == channel).findFirst().map(c -> switch (c.fee().kind()) {
            case FREE -> "free";
            case AMOUNT -> c.fee().amount() + " " + c.fee().currency();
            case RULE -> c.fee().note() == null ? "" : c.fee().note().in(Locale.of("vi"));
        }).orElse(null);
    }

    private static Map<String, List<ProcedureDefinition.Component>> components(Sheet sheet, List<Violation> violations) {
        var components = new LinkedHashMap<String, List<ProcedureDefinition.Component>>();
        for (int r = 1; r <= sheet.getLastRowNum(); r++) {
            var row = sheet.getRow(r);
            if (row == null || text(row, 0) == null) continue;
            var at = sheet.getSheetName() + "!" + (r + 1);
            var names = new LinkedHashMap<String, String>();
            for (int i = 0; i < 3; i++) {
                var text = text(row, 2 + i);
                if (text != null) names.put(List.of("vi", "en", "lo").get(i), text);
            }
            var originals = number(row, 5);
            var copies = number(row, 6);
            if (names.isEmpty() || originals == null || copies == null) {
                violations.add(Violation.of("spreadsheet-row", at, ""));
                continue;
            }
            var group = text(row, 1);
            components.computeIfAbsent(text(row, 0), k -> new ArrayList<>()).add(new ProcedureDefinition.Component(
                    group == null ? null : LocalizedText.of("vi", group), new LocalizedText(names), originals.intValue(), copies.intValue(),
                    "x".equalsIgnoreCase(String.valueOf(text(row, 7))), null, false));
        }
        return components;
    }

    private static void header(Sheet sheet, List<String> columns, Function<String, String> label) {
        var row = sheet.createRow(0);
        for (int i = 0; i < columns.size(); i++) row.createCell(i).setCellValue(label.apply(columns.get(i)));
    }

    private static void values(Row row, @Nullable Object... values) {
        for (int i = 0; i < values.length; i++) {
            if (values[i] == null) continue;
            if (values[i] instanceof BigDecimal number) row.createCell(i).setCellValue(number.doubleValue());
            else row.createCell(i).setCellValue(values[i].toString());
        }
    }

    private static @Nullable String text(Row row, int column) {
        var cell = row.getCell(column);
        if (cell == null) return null;
        var text = cell.getCellType() == CellType.NUMERIC ? BigDecimal.valueOf(cell.getNumericCellValue()).stripTrailingZeros().toPlainString()
                : cell.getCellType() == CellType.STRING ? cell.getStringCellValue() : null;
        return text == null || text.isBlank() ? null : text.strip();
    }

    /** 30, not 3E+1: the scale a number written by hand would have. */
    private static BigDecimal plain(BigDecimal number) {
        var stripped = number.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }

    private static @Nullable BigDecimal number(Row row, int column) {
        Cell cell = row.getCell(column);
        if (cell == null) return null;
        if (cell.getCellType() == CellType.NUMERIC) return plain(BigDecimal.valueOf(cell.getNumericCellValue()));
        var text = text(row, column);
        if (text == null) return null;
        try {
            return plain(new BigDecimal(text.replace(',', '.')));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(text);
        }
    }
}
