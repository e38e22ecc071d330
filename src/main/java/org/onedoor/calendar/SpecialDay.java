package org.onedoor.calendar;

import java.time.LocalDate;
import org.jspecify.annotations.Nullable;
import org.onedoor.shared.LocalizedText;

/** A day the calendar lists: a day off, a make-up working day or an observance, with its occasion and legal basis. */
public record SpecialDay(LocalDate day, DayKind kind, LocalizedText occasion, @Nullable String legalBasis, @Nullable String note) {
}
