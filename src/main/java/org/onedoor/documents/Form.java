package org.onedoor.documents;

import java.util.Locale;
import java.util.Optional;

/**
 * The six papers of the one-stop rules and the sheet each is printed on: 01–05 on A5 (05 turned, for its table), the
 * tracking book on A4 turned (Circular 01/2018 annex, domain note §1.6).
 */
public enum Form {
    RECEIPT("01", Sheet.A5), SUPPLEMENT_REQUEST("02", Sheet.A5), REFUSAL("03", Sheet.A5), APOLOGY("04", Sheet.A5),
    PROCESS_CONTROL("05", Sheet.A5_LANDSCAPE), TRACKING_BOOK("06", Sheet.A4_LANDSCAPE);

    private final String number;
    private final Sheet sheet;

    Form(String number, Sheet sheet) {
        this.number = number;
        this.sheet = sheet;
    }

    /** The form's number in the annex: "01" … "06". */
    public String number() {
        return number;
    }

    public Sheet sheet() {
        return sheet;
    }

    /** The form by its number ("01", "1") or name ("receipt"), if there is one. */
    public static Optional<Form> of(String text) {
        var t = text.strip().toUpperCase(Locale.ROOT).replace('-', '_');
        for (var f : values()) {
            if (f.name().equals(t) || f.number.equals(t) || f.number.equals("0" + t)) return Optional.of(f);
        }
        return Optional.empty();
    }

    /** Paper size in millimetres. */
    public enum Sheet {
        A5(148, 210), A5_LANDSCAPE(210, 148), A4_LANDSCAPE(297, 210);

        public final int widthMm;
        public final int heightMm;

        Sheet(int widthMm, int heightMm) {
            this.widthMm = widthMm;
            this.heightMm = heightMm;
        }
    }
}
