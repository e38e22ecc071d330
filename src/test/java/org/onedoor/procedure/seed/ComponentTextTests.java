package org.onedoor.procedure.seed;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.onedoor.procedure.seed.ComponentText.Item;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The dossier components of the real commune-level catalogue (README §2 of the shared data, which lives next to the
 * project in ../shared/data, copied under src/main/resources/seed/procedure) come apart into papers with their group, name and counts.
 */
class ComponentTextTests {

    private static final String HEADER = "Tên giấy tờMẫu đơn, tờ khaiSố lượng";
    private static final Path DATA = Path.of("src/main/resources/seed/procedure");
    private static final List<String> FILES =
            List.of("vn_tthc_commune_level_detail_tuphap_congan.json", "vn_tthc_commune_level_detail_other_ministries.json");
    private static @Nullable Map<String, @Nullable String> records;

    @Test
    void readsBirthRegistrationIntoItsFourGroups() {
        var result = ComponentText.parse(record("1.001193"));

        assertThat(result.leftovers()).isEmpty();
        assertThat(result.items().stream().map(Item::group).distinct()).containsExactly("Giấy tờ phải nộp", "Giấy tờ phải xuất trình", "Lưu ý", "");
        assertThat(count(result.items(), "Giấy tờ phải nộp")).isEqualTo(5);
        assertThat(count(result.items(), "Giấy tờ phải xuất trình")).isEqualTo(6);
        assertThat(count(result.items(), "Lưu ý")).isEqualTo(19);
        assertThat(count(result.items(), "")).isEqualTo(3);

        var birthCertificate = item(result.items(), "Giấy chứng sinh");
        assertThat(birthCertificate.group()).isEqualTo("Giấy tờ phải nộp");
        assertThat(birthCertificate.name()).endsWith("nếu không có người làm chứng thì phải có giấy cam đoan về việc sinh");
        assertThat(birthCertificate.originals()).isEqualTo(1);
        assertThat(birthCertificate.copies()).isZero();
        assertThat(birthCertificate.conditional()).isFalse();

        var noPaperNeeded = item(result.items(), "Trường hợp người yêu cầu đã nộp bản điện tử Giấy chứng sinh");
        assertThat(noPaperNeeded.name()).endsWith("thì không phải nộp bản giấy");
        assertThat(noPaperNeeded.originals()).isZero();
        assertThat(noPaperNeeded.copies()).isZero();
        assertThat(noPaperNeeded.conditional()).isTrue();

        var identity = item(result.items(), "Hộ chiếu/Thẻ căn cước công dân/Thẻ căn cước/Căn cước điện tử");
        assertThat(identity.group()).isEqualTo("Giấy tờ phải xuất trình");
        assertThat(identity.originals()).isEqualTo(1);

        var form = item(result.items(), "Tờ khai đăng ký khai sinh");
        assertThat(form.group()).isEmpty();
        assertThat(form.name()).as("double space collapsed, trailing ';' removed").isEqualTo(
                "Tờ khai đăng ký khai sinh theo mẫu (nếu người có yêu cầu lựa chọn nộp hồ sơ theo hình thức trực tiếp hoặc gửi hồ sơ qua hệ thống bưu chính)");
        assertThat(form.originals()).isEqualTo(1);
    }

    @Test
    void readsPermanentResidenceWithOneGroupPerSituation() {
        var result = ComponentText.parse(record("1.004222"));

        assertThat(result.leftovers()).isEmpty();
        assertThat(result.items().stream().map(Item::group).distinct()).contains(
                "Đăng ký thường trú vào chỗ ở hợp pháp thuộc quyền sở hữu của mình",
                "Đăng ký thường trú tại chỗ ở hợp pháp không thuộc quyền sở hữu của mình đối với những trường hợp quy định tại khoản 2 Điều 20 Luật Cư trú",
                "Đăng ký thường trú tại cơ sở tín ngưỡng, cơ sở tôn giáo có công trình phụ trợ là nhà ở",
                "Đăng ký thường trú vào chỗ ở hợp pháp do thuê, mượn, ở nhờ");

        var parking = item(result.items(), "Văn bản xác nhận của Ủy ban nhân dân cấp xã về địa điểm phương tiện đăng ký đậu, đỗ");
        assertThat(parking.group()).isEqualTo("Đăng ký thường trú vào chỗ ở hợp pháp thuộc quyền sở hữu của mình");
        assertThat(parking.name()).as("numbers inside the name are not quantities")
                .endsWith("theo Mẫu số 01 ban hành kèm theo Nghị định số 154/2024/NĐ-CP)");
        assertThat(parking.originals()).isEqualTo(1);
        assertThat(parking.copies()).isZero();

        var lease = item(result.items(), "Hợp đồng, văn bản về việc cho thuê, cho mượn, cho ở nhờ");
        assertThat(lease.group()).isEqualTo("Đăng ký thường trú vào chỗ ở hợp pháp do thuê, mượn, ở nhờ");
        assertThat(lease.originals()).isEqualTo(1);

        assertThat(item(result.items(), "Đối với Quân đội nhân dân").conditional()).isTrue();
        assertThat(item(result.items(), "Trường hợp quy định tại điểm d khoản 4 Điều 20").originals()).isZero();
    }

    @Test
    void readsCertifiedCopyAsOneOriginalWithoutGroup() {
        var result = ComponentText.parse(record("2.000815"));

        assertThat(result.leftovers()).isEmpty();
        assertThat(result.items()).singleElement().satisfies(item -> {
            assertThat(item.group()).as("the heading \"--\" is no heading").isEmpty();
            assertThat(item.name()).startsWith("Bản chính giấy tờ, văn bản làm cơ sở để chứng thực bản sao và bản sao cần chứng thực. Trường hợp")
                    .endsWith("phải có đầy đủ các trang đã ghi thông tin của bản chính");
            assertThat(item.originals()).isEqualTo(1);
            assertThat(item.copies()).isZero();
            assertThat(item.conditional()).isFalse();
        });
    }

    @Test
    void readsAlmostEveryRealRecordAndNeverLeavesTheHeaderInANameOrAGroup() {
        var all = records();
        assertThat(all).hasSize(568);
        int withHeader = 0, withItems = 0;
        for (var entry : all.entrySet()) {
            var text = entry.getValue();
            var result = ComponentText.parse(text);
            for (var item : result.items()) {
                assertThat(item.name()).as(entry.getKey()).isNotBlank().doesNotContain("Tên giấy tờMẫu đơn")
                        .doesNotMatch(".*\\d bản (chính|sao|chụp)$");
                assertThat(item.group()).as(entry.getKey()).doesNotContain("Tên giấy tờMẫu đơn");
                assertThat(item.originals()).as(entry.getKey()).isBetween(0, 9);
                assertThat(item.copies()).as(entry.getKey()).isBetween(0, 9);
            }
            if (text != null && Normalizer.normalize(text, Normalizer.Form.NFC).contains(HEADER)) {
                withHeader++;
                if (!result.items().isEmpty()) withItems++;
            } else if (text != null && !text.isBlank()) {
                assertThat(result.items()).as(entry.getKey()).isEmpty();
                assertThat(result.leftovers()).as("nothing dropped from " + entry.getKey()).containsExactly(text.strip());
            }
        }
        assertThat(withHeader).isGreaterThan(500);
        assertThat(withItems).isGreaterThanOrEqualTo((int) Math.ceil(withHeader * 0.95));
    }

    @Test
    void givesNothingForNullOrBlank() {
        for (var text : new String[] {null, "", "  \n\t "}) {
            var result = ComponentText.parse(text);
            assertThat(result.items()).isEmpty();
            assertThat(result.leftovers()).isEmpty();
        }
    }

    @Test
    void keepsTextWithoutTheTableHeaderAsALeftover() {
        var result = ComponentText.parse(" Bước 2. Nộp hồ sơ cho cơ quan BHXH.\n");

        assertThat(result.items()).isEmpty();
        assertThat(result.leftovers()).containsExactly("Bước 2. Nộp hồ sơ cho cơ quan BHXH.");
    }

    @Test
    void combinesTheCountsTheTextStatesWithTheQuantityColumn() {
        var result = ComponentText.parse("* Chứng từ phải nộp:" + HEADER + "- Hóa đơn thương mại: 01 bản chụp;0 bản chính,1 bản sao"
                + "+ Tờ khai hải quan: 02 bản chính;0 bản chính" + "Giấy phép nhập khẩu: 01 bản chính1 bản chính,1 bản sao");

        assertThat(result.leftovers()).isEmpty();
        assertThat(result.items()).containsExactly(
                new Item("Chứng từ phải nộp", "Hóa đơn thương mại", 0, 1, false),
                new Item("Chứng từ phải nộp", "Tờ khai hải quan", 2, 0, false),
                new Item("Chứng từ phải nộp", "Giấy phép nhập khẩu", 1, 1, false));
    }

    @Test
    void takesNoNumberInsideTheNameForAQuantity() {
        var result = ComponentText.parse(HEADER + "Văn bản theo Mẫu số 01 tại Điều 4 Nghị định số 154/2024/NĐ-CP ngày 26/11/20241 bản chính,1 bản sao"
                + "Phiếu yêu cầu (01 bản chính) theo Mẫu số 181 bản chính" + "Tờ khai; nộp 02 bản chính tờ khai giấy.0 bản chính,2 bản sao");

        assertThat(result.items()).extracting(Item::name, Item::originals, Item::copies).containsExactly(
                org.assertj.core.groups.Tuple.tuple("Văn bản theo Mẫu số 01 tại Điều 4 Nghị định số 154/2024/NĐ-CP ngày 26/11/2024", 1, 1),
                org.assertj.core.groups.Tuple.tuple("Phiếu yêu cầu (01 bản chính) theo Mẫu số 18", 1, 0),
                org.assertj.core.groups.Tuple.tuple("Tờ khai; nộp 02 bản chính tờ khai giấy", 0, 2));
    }

    @Test
    void removesBulletsAndMarksPapersThatAreNotAlwaysRequired() {
        var result = ComponentText.parse("--" + HEADER + "a) Đơn đề nghị.1 bản chính(2) Bản sao giấy phép (nếu có),0 bản chính,1 bản sao"
                + "++ Nếu ủy quyền: văn bản ủy quyền1 bản chính* Ngoài ra, bản đồ vị trí1 bản chính- Trường hợp mất giấy, đơn trình báo1 bản chính"
                + "Lưu ý:" + HEADER + "+) Đối với người nước ngoài:0 bản chính");

        assertThat(result.leftovers()).isEmpty();
        assertThat(result.items()).containsExactly(
                new Item("", "Đơn đề nghị", 1, 0, false),
                new Item("", "Bản sao giấy phép (nếu có)", 0, 1, true),
                new Item("", "Nếu ủy quyền: văn bản ủy quyền", 1, 0, true),
                new Item("", "Ngoài ra, bản đồ vị trí", 1, 0, true),
                new Item("", "Trường hợp mất giấy, đơn trình báo", 1, 0, true),
                new Item("Lưu ý", "Đối với người nước ngoài", 0, 0, true));
    }

    @Test
    void keepsAQuantityWithoutANameAsALeftover() {
        var result = ComponentText.parse(HEADER + "Dự thảo quyết định1 bản chính1 bản chính");

        assertThat(result.items()).containsExactly(new Item("", "Dự thảo quyết định", 1, 0, false));
        assertThat(result.leftovers()).containsExactly("1 bản chính");
    }

    @Test
    void readsDecomposedTextLikeComposedText() {
        var composed = "Giấy tờ phải nộp:" + HEADER + "- Giấy chứng sinh.1 bản chính";
        var result = ComponentText.parse(Normalizer.normalize(composed, Normalizer.Form.NFD));

        assertThat(result.items()).containsExactly(new Item("Giấy tờ phải nộp", "Giấy chứng sinh", 1, 0, false));
    }

    private static int count(List<Item> items, String group) {
        return (int) items.stream().filter(i -> i.group().equals(group)).count();
    }

    private static Item item(List<Item> items, String nameStart) {
        var found = items.stream().filter(i -> i.name().startsWith(nameStart)).toList();
        assertThat(found).as("one item starting with " + nameStart).hasSize(1);
        return found.getFirst();
    }

    private static @Nullable String record(String code) {
        var all = records();
        assertThat(all).containsKey(code);
        return all.get(code);
    }

    private static synchronized Map<String, @Nullable String> records() {
        if (records == null) {
            var read = new LinkedHashMap<String, @Nullable String>();
            var json = JsonMapper.builder().build();
            for (var file : FILES) {
                var path = DATA.resolve(file);
                assertThat(path).as("the seed copy of the shared data").isRegularFile();
                try {
                    for (JsonNode node : json.readTree(Files.readString(path))) {
                        var text = node.path("thanh_phan_ho_so");
                        read.put(node.get("ma_thu_tuc").asString(), text.isNull() || text.isMissingNode() ? null : text.asString());
                    }
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
            records = read;
        }
        return records;
    }
}
