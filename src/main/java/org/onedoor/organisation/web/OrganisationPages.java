package org.onedoor.organisation.web;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import jakarta.annotation.security.PermitAll;
import org.jspecify.annotations.Nullable;
import org.onedoor.organisation.OrganisationDirectory;
import org.onedoor.organisation.Unit;
import org.onedoor.organisation.UnitId;
import org.onedoor.organisation.UnitLevel;
import org.onedoor.organisation.UnitQuery;
import org.onedoor.shared.PageRequest;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;

/** The pages of the organisation tree: the tree as of a date with search, and a unit with its versions and lineage. */
@Controller
class OrganisationPages {

    private static final int SEARCH_LIMIT = 200;
    private final OrganisationDirectory directory;

    OrganisationPages(OrganisationDirectory directory) {
        this.directory = directory;
    }

    /** A node of the tree page: a unit and the units under it on the chosen date. */
    record Node(Unit unit, List<Node> children) {
    }

    /** A search hit with the chain of units above it. */
    record Hit(Unit unit, List<Unit> path) {
    }

    @PermitAll
    @GetMapping("/")
    String home(Model model) {
        model.addAttribute("tenants", directory.tenants());
        return "organisation/home";
    }

    @PermitAll
    @GetMapping("/tenants/{tenant}/units")
    String tree(@PathVariable String tenant, @RequestParam(required = false) @Nullable String asOf,
                @RequestParam(required = false) @Nullable String q,
                @RequestHeader(name = "HX-Request", required = false) @Nullable String htmx, Model model) {
        var city = directory.tenant(tenant);
        var parsed = AsOf.parse(asOf);
        var day = parsed == null ? directory.today(city) : parsed;
        var units = directory.tree(city.id(), day);
        model.addAttribute("tenant", city);
        model.addAttribute("asOf", day);
        model.addAttribute("q", q == null ? "" : q);
        model.addAttribute("provinceCount", units.stream().filter(u -> u.level() == UnitLevel.PROVINCE).count());
        model.addAttribute("districtCount", units.stream().filter(u -> u.level() == UnitLevel.DISTRICT).count());
        model.addAttribute("communeCount", units.stream().filter(u -> u.level() == UnitLevel.COMMUNE).count());
        if (q != null && !q.isBlank()) {
            var found = directory.units(city.id(), new UnitQuery(day, null, null, null, q, new PageRequest(0, SEARCH_LIMIT)));
            var byId = new HashMap<UnitId, Unit>();
            units.forEach(u -> byId.put(u.id(), u));
            model.addAttribute("hits", found.items().stream().map(u -> new Hit(u, path(u, byId))).toList());
            model.addAttribute("total", found.total());
        } else {
            model.addAttribute("roots", nest(units));
        }
        return htmx != null ? "organisation/tree :: results" : "organisation/tree";
    }

    @PermitAll
    @GetMapping("/tenants/{tenant}/units/{code}")
    String unit(@PathVariable String tenant, @PathVariable String code,
                @RequestParam(required = false) @Nullable String asOf, Model model) {
        var city = directory.tenant(tenant);
        var parsed = AsOf.parse(asOf);
        var today = directory.today(city);
        var unit = directory.unit(city.id(), code, parsed, today);
        var day = parsed != null ? parsed : unit.inForceOn(today) ? today : unit.validFrom();
        model.addAttribute("tenant", city);
        model.addAttribute("asOf", day);
        model.addAttribute("unit", unit);
        model.addAttribute("inForceToday", unit.inForceOn(today));
        model.addAttribute("today", today);
        model.addAttribute("path", directory.ancestors(city.id(), unit, day));
        model.addAttribute("children", directory.children(city.id(), unit.id(), day));
        model.addAttribute("versions", directory.versions(city.id(), unit.id()));
        model.addAttribute("lineage", directory.lineage(city.id(), unit));
        return "organisation/unit";
    }

    private static List<Node> nest(List<Unit> units) {
        var ids = new HashSet<UnitId>();
        units.forEach(u -> ids.add(u.id()));
        var children = new HashMap<UnitId, List<Unit>>();
        var roots = new ArrayList<Unit>();
        for (var unit : units) {
            if (unit.parentId() == null || !ids.contains(unit.parentId())) roots.add(unit);
            else children.computeIfAbsent(unit.parentId(), p -> new ArrayList<>()).add(unit);
        }
        return roots.stream().map(r -> node(r, children)).toList();
    }

    private static Node node(Unit unit, Map<UnitId, List<Unit>> children) {
        return new Node(unit, children.getOrDefault(unit.id(), List.of()).stream().map(c -> node(c, children)).toList());
    }

    private static List<Unit> path(Unit unit, Map<UnitId, Unit> byId) {
        var chain = new ArrayList<Unit>();
        var parent = unit.parentId() == null ? null : byId.get(unit.parentId());
        while (parent != null && chain.size() < 16) {
            chain.addFirst(parent);
            parent = parent.parentId() == null ? null : byId.get(parent.parentId());
        }
        return chain;
    }
}
