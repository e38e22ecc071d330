package org.onedoor.calendar.web;

import jakarta.annotation.security.PermitAll;
import jakarta.servlet.http.HttpServletResponse;
import java.math.BigDecimal;
import java.security.Principal;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.onedoor.calendar.Calendars;
import org.onedoor.calendar.Deadlines;
import org.onedoor.calendar.LunarDate;
import org.onedoor.calendar.SpecialDay;
import org.onedoor.calendar.TimeLimit;
import org.onedoor.calendar.VietnameseLunarCalendar;
import org.onedoor.calendar.YearSchedule;
import org.onedoor.organisation.OrganisationDirectory;
import org.onedoor.shared.InvalidParameter;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The calendar pages: a year at a glance, the staff's deadline calculator, and publishing a year. */
@Controller
class CalendarPages {

    /** One cell of a month grid: the day, its listing if any, and its lunar date. */
    record Cell(LocalDate day, @Nullable SpecialDay special, LunarDate lunar, boolean weekend) {
    }

    /** A month of the year grid: weeks of seven cells, null where the month has no day. */
    record Month(YearMonth month, List<List<Cell>> weeks) {
    }

    private final Calendars calendars;
    private final OrganisationDirectory directory;

    CalendarPages(Calendars calendars, OrganisationDirectory directory) {
        this.calendars = calendars;
        this.directory = directory;
    }

    @PermitAll
    @GetMapping("/tenants/{tenant}/calendar/{year}")
    String year(@PathVariable String tenant, @PathVariable String year, Model model) {
        var city = directory.tenant(tenant);
        var value = year(year);
        var schedule = calendars.year(city.id(), value)
                .orElse(new YearSchedule(value, YearSchedule.Status.PROVISIONAL, null, null, null, List.of()));
        var listed = new HashMap<LocalDate, SpecialDay>();
        schedule.days().forEach(d -> listed.put(d.day(), d));
        var months = new ArrayList<Month>();
        for (int m = 1; m <= 12; m++) {
            var month = YearMonth.of(value, m);
            var weeks = new ArrayList<List<Cell>>();
            var week = new ArrayList<Cell>();
            for (int pad = 1; pad < month.atDay(1).getDayOfWeek().getValue(); pad++) week.add(null);
            for (var day = month.atDay(1); !day.isAfter(month.atEndOfMonth()); day = day.plusDays(1)) {
                week.add(new Cell(day, listed.get(day), VietnameseLunarCalendar.toLunar(day),
                        day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY));
                if (week.size() == 7) {
                    weeks.add(week);
                    week = new ArrayList<>();
                }
            }
            if (!week.isEmpty()) {
                while (week.size() < 7) week.add(null);
                weeks.add(week);
            }
            months.add(new Month(month, weeks));
        }
        model.addAttribute("tenant", city);
        model.addAttribute("schedule", schedule);
        model.addAttribute("months", months);
        model.addAttribute("yearName", VietnameseLunarCalendar.yearName(value));
        model.addAttribute("vietnamese", city.defaultLocale().getLanguage().equals("vi"));
        return "calendar/year";
    }

    @PreAuthorize("@access.staffOf(principal, #tenant)")
    @GetMapping("/tenants/{tenant}/calendar/deadline")
    String calculator(@PathVariable String tenant, @RequestParam(required = false) @Nullable String received,
                      @RequestParam(required = false) @Nullable String value, @RequestParam(required = false) @Nullable String unit,
                      @RequestParam(required = false) @Nullable String cutoff, Model model, HttpServletResponse response) {
        var city = directory.tenant(tenant);
        model.addAttribute("tenant", city);
        model.addAttribute("units", TimeLimit.Unit.values());
        model.addAttribute("received", received == null ? "" : received);
        model.addAttribute("value", value == null ? "" : value);
        model.addAttribute("unit", unit == null ? "WORKING_DAYS" : unit);
        model.addAttribute("cutoff", cutoff == null ? "" : cutoff);
        if (received != null && value != null && unit != null) {
            try {
                var at = LocalDateTime.parse(received).atZone(city.timeZone()).toInstant();
                var kind = TimeLimit.Unit.valueOf(unit);
                var limit = new TimeLimit(new BigDecimal(value.strip()), kind,
                        cutoff == null || cutoff.isBlank() || kind != TimeLimit.Unit.WITHIN_DAY ? null : LocalTime.parse(cutoff), false);
                var calendar = calendars.workingCalendar(city.id());
                model.addAttribute("due", Deadlines.due(calendar, at, limit).atZone(city.timeZone()).toLocalDateTime());
            } catch (DateTimeParseException | IllegalArgumentException e) {
                response.setStatus(HttpStatus.BAD_REQUEST.value());
                model.addAttribute("invalid", true);
            }
        }
        return "calendar/deadline";
    }

    @PreAuthorize("@access.anywhere(principal, 'calendar:manage', #tenant)")
    @GetMapping("/tenants/{tenant}/calendar/{year}/publication")
    String publication(@PathVariable String tenant, @PathVariable String year, Model model) {
        var city = directory.tenant(tenant);
        model.addAttribute("tenant", city);
        model.addAttribute("schedule", calendars.year(city.id(), year(year))
                .orElse(new YearSchedule(year(year), YearSchedule.Status.PROVISIONAL, null, null, null, List.of())));
        return "calendar/publication";
    }

    @PreAuthorize("@access.anywhere(principal, 'calendar:manage', #tenant)")
    @PostMapping("/tenants/{tenant}/calendar/{year}/publication")
    String publish(@PathVariable String tenant, @PathVariable String year, @RequestParam String decision, Principal principal) {
        var city = directory.tenant(tenant);
        calendars.publish(city.id(), year(year), decision, principal.getName());
        return "redirect:/tenants/" + tenant + "/calendar/" + year;
    }

    private static int year(String year) {
        try {
            var value = Integer.parseInt(year);
            if (value < 1900 || value > 2199) throw new InvalidParameter("year", year);
            return value;
        } catch (NumberFormatException e) {
            throw new InvalidParameter("year", year);
        }
    }
}
