package org.onedoor.organisation;

import org.jspecify.annotations.Nullable;
import org.onedoor.shared.LocalizedText;

/** A unit about to come into being: its identity, official code and identifier, name, type and parent. */
public record NewUnit(UnitId id, String code, @Nullable String identifier, LocalizedText name, UnitType type,
                      @Nullable UnitId parentId, @Nullable LocalizedText headPosition) {

    public NewUnit {
        if (code == null || code.isBlank()) throw new IllegalArgumentException("A unit needs a code");
    }
}
