package org.onedoor.calendar;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.HashSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * How many deadline computations one core does per second on the real 2024–2026 Vietnamese calendar (target: one
 * million working-day computations per second per core). Runs only with {@code -Donedoor.bench=true}; see
 * {@code bench/calendar/README.md}.
 */
@EnabledIfSystemProperty(named = "onedoor.bench", matches = "true")
class DeadlinesThroughputBench {

    @Test
    void measuresDeadlineComputationsPerSecondOnOneCore() throws Exception {
        var daysOff = new HashSet<LocalDate>();
        var makeUp = new HashSet<LocalDate>();
        for (var line : Files.readAllLines(Path.of("src/test/resources/calendar/vn-days-off-2024-2026.csv"))) {
            if (line.startsWith("#") || line.startsWith("date")) continue;
            var f = line.split(",");
            if (f[1].equals("makeup_workday")) makeUp.add(LocalDate.parse(f[0]));
            else daysOff.add(LocalDate.parse(f[0]));
        }
        var calendar = ScheduledCalendar.vietnamCivilService(daysOff, makeUp);
        var zone = ZoneId.of("Asia/Ho_Chi_Minh");
        var start = LocalDateTime.of(2024, 1, 2, 9, 0).atZone(zone).toInstant();
        var report = new StringBuilder("deadline computations on one thread (2 cores, Temurin 25)\n");
        for (var limit : new TimeLimit[] {TimeLimit.workingDays(1), TimeLimit.workingDays(7), TimeLimit.workingDays(15),
                TimeLimit.workingHours(4), TimeLimit.withinDay(java.time.LocalTime.of(15, 0))}) {
            long sink = 0;
            for (int i = 0; i < 2_000_000; i++) sink += Deadlines.due(calendar, start.plusSeconds((i % 700_000) * 97L), limit).getEpochSecond();
            var runs = 5_000_000;
            var began = System.nanoTime();
            for (int i = 0; i < runs; i++) sink += Deadlines.due(calendar, start.plusSeconds((i % 700_000) * 97L), limit).getEpochSecond();
            var seconds = (System.nanoTime() - began) / 1e9;
            report.append("%-28s %,12.0f per second (%.0f ns each)  [%d]%n".formatted(limit, runs / seconds, seconds * 1e9 / runs, sink % 10));
        }
        Files.createDirectories(Path.of("target/bench"));
        Files.writeString(Path.of("target/bench/deadlines-throughput.txt"), report.toString());
        System.out.print(report);
    }
}
