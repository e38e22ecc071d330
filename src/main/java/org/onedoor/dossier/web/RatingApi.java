package org.onedoor.dossier.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.time.OffsetDateTime;
import org.jspecify.annotations.Nullable;
import org.onedoor.dossier.Dossiers;
import org.onedoor.dossier.Ratings;
import org.onedoor.identity.CurrentUser;
import org.onedoor.platform.ClientAddress;
import org.onedoor.shared.Problem;
import org.onedoor.shared.TenantId;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The applicant's satisfaction rating of a returned dossier. */
@RestController
@RequestMapping("/api/v1/tenants/{tenant}/dossiers/{code}/rating")
@Tag(name = "Dossiers", description = "The one-stop shop: dossiers from submission to returned result")
class RatingApi {

    private final Ratings ratings;
    private final Dossiers dossiers;

    RatingApi(Ratings ratings, Dossiers dossiers) {
        this.ratings = ratings;
        this.dossiers = dossiers;
    }

    record RatingRequest(@Nullable Integer level, @Nullable String comment) {
    }

    record RatingView(String code, int level, @Nullable String comment, OffsetDateTime ratedAt) {
    }

    /** The dossier has no rating (yet). */
    static class NoRating extends Problem {
        NoRating(String code) {
            super("dossier-rating-none", Kind.NOT_FOUND, code);
        }
    }

    @PreAuthorize(DossierApi.SIGNED_IN)
    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Rate a returned dossier, once, 1 (very dissatisfied) to 5 (very satisfied), with an optional comment (applicant only)")
    RatingView rate(@PathVariable String tenant, @PathVariable String code, @RequestBody RatingRequest body,
                    @AuthenticationPrincipal CurrentUser user, HttpServletRequest request) {
        var city = new TenantId(tenant);
        return view(city, ratings.rate(user, city, code, body.level(), body.comment(), ClientAddress.of(request)));
    }

    @PreAuthorize(DossierApi.SIGNED_IN)
    @GetMapping
    @Operation(summary = "The dossier's rating, for whoever may see the dossier")
    RatingView rating(@PathVariable String tenant, @PathVariable String code, @AuthenticationPrincipal CurrentUser user) {
        var city = new TenantId(tenant);
        return view(city, ratings.of(user, city, code).orElseThrow(() -> new NoRating(code)));
    }

    private RatingView view(TenantId tenant, Ratings.Rating r) {
        return new RatingView(r.dossierCode(), r.level(), r.comment(), r.ratedAt().atZone(dossiers.city(tenant).timeZone()).toOffsetDateTime());
    }
}
