package org.onedoor.calendar.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.security.PermitAll;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import java.math.BigDecimal;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import org.onedoor.calendar.Calendars;
import org.onedoor.calendar.Deadlines;
import org.onedoor.calendar.TimeLimit;
import org.onedoor.calendar.YearSchedule;
import org.onedoor.organisation.OrganisationDirectory;
import org.onedoor.shared.InvalidParameter;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.security.access.prepost.PreAuthorize;
import java.security.Principal;
import org.springframework.web.bind.annotation.RestController;

/** A city's calendar for a year: days off and make-up working days with occasions, legal basis and status (public). */
@RestController
@RequestMapping("/api/v1/tenants/{tenant}/calendar")
@Tag(name = "Calendar", description = "Working calendars: days off and make-up working days of each year")
class CalendarApi {

    private final Calendars calendars;
    private final OrganisationDirectory directory;

    CalendarApi(Calendars calendars, OrganisationDirectory directory) {
        this.calendars = calendars;
        this.directory = directory;
    }

    record Day(LocalDate date, String kind, String occasion, @Nullable String legalBasis, @Nullable String note) {
    }

    record Year(int year, String status, @Nullable String decision, @Nullable Instant publishedAt, List<Day> days) {
    }

    record Due(OffsetDateTime due) {
    }

    @PermitAll
    @GetMapping("/deadline")
    @Operation(summary = "When a time limit counted from an instant falls due, in the city's working time")
    Due deadline(@PathVariable String tenant, @RequestParam String from, @RequestParam String value, @RequestParam String unit,
                 @RequestParam(required = false) @Nullable String cutoff) {
        var city = directory.tenant(tenant);
        Instant received;
        try {
            received = OffsetDateTime.parse(from.strip()).toInstant();
        } catch (DateTimeParseException e) {
            throw new InvalidParameter("from", from);
        }
        TimeLimit.Unit kind;
        try {
            kind = TimeLimit.Unit.valueOf(unit.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidParameter("unit", unit);
        }
        BigDecimal amount;
        try {
            amount = new BigDecimal(value.strip());
        } catch (NumberFormatException e) {
            throw new InvalidParameter("value", value);
        }
        LocalTime cut = null;
        if (cutoff != null && !cutoff.isBlank()) {
            try {
                cut = LocalTime.parse(cutoff.strip());
            } catch (DateTimeParseException e) {
                throw new InvalidParameter("cutoff", cutoff);
            }
        }
        TimeLimit limit;
        try {
            limit = new TimeLimit(amount, kind, cut, false);
        } catch (IllegalArgumentException e) {
            throw new InvalidParameter("value", value);
        }
        var calendar = calendars.workingCalendar(city.id());
        var due = Deadlines.due(calendar, received, limit);
        return new Due(due.atZone(calendar.zone()).toOffsetDateTime());
    }

    record Publication(String decision) {
    }

    @PreAuthorize("@access.anywhere(principal, 'calendar:manage', #tenant)")
    @PostMapping("/{year}/publication")
    @Operation(summary = "Publish a provisional year with the decision that announced it; its days become official")
    Year publish(@PathVariable String tenant, @PathVariable int year, @RequestBody Publication body, Principal principal, Locale locale) {
        var city = directory.tenant(tenant);
        calendars.publish(city.id(), year, body.decision(), principal.getName());
        return year(tenant, String.valueOf(year), locale);
    }

    @PermitAll
    @GetMapping("/{year}")
    @Operation(summary = "The year's days off and make-up working days; a year not yet published is provisional")
    Year year(@PathVariable String tenant, @PathVariable String year, Locale locale) {
        var city = directory.tenant(tenant);
        int value;
        try {
            value = Integer.parseInt(year);
        } catch (NumberFormatException e) {
            throw new InvalidParameter("year", year);
        }
        if (value < 1900 || value > 2199) throw new InvalidParameter("year", year);
        var schedule = calendars.year(city.id(), value)
                .orElse(new YearSchedule(value, YearSchedule.Status.PROVISIONAL, null, null, null, List.of()));
        return new Year(value, schedule.status().name(), schedule.decision(), schedule.publishedAt(), schedule.days().stream()
                .map(d -> new Day(d.day(), d.kind().name(), d.occasion().in(locale), d.legalBasis(), d.note())).toList());
    }
}
