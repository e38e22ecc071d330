package org.onedoor.organisation.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import jakarta.annotation.security.PermitAll;
import org.jspecify.annotations.Nullable;
import org.onedoor.organisation.LineageEntry;
import org.onedoor.organisation.OrganisationDirectory;
import org.onedoor.organisation.Tenant;
import org.onedoor.organisation.Unit;
import org.onedoor.organisation.UnitLevel;
import org.onedoor.organisation.UnitQuery;
import org.onedoor.organisation.UnitType;
import org.onedoor.shared.PageRequest;
import org.onedoor.shared.ResultPage;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The organisation tree as JSON: units as of a date, one unit with its versions, and its lineage. */
@RestController
@RequestMapping("/api/v1/tenants")
@Tag(name = "Organisation", description = "Units of each city as of any date, and their lineage across restructurings")
class UnitApi {

    private final OrganisationDirectory directory;

    UnitApi(OrganisationDirectory directory) {
        this.directory = directory;
    }

    @PermitAll
    @GetMapping
    @Operation(summary = "The cities sharing this installation")
    List<TenantItem> tenants(Locale locale) {
        return directory.tenants().stream().map(t -> TenantItem.of(t, locale)).toList();
    }

    @PermitAll
    @GetMapping("/{tenant}/units")
    @Operation(summary = "Units in force on a date, filtered by level, type, parent and a diacritics-insensitive text")
    ResultPage<UnitItem> units(@PathVariable String tenant,
                               @Parameter(description = "ISO date; default today in the city's time zone") @RequestParam(required = false) @Nullable String asOf,
                               @Parameter(description = "province, district or commune") @RequestParam(required = false) @Nullable String level,
                               @Parameter(description = "e.g. WARD, COMMUNE, DEPARTMENT") @RequestParam(required = false) @Nullable String type,
                               @Parameter(description = "code of the parent unit") @RequestParam(required = false) @Nullable String parent,
                               @Parameter(description = "text in any spelling: 'phuc xa' finds 'Phúc Xá'") @RequestParam(required = false) @Nullable String q,
                               @RequestParam(required = false) @Nullable Integer page,
                               @Parameter(description = "at most 500") @RequestParam(required = false) @Nullable Integer size,
                               Locale locale) {
        var city = directory.tenant(tenant);
        var day = day(city, asOf);
        var query = new UnitQuery(day,
                level == null || level.isBlank() ? null : UnitLevel.parse("level", level),
                type == null || type.isBlank() ? null : UnitType.parse("type", type),
                parent == null || parent.isBlank() ? null : parent.strip(), q, PageRequest.of(page, size));
        return directory.units(city.id(), query).map(u -> UnitItem.of(u, locale));
    }

    @PermitAll
    @GetMapping("/{tenant}/units/{code}")
    @Operation(summary = "One unit as of a date (default: today, or the last unit that held the code), with all its versions")
    UnitDetail unit(@PathVariable String tenant, @PathVariable String code,
                    @RequestParam(required = false) @Nullable String asOf, Locale locale) {
        var city = directory.tenant(tenant);
        var unit = directory.unit(city.id(), code, AsOf.parse(asOf), directory.today(city));
        var versions = directory.versions(city.id(), unit.id()).stream().map(v -> UnitItem.of(v, locale)).toList();
        return new UnitDetail(unit.code(), unit.identifier(), unit.name().in(locale), unit.name().values(), unit.type(),
                unit.level(), unit.parentCode(), unit.validFrom(), unit.validTo(),
                unit.headPosition() == null ? null : unit.headPosition().in(locale), versions);
    }

    @PermitAll
    @GetMapping("/{tenant}/units/{code}/lineage")
    @Operation(summary = "Where the unit came from and where it went, transitively across reorganisations")
    LineageResponse lineage(@PathVariable String tenant, @PathVariable String code,
                            @RequestParam(required = false) @Nullable String asOf, Locale locale) {
        var city = directory.tenant(tenant);
        var lineage = directory.lineage(city.id(), directory.unit(city.id(), code, AsOf.parse(asOf), directory.today(city)));
        return new LineageResponse(UnitItem.of(lineage.unit(), locale),
                lineage.predecessors().stream().map(e -> LineageItem.of(e, locale)).toList(),
                lineage.successors().stream().map(e -> LineageItem.of(e, locale)).toList());
    }

    private LocalDate day(Tenant city, @Nullable String asOf) {
        var day = AsOf.parse(asOf);
        return day == null ? directory.today(city) : day;
    }

    record TenantItem(String code, String name, String timeZone, String defaultLocale, String currency) {
        static TenantItem of(Tenant t, Locale locale) {
            return new TenantItem(t.id().value(), t.name().in(locale), t.timeZone().getId(), t.defaultLocale().toLanguageTag(),
                    t.currency().getCurrencyCode());
        }
    }

    record UnitItem(String code, @Nullable String identifier, String name, Map<String, String> names, UnitType type,
                    UnitLevel level, @Nullable String parentCode, LocalDate validFrom, @Nullable LocalDate validTo) {
        static UnitItem of(Unit u, Locale locale) {
            return new UnitItem(u.code(), u.identifier(), u.name().in(locale), u.name().values(), u.type(), u.level(),
                    u.parentCode(), u.validFrom(), u.validTo());
        }
    }

    record UnitDetail(String code, @Nullable String identifier, String name, Map<String, String> names, UnitType type,
                      UnitLevel level, @Nullable String parentCode, LocalDate validFrom, @Nullable LocalDate validTo,
                      @Nullable String headPosition, List<UnitItem> versions) {
    }

    record LineageResponse(UnitItem unit, List<LineageItem> predecessors, List<LineageItem> successors) {
    }

    record LineageItem(@Nullable String code, @Nullable String name, String event, String share, LocalDate effectiveDate,
                       String legalBasis, int depth, boolean inferred) {
        static LineageItem of(LineageEntry e, Locale locale) {
            return new LineageItem(e.code(), e.name() == null ? null : e.name().in(locale), e.event().name(), e.share().name(),
                    e.effectiveDate(), e.legalBasis(), e.depth(), e.inferred());
        }
    }
}
