package org.onedoor.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.text.Normalizer;
import org.junit.jupiter.api.Test;

class SearchTextTests {

    @Test
    void aLikePatternTakesWildcardsInTheTextLiterally() {
        assertThat(SearchText.containing("50%_a\\b")).isEqualTo("%50\\%\\_a\\\\b%");
    }

    @Test
    void foldsVietnameseDiacriticsAndDStroke() {
        assertThat(SearchText.fold("Đăng ký khai sinh")).isEqualTo("dang ky khai sinh");
        assertThat(SearchText.fold("Phường Phúc Xá")).isEqualTo("phuong phuc xa");
    }

    @Test
    void treatsBothToneMarkPlacementsAlike() {
        assertThat(SearchText.fold("Hoà")).isEqualTo(SearchText.fold("Hòa"));
        assertThat(SearchText.fold("Thuỵ")).isEqualTo(SearchText.fold("Thụy"));
    }

    @Test
    void foldsDecomposedInputLikeComposedInput() {
        var decomposed = Normalizer.normalize("Thượng Cát", Normalizer.Form.NFD);
        assertThat(SearchText.fold(decomposed)).isEqualTo("thuong cat");
    }

    @Test
    void keepsLaoVowelsAndToneMarks() {
        assertThat(SearchText.fold("ໄຊເສດຖາ")).isEqualTo("ໄຊເສດຖາ");
        assertThat(SearchText.fold("ປາກງື່ມ")).isEqualTo(Normalizer.normalize("ປາກງື່ມ", Normalizer.Form.NFC));
    }

    @Test
    void collapsesWhitespace() {
        assertThat(SearchText.fold("  Ba   Đình ")).isEqualTo("ba dinh");
    }
}
