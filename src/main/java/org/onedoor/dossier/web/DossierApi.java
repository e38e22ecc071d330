package org.onedoor.dossier.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.security.PermitAll;
import jakarta.servlet.http.HttpServletRequest;
import java.math.BigDecimal;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.onedoor.calendar.TimeLimit;
import org.onedoor.dossier.Dossier;
import org.onedoor.dossier.DossierAction;
import org.onedoor.dossier.Dossiers;
import org.onedoor.dossier.Idempotency;
import org.onedoor.dossier.OnlineApplications;
import org.onedoor.dossier.WorkQueues;
import org.onedoor.identity.CurrentUser;
import org.onedoor.platform.ClientAddress;
import org.onedoor.procedure.ProcedureDefinition;
import org.onedoor.shared.IfMatch;
import org.onedoor.shared.InvalidParameter;
import org.onedoor.shared.PageRequest;
import org.onedoor.shared.ResultPage;
import org.onedoor.shared.TenantId;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

/**
 * Dossiers over HTTP: submission online or reception at a counter, the dossier with its timeline and allowed actions,
 * work queues, actions with {@code If-Match}, and the public status look-up. Creation and actions honour an
 * {@code Idempotency-Key}.
 */
@RestController
@RequestMapping("/api/v1/tenants/{tenant}/dossiers")
@Tag(name = "Dossiers", description = "The one-stop shop: dossiers from submission to returned result")
class DossierApi {

    static final String SIGNED_IN = "@access.signedIn(principal)";

    private final Dossiers dossiers;
    private final WorkQueues queues;
    private final Idempotency idempotency;
    private final DossierViews views;
    private final JsonMapper json;
    private final OnlineApplications applications;

    DossierApi(Dossiers dossiers, WorkQueues queues, Idempotency idempotency, DossierViews views, JsonMapper json,
               OnlineApplications applications) {
        this.applications = applications;
        this.dossiers = dossiers;
        this.queues = queues;
        this.idempotency = idempotency;
        this.views = views;
        this.json = json;
    }

    record ApplicantBody(@Nullable String name, @Nullable String idNumber, @Nullable String phone, @Nullable String email,
                         @Nullable String address, @Nullable Boolean organisation) {
        Dossier.Applicant applicant() {
            return new Dossier.Applicant(name == null ? "" : name.strip(), blank(idNumber), blank(phone), blank(email),
                    blank(address), Boolean.TRUE.equals(organisation));
        }
    }

    record ComponentBody(@Nullable String name, @Nullable Integer originals, @Nullable Integer copies, @Nullable Boolean digitised) {
        Dossier.Component component() {
            return new Dossier.Component(name == null ? "" : name.strip(), originals == null ? 1 : originals,
                    copies == null ? 0 : copies, Boolean.TRUE.equals(digitised));
        }
    }

    record TimeLimitBody(@Nullable BigDecimal value, TimeLimit.@Nullable Unit unit, @Nullable LocalTime cutoff,
                         @Nullable Boolean skipDaysOff) {
        @Nullable TimeLimit limit() {
            if (value == null || unit == null) throw new InvalidParameter("timeLimit", "value and unit");
            try {
                return new TimeLimit(value, unit, cutoff, Boolean.TRUE.equals(skipDaysOff));
            } catch (IllegalArgumentException e) {
                throw new InvalidParameter("timeLimit", value + " " + unit);
            }
        }
    }

    record SubmissionBody(@Nullable String procedureCode, ProcedureDefinition.@Nullable Channel channel,
                          @Nullable ApplicantBody applicant, @Nullable List<ComponentBody> components,
                          @Nullable String receptionPoint, @Nullable String receivingUnit, @Nullable String competentUnit,
                          Dossier.@Nullable Delivery resultDelivery, @Nullable TimeLimitBody timeLimit,
                          @Nullable DossierAction outcome, @Nullable String reason, @Nullable List<String> items) {
        Dossiers.Submission submission() {
            return new Dossiers.Submission(procedureCode, channel, applicant == null ? null : applicant.applicant(),
                    components == null ? List.of() : components.stream().map(c -> c == null ? null : c.component()).toList(),
                    receptionPoint, receivingUnit, competentUnit, resultDelivery, timeLimit == null ? null : timeLimit.limit(),
                    outcome, reason, items);
        }
    }

    record ActionBody(@Nullable DossierAction action, @Nullable String to, @Nullable String step, @Nullable String reason,
                      @Nullable List<String> items, @Nullable List<ComponentBody> components, @Nullable OffsetDateTime newDueAt,
                      @Nullable TimeLimitBody timeLimit, @Nullable Long amount) {
        Dossiers.Command command() {
            if (action == null) throw new InvalidParameter("action", "null");
            return new Dossiers.Command(action, blank(to), blank(step), reason, items,
                    components == null ? List.of() : components.stream().map(ComponentBody::component).toList(),
                    newDueAt == null ? null : newDueAt.toInstant(), timeLimit == null ? null : timeLimit.limit(), amount);
        }
    }

    @PreAuthorize(SIGNED_IN)
    @PostMapping
    @Operation(summary = "Submit a dossier online (citizen) or receive one at a counter (clerk); answers its state (code, status, statusCode, dueAt, owner) and ETag; Idempotency-Key honoured")
    ResponseEntity<String> submit(@PathVariable String tenant, @RequestBody SubmissionBody body,
                                  @RequestHeader(name = "Idempotency-Key", required = false) @Nullable String key,
                                  @AuthenticationPrincipal CurrentUser user, HttpServletRequest request, Locale locale) {
        var city = new TenantId(tenant);
        java.util.function.Supplier<Idempotency.Answer> work = () -> {
            var dossier = dossiers.submit(user, city, body.submission(), ClientAddress.of(request));
            return new Idempotency.Answer(201, etag(dossier), "/api/v1/tenants/" + tenant + "/dossiers/" + dossier.code(),
                    json.writeValueAsString(views.state(dossier, locale)));
        };
        return answer(key == null ? work.get()
                : idempotency.once(city, user.accountId(), key, Idempotency.requestHash("POST", request.getRequestURI(), null, json.writeValueAsString(body)), work));
    }

    @PreAuthorize(SIGNED_IN)
    @GetMapping("/{code}")
    @Operation(summary = "The dossier with its owner, timeline (form 05) and the actions the caller may take; ETag = version")
    ResponseEntity<DossierViews.View> dossier(@PathVariable String tenant, @PathVariable String code,
                                              @AuthenticationPrincipal CurrentUser user, Locale locale) {
        var dossier = dossiers.read(user, new TenantId(tenant), code);
        return ResponseEntity.ok().eTag(etag(dossier)).body(views.view(user, dossier, locale));
    }

    @PreAuthorize(SIGNED_IN)
    @GetMapping
    @Operation(summary = "A work queue: queue=mine (default) or unit (optionally one unit=code); status, overdue filters; citizens get their own dossiers")
    ResultPage<DossierViews.QueueLine> queue(@PathVariable String tenant, @RequestParam(required = false) @Nullable String queue,
                                             @RequestParam(required = false) @Nullable String unit,
                                             @RequestParam(required = false) @Nullable List<Integer> status,
                                             @RequestParam(required = false) @Nullable Boolean overdue,
                                             @RequestParam(required = false) @Nullable Integer page,
                                             @RequestParam(required = false) @Nullable Integer size,
                                             @AuthenticationPrincipal CurrentUser user, Locale locale) {
        var scope = queue == null || queue.equals("mine") ? WorkQueues.Scope.MINE
                : queue.equals("unit") ? WorkQueues.Scope.UNIT : null;
        if (scope == null) throw new InvalidParameter("queue", queue);
        if (status != null && status.stream().anyMatch(s -> s == null || s < 1 || s > 10)) throw new InvalidParameter("status", status);
        var city = new TenantId(tenant);
        return queues.queue(user, city, new WorkQueues.Query(scope, unit, status, overdue), PageRequest.of(page, size))
                .map(item -> views.line(city, item, locale));
    }

    @PreAuthorize(SIGNED_IN)
    @PostMapping("/{code}/actions")
    @Operation(summary = "Take an action (ACCEPT, FORWARD, REQUEST_SUPPLEMENT, APPROVE, RETURN_RESULT …) with If-Match; answers the new state and ETag; Idempotency-Key honoured")
    ResponseEntity<String> act(@PathVariable String tenant, @PathVariable String code, @RequestBody ActionBody body,
                               @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch,
                               @RequestHeader(name = "Idempotency-Key", required = false) @Nullable String key,
                               @AuthenticationPrincipal CurrentUser user, HttpServletRequest request, Locale locale) {
        var city = new TenantId(tenant);
        java.util.function.Supplier<Idempotency.Answer> work = () -> {
            var dossier = dossiers.act(user, city, code, IfMatch.version(ifMatch), body.command(), ClientAddress.of(request));
            return new Idempotency.Answer(200, etag(dossier), null, json.writeValueAsString(views.state(dossier, locale)));
        };
        return answer(key == null ? work.get()
                : idempotency.once(city, user.accountId(), key, Idempotency.requestHash("POST", request.getRequestURI(), ifMatch, json.writeValueAsString(body)), work));
    }

    @PreAuthorize(SIGNED_IN)
    @PostMapping("/{code}/supplement")
    @Operation(summary = "The applicant answers a request for papers in one multipart call: file.<n> is the scan of the n-th paper asked "
            + "for, onPaper=<n> says it will be handed in on paper, note is optional; with If-Match. Every file is checked first "
            + "(422 supplement-refused names each bad file and each paper without either; nothing is sent), then the dossier "
            + "resumes (SUPPLEMENT) and the scans are attached; answers the new state and ETag; Idempotency-Key honoured")
    ResponseEntity<String> supplement(@PathVariable String tenant, @PathVariable String code,
                                      @RequestParam(required = false) @Nullable String note,
                                      @RequestParam(required = false) @Nullable List<String> onPaper,
                                      @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch,
                                      @RequestHeader(name = "Idempotency-Key", required = false) @Nullable String key,
                                      @AuthenticationPrincipal CurrentUser user, HttpServletRequest request, Locale locale) {
        var city = new TenantId(tenant);
        var version = IfMatch.version(ifMatch);
        var files = SupplementForms.files(request);
        var paper = SupplementForms.indices(onPaper);
        java.util.function.Supplier<Idempotency.Answer> work = () -> {
            var dossier = applications.supplement(user, city, code, version, files, paper, note, ClientAddress.of(request));
            return new Idempotency.Answer(200, etag(dossier), null, json.writeValueAsString(views.state(dossier, locale)));
        };
        return answer(key == null ? work.get() : idempotency.once(city, user.accountId(), key, Idempotency.requestHash("POST",
                request.getRequestURI(), ifMatch, SupplementForms.fingerprint(files, paper, note)), work));
    }

    @PermitAll
    @GetMapping("/{code}/status")
    @Operation(summary = "Public look-up: status, appointment and current unit, given the last 4 digits of the applicant's phone; rate-limited")
    DossierViews.PublicStatus status(@PathVariable String tenant, @PathVariable String code,
                                     @RequestParam(required = false) @Nullable String check, Locale locale) {
        var city = new TenantId(tenant);
        return queues.lookUp(city, code, check).map(d -> views.publicStatus(city, d, locale))
                .orElseThrow(() -> new Dossiers.UnknownDossier(code));
    }

    private static ResponseEntity<String> answer(Idempotency.Answer answer) {
        var response = ResponseEntity.status(answer.status()).contentType(MediaType.APPLICATION_JSON);
        if (answer.etag() != null) response.header(HttpHeaders.ETAG, answer.etag());
        if (answer.location() != null) response.header(HttpHeaders.LOCATION, answer.location());
        return response.body(answer.body());
    }

    static String etag(Dossier dossier) {
        return IfMatch.etag(dossier.version());
    }

    private static @Nullable String blank(@Nullable String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
