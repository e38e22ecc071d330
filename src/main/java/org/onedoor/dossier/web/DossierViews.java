package org.onedoor.dossier.web;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.onedoor.dossier.Dossier;
import org.onedoor.dossier.DossierAction;
import org.onedoor.dossier.Dossiers;
import org.onedoor.dossier.Handover;
import org.onedoor.dossier.WorkQueues;
import org.onedoor.identity.CurrentUser;
import org.onedoor.organisation.OrganisationDirectory;
import org.onedoor.organisation.UnitId;
import org.onedoor.shared.ShortLivedCache;
import org.onedoor.shared.TenantId;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/** Dossiers as the API and the pages show them: instants in the city's zone, units by code and name, texts localised. */
@Component
class DossierViews {

    /** The national exchange's name of each status code (domain note §1.4). */
    static final List<String> NATIONAL = List.of("", "receiving", "new", "denied", "processing", "waiting", "paying",
            "cancelled", "unresolved", "releasing", "done");

    private final Dossiers dossiers;
    private final OrganisationDirectory directory;
    private final MessageSource messages;

    DossierViews(Dossiers dossiers, OrganisationDirectory directory, MessageSource messages) {
        this.dossiers = dossiers;
        this.directory = directory;
        this.messages = messages;
    }

    record UnitRef(UUID id, String code, String name) {
    }

    record Owner(UnitRef unit, UUID account, String name) {
    }

    record Step(String key, String name) {
    }

    record Procedure(String code, String name, UUID version) {
    }

    record Applicant(String name, @Nullable String idNumber, @Nullable String phone, @Nullable String email,
                     @Nullable String address, boolean organisation) {
    }

    record Line(int seq, OffsetDateTime at, String action, String actionName, @Nullable String fromStep,
                @Nullable String toStep, int statusCode, String giver, @Nullable UnitRef giverUnit, @Nullable String receiver,
                @Nullable UnitRef receiverUnit, @Nullable OffsetDateTime stepDueAt, @Nullable String result,
                @Nullable String note, List<String> items, @Nullable OffsetDateTime newDueAt) {
    }

    record View(String code, int version, Procedure procedure, String channel, String state, String status, int statusCode,
                String statusName, @Nullable Step step, Owner owner, UnitRef receptionPoint, UnitRef receivingUnit,
                UnitRef competentUnit, Applicant applicant, List<Dossier.Component> components, @Nullable String timeLimit,
                String resultDelivery, OffsetDateTime submittedAt, @Nullable OffsetDateTime receivedAt,
                @Nullable OffsetDateTime dueAt, @Nullable OffsetDateTime legalDueAt, @Nullable OffsetDateTime stepDueAt,
                @Nullable OffsetDateTime pausedSince, @Nullable OffsetDateTime processedAt,
                @Nullable OffsetDateTime returnedAt, @Nullable OffsetDateTime closedAt, boolean late, int supplementRequests,
                int apologies, Dossier.Flags flags, List<Line> timeline, List<DossierAction> allowedActions,
                @Nullable FeesDue feesDue) {
    }

    /** What the applicant is asked to pay while the dossier waits for payment (status 6). */
    record FeesDue(long amount, String currency, @Nullable String note, OffsetDateTime requestedAt) {
    }

    /**
     * What an action or a reception answers: where the dossier stands now (its version is the ETag). The whole view,
     * with the timeline and the caller's allowed actions, is one GET away.
     */
    record State(String code, int version, String state, String status, int statusCode, String statusName, @Nullable Step step,
                 Owner owner, @Nullable OffsetDateTime receivedAt, @Nullable OffsetDateTime dueAt,
                 @Nullable OffsetDateTime legalDueAt, @Nullable OffsetDateTime stepDueAt, boolean late,
                 @Nullable OffsetDateTime processedAt, @Nullable OffsetDateTime closedAt) {
    }

    record QueueLine(String code, String procedureCode, String procedureName, String applicantName, int statusCode,
                     String statusName, @Nullable String step, String ownerName, UnitRef ownerUnit,
                     @Nullable OffsetDateTime receivedAt, @Nullable OffsetDateTime dueAt, @Nullable Long remainingMinutes,
                     String risk, boolean late) {
    }

    record PublicStatus(String code, String procedureName, int statusCode, String status, String statusName,
                        @Nullable OffsetDateTime receivedAt, @Nullable OffsetDateTime dueAt, String currentUnit,
                        @Nullable OffsetDateTime processedAt, @Nullable OffsetDateTime returnedAt) {
    }

    View view(CurrentUser user, Dossier d, Locale locale) {
        var tenant = new TenantId(d.tenant());
        var zone = dossiers.city(tenant).timeZone();
        var procedure = dossiers.procedure(d);
        var units = new HashMap<UUID, UnitRef>();
        var step = d.stepKey() == null ? null : procedure.workflow().step(d.stepKey())
                .map(s -> new Step(s.key(), s.name().in(locale))).orElse(null);
        var timeline = dossiers.timeline(d).stream().map(h -> line(tenant, h, zone, units, locale)).toList();
        var a = d.applicant();
        var applicant = new Applicant(a.name(), user.isStaff() ? dossiers.maskedIdNumber(d) : null, a.phone(), a.email(),
                a.address(), a.organisation());
        return new View(d.code(), d.version(), new Procedure(d.procedureCode(), procedure.name().in(locale), d.procedureVersion()),
                d.channel().name(), d.state().name(), NATIONAL.get(d.statusCode()), d.statusCode(), statusName(d.statusCode(), locale),
                step, new Owner(ref(tenant, d.ownerUnit(), units, locale), d.ownerAccount(), d.ownerName()),
                ref(tenant, d.receptionPoint(), units, locale), ref(tenant, d.receivingUnit(), units, locale),
                ref(tenant, d.competentUnit(), units, locale), applicant, d.components(),
                d.timeLimit() == null ? null : d.timeLimit().toString(), d.resultDelivery().name(), at(d.submittedAt(), zone),
                at(d.receivedAt(), zone), at(d.dueAt(), zone), at(d.legalDueAt(), zone), at(d.stepDueAt(), zone),
                at(d.pausedSince(), zone), at(d.processedAt(), zone), at(d.returnedAt(), zone), at(d.closedAt(), zone), d.late(),
                d.supplementRequests(), d.apologies(), d.flags(), timeline, dossiers.allowed(user, d),
                dossiers.openObligation(d).map(o -> new FeesDue(o.amount(), o.currency().getCurrencyCode(), o.note(),
                        o.requestedAt().atZone(zone).toOffsetDateTime())).orElse(null));
    }

    State state(Dossier d, Locale locale) {
        var tenant = new TenantId(d.tenant());
        var zone = dossiers.city(tenant).timeZone();
        var step = d.stepKey() == null ? null : dossiers.procedure(d).workflow().step(d.stepKey())
                .map(s -> new Step(s.key(), s.name().in(locale))).orElse(null);
        return new State(d.code(), d.version(), d.state().name(), NATIONAL.get(d.statusCode()), d.statusCode(),
                statusName(d.statusCode(), locale), step,
                new Owner(ref(tenant, d.ownerUnit(), new HashMap<>(), locale), d.ownerAccount(), d.ownerName()),
                at(d.receivedAt(), zone), at(d.dueAt(), zone), at(d.legalDueAt(), zone), at(d.stepDueAt(), zone), d.late(),
                at(d.processedAt(), zone), at(d.closedAt(), zone));
    }

    QueueLine line(TenantId tenant, WorkQueues.Item item, Locale locale) {
        var d = item.dossier();
        var zone = dossiers.city(tenant).timeZone();
        var procedure = dossiers.procedure(d);
        var step = d.stepKey() == null ? null : procedure.workflow().step(d.stepKey()).map(s -> s.name().in(locale)).orElse(null);
        return new QueueLine(d.code(), d.procedureCode(), procedure.name().in(locale), d.applicant().name(), d.statusCode(),
                statusName(d.statusCode(), locale), step, d.ownerName(), ref(tenant, d.ownerUnit(), new HashMap<>(), locale),
                at(d.receivedAt(), zone), at(d.dueAt(), zone), item.remaining() == null ? null : item.remaining().toMinutes(),
                item.risk().name(), d.late());
    }

    PublicStatus publicStatus(TenantId tenant, Dossier d, Locale locale) {
        var zone = dossiers.city(tenant).timeZone();
        return new PublicStatus(d.code(), dossiers.procedure(d).name().in(locale), d.statusCode(), NATIONAL.get(d.statusCode()),
                statusName(d.statusCode(), locale), at(d.receivedAt(), zone), at(d.dueAt(), zone),
                ref(tenant, d.ownerUnit(), new HashMap<>(), locale).name(), at(d.processedAt(), zone), at(d.returnedAt(), zone));
    }

    String statusName(int code, Locale locale) {
        return messages.getMessage("dossier.status." + code, null, locale);
    }

    String actionName(String action, Locale locale) {
        return messages.getMessage("dossier.action." + action, null, action, locale);
    }

    private Line line(TenantId tenant, Handover h, ZoneId zone, Map<UUID, UnitRef> units, Locale locale) {
        return new Line(h.seq(), at(h.at(), zone), h.action(), actionName(h.action(), locale), h.fromStep(), h.toStep(),
                h.statusCode(), h.giverName(), h.giverUnit() == null ? null : ref(tenant, new UnitId(h.giverUnit()), units, locale),
                h.receiverName(), h.receiverUnit() == null ? null : ref(tenant, new UnitId(h.receiverUnit()), units, locale),
                at(h.stepDueAt(), zone), h.result(), h.note(), h.items(), at(h.newDueAt(), zone));
    }

    /** Unit names for display, each kept a minute: every answer names three or four units, which change rarely. */
    private final ShortLivedCache<String, UnitRef> names = new ShortLivedCache<>(java.time.Duration.ofMinutes(1), 50_000);

    UnitRef ref(TenantId tenant, UnitId id, Map<UUID, UnitRef> known, Locale locale) {
        return known.computeIfAbsent(id.value(), k -> {
            var today = directory.today(dossiers.city(tenant));
            return names.get(tenant.value() + "|" + id.value() + "|" + today + "|" + locale.getLanguage(), key -> {
                var unit = directory.unitOn(tenant, id, today).or(() -> directory.versions(tenant, id).stream().reduce((x, y) -> y));
                return unit.map(u -> new UnitRef(k, u.code(), u.name().in(locale))).orElse(new UnitRef(k, "?", "?"));
            });
        });
    }

    static @Nullable OffsetDateTime at(@Nullable Instant instant, ZoneId zone) {
        return instant == null ? null : instant.atZone(zone).toOffsetDateTime();
    }
}
