package org.onedoor.organisation;

/** A predecessor in a merge, how much of it goes in, and whether the link is inferred rather than enacted. */
public record Part(UnitId unit, Share share, boolean inferred) {

    public static Part whole(UnitId unit) {
        return new Part(unit, Share.FULL, false);
    }

    public static Part partOf(UnitId unit) {
        return new Part(unit, Share.PARTIAL, false);
    }
}
