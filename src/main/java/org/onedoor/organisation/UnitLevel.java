package org.onedoor.organisation;

import java.util.Locale;
import org.onedoor.shared.InvalidParameter;

/** The tier of local government a unit belongs to; districts exist in Vietnam only before 1 July 2025. */
public enum UnitLevel {
    PROVINCE, DISTRICT, COMMUNE;

    /** Reads {@code province}, {@code PROVINCE}...; anything else is a bad parameter. */
    public static UnitLevel parse(String parameter, String value) {
        try {
            return valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidParameter(parameter, value);
        }
    }
}
