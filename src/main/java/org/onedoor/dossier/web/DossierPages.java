package org.onedoor.dossier.web;

import jakarta.servlet.http.HttpServletRequest;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.onedoor.calendar.TimeLimit;
import org.onedoor.dossier.Dossier;
import org.onedoor.dossier.DossierAction;
import org.onedoor.dossier.Dossiers;
import org.onedoor.dossier.Drafts;
import org.onedoor.dossier.Petitions;
import org.onedoor.dossier.WorkQueues;
import org.onedoor.identity.AccessPolicy;
import org.onedoor.identity.CurrentUser;
import org.onedoor.platform.ClientAddress;
import org.onedoor.identity.Permission;
import org.onedoor.organisation.OrganisationDirectory;
import org.onedoor.organisation.Tenant;
import org.onedoor.organisation.UnknownTenant;
import org.onedoor.platform.Problems;
import org.onedoor.procedure.ProcedureDefinition;
import org.onedoor.procedure.Procedures;
import org.onedoor.shared.InvalidParameter;
import org.onedoor.shared.PageRequest;
import org.onedoor.shared.Problem;
import org.onedoor.shared.TenantId;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.ui.ModelMap;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

/**
 * The staff's dossier pages: the work queues (one's own and one's units', least working time left first, at-risk and
 * late dossiers marked in words), the dossier with its form-05 timeline and one form for each action the reader may
 * take now, the counter reception with its completeness check, and the printable receipt (form 01, or 02/03 when the
 * check asked for papers or refused). Who may see or do what on a dossier is decided by {@link Dossiers} and
 * {@link WorkQueues}; a refused action or reception shows the page again with the localised problem and every rule
 * broken.
 */
@Controller
class DossierPages {

    /** The counter reception: holders of dossier:receive somewhere in the city. */
    static final String RECEIVE = "@access.anywhere(principal, 'dossier:receive', #tenant)";
    private static final int PAGE_SIZE = 25;
    private static final Locale VIETNAMESE = Locale.of("vi");
    /** Actions that hand the dossier to someone, who may be named. */
    private static final Set<DossierAction> HAND_OVERS = EnumSet.of(DossierAction.FORWARD, DossierAction.SEND_BACK,
            DossierAction.PROPOSE, DossierAction.APPROVE, DossierAction.TRANSFER, DossierAction.ASSIGN);
    private static final Set<DossierAction> REASON_REQUIRED = EnumSet.of(DossierAction.REFUSE, DossierAction.STOP,
            DossierAction.APOLOGISE);
    /** The hand-over lines a receipt is about: the reception, or the check that asked for papers or refused. */
    private static final Set<String> SLIPS = Set.of("RECEIVE", "ACCEPT", "REQUEST_SUPPLEMENT", "REFUSE");
    /** The actions the applicant takes through forms of their own on the dossier page. */
    private static final Set<String> PORTAL = Set.of(DossierAction.SUPPLEMENT.name(), DossierAction.WITHDRAW.name());
    private static final Set<DossierAction> NOTE = EnumSet.of(DossierAction.REQUEST_SUPPLEMENT, DossierAction.SEND_BACK,
            DossierAction.REQUEST_FINANCIAL_OBLIGATION, DossierAction.WITHDRAW);

    private final Dossiers dossiers;
    private final WorkQueues queues;
    private final DossierViews views;
    private final Procedures procedures;
    private final OrganisationDirectory directory;
    private final Problems problems;
    private final AccessPolicy access;
    private final org.onedoor.dossier.Ratings ratings;
    private final org.onedoor.dossier.Attachments attachments;
    private final org.onedoor.dossier.OnlineApplications applications;
    private final Drafts drafts;
    private final Petitions petitions;
    private final PetitionViews petitionViews;

    DossierPages(Dossiers dossiers, WorkQueues queues, DossierViews views, Procedures procedures, OrganisationDirectory directory,
                 Problems problems, AccessPolicy access, org.onedoor.dossier.Ratings ratings, org.onedoor.dossier.Attachments attachments,
                 org.onedoor.dossier.OnlineApplications applications, Drafts drafts, Petitions petitions, PetitionViews petitionViews) {
        this.applications = applications;
        this.drafts = drafts;
        this.petitions = petitions;
        this.petitionViews = petitionViews;
        this.ratings = ratings;
        this.attachments = attachments;
        this.dossiers = dossiers;
        this.queues = queues;
        this.views = views;
        this.procedures = procedures;
        this.directory = directory;
        this.problems = problems;
        this.access = access;
    }

    /**
     * A queue line with its remaining working time split for display (negative once the appointment has passed), and
     * whether it is marked as late or at risk.
     */
    record QueueRow(DossierViews.QueueLine line, @Nullable Long hours, @Nullable Long minutes, boolean overdue, boolean marked) {
        static QueueRow of(DossierViews.QueueLine line) {
            var marked = line.late() || line.risk().equals("LATE") || line.risk().equals("AT_RISK");
            var left = line.remainingMinutes();
            if (left == null) return new QueueRow(line, null, null, false, marked);
            var abs = Math.abs(left);
            return new QueueRow(line, abs / 60, abs % 60, left < 0, marked);
        }
    }

    /** The fields an action's form needs; {@code targets} are the steps to choose from when there is more than one. */
    record ActionFields(DossierAction action, boolean to, boolean reason, boolean reasonRequired, boolean items,
                        boolean components, boolean newDueAt, boolean timeLimit, boolean amount, @Nullable Long statedFee,
                        Map<String, String> targets) {
    }

    /** Why the last request was refused, in the reader's language. */
    record Refusal(String code, String title, String detail, List<Problems.LocalisedViolation> violations) {
    }

    /** One paper of the chosen procedure on the reception form, with what the clerk entered for it. */
    record ComponentRow(int index, String name, boolean mandatory, @Nullable String template, boolean included, String originals,
                        String copies, boolean digitised) {
    }

    // ---- work queues -----------------------------------------------------------------------------------------------

    @PreAuthorize(DossierApi.SIGNED_IN)
    @GetMapping("/tenants/{tenant}/dossiers")
    String queue(@PathVariable String tenant, @RequestParam(required = false) @Nullable String queue,
                 @RequestParam(required = false) @Nullable Integer status, @RequestParam(required = false) @Nullable Boolean overdue,
                 @RequestParam(required = false) @Nullable Integer page, @AuthenticationPrincipal CurrentUser user, Locale locale,
                 Model model) {
        var city = city(tenant);
        var scope = scope(queue);
        if (status != null && (status < 1 || status > 10)) throw new InvalidParameter("status", status);
        var query = new WorkQueues.Query(scope, null, status == null ? List.of() : List.of(status), overdue);
        var results = queues.queue(user, city.id(), query, PageRequest.of(page, PAGE_SIZE))
                .map(item -> QueueRow.of(views.line(city.id(), item, locale)));
        model.addAttribute("tenant", city);
        model.addAttribute("queue", scope.name().toLowerCase(Locale.ROOT));
        model.addAttribute("status", status == null ? "" : status.toString());
        model.addAttribute("overdue", Boolean.TRUE.equals(overdue));
        model.addAttribute("results", results);
        model.addAttribute("staff", user.isStaff());
        model.addAttribute("canReceive", user.isStaff() && access.canAnywhere(user, Permission.DOSSIER_RECEIVE, city.id()));
        // a citizen's saved applications come first: they are what is left to do
        var citizen = !user.isStaff() && access.citizenMay(user, Permission.DOSSIER_SUBMIT, city.id());
        model.addAttribute("drafts", citizen ? drafts.list(user, city.id(), new PageRequest(0, drafts.limit())).items().stream()
                .map(d -> DraftRow.of(d, procedureName(city, d.form().procedureCode(), locale), city.timeZone())).toList() : List.of());
        model.addAttribute("draftRetentionDays", drafts.retention().toDays());
        model.addAttribute("canAnswerPetitions", user.isStaff() && access.canAnywhere(user, Permission.DOSSIER_PROCESS, city.id()));
        return "dossier/queue";
    }

    private static WorkQueues.Scope scope(@Nullable String queue) {
        if (queue == null || queue.isBlank() || queue.equals("mine")) return WorkQueues.Scope.MINE;
        if (queue.equals("unit")) return WorkQueues.Scope.UNIT;
        throw new InvalidParameter("queue", queue);
    }

    // ---- one dossier -----------------------------------------------------------------------------------------------

    @PreAuthorize(DossierApi.SIGNED_IN)
    @GetMapping("/tenants/{tenant}/dossiers/{code}")
    String dossier(@PathVariable String tenant, @PathVariable String code, @RequestParam(required = false) @Nullable String done,
                   @AuthenticationPrincipal CurrentUser user, Locale locale, Model model) {
        var city = city(tenant);
        show(user, city, dossiers.read(user, city.id(), code), locale, model.asMap());
        // what the applicant has just done, said in words after the redirect
        if (done != null && PORTAL.contains(done)) model.addAttribute("done", done);
        return "dossier/dossier";
    }

    // ---- the applicant's own forms: the papers asked for, and the withdrawal ---------------------------------------

    /** The answer to a request for papers, sent from the dossier page with the scans (multipart). */
    @PreAuthorize(DossierApi.SIGNED_IN)
    @PostMapping("/tenants/{tenant}/dossiers/{code}/supplement")
    ModelAndView supplement(@PathVariable String tenant, @PathVariable String code, @RequestParam MultiValueMap<String, String> form,
                            @AuthenticationPrincipal CurrentUser user, HttpServletRequest request, Locale locale) {
        var city = city(tenant);
        try {
            applications.supplement(user, city.id(), code, Forms.integer(form, "version"), SupplementForms.files(request),
                    SupplementForms.indices(form.get("onPaper")), Forms.text(form, "note"), ClientAddress.of(request));
            return new ModelAndView("redirect:/tenants/" + tenant + "/dossiers/" + code + "?done=SUPPLEMENT");
        } catch (Problem problem) {
            return refusedOnDossier(user, city, code, problem, form, locale);
        }
    }

    /** The applicant's withdrawal, with an optional reason, once they have confirmed they understand it is final. */
    @PreAuthorize(DossierApi.SIGNED_IN)
    @PostMapping("/tenants/{tenant}/dossiers/{code}/withdrawal")
    ModelAndView withdraw(@PathVariable String tenant, @PathVariable String code, @RequestParam MultiValueMap<String, String> form,
                          @AuthenticationPrincipal CurrentUser user, HttpServletRequest request, Locale locale) {
        var city = city(tenant);
        try {
            var dossier = dossiers.read(user, city.id(), code);
            if (user.isStaff() || !user.accountId().equals(dossier.applicantAccount())) {
                throw new org.onedoor.identity.AccessDenied(Permission.DOSSIER_OWN);
            }
            var version = Forms.integer(form, "version");
            if (!"on".equals(form.getFirst("confirm"))) {
                throw new Dossiers.Refused(List.of(org.onedoor.shared.Violation.of("dossier-withdraw-confirm", "/confirm")));
            }
            dossiers.act(user, city.id(), code, version, new Dossiers.Command(DossierAction.WITHDRAW, null, null,
                    Forms.text(form, "reason"), List.of(), List.of(), null, null), ClientAddress.of(request));
            return new ModelAndView("redirect:/tenants/" + tenant + "/dossiers/" + code + "?done=WITHDRAW");
        } catch (Problem problem) {
            return refusedOnDossier(user, city, code, problem, form, locale);
        }
    }

    /** The dossier page again, as the dossier now is, with the refusal and what the applicant typed. */
    private ModelAndView refusedOnDossier(CurrentUser user, Tenant city, String code, Problem problem,
                                          MultiValueMap<String, String> form, Locale locale) {
        if (problem.kind() == Problem.Kind.NOT_FOUND || problem.kind() == Problem.Kind.FORBIDDEN) throw problem;
        var page = new ModelAndView("dossier/dossier", Problems.status(problem.kind()));
        show(user, city, dossiers.read(user, city.id(), code), locale, page.getModelMap());
        page.addObject("refusal", refusal(problem, locale));
        var attempt = new LinkedHashMap<String, Object>(form.toSingleValueMap());
        attempt.put("onPaper", form.getOrDefault("onPaper", List.of()));
        page.addObject("portalAttempt", attempt);
        return page;
    }

    @PreAuthorize(DossierApi.SIGNED_IN)
    @PostMapping("/tenants/{tenant}/dossiers/{code}/actions")
    ModelAndView act(@PathVariable String tenant, @PathVariable String code, @RequestParam MultiValueMap<String, String> form,
                     @AuthenticationPrincipal CurrentUser user, HttpServletRequest request, Locale locale) {
        var city = city(tenant);
        try {
            var version = Forms.integer(form, "version");
            dossiers.act(user, city.id(), code, version, Forms.command(form, city.timeZone()), ClientAddress.of(request));
            return new ModelAndView("redirect:/tenants/" + tenant + "/dossiers/" + code);
        } catch (Problem problem) {
            var page = new ModelAndView("dossier/dossier", Problems.status(problem.kind()));
            show(user, city, dossiers.read(user, city.id(), code), locale, page.getModelMap());
            page.addObject("refusal", refusal(problem, locale));
            page.addObject("attempt", form.toSingleValueMap());
            return page;
        }
    }

    private void show(CurrentUser user, Tenant city, Dossier dossier, Locale locale, Map<String, Object> model) {
        var view = views.view(user, dossier, locale);
        var procedure = dossiers.procedure(dossier);
        var steps = new LinkedHashMap<String, String>();
        procedure.workflow().steps().forEach(s -> steps.put(s.key(), s.name().in(locale)));
        model.put("tenant", city);
        model.put("d", view);
        model.put("steps", steps);
        // the applicant answers a request for papers and withdraws through their own forms, not the generic ones
        var applicant = !user.isStaff() && user.accountId().equals(dossier.applicantAccount());
        model.put("forms", view.allowedActions().stream().filter(a -> !applicant || !PORTAL.contains(a.name()))
                .map(a -> fields(a, dossier, procedure, city, steps)).toList());
        model.put("portalSupplement", applicant && view.allowedActions().contains(DossierAction.SUPPLEMENT));
        model.put("portalWithdraw", applicant && view.allowedActions().contains(DossierAction.WITHDRAW));
        model.put("maxMegabytes", attachments.maxBytes() / (1024 * 1024));
        model.putIfAbsent("portalAttempt", Map.of("onPaper", List.of()));
        // what the applicant is asked to pay: paid online by the applicant (payment module), or at the counter (PAY)
        var obligation = dossiers.openObligation(dossier).orElse(null);
        model.put("obligation", obligation);
        model.put("mayPayOnline", obligation != null && applicant && dossier.state() == Dossier.State.WAITING_PAYMENT);
        var asked = asked(dossier, view.timeline());
        model.put("asked", asked);
        model.put("askedText", String.join("\n", asked));
        model.put("askedNote", asked.isEmpty() ? null : view.timeline().reversed().stream()
                .filter(l -> l.action().equals("REQUEST_SUPPLEMENT")).findFirst().map(DossierViews.Line::note).orElse(null));
        model.put("staff", user.isStaff());
        model.putIfAbsent("attempt", Map.of());
        // the end of the dossier: the electronic result (uploaded by the owner, seen by the applicant once ready), the rating
        model.put("results", attachments.list(user, city.id(), dossier.code()).stream()
                .filter(a -> a.kind() == org.onedoor.dossier.Attachments.FileKind.RESULT).toList());
        model.put("mayUploadResult", user.isStaff() && user.accountId().equals(dossier.ownerAccount()) && dossier.received() && !dossier.closed());
        var rating = ratings.of(user, city.id(), dossier.code());
        model.put("rating", rating.orElse(null));
        model.put("mayRate", rating.isEmpty() && !user.isStaff() && user.accountId().equals(dossier.applicantAccount())
                && dossier.state() == Dossier.State.RETURNED);
        // petitions: the applicant's, with their answers, and the form to send one; staff see them and, where they
        // answer for the unit, a link to the answer form
        var sent = petitions.ofDossier(user, city.id(), dossier.code());
        model.put("petitions", sent.stream().map(p -> petitionViews.view(city.id(), p, locale)).toList());
        model.put("answerable", sent.stream().filter(p -> petitions.mayAnswer(user, city.id(), p)).map(p -> p.id()).toList());
        model.put("mayPetition", petitions.maySend(user, dossier, sent));
        model.put("petitionLimitReached", !user.isStaff() && user.accountId().equals(dossier.applicantAccount())
                && !petitions.maySend(user, dossier, sent));
        model.put("petitionLimit", petitions.openPerDossier());
        model.put("petitionDays", petitions.answerWorkingDays());
        model.putIfAbsent("petitionAttempt", Map.of());
    }

    // ---- petitions (the applicant's form on the dossier page) -----------------------------------------------------

    @PreAuthorize(DossierApi.SIGNED_IN)
    @PostMapping("/tenants/{tenant}/dossiers/{code}/petitions")
    ModelAndView petition(@PathVariable String tenant, @PathVariable String code, @RequestParam MultiValueMap<String, String> form,
                          @AuthenticationPrincipal CurrentUser user, HttpServletRequest request, Locale locale) {
        var city = city(tenant);
        try {
            var sent = petitions.send(user, city.id(), code, new Petitions.Request(form.getFirst("kind"), form.getFirst("subject"),
                    form.getFirst("text")), ClientAddress.of(request));
            return new ModelAndView("redirect:/tenants/" + tenant + "/dossiers/"
                    + org.springframework.web.util.UriUtils.encodePathSegment(code, java.nio.charset.StandardCharsets.UTF_8)
                    + "#petition-" + sent.id());
        } catch (Problem problem) {
            // who may not, or no such dossier: the error page; a refused petition: the dossier again, with what was typed
            if (problem.kind() != Problem.Kind.UNPROCESSABLE && problem.kind() != Problem.Kind.CONFLICT) throw problem;
            var page = new ModelAndView("dossier/dossier", Problems.status(problem.kind()));
            show(user, city, dossiers.read(user, city.id(), code), locale, page.getModelMap());
            page.addObject("petitionRefusal", refusal(problem, locale));
            page.addObject("petitionAttempt", form.toSingleValueMap());
            return page;
        }
    }

    /** The papers the pending supplement request asks for (none when the dossier is not waiting for one). */
    private static List<String> asked(Dossier dossier, List<DossierViews.Line> timeline) {
        if (dossier.state() != Dossier.State.WAITING_SUPPLEMENT) return List.of();
        return timeline.reversed().stream().filter(l -> l.action().equals("REQUEST_SUPPLEMENT")).findFirst()
                .map(DossierViews.Line::items).orElse(List.of());
    }

    private static ActionFields fields(DossierAction action, Dossier dossier, ProcedureDefinition procedure, Tenant city,
                                       Map<String, String> steps) {
        var targets = new LinkedHashMap<String, String>();
        var step = dossier.stepKey() == null ? null : procedure.workflow().step(dossier.stepKey()).orElse(null);
        if (step != null && action.workflowAction() != null) {
            step.actions().stream().filter(t -> t.action() == action.workflowAction() && t.to() != null)
                    .forEach(t -> targets.put(t.to(), steps.getOrDefault(t.to(), t.to())));
        }
        return new ActionFields(action, HAND_OVERS.contains(action), REASON_REQUIRED.contains(action) || NOTE.contains(action),
                REASON_REQUIRED.contains(action), action == DossierAction.REQUEST_SUPPLEMENT, action == DossierAction.SUPPLEMENT,
                action == DossierAction.APOLOGISE, action == DossierAction.ACCEPT && procedure.timeLimit().limit() == null,
                action == DossierAction.REQUEST_FINANCIAL_OBLIGATION,
                action == DossierAction.REQUEST_FINANCIAL_OBLIGATION ? Dossiers.statedFee(procedure, dossier.channel(), city) : null,
                targets.size() > 1 ? targets : Map.of());
    }

    // ---- counter reception -----------------------------------------------------------------------------------------

    @PreAuthorize(RECEIVE)
    @GetMapping("/tenants/{tenant}/reception")
    String reception(@PathVariable String tenant, @RequestParam(required = false) @Nullable String procedure,
                     @AuthenticationPrincipal CurrentUser user, Locale locale, Model model) {
        var city = city(tenant);
        var form = new LinkedMultiValueMap<String, String>();
        form.add("procedure", procedure == null ? "" : procedure.strip());
        form.add("competentUnit", ownUnitCode(user, city));
        form.add("outcome", DossierAction.ACCEPT.name());
        form.add("delivery", Dossier.Delivery.COUNTER.name());
        receptionModel(city, form, locale, model.asMap());
        return "dossier/reception";
    }

    @PreAuthorize(RECEIVE)
    @PostMapping("/tenants/{tenant}/reception")
    ModelAndView receive(@PathVariable String tenant, @RequestParam MultiValueMap<String, String> form,
                         @AuthenticationPrincipal CurrentUser user, HttpServletRequest request, Locale locale) {
        var city = city(tenant);
        var procedure = inForce(city, form.getFirst("procedure"));
        try {
            var dossier = dossiers.submit(user, city.id(), Forms.submission(form, procedure), ClientAddress.of(request));
            return new ModelAndView("redirect:/tenants/" + tenant + "/dossiers/" + dossier.code() + "/receipt");
        } catch (Problem problem) {
            var page = new ModelAndView("dossier/reception", Problems.status(problem.kind()));
            receptionModel(city, form, locale, page.getModelMap());
            page.addObject("refusal", refusal(problem, locale));
            return page;
        }
    }

    private void receptionModel(Tenant city, MultiValueMap<String, String> form, Locale locale, Map<String, Object> model) {
        var code = Forms.text(form, "procedure");
        var procedure = inForce(city, code);
        model.put("tenant", city);
        model.put("procedureCode", code == null ? "" : code);
        model.put("procedure", procedure);
        model.put("unknownProcedure", code != null && procedure == null);
        model.put("rows", procedure == null ? List.of() : rows(procedure, form, locale));
        model.put("timeLimitUnknown", procedure != null && procedure.timeLimit().limit() == null);
        model.put("fields", form.toSingleValueMap());
        model.put("outcomes", List.of(DossierAction.ACCEPT, DossierAction.REQUEST_SUPPLEMENT, DossierAction.REFUSE));
        model.put("deliveries", Dossier.Delivery.values());
    }

    // ---- online application (citizens) ---------------------------------------------------------------------------

    @PreAuthorize(DossierApi.SIGNED_IN)
    @GetMapping("/tenants/{tenant}/apply")
    String apply(@PathVariable String tenant, @RequestParam(required = false) @Nullable String procedure,
                 @RequestParam(required = false) java.util.@Nullable UUID draft, @RequestParam(required = false) @Nullable String saved,
                 @AuthenticationPrincipal CurrentUser user, Locale locale, Model model) {
        if (user.isStaff()) throw new org.onedoor.identity.AccessDenied(org.onedoor.identity.Permission.DOSSIER_SUBMIT);
        var city = city(tenant);
        if (draft != null) {
            var resumed = drafts.read(user, city.id(), draft);
            applyPage(city, draftForm(city, resumed), resumed, locale, model.asMap());
            model.addAttribute("justSaved", saved != null);
            return "dossier/apply";
        }
        var form = new LinkedMultiValueMap<String, String>();
        form.add("procedure", procedure == null ? "" : procedure.strip());
        form.add("applicant.name", user.displayName());
        form.add("delivery", Dossier.Delivery.ONLINE.name());
        applyModel(city, form, locale, model.asMap());
        return "dossier/apply";
    }

    @PreAuthorize(DossierApi.SIGNED_IN)
    @PostMapping("/tenants/{tenant}/apply")
    ModelAndView submitOnline(@PathVariable String tenant, @RequestParam MultiValueMap<String, String> form,
                              @AuthenticationPrincipal CurrentUser user, HttpServletRequest request, Locale locale) {
        var city = city(tenant);
        form = new LinkedMultiValueMap<>(form);
        var procedure = inForce(city, form.getFirst("procedure"));
        var uploads = new ArrayList<org.onedoor.dossier.OnlineApplications.Upload>();
        var included = new ArrayList<String>(form.getOrDefault("component", List.of()));
        if (procedure != null && request instanceof org.springframework.web.multipart.MultipartHttpServletRequest multipart) {
            for (int i = 0; i < procedure.components().size(); i++) {
                var file = multipart.getFile("file." + i);
                if (file == null || file.isEmpty()) continue;
                try {
                    uploads.add(new org.onedoor.dossier.OnlineApplications.Upload(procedure.components().get(i).name().in(VIETNAMESE),
                            file.getOriginalFilename(), file.getBytes()));
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
                // a paper with a scan is handed in, and digitised
                if (!included.contains(String.valueOf(i))) included.add(String.valueOf(i));
                form.set("digitised." + i, "on");
            }
        }
        form.put("component", included);
        form.remove("outcome");
        try {
            var s = Forms.submission(form, procedure);
            var submission = new Dossiers.Submission(s.procedureCode(), null, s.applicant(), s.components(), null,
                    Forms.text(form, "receivingUnit"), null, s.resultDelivery(), null, null, null, List.of());
            var dossier = applications.apply(user, city.id(), submission, uploads, ClientAddress.of(request));
            return new ModelAndView("redirect:/tenants/" + tenant + "/dossiers/" + dossier.code());
        } catch (Problem problem) {
            var page = new ModelAndView("dossier/apply", Problems.status(problem.kind()));
            applyModel(city, form, locale, page.getModelMap());
            page.addObject("refusal", refusal(problem, locale));
            return page;
        }
    }

    private void applyModel(Tenant city, MultiValueMap<String, String> form, Locale locale, Map<String, Object> model) {
        receptionModel(city, form, locale, model);
        var today = directory.today(city);
        model.put("wards", directory.tree(city.id(), today).stream()
                .filter(u -> u.level() == org.onedoor.organisation.UnitLevel.COMMUNE)
                .map(u -> Map.entry(u.code(), u.name().in(locale))).toList());
        model.put("deliveries", List.of(Dossier.Delivery.ONLINE, Dossier.Delivery.POST, Dossier.Delivery.COUNTER));
        model.put("maxMegabytes", attachments.maxBytes() / (1024 * 1024));
        model.put("draftRetentionDays", drafts.retention().toDays());
        model.putIfAbsent("draft", null);
        model.putIfAbsent("saved", Map.of());
        model.putIfAbsent("savedOther", List.of());
        model.putIfAbsent("justSaved", false);
    }

    /**
     * The online application page for a saved draft: its form as typed, and its saved scans beside the papers they
     * belong to (those saved for a paper the procedure does not list, apart).
     */
    void applyPage(Tenant city, MultiValueMap<String, String> form, Drafts.@Nullable Draft draft, Locale locale,
                   Map<String, Object> model) {
        applyModel(city, form, locale, model);
        if (draft == null) return;
        var procedure = inForce(city, draft.form().procedureCode());
        var saved = new LinkedHashMap<Integer, List<Drafts.DraftFile>>();
        var other = new ArrayList<Drafts.DraftFile>();
        for (var file : draft.files()) {
            var index = procedure == null ? -1 : paperIndex(procedure, file.component());
            if (index < 0) other.add(file);
            else saved.computeIfAbsent(index, k -> new ArrayList<>()).add(file);
        }
        var zone = city.timeZone();
        model.put("draft", draft);
        model.put("draftSavedAt", draft.updatedAt().atZone(zone).toLocalDateTime());
        model.put("draftExpiresAt", draft.expiresAt().atZone(zone).toLocalDate());
        model.put("saved", saved);
        model.put("savedOther", other);
        if (procedure == null) {
            model.put("unknownProcedure", true);
            model.put("procedureCode", String.valueOf(draft.form().procedureCode()));
        }
    }

    /** The application form a draft was saved from: its fields, and the papers ticked as handed in on paper. */
    MultiValueMap<String, String> draftForm(Tenant city, Drafts.Draft draft) {
        var f = draft.form();
        var form = new LinkedMultiValueMap<String, String>();
        form.add("procedure", String.valueOf(f.procedureCode()));
        if (f.applicant() != null) {
            form.add("applicant.name", f.applicant().name());
            form.add("applicant.phone", f.applicant().phone());
            form.add("applicant.email", f.applicant().email());
            form.add("applicant.address", f.applicant().address());
        }
        form.add("receivingUnit", f.receivingUnit());
        form.add("delivery", f.resultDelivery() == null ? Dossier.Delivery.ONLINE.name() : f.resultDelivery().name());
        var procedure = inForce(city, f.procedureCode());
        if (procedure != null) {
            for (var c : f.components()) {
                var index = paperIndex(procedure, c.name());
                if (index < 0) continue;
                form.add("component", String.valueOf(index));
                form.add("originals." + index, String.valueOf(c.originals()));
                form.add("copies." + index, String.valueOf(c.copies()));
            }
        }
        return form;
    }

    /** The position of a paper among the procedure's, by its name, or -1. */
    private static int paperIndex(ProcedureDefinition procedure, String name) {
        var key = org.onedoor.shared.SearchText.fold(name);
        for (int i = 0; i < procedure.components().size(); i++) {
            if (org.onedoor.shared.SearchText.fold(procedure.components().get(i).name().in(VIETNAMESE)).equals(key)) return i;
        }
        return -1;
    }

    /** A saved draft as the citizen's list shows it. */
    record DraftRow(java.util.UUID id, int version, String procedureCode, @Nullable String procedureName,
                    LocalDateTime savedAt, int files) {
        static DraftRow of(Drafts.Draft d, @Nullable String procedureName, ZoneId zone) {
            return new DraftRow(d.id(), d.version(), String.valueOf(d.form().procedureCode()), procedureName,
                    d.updatedAt().atZone(zone).toLocalDateTime(), d.files().size());
        }
    }

    private @Nullable String procedureName(Tenant city, @Nullable String code, Locale locale) {
        var procedure = inForce(city, code);
        return procedure == null ? null : procedure.name().in(locale);
    }

    /** The uploads of an application form: file.<n> is the scan of the procedure's n-th paper. */
    static List<org.onedoor.dossier.OnlineApplications.Upload> uploads(HttpServletRequest request, @Nullable ProcedureDefinition procedure) {
        var uploads = new ArrayList<org.onedoor.dossier.OnlineApplications.Upload>();
        if (procedure == null || !(request instanceof org.springframework.web.multipart.MultipartHttpServletRequest multipart)) return uploads;
        for (int i = 0; i < procedure.components().size(); i++) {
            var file = multipart.getFile("file." + i);
            if (file == null || file.isEmpty() && (file.getOriginalFilename() == null || file.getOriginalFilename().isBlank())) continue;
            try {
                uploads.add(new org.onedoor.dossier.OnlineApplications.Upload(procedure.components().get(i).name().in(VIETNAMESE),
                        file.getOriginalFilename(), file.getBytes()));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        return uploads;
    }

    @Nullable ProcedureDefinition procedureInForce(Tenant city, @Nullable String code) {
        return inForce(city, code);
    }

    Refusal refusalOf(Problem problem, Locale locale) {
        return refusal(problem, locale);
    }

    Tenant cityOf(String tenant) {
        return city(tenant);
    }

    private @Nullable ProcedureDefinition inForce(Tenant city, @Nullable String code) {
        if (code == null || code.isBlank() || !Procedures.CODE.matcher(code.strip()).matches()) return null;
        return procedures.inForce(city.id(), code.strip(), directory.today(city)).map(v -> v.definition()).orElse(null);
    }

    /** The procedure's papers with what the form says of each: a fresh form checks none, with the listed counts. */
    private static List<ComponentRow> rows(ProcedureDefinition procedure, MultiValueMap<String, String> form, Locale locale) {
        var included = form.getOrDefault("component", List.of());
        var rows = new ArrayList<ComponentRow>();
        for (int i = 0; i < procedure.components().size(); i++) {
            var c = procedure.components().get(i);
            var originals = Forms.text(form, "originals." + i);
            var copies = Forms.text(form, "copies." + i);
            rows.add(new ComponentRow(i, c.name().in(locale), c.mandatory(), c.template(), included.contains(String.valueOf(i)),
                    originals == null ? String.valueOf(c.originals()) : originals, copies == null ? String.valueOf(c.copies()) : copies,
                    "on".equals(form.getFirst("digitised." + i))));
        }
        return rows;
    }

    private String ownUnitCode(CurrentUser user, Tenant city) {
        var unit = user.unitId();
        return unit == null ? "" : directory.unitOn(city.id(), unit, directory.today(city)).map(u -> u.code()).orElse("");
    }

    // ---- the receipt -----------------------------------------------------------------------------------------------

    @PreAuthorize(DossierApi.SIGNED_IN)
    @GetMapping("/tenants/{tenant}/dossiers/{code}/receipt")
    String receipt(@PathVariable String tenant, @PathVariable String code, @AuthenticationPrincipal CurrentUser user,
                   Locale locale, Model model) {
        var city = city(tenant);
        var dossier = dossiers.read(user, city.id(), code);
        var procedure = dossiers.procedure(dossier);
        var view = views.view(user, dossier, locale);
        var slip = view.timeline().stream().filter(l -> SLIPS.contains(l.action())).findFirst().orElse(view.timeline().getFirst());
        model.addAttribute("tenant", city);
        model.addAttribute("d", view);
        model.addAttribute("country", city.defaultLocale().getLanguage().equals("lo") ? "lo" : "vi");
        model.addAttribute("form", dossier.statusCode() == 3 ? "03" : dossier.statusCode() == 5 && !dossier.received() ? "02" : "01");
        model.addAttribute("timeLimit", dossier.timeLimit() != null ? ProcedureDefinition.LegalTime.of(dossier.timeLimit())
                : procedure.timeLimit());
        model.addAttribute("results", procedure.results().stream().map(r -> r.in(locale)).toList());
        model.addAttribute("slip", slip);
        model.addAttribute("clerk", slip.action().equals("REQUEST_SUPPLEMENT") || slip.action().equals("REFUSE") ? slip.giver() : slip.receiver());
        return "dossier/receipt";
    }

    // ---- helpers ---------------------------------------------------------------------------------------------------

    private Tenant city(String tenant) {
        if (!TenantId.isWellFormed(tenant)) throw new UnknownTenant(tenant);
        return dossiers.city(new TenantId(tenant));
    }

    private Refusal refusal(Problem problem, Locale locale) {
        return new Refusal(problem.code(), problems.title(problem.code(), locale), problems.text(problem.code(), problem.arguments(), locale),
                problems.violations(problem.violations(), locale));
    }


    /** Reads the pages' forms into the service's requests; a value that cannot be read is a 400 problem. */
    static final class Forms {

        private Forms() {
        }

        /** An action's form: the action, and the fields its kind has (see {@link ActionFields}). */
        static Dossiers.Command command(MultiValueMap<String, String> form, ZoneId zone) {
            var action = action(text(form, "action"));
            if (action == null) throw new InvalidParameter("action", "");
            var digitised = "on".equals(form.getFirst("digitised"));
            var components = lines(form, "components").stream().map(name -> new Dossier.Component(name, 1, 0, digitised)).toList();
            return new Dossiers.Command(action, text(form, "to"), text(form, "step"), text(form, "reason"), lines(form, "items"),
                    components, dateTime(form, "newDueAt", zone), days(form, "timeLimitDays"), amount(form, "amount"));
        }

        /** The reception form: the applicant, the papers checked among the procedure's, and the check's outcome. */
        static Dossiers.Submission submission(MultiValueMap<String, String> form, @Nullable ProcedureDefinition procedure) {
            var name = text(form, "applicant.name");
            var applicant = new Dossier.Applicant(name == null ? "" : name, text(form, "applicant.idNumber"),
                    text(form, "applicant.phone"), text(form, "applicant.email"), text(form, "applicant.address"),
                    "on".equals(form.getFirst("applicant.organisation")));
            var components = new ArrayList<Dossier.Component>();
            var included = form.getOrDefault("component", List.of());
            for (int i = 0; procedure != null && i < procedure.components().size(); i++) {
                if (!included.contains(String.valueOf(i))) continue;
                var c = procedure.components().get(i);
                components.add(new Dossier.Component(c.name().in(VIETNAMESE), count(form, "originals." + i, c.originals()),
                        count(form, "copies." + i, c.copies()), "on".equals(form.getFirst("digitised." + i))));
            }
            var delivery = text(form, "delivery");
            return new Dossiers.Submission(String.valueOf(text(form, "procedure")), null, applicant, components, null, null,
                    text(form, "competentUnit"), delivery == null ? null : parse(Dossier.Delivery.class, "delivery", delivery),
                    days(form, "timeLimitDays"), action(text(form, "outcome")), text(form, "reason"), lines(form, "items"));
        }

        static int integer(MultiValueMap<String, String> form, String name) {
            var value = text(form, name);
            try {
                return Integer.parseInt(value == null ? "" : value);
            } catch (NumberFormatException e) {
                throw new InvalidParameter(name, String.valueOf(value));
            }
        }

        static @Nullable String text(MultiValueMap<String, String> form, String name) {
            var value = form.getFirst(name);
            return value == null || value.isBlank() ? null : value.strip();
        }

        /** A textarea's non-blank lines: one paper per line. */
        private static List<String> lines(MultiValueMap<String, String> form, String name) {
            var value = text(form, name);
            return value == null ? List.of() : value.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
        }

        private static @Nullable DossierAction action(@Nullable String value) {
            return value == null ? null : parse(DossierAction.class, "action", value);
        }

        private static <E extends Enum<E>> E parse(Class<E> type, String name, String value) {
            try {
                return Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new InvalidParameter(name, value);
            }
        }

        private static int count(MultiValueMap<String, String> form, String name, int fallback) {
            var value = text(form, name);
            try {
                return value == null ? fallback : Integer.parseInt(value);
            } catch (NumberFormatException e) {
                throw new InvalidParameter(name, value);
            }
        }

        /** A {@code datetime-local} value, read in the city's time zone. */
        private static java.time.@Nullable Instant dateTime(MultiValueMap<String, String> form, String name, ZoneId zone) {
            var value = text(form, name);
            try {
                return value == null ? null : LocalDateTime.parse(value).atZone(zone).toInstant();
            } catch (DateTimeParseException e) {
                throw new InvalidParameter(name, value);
            }
        }

        /** A time limit in working days that the clerk sets where the procedure's is not known. */
        private static @Nullable TimeLimit days(MultiValueMap<String, String> form, String name) {
            var value = text(form, name);
            try {
                return value == null ? null : new TimeLimit(new BigDecimal(value.replace(',', '.')), TimeLimit.Unit.WORKING_DAYS, null, false);
            } catch (IllegalArgumentException e) {
                throw new InvalidParameter(name, value);
            }
        }

        /** An amount of money as typed: digits, with any grouping dots, commas or spaces ("50.000", "1 200 000"). */
        private static @Nullable Long amount(MultiValueMap<String, String> form, String name) {
            var value = text(form, name);
            if (value == null) return null;
            var digits = value.replaceAll("[\\s.,\u00a0]", "");
            if (!digits.matches("\\d{1,15}")) throw new InvalidParameter(name, value);
            return Long.parseLong(digits);
        }
    }
}
