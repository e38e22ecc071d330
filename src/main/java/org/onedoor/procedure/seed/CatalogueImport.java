package org.onedoor.procedure.seed;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.jspecify.annotations.Nullable;
import org.onedoor.shared.SearchText;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Imports the national catalogue from public data (see the README): 2,639 procedures of six ministries, and for the 568
 * commune-level ones their channels with time limit and fee. A time given as a bare number keeps its value with the
 * unit UNKNOWN, flagged for an administrator, never guessed; fees are amounts in đồng where the text states one, free
 * where it says "Miễn phí", and otherwise kept as text. Repeatable: an unchanged source is not read again.
 */
@Component
@Order(16)
public class CatalogueImport implements ApplicationRunner {

    static final String CATALOGUE = "vn_tthc_catalogue_6_ministries.csv";
    static final String SUMMARY = "vn_tthc_commune_level_summary.csv";
    private static final Pattern TIME = Pattern.compile("^([0-9]+(?:[.,][0-9]+)?)\\s*(Ngày làm việc|Ngày|Giờ)?$", Pattern.CASE_INSENSITIVE);
    private static final Pattern AMOUNT = Pattern.compile("^([0-9][0-9.,]*)\\s*(VNĐ|VND|Việt Nam Đồng|đồng)", Pattern.CASE_INSENSITIVE);
    private static final Logger log = LoggerFactory.getLogger(CatalogueImport.class);

    /** What the import did. */
    public record Report(int procedures, int channels, int timesWithoutUnit, int feesAsText, List<String> refused, boolean unchanged) {
        String text() {
            return "%d procedures, %d channels, %d times without a unit (flagged UNKNOWN), %d fees kept as text, %d rows refused%s"
                    .formatted(procedures, channels, timesWithoutUnit, feesAsText, refused.size(), refused.isEmpty() ? "" : ": " + refused);
        }
    }

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final boolean demo;

    CatalogueImport(JdbcTemplate jdbc, TransactionTemplate transactions, @Value("${onedoor.demo}") boolean demo) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.demo = demo;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!demo || args.getNonOptionArgs().stream().anyMatch(a -> a.equals("bootstrap-admin") || a.equals("audit-verify"))) return;
        var started = System.nanoTime();
        var report = importAll(false);
        log.info("Demo data, procedure catalogue: {} ({} ms)", report.unchanged() ? "unchanged since the last import" : report.text(),
                (System.nanoTime() - started) / 1_000_000);
    }

    public Report importAll(boolean evenIfUnchanged) {
        var catalogue = read(CATALOGUE);
        var summary = read(SUMMARY);
        var digest = digest(catalogue + "\n" + summary);
        var recorded = jdbc.query("select digest from procedure.catalogue_import where source = 'national'", (rs, n) -> rs.getString(1));
        if (!evenIfUnchanged && recorded.contains(digest)) return new Report(0, 0, 0, 0, List.of(), true);
        return transactions.execute(status -> {
            var refused = new ArrayList<String>();
            var entries = new LinkedHashMap<String, Object[]>();
            for (var row : records(catalogue)) {
                var code = row.get("ma_thu_tuc").strip();
                if (!code.matches("[0-9]+\\.[0-9]+")) {
                    refused.add(CATALOGUE + ":" + (row.getRecordNumber() + 1) + " code " + code);
                    continue;
                }
                var name = row.get("ten_thu_tuc").strip();
                entries.put(code, new Object[] {code, name, SearchText.fold(name), blank(row.get("co_quan_ban_hanh")), blank(row.get("co_quan_thuc_hien")),
                        blank(row.get("linh_vuc")), levels(row.get("cap_thuc_hien")), blank(row.get("loai_thu_tuc")),
                        blank(row.get("so_quyet_dinh_cong_bo")), blank(row.get("doi_tuong_thuc_hien")), blank(row.get("detail_url")),
                        "yes".equals(row.get("detail_ok").strip())});
            }
            var channels = new ArrayList<Object[]>();
            int withoutUnit = 0, feesAsText = 0;
            for (var row : records(summary)) {
                var code = row.get("ma_thu_tuc").strip();
                if (!entries.containsKey(code)) {
                    var name = row.get("ten_thu_tuc").strip();
                    entries.put(code, new Object[] {code, name, SearchText.fold(name), blank(row.get("co_quan_ban_hanh")), null,
                            blank(row.get("linh_vuc")), levels(row.get("cap_thuc_hien")), null, blank(row.get("so_quyet_dinh_cong_bo")),
                            null, null, true});
                }
                for (var channel : new String[][] {{"ONLINE", "online"}, {"DIRECT", "in_person"}, {"POSTAL", "postal"}}) {
                    var time = row.get(channel[1] + "_time").strip();
                    var fee = row.get(channel[1] + "_fee_note").strip();
                    if (time.isEmpty() && fee.isEmpty()) continue;
                    var parsedTime = TIME.matcher(time);
                    BigDecimal value = null;
                    String unit = null;
                    if (parsedTime.matches()) {
                        value = new BigDecimal(parsedTime.group(1).replace(',', '.'));
                        var word = parsedTime.group(2);
                        unit = word == null ? "UNKNOWN" : switch (word.toLowerCase(Locale.ROOT)) {
                            case "ngày làm việc" -> "WORKING_DAYS";
                            case "ngày" -> "CALENDAR_DAYS";
                            default -> "WORKING_HOURS";
                        };
                        if (word == null) withoutUnit++;
                    }
                    var free = fee.regionMatches(true, 0, "Miễn phí", 0, "Miễn phí".length());
                    Long amount = null;
                    var parsedFee = AMOUNT.matcher(fee);
                    if (!free && parsedFee.find()) amount = Long.parseLong(parsedFee.group(1).replace(",", "").replace(".", ""));
                    if (!free && amount == null && !fee.isEmpty()) feesAsText++;
                    channels.add(new Object[] {code, channel[0], value, unit, time.isEmpty() ? null : time, free, amount,
                            amount == null ? null : "VND", fee.isEmpty() ? null : fee});
                }
            }
            jdbc.update("delete from procedure.catalogue_channel");
            jdbc.batchUpdate("""
                    insert into procedure.catalogue_entry (code, name, name_folded, ministry, agency, field, levels, kind, decision,
                        applicants, portal_url, detail_ok) values (?, ?, ?, ?, ?, ?, ?::text[], ?, ?, ?, ?, ?)
                    on conflict (code) do update set name = excluded.name, name_folded = excluded.name_folded, ministry = excluded.ministry,
                        agency = excluded.agency, field = excluded.field, levels = excluded.levels, kind = excluded.kind,
                        decision = excluded.decision, applicants = excluded.applicants, portal_url = excluded.portal_url,
                        detail_ok = excluded.detail_ok""", new ArrayList<>(entries.values()));
            jdbc.batchUpdate("""
                    insert into procedure.catalogue_channel (code, channel, time_value, time_unit, time_text, free, fee_amount, fee_currency, fee_text)
                    values (?, ?, ?, ?, ?, ?, ?, ?, ?)""", channels);
            var report = new Report(entries.size(), channels.size(), withoutUnit, feesAsText, refused, false);
            jdbc.update("""
                    insert into procedure.catalogue_import (source, digest, report) values ('national', ?, ?)
                    on conflict (source) do update set digest = excluded.digest, report = excluded.report, imported_at = now()""",
                    digest, report.text());
            return report;
        });
    }

    /** "Cấp bộ, Cấp tỉnh, Cấp xã" as the array literal {MINISTRY,PROVINCE,COMMUNE}. */
    static String levels(String text) {
        var levels = new ArrayList<String>();
        if (text.contains("Cấp bộ")) levels.add("MINISTRY");
        if (text.contains("Cấp tỉnh")) levels.add("PROVINCE");
        if (text.contains("Cấp xã")) levels.add("COMMUNE");
        return "{" + String.join(",", levels) + "}";
    }

    private static @Nullable String blank(@Nullable String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    private static String read(String file) {
        try (var in = CatalogueImport.class.getClassLoader().getResourceAsStream("seed/procedure/" + file)) {
            if (in == null) throw new IllegalStateException("Seed file missing: " + file);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<CSVRecord> records(String text) {
        try {
            return CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(new StringReader(text)).getRecords();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String digest(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
