package org.onedoor.shared;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Folds text for search so that diacritics and tone-mark placement do not matter: "dang ky khai sinh" finds
 * "Đăng ký khai sinh" and "Hoà" equals "Hòa". Only Latin combining marks are removed; Lao vowels and tone marks,
 * which are letters of their own, are kept.
 */
public final class SearchText {

    private static final Pattern LATIN_MARKS = Pattern.compile("[\\u0300-\\u036f]");
    private static final Pattern SPACES = Pattern.compile("\\s+");

    private SearchText() {
    }

    public static String fold(String text) {
        var decomposed = Normalizer.normalize(text, Normalizer.Form.NFD);
        var bare = LATIN_MARKS.matcher(decomposed).replaceAll("").replace('đ', 'd').replace('Đ', 'D');
        return SPACES.matcher(Normalizer.normalize(bare, Normalizer.Form.NFC).toLowerCase(Locale.ROOT)).replaceAll(" ").strip();
    }

    /** A SQL {@code like ... escape '\'} pattern matching any text that contains {@code folded} literally. */
    public static String containing(String folded) {
        return "%" + folded.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }
}
