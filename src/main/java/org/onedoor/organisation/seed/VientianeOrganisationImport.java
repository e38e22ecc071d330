package org.onedoor.organisation.seed;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.Locale;
import org.apache.commons.csv.CSVFormat;
import org.onedoor.organisation.Enactment;
import org.onedoor.organisation.NewUnit;
import org.onedoor.organisation.Reorganisation;
import org.onedoor.organisation.UnitId;
import org.onedoor.organisation.UnitType;
import org.onedoor.shared.LocalizedText;
import org.onedoor.shared.Problem;
import org.onedoor.shared.TenantId;
import org.springframework.stereotype.Component;

/**
 * Vientiane Capital and its nine districts (ເມືອງ), Lao names first, from {@code la_vientiane_capital_districts.csv}
 * (codes and names agree across four public sources; not an official statistics-bureau register). Repeatable.
 */
@Component
public class VientianeOrganisationImport {

    static final TenantId VIENTIANE = new TenantId("vientiane");
    static final String DISTRICTS = "la_vientiane_capital_districts.csv";
    static final String BASIS = "Danh sách ເມືອງ của Thủ đô Viêng Chăn (dữ liệu công khai, xem README); lịch sử ghi từ 01/01/2020";

    private final Reorganisation reorganisation;

    VientianeOrganisationImport(Reorganisation reorganisation) {
        this.reorganisation = reorganisation;
    }

    public ImportReport run() {
        var report = new ImportReport();
        reorganisation.registerTenant(VIENTIANE, names("ນະຄອນຫຼວງວຽງຈັນ", "Vientiane Capital", "Thủ đô Viêng Chăn"),
                ZoneId.of("Asia/Vientiane"), Locale.of("lo"), Currency.getInstance("LAK"));
        var capital = UnitId.derivedFrom("vientiane/capital/01");
        var since = LocalDate.of(2020, 1, 1);
        record(report, 1, () -> reorganisation.establish(VIENTIANE, Enactment.derivedFrom("vientiane/capital/01", since, BASIS, null),
                new NewUnit(capital, "01", null, names("ນະຄອນຫຼວງວຽງຈັນ", "Vientiane Capital", "Thủ đô Viêng Chăn"),
                        UnitType.PROVINCE_CITY, null, names("ເຈົ້າຄອງນະຄອນຫຼວງ", "Governor of Vientiane Capital", null))));
        try (var in = getClass().getClassLoader().getResourceAsStream("seed/organisation/vientiane/" + DISTRICTS)) {
            for (var row : CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get()
                    .parse(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                var code = row.get("district_code").strip();
                var line = row.getRecordNumber() + 1;
                if (!code.matches("01\\d{2}")) {
                    report.reject(DISTRICTS, line, "district code is not 01NN: " + code);
                    continue;
                }
                var unit = new NewUnit(UnitId.derivedFrom("vientiane/district/" + code), code, null,
                        names(row.get("district_name_lo"), row.get("district_name_en"), null), UnitType.DISTRICT, capital,
                        names("ເຈົ້າເມືອງ", "District Governor", null));
                record(report, line, () -> reorganisation.establish(VIENTIANE,
                        Enactment.derivedFrom("vientiane/district/" + code, since, BASIS, null), unit));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return report;
    }

    private static void record(ImportReport report, long line, java.util.function.Supplier<Boolean> change) {
        try {
            report.counted(change.get());
        } catch (Problem refused) {
            report.reject(DISTRICTS, line, "refused: " + refused.code());
        }
    }

    /** Lao first, then English, then Vietnamese where given. */
    private static LocalizedText names(String lo, String en, String vi) {
        var map = new LinkedHashMap<String, String>();
        map.put("lo", lo);
        if (en != null && !en.isBlank()) map.put("en", en);
        if (vi != null && !vi.isBlank()) map.put("vi", vi);
        return new LocalizedText(map);
    }

}
