package org.onedoor.organisation;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** The identity of a unit across all its names and codes; official codes are reused, this never is. */
public record UnitId(UUID value) {

    /** The same id every time for the same origin, so that importing a source twice changes nothing. */
    public static UnitId derivedFrom(String origin) {
        return new UnitId(UUID.nameUUIDFromBytes(("unit:" + origin).getBytes(StandardCharsets.UTF_8)));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
