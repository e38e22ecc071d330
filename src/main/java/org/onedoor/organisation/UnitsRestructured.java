package org.onedoor.organisation;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.onedoor.shared.TenantId;

/** The tree changed on a date: indicators and grants of the units named must follow their successors. */
public record UnitsRestructured(TenantId tenant, UUID restructuringId, ChangeKind kind, LocalDate effectiveDate,
                                List<UnitId> predecessors, List<UnitId> successors) {
}
