package org.onedoor.organisation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.onedoor.DatabaseTest;
import org.onedoor.shared.LocalizedText;
import org.onedoor.shared.TenantId;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Each kind of restructuring keeps the history whole; a refused one changes nothing. */
@DatabaseTest
class ReorganisationTests {

    static final LocalDate START = LocalDate.of(2020, 1, 1);
    static final LocalDate CHANGE = LocalDate.of(2024, 7, 1);
    static final Locale VI = Locale.of("vi");

    @Autowired
    Reorganisation reorganisation;
    @Autowired
    OrganisationDirectory directory;
    @Autowired
    JdbcClient jdbc;

    TenantId city;
    UnitId province;
    UnitId district;

    @BeforeEach
    void aCityWithOneDistrict() {
        city = new TenantId("t" + UUID.randomUUID().toString().replace("-", "").substring(0, 12));
        reorganisation.registerTenant(city, LocalizedText.of("vi", "Thành phố Thử"), ZoneId.of("Asia/Ho_Chi_Minh"),
                VI, Currency.getInstance("VND"));
        province = establish("01", "Thành phố Thử", UnitType.PROVINCE_CITY, null);
        district = establish("001", "Quận Một", UnitType.URBAN_DISTRICT, province);
    }

    @Test
    void aRenameKeepsTheUnitAndItsHistory() {
        var ward = establish("00001", "Phường Cũ", UnitType.WARD, district);

        reorganisation.rename(city, Enactment.of(CHANGE, "Nghị quyết thử 1"), ward, LocalizedText.of("vi", "Phường Mới"), null);

        assertThat(directory.unitOn(city, "00001", CHANGE.minusDays(1)).orElseThrow().name().in(VI)).isEqualTo("Phường Cũ");
        assertThat(directory.unitOn(city, "00001", CHANGE).orElseThrow().name().in(VI)).isEqualTo("Phường Mới");
        assertThat(directory.versions(city, ward)).hasSize(2).allSatisfy(v -> assertThat(v.id()).isEqualTo(ward));
        assertThat(jdbc.sql("select count(*) from audit.event where tenant_id = :t and action = 'unit.rename'")
                .param("t", city.value()).query(Long.class).single()).as("audited with the change").isEqualTo(1);
        var renamed = directory.lineage(city, directory.unitOn(city, ward, CHANGE).orElseThrow());
        assertThat(renamed.predecessors()).singleElement().satisfies(p -> {
            assertThat(p.event()).isEqualTo(ChangeKind.RENAME);
            assertThat(p.name().in(VI)).isEqualTo("Phường Cũ");
        });
    }

    @Test
    void aMergeIntoANewUnitEndsThePredecessorsAndMayReuseOneOfTheirCodes() {
        var a = establish("00001", "Phường A", UnitType.WARD, district);
        var b = establish("00002", "Phường B", UnitType.WARD, district);
        var merged = new NewUnit(new UnitId(UUID.randomUUID()), "00001", null, LocalizedText.of("vi", "Phường AB"),
                UnitType.WARD, district, null);

        reorganisation.merge(city, Enactment.of(CHANGE, "Nghị quyết thử 2"), List.of(Part.whole(a), Part.whole(b)),
                new Successor.Created(merged));

        assertThat(directory.unitOn(city, a, CHANGE)).isEmpty();
        assertThat(directory.unitOn(city, b, CHANGE)).isEmpty();
        assertThat(directory.unitOn(city, "00001", CHANGE).orElseThrow().id()).isEqualTo(merged.id());
        assertThat(directory.unitOn(city, "00001", CHANGE.minusDays(1)).orElseThrow().id()).isEqualTo(a);
        assertThat(directory.lineage(city, directory.unitOn(city, merged.id(), CHANGE).orElseThrow()).predecessors())
                .extracting(LineageEntry::code).containsExactlyInAnyOrder("00001", "00002");
    }

    @Test
    void aSplitGivesPartOfTheUnitToEachSuccessor() {
        var whole = establish("00005", "Xã Lớn", UnitType.COMMUNE, district);
        var north = new NewUnit(new UnitId(UUID.randomUUID()), "00006", null, LocalizedText.of("vi", "Xã Bắc"), UnitType.COMMUNE, district, null);
        var south = new NewUnit(new UnitId(UUID.randomUUID()), "00007", null, LocalizedText.of("vi", "Xã Nam"), UnitType.COMMUNE, district, null);

        reorganisation.split(city, Enactment.of(CHANGE, "Nghị quyết thử 3"), whole,
                List.of(new Successor.Created(north), new Successor.Created(south)));

        assertThat(directory.unitOn(city, whole, CHANGE)).isEmpty();
        var lineage = directory.lineage(city, directory.versions(city, whole).getLast());
        assertThat(lineage.successors()).extracting(LineageEntry::code).containsExactlyInAnyOrder("00006", "00007");
        assertThat(lineage.successors()).allSatisfy(s -> {
            assertThat(s.event()).isEqualTo(ChangeKind.SPLIT);
            assertThat(s.share()).isEqualTo(Share.PARTIAL);
        });
    }

    @Test
    void aReparentedUnitAppearsUnderItsNewParentFromTheEffectiveDate() {
        var other = establish("002", "Quận Hai", UnitType.URBAN_DISTRICT, province);
        var ward = establish("00008", "Phường Giữa", UnitType.WARD, district);

        reorganisation.reparent(city, Enactment.of(CHANGE, "Nghị quyết thử 4"), ward, other);

        assertThat(directory.children(city, district, CHANGE.minusDays(1))).extracting(Unit::id).contains(ward);
        assertThat(directory.children(city, other, CHANGE)).extracting(Unit::id).containsExactly(ward);
        assertThat(directory.unitOn(city, ward, CHANGE).orElseThrow().parentCode()).isEqualTo("002");
    }

    @Test
    void aReclassifiedCommuneBecomesAWard() {
        var commune = establish("00009", "Xã Ven", UnitType.COMMUNE, district);

        reorganisation.reclassify(city, Enactment.of(CHANGE, "Nghị quyết thử 5"), commune, UnitType.WARD, LocalizedText.of("vi", "Phường Ven"));

        assertThat(directory.unitOn(city, commune, CHANGE).orElseThrow().type()).isEqualTo(UnitType.WARD);
        assertThat(directory.unitOn(city, commune, CHANGE.minusDays(1)).orElseThrow().type()).isEqualTo(UnitType.COMMUNE);
    }

    @Test
    void aDistrictWithUnitsUnderItCannotBeDissolvedAndNothingChanges() {
        establish("00010", "Phường Còn", UnitType.WARD, district);
        var before = restructurings();

        assertThatThrownBy(() -> reorganisation.dissolve(city, Enactment.of(CHANGE, "Luật thử"), district))
                .isInstanceOfSatisfying(RestructuringRefused.class, e -> assertThat(e.code()).isEqualTo("restructuring-refused.has-children"));

        assertThat(restructurings()).isEqualTo(before);
        assertThat(directory.unitOn(city, district, CHANGE)).isPresent();
    }

    @Test
    void anEmptyDistrictIsDissolvedWithoutSuccessor() {
        var empty = establish("003", "Quận Trống", UnitType.URBAN_DISTRICT, province);

        reorganisation.dissolve(city, Enactment.of(CHANGE, "Luật thử"), empty);

        assertThat(directory.unitOn(city, empty, CHANGE)).isEmpty();
        var lineage = directory.lineage(city, directory.versions(city, empty).getLast());
        assertThat(lineage.successors()).singleElement().satisfies(s -> {
            assertThat(s.event()).isEqualTo(ChangeKind.DISSOLVE);
            assertThat(s.code()).isNull();
        });
    }

    @Test
    void aCodeHeldByAnotherUnitCannotBeTaken() {
        establish("00011", "Phường Giữ Mã", UnitType.WARD, district);
        var intruder = new NewUnit(new UnitId(UUID.randomUUID()), "00011", null, LocalizedText.of("vi", "Phường Lấn"), UnitType.WARD, district, null);
        var before = restructurings();

        assertThatThrownBy(() -> reorganisation.establish(city, Enactment.of(CHANGE, "Thử"), intruder))
                .isInstanceOfSatisfying(RestructuringRefused.class, e -> assertThat(e.code()).isEqualTo("restructuring-refused.code-in-use"));

        assertThat(restructurings()).isEqualTo(before);
    }

    @Test
    void aUnitNotInForceCannotBeMerged() {
        var a = establish("00012", "Phường Đã Hết", UnitType.WARD, district);
        reorganisation.merge(city, Enactment.of(CHANGE, "Thử 1"), List.of(Part.whole(a)), new Successor.Existing(district, null));
        var before = restructurings();

        assertThatThrownBy(() -> reorganisation.merge(city, Enactment.of(CHANGE.plusYears(1), "Thử 2"), List.of(Part.whole(a)),
                new Successor.Existing(district, null)))
                .isInstanceOfSatisfying(RestructuringRefused.class, e -> assertThat(e.code()).isEqualTo("restructuring-refused.not-in-force"));
        assertThat(restructurings()).isEqualTo(before);
    }

    @Test
    void recordingTheSameEnactmentTwiceChangesNothing() {
        var ward = establish("00013", "Phường Lặp", UnitType.WARD, district);
        var act = Enactment.of(CHANGE, "Nghị quyết thử 6");

        var first = reorganisation.rename(city, act, ward, LocalizedText.of("vi", "Phường Lặp Mới"), null);
        var second = reorganisation.rename(city, act, ward, LocalizedText.of("vi", "Phường Khác"), null);

        assertThat(first).isTrue();
        assertThat(second).isFalse();
        assertThat(directory.versions(city, ward)).extracting(v -> v.name().in(VI)).containsExactly("Phường Lặp", "Phường Lặp Mới");
    }

    private UnitId establish(String code, String name, UnitType type, UnitId parent) {
        var unit = new NewUnit(new UnitId(UUID.randomUUID()), code, null, LocalizedText.of("vi", name), type, parent, null);
        reorganisation.establish(city, Enactment.of(START, "Thử nghiệm"), unit);
        return unit.id();
    }

    private long restructurings() {
        return jdbc.sql("select count(*) from organisation.restructuring where tenant_id = :t").param("t", city.value())
                .query(Long.class).single();
    }
}
