package org.onedoor.organisation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.onedoor.DatabaseTest;
import org.onedoor.shared.PageRequest;
import org.onedoor.shared.TenantId;
import org.springframework.beans.factory.annotation.Autowired;

/** Hanoi's tree, rebuilt from public data by the demo import, shows each reorganisation as the law made it. */
@DatabaseTest
class HanoiOrganisationTests {

    static final TenantId HANOI = new TenantId("hanoi");
    static final LocalDate EVE_OF_REFORM = LocalDate.of(2025, 6, 30);
    static final LocalDate REFORM = LocalDate.of(2025, 7, 1);
    static final Locale VI = Locale.of("vi");

    @Autowired
    OrganisationDirectory directory;

    @Test
    void has526CommuneLevelUnitsIn30DistrictsOnTheEveOfTheReform() {
        assertThat(directory.count(HANOI, EVE_OF_REFORM, UnitLevel.COMMUNE)).isEqualTo(526);
        assertThat(directory.count(HANOI, EVE_OF_REFORM, UnitLevel.DISTRICT)).isEqualTo(30);
        var communes = directory.tree(HANOI, EVE_OF_REFORM).stream().filter(u -> u.level() == UnitLevel.COMMUNE).toList();
        var districtCodes = directory.tree(HANOI, EVE_OF_REFORM).stream().filter(u -> u.level() == UnitLevel.DISTRICT)
                .map(Unit::code).toList();
        assertThat(communes).allSatisfy(c -> assertThat(districtCodes).contains(c.parentCode()));
    }

    @Test
    void has126UnitsAndNoDistrictsFromTheFirstOfJuly2025() {
        var communes = directory.tree(HANOI, REFORM).stream().filter(u -> u.level() == UnitLevel.COMMUNE).toList();
        assertThat(communes).hasSize(126);
        assertThat(communes.stream().filter(u -> u.type() == UnitType.WARD)).hasSize(51);
        assertThat(communes.stream().filter(u -> u.type() == UnitType.COMMUNE)).hasSize(75);
        assertThat(directory.count(HANOI, REFORM, UnitLevel.DISTRICT)).isZero();
        assertThat(communes).allSatisfy(c -> assertThat(c.parentCode()).isEqualTo("01"));
    }

    @Test
    void keepsTheEarlierCountsOf2020And2024() {
        assertThat(directory.count(HANOI, LocalDate.of(2020, 1, 1), UnitLevel.COMMUNE)).isEqualTo(584);
        assertThat(directory.count(HANOI, LocalDate.of(2024, 11, 1), UnitLevel.COMMUNE)).isEqualTo(579);
        assertThat(directory.count(HANOI, LocalDate.of(2025, 3, 1), UnitLevel.COMMUNE)).isEqualTo(526);
    }

    @Test
    void followsPhucXaIntoHongHa() {
        var phucXa = directory.unit(HANOI, "00001", EVE_OF_REFORM, REFORM);
        assertThat(phucXa.name().in(VI)).isEqualTo("Phường Phúc Xá");
        assertThat(phucXa.validTo()).isEqualTo(EVE_OF_REFORM);

        var successors = directory.lineage(HANOI, phucXa).successors();

        assertThat(successors).singleElement().satisfies(s -> {
            assertThat(s.code()).isEqualTo("00097");
            assertThat(s.name().in(VI)).isEqualTo("Phường Hồng Hà");
            assertThat(s.event()).isEqualTo(ChangeKind.MERGE);
            assertThat(s.share()).isEqualTo(Share.FULL);
            assertThat(s.effectiveDate()).isEqualTo(REFORM);
            assertThat(s.legalBasis()).contains("1656/NQ-UBTVQH15", "khoản 14");
        });
    }

    @Test
    void formsBaDinhFromTenUnitsSomeInPart() {
        var baDinh = directory.unit(HANOI, "00004", REFORM, REFORM);
        assertThat(baDinh.name().in(VI)).isEqualTo("Phường Ba Đình");

        var direct = directory.lineage(HANOI, baDinh).predecessors().stream().filter(p -> p.depth() == 1).toList();

        assertThat(direct).hasSize(10).allSatisfy(p -> assertThat(p.effectiveDate()).isEqualTo(REFORM));
        assertThat(direct).extracting(LineageEntry::code).contains("00004", "00013", "00016");
        assertThat(direct).filteredOn(p -> p.code().equals("00004")).singleElement()
                .satisfies(p -> assertThat(p.name().in(VI)).isEqualTo("Phường Trúc Bạch"));
        assertThat(direct).filteredOn(p -> p.code().equals("00016")).singleElement()
                .satisfies(p -> assertThat(p.share()).isEqualTo(Share.PARTIAL));
    }

    @Test
    void anOldCodeStillLeadsToItsLastHolder() {
        var today = LocalDate.of(2026, 11, 25);

        var reused = directory.unit(HANOI, "00004", null, today);
        var retired = directory.unit(HANOI, "00001", null, today);

        assertThat(reused.name().in(VI)).isEqualTo("Phường Ba Đình");
        assertThat(retired.name().in(VI)).isEqualTo("Phường Phúc Xá");
        assertThat(retired.parentCode()).isEqualTo("001");
    }

    @Test
    void followsLineageAcrossTwoReorganisations() {
        // Xã Phú Nam An went into Xã Hòa Phú (formerly Hòa Chính) on 1 January 2025, which went into a new unit on 1 July 2025.
        var phuNamAn = directory.unit(HANOI, "10111", LocalDate.of(2024, 12, 31), REFORM);
        assertThat(phuNamAn.name().in(VI)).isEqualTo("Xã Phú Nam An");

        var successors = directory.lineage(HANOI, phuNamAn).successors();

        assertThat(successors).anySatisfy(s -> {
            assertThat(s.depth()).isEqualTo(1);
            assertThat(s.code()).isEqualTo("10108");
            assertThat(s.name().in(VI)).isEqualTo("Xã Hòa Phú");
            assertThat(s.effectiveDate()).isEqualTo(LocalDate.of(2025, 1, 1));
            assertThat(s.inferred()).isTrue();
        });
        assertThat(successors).anySatisfy(s -> {
            assertThat(s.depth()).isEqualTo(2);
            assertThat(s.effectiveDate()).isEqualTo(REFORM);
            assertThat(s.legalBasis()).contains("1656");
        });
        var backFromTheNewUnit = directory.lineage(HANOI, directory.unitOn(HANOI, successors.getLast().unitId(), REFORM).orElseThrow());
        assertThat(backFromTheNewUnit.predecessors()).anySatisfy(p -> assertThat(p.code()).isEqualTo("10111"));
    }

    @Test
    void findsUnitsWhateverTheSpellingOfDiacritics() {
        var plain = directory.units(HANOI, new UnitQuery(EVE_OF_REFORM, null, null, null, "phuc xa", PageRequest.of(0, 10)));
        assertThat(plain.items()).extracting(u -> u.name().in(VI)).contains("Phường Phúc Xá");

        var oldStyle = directory.units(HANOI, new UnitQuery(LocalDate.of(2025, 1, 1), null, null, null, "Hoà Phú", PageRequest.of(0, 10)));
        var newStyle = directory.units(HANOI, new UnitQuery(LocalDate.of(2025, 1, 1), null, null, null, "Hòa Phú", PageRequest.of(0, 10)));
        assertThat(oldStyle.items()).isNotEmpty().isEqualTo(newStyle.items());
        assertThat(oldStyle.items()).extracting(Unit::code).contains("10108");
    }

    @Test
    void listsTheCityAgenciesAndTheServiceCentreBranches() {
        var branches = directory.units(HANOI, new UnitQuery(REFORM, null, UnitType.SERVICE_CENTRE_BRANCH, "PVHCC", null, PageRequest.of(0, 50)));
        assertThat(branches.total()).isEqualTo(12);
        var departments = directory.units(HANOI, new UnitQuery(REFORM, UnitLevel.PROVINCE, UnitType.DEPARTMENT, "UBND", null, PageRequest.of(0, 50)));
        assertThat(departments.items()).extracting(u -> u.name().in(VI)).contains("Sở Nội vụ", "Sở Tư pháp");
    }
}
