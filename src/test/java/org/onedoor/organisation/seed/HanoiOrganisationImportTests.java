package org.onedoor.organisation.seed;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.onedoor.DatabaseTest;
import org.onedoor.organisation.OrganisationDirectory;
import org.onedoor.organisation.UnitLevel;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The import can run again and again; rows it cannot take are reported with the file, line and reason. */
@DatabaseTest
class HanoiOrganisationImportTests {

    @Autowired
    HanoiOrganisationImport hanoi;
    @Autowired
    OrganisationDirectory directory;
    @Autowired
    JdbcClient jdbc;

    @Test
    void takesEveryRowOfTheBundledSources() {
        var report = hanoi.run(SeedSource.bundled("hanoi"), true);

        assertThat(report.rejections()).isEmpty();
        assertThat(report.recorded()).isZero();
        assertThat(report.notes()).anySatisfy(n -> assertThat(n).contains("00184", "00181", "inferred"));
    }

    @Test
    void importingTheSameSourcesAgainRecordsNothing(@TempDir Path copy) throws IOException {
        copySources(copy);
        var before = restructurings();

        var report = hanoi.run(copy);

        assertThat(report.rejections()).isEmpty();
        assertThat(report.recorded()).isZero();
        assertThat(report.alreadyRecorded()).isEqualTo(before);
        assertThat(restructurings()).isEqualTo(before);
    }

    @Test
    void reportsEveryMappingRowItCannotTake(@TempDir Path copy) throws IOException {
        copySources(copy);
        var mapping = copy.resolve(HanoiOrganisationImport.MAPPING_2025);
        var lines = Files.readAllLines(mapping, StandardCharsets.UTF_8);
        Files.writeString(mapping, String.join("\n", lines) + "\n"
                + "99999,Phường Không Có,200,00001,Phường Phúc Xá,Phường,001,Quận Ba Đình,full\n"
                + "00004,Phường Ba Đình,3,12345,Phường Ma,Phường,001,Quận Ba Đình,full\n"
                + "00004,Phường Ba Đình,3,00013,Phường Quán Thánh,Phường,001,Quận Ba Đình,most\n", StandardCharsets.UTF_8);
        var communesAfterReform = directory.count(HanoiOrganisationImport.HANOI, LocalDate.of(2025, 7, 1), UnitLevel.COMMUNE);

        var report = hanoi.run(copy);

        var first = lines.size() + 1;
        assertThat(report.rejections()).extracting(r -> r.file() + ":" + r.line()).containsExactly(
                "vn_hanoi_2025_merge_mapping.csv:" + first,
                "vn_hanoi_2025_merge_mapping.csv:" + (first + 1),
                "vn_hanoi_2025_merge_mapping.csv:" + (first + 2));
        assertThat(report.rejections().get(0).reason()).contains("99999");
        assertThat(report.rejections().get(1).reason()).contains("12345", "not in force");
        assertThat(report.rejections().get(2).reason()).contains("MOST");
        assertThat(directory.count(HanoiOrganisationImport.HANOI, LocalDate.of(2025, 7, 1), UnitLevel.COMMUNE))
                .isEqualTo(communesAfterReform);
    }

    private static void copySources(Path target) throws IOException {
        for (var file : new String[] {HanoiOrganisationImport.SNAPSHOTS, HanoiOrganisationImport.WARDS_2025,
                HanoiOrganisationImport.MAPPING_2025, HanoiOrganisationImport.AGENCIES}) {
            try (var in = HanoiOrganisationImportTests.class.getClassLoader().getResourceAsStream("seed/organisation/hanoi/" + file)) {
                Files.write(target.resolve(file), in.readAllBytes());
            }
        }
    }

    private long restructurings() {
        return jdbc.sql("select count(*) from organisation.restructuring where tenant_id = 'hanoi'").query(Long.class).single();
    }
}
