package org.onedoor.organisation.seed;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Currency;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.jspecify.annotations.Nullable;
import org.onedoor.organisation.Enactment;
import org.onedoor.organisation.NewUnit;
import org.onedoor.organisation.OrganisationDirectory;
import org.onedoor.organisation.Part;
import org.onedoor.organisation.Reorganisation;
import org.onedoor.organisation.Share;
import org.onedoor.organisation.Successor;
import org.onedoor.organisation.Unit;
import org.onedoor.organisation.UnitId;
import org.onedoor.organisation.UnitLevel;
import org.onedoor.organisation.UnitType;
import org.onedoor.shared.LocalizedText;
import org.onedoor.shared.Problem;
import org.onedoor.shared.SearchText;
import org.onedoor.shared.TenantId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Builds Hanoi's organisation tree from public data (see the README's data section): the city and its agencies, the
 * 30 districts and 584 commune-level units of the GSO snapshot of 1 January 2020, the changes to the snapshots of
 * 1 November 2024 and 1 March 2025, and Resolution 1656/NQ-UBTVQH15, which made 126 units of 526 on 1 July 2025.
 * Repeatable: every unit and restructuring has an id derived from its source, so a second run records nothing twice.
 */
@Component
public class HanoiOrganisationImport {

    static final TenantId HANOI = new TenantId("hanoi");
    static final String SNAPSHOTS = "vn_hanoi_units_pre2025_snapshots.csv";
    static final String WARDS_2025 = "vn_hanoi_wards_2025.csv";
    static final String MAPPING_2025 = "vn_hanoi_2025_merge_mapping.csv";
    static final String AGENCIES = "agencies.csv";
    static final LocalDate FIRST_SNAPSHOT = LocalDate.of(2020, 1, 1);
    static final LocalDate REFORM_2025 = LocalDate.of(2025, 7, 1);

    /** When each snapshot's differences took effect, and under which act, as far as public knowledge goes. */
    private static final Map<LocalDate, Window> WINDOWS = Map.of(
            LocalDate.of(2024, 11, 1), new Window(LocalDate.of(2024, 11, 1),
                    "Không rõ văn bản: suy ra từ danh mục GSO ngày 01/01/2020 và 01/11/2024 (hiệu lực muộn nhất ngày 01/11/2024)"),
            LocalDate.of(2025, 3, 1), new Window(LocalDate.of(2025, 1, 1),
                    "Nghị quyết 1286/NQ-UBTVQH15 (hiệu lực 01/01/2025); suy ra từ danh mục GSO ngày 01/11/2024 và 01/03/2025"));

    private record Window(LocalDate effective, String legalBasis) {
    }

    private record Row(long line, String districtCode, String districtName, String districtType, String code,
                       String name, String type) {
    }

    private final Reorganisation reorganisation;
    private final OrganisationDirectory directory;
    private final JdbcClient jdbc;

    HanoiOrganisationImport(Reorganisation reorganisation, OrganisationDirectory directory, JdbcClient jdbc) {
        this.reorganisation = reorganisation;
        this.directory = directory;
        this.jdbc = jdbc;
    }

    /** Imports from the copies bundled with the application. */
    public ImportReport run() {
        return run(SeedSource.bundled(HANOI.value()), false);
    }

    /** Imports from a directory holding the source files (e.g. the shared data folder), even if unchanged. */
    public ImportReport run(java.nio.file.Path directory) {
        return run(SeedSource.directory(directory, HANOI.value()), true);
    }

    ImportReport run(SeedSource source, boolean evenIfUnchanged) {
        var report = new ImportReport();
        var digest = source.digest(AGENCIES, SNAPSHOTS, WARDS_2025, MAPPING_2025);
        reorganisation.registerTenant(HANOI, LocalizedText.of("Thành phố Hà Nội", "Hanoi", "ນະຄອນຫຼວງຮ່າໂນ້ຍ"),
                ZoneId.of("Asia/Ho_Chi_Minh"), Locale.of("vi"), Currency.getInstance("VND"));
        if (!evenIfUnchanged && digest.equals(recordedDigest())) {
            report.markUnchanged();
            return report;
        }
        var cityId = importAgencies(source, report);
        var snapshots = readSnapshots(source, report);
        if (cityId != null && !snapshots.isEmpty()) {
            importFirstSnapshot(snapshots.firstEntry().getValue(), cityId, report);
            var dates = new ArrayList<>(snapshots.keySet());
            for (int i = 1; i < dates.size(); i++) {
                importDifferences(snapshots.get(dates.get(i - 1)), snapshots.get(dates.get(i)), dates.get(i), report);
            }
            importReform2025(source, cityId, snapshots.lastEntry().getValue(), report);
            checkAgainstSnapshots(snapshots, report);
        }
        jdbc.sql("""
                insert into organisation.seed_import (tenant_id, source, digest, report) values ('hanoi', 'organisation', :digest, :report)
                on conflict (tenant_id, source) do update set digest = excluded.digest, report = excluded.report, imported_at = now()""")
                .param("digest", digest).param("report", report.full()).update();
        return report;
    }

    private @Nullable String recordedDigest() {
        return jdbc.sql("select digest from organisation.seed_import where tenant_id = 'hanoi' and source = 'organisation'")
                .query(String.class).optional().orElse(null);
    }

    private @Nullable UnitId importAgencies(SeedSource source, ImportReport report) {
        UnitId city = null;
        var known = new HashSet<String>();
        for (var row : csv(source, AGENCIES)) {
            var line = row.getRecordNumber() + 1;
            try {
                var code = required(row, "code");
                var parentCode = row.get("parent_code").strip();
                if (!parentCode.isEmpty() && !known.contains(parentCode)) {
                    report.reject(AGENCIES, line, "parent " + parentCode + " is not listed before " + code);
                    continue;
                }
                var head = row.get("head_position_vi").isBlank() ? null
                        : LocalizedText.of(row.get("head_position_vi"), row.get("head_position_en"), null);
                var unit = new NewUnit(agency(code), code, null,
                        LocalizedText.of(required(row, "name_vi"), row.get("name_en"), null),
                        UnitType.valueOf(required(row, "type")), parentCode.isEmpty() ? null : agency(parentCode), head);
                var act = Enactment.derivedFrom("hanoi/agency/" + code, LocalDate.parse(required(row, "valid_from")),
                        required(row, "legal_basis"), null);
                record(report, AGENCIES, line, () -> reorganisation.establish(HANOI, act, unit));
                known.add(code);
                if (parentCode.isEmpty()) city = unit.id();
            } catch (IllegalArgumentException | java.time.DateTimeException e) {
                report.reject(AGENCIES, line, "unreadable row: " + e.getMessage());
            }
        }
        if (city == null) report.reject(AGENCIES, 1, "no root unit (a row without parent_code)");
        return city;
    }

    private TreeMap<LocalDate, Map<String, Row>> readSnapshots(SeedSource source, ImportReport report) {
        var snapshots = new TreeMap<LocalDate, Map<String, Row>>();
        for (var record : csv(source, SNAPSHOTS)) {
            var line = record.getRecordNumber() + 1;
            try {
                var date = LocalDate.parse(required(record, "snapshot_date"));
                var row = new Row(line, required(record, "district_code"), required(record, "district_name"),
                        required(record, "district_type"), required(record, "ward_code"), required(record, "ward_name"),
                        required(record, "ward_type"));
                districtType(row.districtType());
                communeType(row.type());
                var previous = snapshots.computeIfAbsent(date, d -> new LinkedHashMap<>()).putIfAbsent(row.code(), row);
                if (previous != null) report.reject(SNAPSHOTS, line, "code " + row.code() + " twice in snapshot " + date);
            } catch (IllegalArgumentException | java.time.DateTimeException e) {
                report.reject(SNAPSHOTS, line, "unreadable row: " + e.getMessage());
            }
        }
        return snapshots;
    }

    private void importFirstSnapshot(Map<String, Row> rows, UnitId city, ImportReport report) {
        var basis = "Danh mục đơn vị hành chính của Tổng cục Thống kê ngày 01/01/2020 (đầu lịch sử được ghi)";
        var districts = new LinkedHashMap<String, Row>();
        rows.values().forEach(r -> districts.putIfAbsent(r.districtCode(), r));
        for (var d : districts.values()) {
            var unit = new NewUnit(district(d.districtCode()), d.districtCode(), null, LocalizedText.of("vi", d.districtName()),
                    districtType(d.districtType()), city, head("Chủ tịch Ủy ban nhân dân " + d.districtType().toLowerCase(Locale.ROOT)));
            var act = Enactment.derivedFrom("hanoi/gso-2020/district/" + d.districtCode(), FIRST_SNAPSHOT, basis, null);
            record(report, SNAPSHOTS, d.line(), () -> reorganisation.establish(HANOI, act, unit));
        }
        for (var r : rows.values()) {
            var unit = new NewUnit(commune(r.code()), r.code(), null, LocalizedText.of("vi", r.name()), communeType(r.type()),
                    district(r.districtCode()), head("Chủ tịch Ủy ban nhân dân " + r.type().toLowerCase(Locale.ROOT)));
            var act = Enactment.derivedFrom("hanoi/gso-2020/commune/" + r.code(), FIRST_SNAPSHOT, basis, null);
            record(report, SNAPSHOTS, r.line(), () -> reorganisation.establish(HANOI, act, unit));
        }
    }

    /**
     * Between two snapshots, a code that disappears was merged into a neighbour; the source does not say which. Merged
     * units usually kept the code of one of them under a new name, so a vanished unit is linked (as inferred) to the
     * renamed survivor of its district whose new name shares most syllables with it, or to an unknown successor.
     */
    private void importDifferences(Map<String, Row> before, Map<String, Row> after, LocalDate snapshot, ImportReport report) {
        var window = WINDOWS.get(snapshot);
        if (window == null) {
            report.reject(SNAPSHOTS, 1, "no effective date known for the changes up to snapshot " + snapshot);
            return;
        }
        var renamed = new LinkedHashMap<String, Row>();
        for (var row : after.values()) {
            var old = before.get(row.code());
            if (old == null) {
                report.reject(SNAPSHOTS, row.line(), "new code " + row.code() + " in snapshot " + snapshot + " without a source act");
                continue;
            }
            if (!old.districtCode().equals(row.districtCode()) || !old.type().equals(row.type())) {
                report.reject(SNAPSHOTS, row.line(), "change of district or type of " + row.code() + " is not derived from snapshots");
            }
            if (!old.name().equals(row.name())) renamed.put(row.code(), row);
        }
        var absorbed = new LinkedHashMap<String, List<Row>>();
        for (var gone : before.values()) {
            if (after.containsKey(gone.code())) continue;
            var survivor = likelySurvivor(gone, renamed.values(), before);
            if (survivor == null) {
                var act = Enactment.derivedFrom("hanoi/gso-" + snapshot + "/merged/" + gone.code(), window.effective(),
                        window.legalBasis(), "Nơi sáp nhập không có trong nguồn dữ liệu");
                record(report, SNAPSHOTS, gone.line(), () -> reorganisation.merge(HANOI, act,
                        List.of(new Part(commune(gone.code()), Share.FULL, true)), new Successor.Unknown()));
                report.note(gone.code() + " " + gone.name() + " merged on " + window.effective() + " into an unknown unit");
            } else {
                absorbed.computeIfAbsent(survivor.code(), c -> new ArrayList<>()).add(gone);
                report.note(gone.code() + " " + gone.name() + " merged on " + window.effective() + " into "
                        + survivor.code() + " " + survivor.name() + " (inferred)");
            }
        }
        for (var survivor : renamed.values()) {
            var newName = LocalizedText.of("vi", survivor.name());
            var merged = absorbed.getOrDefault(survivor.code(), List.of());
            if (merged.isEmpty()) {
                var act = Enactment.derivedFrom("hanoi/gso-" + snapshot + "/renamed/" + survivor.code(), window.effective(),
                        window.legalBasis(), null);
                record(report, SNAPSHOTS, survivor.line(), () -> reorganisation.rename(HANOI, act, commune(survivor.code()), newName, null));
            } else {
                var parts = new ArrayList<Part>();
                parts.add(Part.whole(commune(survivor.code())));
                merged.forEach(m -> parts.add(new Part(commune(m.code()), Share.FULL, true)));
                var act = Enactment.derivedFrom("hanoi/gso-" + snapshot + "/merged-into/" + survivor.code(), window.effective(),
                        window.legalBasis(), "Các đơn vị sáp nhập được suy ra từ tên gọi mới");
                record(report, SNAPSHOTS, survivor.line(), () -> reorganisation.merge(HANOI, act, parts,
                        new Successor.Existing(commune(survivor.code()), newName)));
            }
        }
    }

    /**
     * The survivor that took the vanished unit: the only renamed one of its district, or the one whose new name
     * borrows most syllables from the vanished unit's name that its own old name does not explain ("Đồng Phú" and
     * "Hồng Phong" became "Hồng Phú"). A tie leaves the successor unknown.
     */
    private static @Nullable Row likelySurvivor(Row gone, java.util.Collection<Row> renamed, Map<String, Row> before) {
        var candidates = renamed.stream().filter(r -> r.districtCode().equals(gone.districtCode())).toList();
        if (candidates.size() == 1) return candidates.getFirst();
        var syllables = syllables(gone.name());
        Row best = null;
        int bestScore = 0;
        boolean tie = false;
        for (var candidate : candidates) {
            var borrowed = new HashSet<>(syllables(candidate.name()));
            borrowed.removeAll(syllables(before.get(candidate.code()).name()));
            borrowed.retainAll(syllables);
            var shared = new HashSet<>(syllables(candidate.name()));
            shared.retainAll(syllables);
            var score = borrowed.size() * 10 + shared.size();
            if (score > bestScore) {
                best = candidate;
                bestScore = score;
                tie = false;
            } else if (score == bestScore && score > 0) {
                tie = true;
            }
        }
        return tie ? null : best;
    }

    private static Set<String> syllables(String name) {
        // The type word goes before folding: "Phường" and "Phương" fold alike.
        var bare = name.replaceFirst("^(Phường|Xã|Thị trấn)\\s+", "");
        var words = new HashSet<>(Arrays.asList(SearchText.fold(bare).split("[\\s-]+")));
        words.remove("");
        return words;
    }

    /** Resolution 1656/NQ-UBTVQH15: each of its 126 clauses merges old units, wholly or in part, into a new one. */
    private void importReform2025(SeedSource source, UnitId city, Map<String, Row> lastSnapshot, ImportReport report) {
        var wards = new LinkedHashMap<String, CSVRecord>();
        for (var row : csv(source, WARDS_2025)) {
            var code = row.get("ward_code").strip();
            if (!code.matches("\\d{5}")) report.reject(WARDS_2025, row.getRecordNumber() + 1, "code is not five digits: " + code);
            else if (wards.putIfAbsent(code, row) != null) report.reject(WARDS_2025, row.getRecordNumber() + 1, "code " + code + " twice");
        }
        var parts = new LinkedHashMap<String, List<Part>>();
        for (var row : csv(source, MAPPING_2025)) {
            var line = row.getRecordNumber() + 1;
            var newCode = row.get("new_ward_code").strip();
            var oldCode = row.get("old_ward_code").strip();
            var share = row.get("share").strip().toUpperCase(Locale.ROOT);
            if (!wards.containsKey(newCode)) report.reject(MAPPING_2025, line, "new unit " + newCode + " is not in " + WARDS_2025);
            else if (!lastSnapshot.containsKey(oldCode)) report.reject(MAPPING_2025, line, "old unit " + oldCode + " was not in force on 2025-06-30");
            else if (!share.equals("FULL") && !share.equals("PARTIAL")) report.reject(MAPPING_2025, line, "share is neither full nor partial: " + share);
            else parts.computeIfAbsent(newCode, c -> new ArrayList<>()).add(new Part(commune(oldCode), Share.valueOf(share), false));
        }
        for (var ward : wards.values()) {
            var line = ward.getRecordNumber() + 1;
            var code = ward.get("ward_code").strip();
            var predecessors = parts.get(code);
            if (predecessors == null) {
                report.reject(WARDS_2025, line, "no old unit is mapped to " + code);
                continue;
            }
            var expected = ward.get("old_units_merged").strip();
            if (!expected.equals(String.valueOf(predecessors.size()))) {
                report.reject(WARDS_2025, line, code + " lists " + expected + " old units, the mapping " + predecessors.size());
            }
            var type = communeType(ward.get("ward_type").strip());
            var unit = new NewUnit(reformed(code), code, null,
                    LocalizedText.of(ward.get("ward_name").strip(), ward.get("ward_name_en").strip(), null), type, city,
                    head("Chủ tịch Ủy ban nhân dân " + ward.get("ward_type").strip().toLowerCase(Locale.ROOT)));
            var clause = ward.get("resolution_1656_clause").strip();
            var act = Enactment.derivedFrom("hanoi/1656/" + clause, REFORM_2025,
                    "Nghị quyết 1656/NQ-UBTVQH15 ngày 16/06/2025, khoản " + clause + " Điều 1", null);
            record(report, WARDS_2025, line, () -> reorganisation.merge(HANOI, act, predecessors, new Successor.Created(unit)));
        }
        for (var old : lastSnapshot.values()) {
            if (directory.unitOn(HANOI, commune(old.code()), REFORM_2025).isPresent()) {
                report.reject(MAPPING_2025, 1, old.code() + " " + old.name() + " is in force after 2025-07-01: no new unit takes it");
            }
        }
        var districts = new LinkedHashMap<String, Row>();
        lastSnapshot.values().forEach(r -> districts.putIfAbsent(r.districtCode(), r));
        for (var d : districts.values()) {
            var act = Enactment.derivedFrom("hanoi/2025/district/" + d.districtCode(), REFORM_2025,
                    "Luật Tổ chức chính quyền địa phương số 72/2025/QH15 (chính quyền địa phương hai cấp từ 01/07/2025)", null);
            record(report, SNAPSHOTS, d.line(), () -> reorganisation.dissolve(HANOI, act, district(d.districtCode())));
        }
    }

    /** The tree rebuilt from the events must show exactly what each snapshot shows. */
    private void checkAgainstSnapshots(TreeMap<LocalDate, Map<String, Row>> snapshots, ImportReport report) {
        snapshots.forEach((date, rows) -> {
            var communes = new LinkedHashMap<String, Unit>();
            var districts = new LinkedHashMap<String, Unit>();
            for (var unit : directory.tree(HANOI, date)) {
                if (unit.level() == UnitLevel.COMMUNE) communes.put(unit.code(), unit);
                if (unit.level() == UnitLevel.DISTRICT) districts.put(unit.code(), unit);
            }
            for (var row : rows.values()) {
                var unit = communes.remove(row.code());
                if (unit == null) report.reject(SNAPSHOTS, row.line(), row.code() + " is not in force on " + date + " after import");
                else if (!unit.name().in(Locale.of("vi")).equals(row.name()) || !Objects.equals(unit.parentCode(), row.districtCode())) {
                    report.reject(SNAPSHOTS, row.line(), row.code() + " differs on " + date + ": " + unit.name().in(Locale.of("vi")) + " in " + unit.parentCode());
                }
            }
            communes.keySet().forEach(code -> report.reject(SNAPSHOTS, 1, code + " is in force on " + date + " but not in that snapshot"));
        });
    }

    private void record(ImportReport report, String file, long line, Supplier<Boolean> change) {
        try {
            report.counted(change.get());
        } catch (Problem refused) {
            report.reject(file, line, "refused: " + refused.code() + " " + Arrays.toString(refused.arguments()));
        }
    }

    private static Iterable<CSVRecord> csv(SeedSource source, String file) {
        try {
            var text = new String(source.read(file), StandardCharsets.UTF_8);
            return CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setTrim(true).get()
                    .parse(new StringReader(text)).getRecords();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String required(CSVRecord row, String column) {
        var value = row.isMapped(column) ? row.get(column) : null;
        if (value == null || value.isBlank()) throw new IllegalArgumentException(column + " is empty");
        return value.strip();
    }

    private static UnitType districtType(String type) {
        return switch (type) {
            case "Quận" -> UnitType.URBAN_DISTRICT;
            case "Huyện" -> UnitType.RURAL_DISTRICT;
            case "Thị xã" -> UnitType.DISTRICT_TOWN;
            default -> throw new IllegalArgumentException("unknown district type " + type);
        };
    }

    private static UnitType communeType(String type) {
        return switch (type) {
            case "Phường" -> UnitType.WARD;
            case "Xã" -> UnitType.COMMUNE;
            case "Thị trấn" -> UnitType.TOWNSHIP;
            case "Đặc khu" -> UnitType.SPECIAL_ZONE;
            default -> throw new IllegalArgumentException("unknown commune-level type " + type);
        };
    }

    private static LocalizedText head(String vi) {
        return LocalizedText.of("vi", vi);
    }

    static UnitId agency(String code) {
        return UnitId.derivedFrom("hanoi/agency/" + code);
    }

    static UnitId district(String code) {
        return UnitId.derivedFrom("hanoi/gso-district/" + code);
    }

    static UnitId commune(String code) {
        return UnitId.derivedFrom("hanoi/gso-commune/" + code);
    }

    static UnitId reformed(String code) {
        return UnitId.derivedFrom("hanoi/2025/" + code);
    }
}
