package org.onedoor.procedure.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.security.PermitAll;
import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.onedoor.procedure.Catalogue;
import org.onedoor.procedure.CatalogueEntry;
import org.onedoor.shared.InvalidParameter;
import org.onedoor.shared.PageRequest;
import org.onedoor.shared.ResultPage;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The national catalogue of administrative procedures, public: search without diacritics, one procedure in full. */
@RestController
@RequestMapping("/api/v1/catalogue/procedures")
@Tag(name = "Procedure catalogue", description = "The national catalogue of administrative procedures (CSDL TTHC codes)")
class CatalogueApi {

    private final Catalogue catalogue;

    CatalogueApi(Catalogue catalogue) {
        this.catalogue = catalogue;
    }

    record Item(String code, String name, @Nullable String field, @Nullable String ministry, List<String> levels) {
    }

    record TimeLimit(@Nullable BigDecimal value, String unit) {
    }

    record Fee(long amount, String currency) {
    }

    record Channel(String channel, @Nullable TimeLimit timeLimit, @Nullable String timeText, boolean free, @Nullable Fee fee,
                   @Nullable String feeText) {
    }

    record Detail(String code, String name, @Nullable String field, @Nullable String ministry, @Nullable String agency,
                  List<String> levels, @Nullable String kind, @Nullable String decision, @Nullable String applicants,
                  @Nullable String portalUrl, List<Channel> channels) {
    }

    @PermitAll
    @GetMapping
    @Operation(summary = "Search the catalogue: q ignores diacritics and matches codes; filter by field and level")
    ResultPage<Item> search(@RequestParam(required = false) @Nullable String q, @RequestParam(required = false) @Nullable String field,
                            @RequestParam(required = false) @Nullable String level, @RequestParam(required = false) @Nullable Integer page,
                            @RequestParam(required = false) @Nullable Integer size) {
        CatalogueEntry.Level tier = null;
        if (level != null && !level.isBlank()) {
            try {
                tier = CatalogueEntry.Level.valueOf(level.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new InvalidParameter("level", level);
            }
        }
        return catalogue.search(q, field, tier, PageRequest.of(page, size))
                .map(e -> new Item(e.code(), e.name(), e.field(), e.ministry(), e.levels().stream().map(Enum::name).toList()));
    }

    @PermitAll
    @GetMapping("/{code}")
    @Operation(summary = "One procedure with its channels: time limit (unit UNKNOWN where the source gives a number only) and fee")
    Detail procedure(@PathVariable String code) {
        var e = catalogue.procedure(code);
        return new Detail(e.code(), e.name(), e.field(), e.ministry(), e.agency(), e.levels().stream().map(Enum::name).toList(), e.kind(),
                e.decision(), e.applicants(), e.portalUrl(), e.channels().stream().map(c -> new Channel(c.channel().name(),
                        c.timeUnit() == null ? null : new TimeLimit(c.timeValue(), c.timeUnit().name()), c.timeText(), c.free(),
                        c.feeAmount() == null ? null : new Fee(c.feeAmount(), c.feeCurrency()), c.feeText())).toList());
    }
}
