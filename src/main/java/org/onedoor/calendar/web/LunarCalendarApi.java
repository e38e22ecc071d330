package org.onedoor.calendar.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.security.PermitAll;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import org.onedoor.calendar.VietnameseLunarCalendar;
import org.onedoor.shared.InvalidParameter;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The Vietnamese lunar calendar (UTC+7) for 1900–2199: solar to lunar and back (public, read-only, rate-limited). */
@RestController
@RequestMapping("/api/v1/lunar-calendar")
@Tag(name = "Lunar calendar", description = "Conversions between the solar and the Vietnamese lunar calendar, 1900–2199")
class LunarCalendarApi {

    record Lunar(int year, int month, int day, boolean leap, String yearName) {
    }

    record Solar(LocalDate date) {
    }

    @PermitAll
    @GetMapping("/lunar")
    @Operation(summary = "The lunar date of a solar date, e.g. 2026-02-17 → 2026-1-1, Bính Ngọ")
    Lunar lunar(@RequestParam String date) {
        LocalDate day;
        try {
            day = LocalDate.parse(date.strip());
        } catch (DateTimeParseException e) {
            throw new InvalidParameter("date", date);
        }
        if (day.getYear() < 1900 || day.getYear() > 2199) throw new InvalidParameter("date", date);
        var lunar = VietnameseLunarCalendar.toLunar(day);
        return new Lunar(lunar.year(), lunar.month(), lunar.day(), lunar.leap(), VietnameseLunarCalendar.yearName(lunar.year()));
    }

    @PermitAll
    @GetMapping("/solar")
    @Operation(summary = "The solar date of a lunar date; a month, day or leap month that does not exist is refused")
    Solar solar(@RequestParam int year, @RequestParam int month, @RequestParam int day,
                @RequestParam(defaultValue = "false") boolean leap) {
        return new Solar(VietnameseLunarCalendar.toSolar(year, month, day, leap));
    }
}
