package org.onedoor.procedure.seed;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.jspecify.annotations.NullMarked;
import org.jspecify.annotations.Nullable;

/**
 * Reads the dossier components ("thành phần hồ sơ") of a national catalogue detail page. The crawler flattened the
 * portal's tables into run-on text: each table is its group heading, the glued header {@value #HEADER}, then rows of
 * paper name, form file name (if any) and the quantity column ("1 bản chính", "0 bản chính,1 bản sao"), all without
 * separators. A row ends at that column: a single digit before "bản chính" (digits glued before it, as in
 * "ngày 25/6/20241 bản chính", belong to the text). Counts the row's text states just before the column, as in
 * "Hóa đơn thương mại: 01 bản chụp;0 bản chính,1 bản sao", are part of the quantity; the larger count of each kind
 * wins, and a "bản chụp" (photocopy) counts as a copy. Numbers anywhere else ("Điều 4", "Mẫu số 01",
 * "154/2024/NĐ-CP", "(01 bản chính)") stay in the name. Text after a table's last row is the next table's heading.
 * Nothing is dropped: what cannot become an item (a text without the header, a quantity without a name, a heading that
 * itself lists papers) is kept in {@link Result#leftovers()}.
 */
@NullMarked
public final class ComponentText {

    /** The flattened table header that opens every group. */
    static final String HEADER = "Tên giấy tờMẫu đơn, tờ khaiSố lượng";

    private static final Pattern COLUMN = Pattern.compile("(\\d+) bản chính(?:,(\\d{1,2}) bản sao)?");
    private static final Pattern STATED = Pattern.compile("(\\d+) bản (chính|sao|chụp)[\\h\\v,;.]*$");
    private static final Pattern ANY_QUANTITY = Pattern.compile("\\d+ bản (?:chính|sao|chụp)");
    private static final Pattern BULLET = Pattern.compile("^(?:[-+*•–·]+\\)?|\\(\\*\\)|\\(?[a-zđ]\\d*(?:\\.\\d+)*\\)|[a-zđ]\\.(?=\\h|\\p{Lu})"
            + "|\\(\\d+(?:\\.\\d+)*\\)|\\(?[ivx]+\\)|[IVX]+\\.(?=\\h)|\\d+(?:\\.\\d+)*[.)](?=\\h|\\p{Lu}))\\h*");
    private static final Pattern INVISIBLE = Pattern.compile("\\p{Cf}");
    private static final Pattern SPACES = Pattern.compile("[\\h\\v]+");
    private static final Pattern LEADING_STRAY = Pattern.compile("^[.,;:)\\]\\h]+");
    private static final Pattern TRAILING_PUNCTUATION = Pattern.compile("[.,;:\\h]+$");
    private static final Pattern TRAILING_HEADING = Pattern.compile("[.,;:\\-–\\h]+$");
    private static final List<String> CONDITIONAL_STARTS = List.of("trường hợp", "nếu", "đối với", "ngoài ra");

    /**
     * One paper as the catalogue lists it; {@code conditional} when its text makes it depend on the case ("Trường hợp
     * …", "… trong trường hợp …", "(nếu …)", "…, nếu …", "nếu có"; a paper for one channel only,
     * such as the paper form "nếu … trực tiếp" or the e-form "nếu … trực tuyến", is conditional too).
     */
    public record Item(String group, String name, int originals, int copies, boolean conditional) {
    }

    /** The items in source order, and every piece of text that could not be read as one. */
    public record Result(List<Item> items, List<String> leftovers) {

        public Result {
            items = List.copyOf(items);
            leftovers = List.copyOf(leftovers);
        }
    }

    private ComponentText() {
    }

    /** Parses the flattened text; never throws; returns items in source order. Unparseable leftovers go to leftovers(). */
    public static Result parse(@Nullable String flattened) {
        if (flattened == null || flattened.isBlank()) return new Result(List.of(), List.of());
        var text = Normalizer.normalize(flattened, Normalizer.Form.NFC);
        var items = new ArrayList<Item>();
        var leftovers = new ArrayList<String>();
        var tables = text.split(Pattern.quote(HEADER), -1);
        if (tables.length == 1) {
            leftovers.add(text.strip());
            return new Result(items, leftovers);
        }
        var group = heading(tables[0], leftovers);
        for (int t = 1; t < tables.length; t++) {
            var table = tables[t];
            int from = 0;
            var column = COLUMN.matcher(table);
            while (column.find()) {
                var digits = column.group(1);
                if (digits.length() == 2 && digits.charAt(0) == '0') continue; // "01 bản chính" is the text's own count
                int start = column.end(1) - 1;
                int originals = digits.charAt(digits.length() - 1) - '0';
                int copies = column.group(2) == null ? 0 : Integer.parseInt(column.group(2));
                var body = table.substring(from, start);
                for (var stated = STATED.matcher(body); stated.find(); stated = STATED.matcher(body)) {
                    var run = stated.group(1);
                    int at = run.length() == 1 || run.length() == 2 && run.charAt(0) == '0' ? 0 : run.length() - 1;
                    int count = Integer.parseInt(run.substring(at));
                    if (stated.group(2).equals("chính")) originals = Math.max(originals, count);
                    else copies = Math.max(copies, count);
                    body = body.substring(0, stated.start(1) + at);
                }
                var name = name(body);
                if (name.isEmpty()) leftovers.add(table.substring(from, column.end()).strip());
                else items.add(new Item(group, name, originals, copies, conditional(name)));
                from = column.end();
            }
            var rest = table.substring(from);
            if (t < tables.length - 1) group = heading(rest, leftovers);
            else if (!rest.isBlank()) leftovers.add(rest.strip());
        }
        return new Result(items, leftovers);
    }

    /** The heading text with bullets, stray dashes and a trailing ":" removed; "" (and a leftover) if it lists papers itself. */
    private static String heading(String raw, List<String> leftovers) {
        if (ANY_QUANTITY.matcher(raw).find()) {
            leftovers.add(raw.strip());
            return "";
        }
        return TRAILING_HEADING.matcher(unbulleted(raw)).replaceFirst("");
    }

    private static String name(String raw) {
        return TRAILING_PUNCTUATION.matcher(unbulleted(raw)).replaceFirst("");
    }

    private static String unbulleted(String raw) {
        var text = SPACES.matcher(INVISIBLE.matcher(raw).replaceAll("")).replaceAll(" ").strip();
        for (String before = null; !text.equals(before); ) {
            before = text;
            text = LEADING_STRAY.matcher(BULLET.matcher(text).replaceFirst("")).replaceFirst("");
        }
        return text;
    }

    private static boolean conditional(String name) {
        var lower = name.toLowerCase(Locale.ROOT);
        return lower.contains("nếu có") || lower.contains("trong trường hợp") || lower.contains("(nếu ")
                || lower.contains(", nếu ")
                || CONDITIONAL_STARTS.stream().anyMatch(lower::startsWith);
    }
}
