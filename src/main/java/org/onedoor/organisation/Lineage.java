package org.onedoor.organisation;

import java.util.List;

/** Where a unit came from and where it went, transitively across every reorganisation on record. */
public record Lineage(Unit unit, List<LineageEntry> predecessors, List<LineageEntry> successors) {

    public Lineage {
        predecessors = List.copyOf(predecessors);
        successors = List.copyOf(successors);
    }
}
