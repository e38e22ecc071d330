package org.onedoor.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LocalizedTextTests {

    @Test
    void answersInTheReadersLanguage() {
        var name = LocalizedText.of("Phường Ba Đình", "Ba Dinh Ward", "ຕາແສງ ບາດິ່ງ");
        assertThat(name.in(Locale.of("lo"))).isEqualTo("ຕາແສງ ບາດິ່ງ");
        assertThat(name.in(Locale.ENGLISH)).isEqualTo("Ba Dinh Ward");
    }

    @Test
    void fallsBackToEnglishThenVietnamese() {
        var hanoiUnit = LocalizedText.of("Phường Ba Đình", "Ba Dinh Ward", null);
        assertThat(hanoiUnit.in(Locale.of("lo"))).isEqualTo("Ba Dinh Ward");
        var vientianeUnit = new LocalizedText(Map.of("lo", "ໄຊເສດຖາ", "en", "Xaysetha"));
        assertThat(vientianeUnit.in(Locale.of("vi"))).isEqualTo("Xaysetha");
        assertThat(LocalizedText.of("vi", "Xã Sơn Đồng").in(Locale.ENGLISH)).isEqualTo("Xã Sơn Đồng");
    }

    @Test
    void storesTextInComposedForm() {
        var text = LocalizedText.of("vi", Normalizer.normalize("Hồng Hà", Normalizer.Form.NFD));
        assertThat(text.exactly("vi")).isEqualTo("Hồng Hà");
        assertThat(Normalizer.isNormalized(text.exactly("vi"), Normalizer.Form.NFC)).isTrue();
    }

    @Test
    void refusesBlankTexts() {
        assertThatIllegalArgumentException().isThrownBy(() -> LocalizedText.of("vi", " "));
        assertThatIllegalArgumentException().isThrownBy(() -> new LocalizedText(Map.of()));
    }
}
