package org.onedoor.organisation;

import org.jspecify.annotations.Nullable;
import org.onedoor.shared.LocalizedText;

/** Where (part of) a unit goes in a merge or split: a unit that exists, a new one, or, for old records, unknown. */
public sealed interface Successor {

    /** An existing unit takes it over, possibly under a new name. */
    record Existing(UnitId id, @Nullable LocalizedText newName) implements Successor {
    }

    /** A unit created by the restructuring. */
    record Created(NewUnit unit) implements Successor {
    }

    /** The source says the unit went somewhere but not where. */
    record Unknown() implements Successor {
    }
}
