package org.onedoor.calendar.seed;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.onedoor.calendar.Calendars;
import org.onedoor.calendar.DayKind;
import org.onedoor.calendar.ProvisionalYears;
import org.onedoor.calendar.SpecialDay;
import org.onedoor.calendar.YearSchedule;
import org.onedoor.shared.LocalizedText;
import org.onedoor.shared.TenantId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The civil-service schedules of Vietnam 2016–2026 (for Hanoi) and Laos 2016–2026 (for Vientiane), from the public data
 * described in the README: each year official, with the notice that announced it. Repeatable.
 */
@Component
@Order(15)
public class CalendarSeed implements ApplicationRunner {

    static final TenantId HANOI = new TenantId("hanoi");
    static final TenantId VIENTIANE = new TenantId("vientiane");
    private static final Logger log = LoggerFactory.getLogger(CalendarSeed.class);

    /** Occasions of the Vietnamese data, by their code in the source. */
    static final Map<String, LocalizedText> VN_OCCASIONS = Map.of(
            "tet_duong_lich", LocalizedText.of("Tết Dương lịch", "New Year's Day", "ວັນປີໃໝ່ສາກົນ"),
            "tet_nguyen_dan", LocalizedText.of("Tết Nguyên đán", "Lunar New Year (Tết)", "ບຸນປີໃໝ່ຫວຽດນາມ"),
            "gio_to_hung_vuong", LocalizedText.of("Giỗ Tổ Hùng Vương", "Hùng Kings' Commemoration Day", "ວັນລະນຶກກະສັດຮຸ່ງ"),
            "chien_thang_30_4_va_1_5", LocalizedText.of("Ngày Chiến thắng 30/4 và Quốc tế Lao động 1/5", "Reunification Day and Labour Day", "ວັນໄຊຊະນະ 30/4 ແລະ ວັນກຳມະກອນສາກົນ"),
            "gio_to_va_30_4_1_5", LocalizedText.of("Giỗ Tổ Hùng Vương, Ngày 30/4 và 1/5", "Hùng Kings' Day, Reunification Day and Labour Day", "ວັນລະນຶກກະສັດຮຸ່ງ, 30/4 ແລະ 1/5"),
            "quoc_khanh_2_9", LocalizedText.of("Quốc khánh 2/9", "National Day", "ວັນຊາດຫວຽດນາມ"));

    /** The occasions of Vietnam's public holidays, by the codes of the source data. */
    public static Map<String, LocalizedText> occasions() {
        return VN_OCCASIONS;
    }

    private final Calendars calendars;
    private final boolean demo;

    CalendarSeed(Calendars calendars, @Value("${onedoor.demo}") boolean demo) {
        this.calendars = calendars;
        this.demo = demo;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!demo || args.getNonOptionArgs().stream().anyMatch(a -> a.equals("import") || a.equals("bootstrap-admin") || a.equals("audit-verify"))) {
            return;
        }
        var recorded = importVietnam() + importLaos();
        log.info("Demo data, calendars: {} years recorded for Hanoi and Vientiane", recorded);
    }

    /** Vietnam's civil-service schedules for Hanoi: Monday to Friday, 08:00–12:00 and 13:00–17:00. */
    public int importVietnam() {
        calendars.setWorkingWeek(HANOI, new Calendars.WorkingWeek(EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY),
                List.of(new Calendars.Hours(LocalTime.of(8, 0), LocalTime.of(12, 0)), new Calendars.Hours(LocalTime.of(13, 0), LocalTime.of(17, 0)))));
        var sources = new HashMap<String, String>();
        var decisions = new TreeMap<Integer, String>();
        for (var row : csv("vn_holidays_civil_servants_2016_2026.csv")) {
            sources.put(row.get("year") + "/" + row.get("occasion"), row.get("source_ref"));
            if (row.get("occasion").equals("tet_nguyen_dan")) decisions.put(Integer.parseInt(row.get("year")), row.get("source_ref"));
        }
        var days = new TreeMap<Integer, List<SpecialDay>>();
        for (var row : csv("vn_days_off_civil_servants_2016_2026.csv")) {
            var day = LocalDate.parse(row.get("date"));
            var kind = switch (row.get("kind")) {
                case "day_off" -> DayKind.DAY_OFF;
                case "weekend_in_holiday" -> DayKind.WEEKEND_IN_HOLIDAY;
                case "makeup_workday" -> DayKind.MAKEUP_WORKDAY;
                default -> throw new IllegalArgumentException("unknown kind " + row.get("kind"));
            };
            var occasion = VN_OCCASIONS.get(row.get("occasion"));
            if (occasion == null) throw new IllegalArgumentException("unknown occasion " + row.get("occasion"));
            days.computeIfAbsent(day.getYear(), y -> new ArrayList<>()).add(new SpecialDay(day, kind, occasion,
                    sources.get(day.getYear() + "/" + row.get("occasion")), "confidence: " + row.get("confidence")));
        }
        var recorded = 0;
        for (var year : days.entrySet()) {
            if (calendars.recordYear(HANOI, year.getKey(), YearSchedule.Status.OFFICIAL, decisions.get(year.getKey()), "import",
                    onePerDay(year.getValue()))) recorded++;
        }
        // The years after the data: forecast from the lunar calendar and the Labour Code, provisional until published.
        for (var year = days.lastKey() + 1; year <= days.lastKey() + 2; year++) {
            if (calendars.year(HANOI, year).isEmpty()
                    && calendars.recordYear(HANOI, year, YearSchedule.Status.PROVISIONAL, null, "forecast", ProvisionalYears.vietnam(year, VN_OCCASIONS))) {
                recorded++;
            }
        }
        return recorded;
    }

    /** Laos' official days off (Decree 386/2017) for Vientiane: Monday to Friday, 08:00–12:00 and 13:00–16:00. */
    public int importLaos() {
        calendars.setWorkingWeek(VIENTIANE, new Calendars.WorkingWeek(EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY),
                List.of(new Calendars.Hours(LocalTime.of(8, 0), LocalTime.of(12, 0)), new Calendars.Hours(LocalTime.of(13, 0), LocalTime.of(16, 0)))));
        var days = new TreeMap<Integer, List<SpecialDay>>();
        for (var row : csv("la_holidays_2016_2026.csv")) {
            var category = row.get("category");
            if (!category.equals("PUBLIC") && !category.equals("WORKDAY")) continue;
            var day = LocalDate.parse(row.get("date"));
            var note = row.get("note");
            var weekend = day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY;
            var kind = category.equals("WORKDAY") || note.contains("women only") || note.contains("female") ? DayKind.OBSERVANCE
                    : weekend ? DayKind.WEEKEND_IN_HOLIDAY : DayKind.DAY_OFF;
            var occasion = new LocalizedText(Map.of("lo", row.get("name_lo"), "en", row.get("name_en")));
            days.computeIfAbsent(day.getYear(), y -> new ArrayList<>()).add(new SpecialDay(day, kind, occasion,
                    "Decree 386/2017", note.isBlank() ? null : note));
        }
        var recorded = 0;
        for (var year : days.entrySet()) {
            if (calendars.recordYear(VIENTIANE, year.getKey(), YearSchedule.Status.OFFICIAL, "Decree 386/2017; in-lieu days as announced",
                    "import", onePerDay(year.getValue()))) recorded++;
        }
        return recorded;
    }

    /** One entry per day: a day that closes the offices wins over one that does not; the first of equals stays. */
    static List<SpecialDay> onePerDay(List<SpecialDay> days) {
        var byDay = new TreeMap<LocalDate, SpecialDay>();
        for (var day : days) {
            var kept = byDay.get(day.day());
            if (kept == null || rank(day.kind()) < rank(kept.kind())) byDay.put(day.day(), day);
        }
        return List.copyOf(byDay.values());
    }

    private static int rank(DayKind kind) {
        return switch (kind) {
            case DAY_OFF -> 0;
            case WEEKEND_IN_HOLIDAY -> 1;
            case MAKEUP_WORKDAY -> 2;
            case OBSERVANCE -> 3;
        };
    }

    private static List<CSVRecord> csv(String file) {
        try (var in = CalendarSeed.class.getClassLoader().getResourceAsStream("seed/calendar/" + file)) {
            if (in == null) throw new IllegalStateException("Seed file missing: " + file);
            return CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get()
                    .parse(new InputStreamReader(in, StandardCharsets.UTF_8)).getRecords();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
