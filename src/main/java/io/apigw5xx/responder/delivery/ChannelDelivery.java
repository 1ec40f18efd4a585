package io.apigw5xx.responder.delivery;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.apigw5xx.responder.analysis.Findings;
import io.apigw5xx.responder.analysis.RunbookAnalyzer;
import io.apigw5xx.responder.delivery.DeliveryOutcome.Status;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.apigw5xx.responder.incident.AlarmState;
import io.apigw5xx.responder.incident.Incident;
import io.apigw5xx.responder.incident.SlackThread;
import io.apigw5xx.responder.incident.TriggerSource;
import io.apigw5xx.responder.report.FindingsJson;
import io.apigw5xx.responder.report.FollowUpDiff;
import io.apigw5xx.responder.report.GraphWidget;
import io.apigw5xx.responder.report.History;
import io.apigw5xx.responder.report.PastIncident;
import io.apigw5xx.responder.report.Redactor;
import io.apigw5xx.responder.report.SlackMessage;
import io.apigw5xx.responder.report.SnsReport;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The {@link Delivery} the handler uses: ledger (dedupe + history), then SNS, then Slack.
 *
 * <ul>
 *   <li>A duplicate of an alarm transition already claimed yields DUPLICATE for every channel and posts nothing.</li>
 *   <li>Each channel fails alone: its failure becomes a FAILED outcome (logged, counted), the others still go out.</li>
 *   <li>A channel passed as null is not configured and yields SKIPPED.</li>
 *   <li>If the ledger itself fails, reports still go out (a possible duplicate beats silence) and a FAILED
 *       "ledger" outcome says so; otherwise the ledger adds no outcome.</li>
 *   <li>If no channel delivered, the claim is released so a retry of the same event may try again.</li>
 * </ul>
 * SNS goes first because it is quick; Slack may wait on Retry-After within the deadline.
 *
 * <p>Slack goes out one of two ways. With an incoming webhook every message stands alone, and follow-ups name
 * the report they follow. With the Slack app (bot token) the first report of an alarm transition starts a
 * thread — its channel/ts kept on the ledger item — with the graph uploaded into it and the re-run and
 * console buttons; the re-check, the resolved note and a re-run asked from the thread are replies in it
 * ({@code reply_broadcast} when the re-check found another top cause). A Slack error never stops SNS.
 *
 * <p>A first report that carried CloudTrail's delivery-delay note schedules one re-check of the transition at
 * onset + 15 minutes (ledger-marked, so a retried report schedules no second one). The re-check posts a
 * short update when something changed, one line when nothing did, and nothing once the alarm is back to OK.
 */
public final class ChannelDelivery implements Delivery {

    public static final String SLACK = "slack";
    public static final String SNS = "sns";
    public static final String LEDGER = "ledger";
    public static final String RECHECK = "recheck";
    /** CloudTrail's documented worst-case delivery delay: the re-check runs this long after the onset. */
    public static final Duration RECHECK_AFTER_ONSET = Duration.ofMinutes(15);
    public static final Duration HISTORY_LOOKBACK = Duration.ofDays(7);

    private static final System.Logger LOG = System.getLogger(ChannelDelivery.class.getName());

    private final IncidentLedger ledger;
    private final SlackWebhook slack;
    private final SlackApp slackApp;
    private final MetricGraph graph;
    private final RecheckScheduler recheck;
    private final SnsPublisher sns;
    private final EmfMetrics metrics;
    private final Clock clock;
    private final Duration budget;
    private final SlackMessage slackMessage;
    private final SnsReport snsReport;
    private final GraphWidget graphWidget;

    /**
     * @param ledger  null: no dedupe and no history
     * @param slack   null: Slack not configured (SKIPPED)
     * @param sns     null: no findings topic (SKIPPED)
     * @param metrics null: no EMF lines
     * @param budget  how long one delivery may take, Slack retries included, when the admission carries no
     *                deliverBy (the CLI; the Lambda handler passes the invocation's own end)
     */
    public ChannelDelivery(IncidentLedger ledger, SlackWebhook slack, SnsPublisher sns, EmfMetrics metrics,
                           ObjectMapper json, Clock clock, Duration budget) {
        this(ledger, slack, null, null, null, sns, metrics, json, clock, budget);
    }

    /**
     * @param slackApp bot-token mode; when set it is used instead of {@code slack} (the webhook)
     * @param graph    null: no graph is attached (bot mode only)
     * @param recheck  null: no automatic re-check (needs the ledger too)
     */
    public ChannelDelivery(IncidentLedger ledger, SlackWebhook slack, SlackApp slackApp, MetricGraph graph,
                           RecheckScheduler recheck, SnsPublisher sns, EmfMetrics metrics,
                           ObjectMapper json, Clock clock, Duration budget) {
        this.ledger = ledger;
        this.slack = slack;
        this.slackApp = slackApp;
        this.graph = graph;
        this.recheck = recheck;
        this.sns = sns;
        this.metrics = metrics;
        this.clock = Objects.requireNonNull(clock, "clock");
        this.budget = Objects.requireNonNull(budget, "budget");
        this.slackMessage = new SlackMessage(json);
        this.snsReport = new SnsReport(new FindingsJson(json));
        this.graphWidget = new GraphWidget(json);
    }

    @Override
    public Admission admit(Incident incident, Instant deliverBy) {
        if (incident.source() == TriggerSource.RECHECK) {
            return admitFollowUp(incident, deliverBy);
        }
        List<DeliveryOutcome> outcomes = new ArrayList<>();
        IncidentLedger.Claim claim = claim(incident, deliverBy, outcomes);
        Admission.Kind kind = switch (claim) {
            case CLAIMED -> Admission.Kind.FIRST;
            case DUPLICATE -> Admission.Kind.DUPLICATE;
            case NOT_APPLICABLE -> Admission.Kind.UNTRACKED;
        };
        return new Admission(kind, outcomes, deliverBy);
    }

    /** The admission's deliverBy (the invocation's end, less a margin) when known, else the budget from now. */
    private Instant deadline(Admission admission) {
        return admission.deliverBy() != null ? admission.deliverBy() : clock.instant().plus(budget);
    }

    @Override
    public List<DeliveryOutcome> deliverFindings(Findings findings, Admission admission) {
        Incident incident = findings.incident();
        if (admission.duplicate()) {
            return count(duplicates(incident));
        }
        if (admission.kind() == Admission.Kind.FOLLOW_UP) {
            return count(deliverFollowUp(findings, admission));
        }
        Instant deadline = deadline(admission);
        List<DeliveryOutcome> outcomes = new ArrayList<>(admission.outcomes());
        History history = ledgerRead("history", () -> ledger.history(incident, HISTORY_LOOKBACK), History.none());
        outcomes.add(send(SNS, sns == null ? null : () -> "MessageId " + sns.publish(snsReport.render(findings, history))));
        outcomes.add(slackFindings(findings, history, admission, deadline));
        if (admission.kind() == Admission.Kind.FIRST && outcomes.stream().anyMatch(o -> o.status() == Status.DELIVERED)) {
            scheduleRecheck(findings).ifPresent(outcomes::add);
        }
        finish(admission, incident, findings, outcomes);
        return count(outcomes);
    }

    /** The first report (or a re-run) to Slack: a thread of its own in bot mode, a message in webhook mode. */
    private DeliveryOutcome slackFindings(Findings findings, History history, Admission admission, Instant deadline) {
        Incident incident = findings.incident();
        SlackThread asked = incident.slackThread();
        String lead = rerunLead(incident);
        if (slackApp == null) {
            return sendSlack(slack == null ? null : () -> slackMessage.toJson(slackMessage.render(findings, history, lead, false)), deadline);
        }
        if (asked != null) {
            // A re-run asked from the thread answers in it.
            return slackOutcome(slackApp.post(slackMessage.render(findings, history, lead, false), asked, false, deadline));
        }
        ObjectNode payload = slackMessage.render(findings, history, lead, true);
        SlackApp.Posted posted = slackApp.post(payload, null, false, deadline);
        if (!posted.ok()) {
            return slackOutcome(posted);
        }
        if (admission.kind() == Admission.Kind.FIRST) {
            ledgerWrite("thread", () -> ledger.recordSlackThread(incident, posted.message()));
        }
        String graphNote = attachGraph(findings, posted.message(), deadline);
        if (graphNote != null) {
            // The report stands; say on it why the picture is missing.
            SlackWebApi.Response updated = slackApp.update(posted.message(), slackMessage.withNote(payload, graphNote), deadline);
            return DeliveryOutcome.delivered(SLACK, posted.detail() + "; " + graphNote
                    + (updated.ok() ? "" : " (the note could not be added: " + updated.error() + ")"));
        }
        return DeliveryOutcome.delivered(SLACK, posted.detail() + (graph == null ? "" : "; graph attached"));
    }

    /** Uploads the incident's graph into its thread; null when done (or not configured), else why not. */
    private String attachGraph(Findings findings, SlackThread thread, Instant deadline) {
        if (graph == null) {
            return null;
        }
        byte[] png;
        try {
            png = graph.png(graphWidget.toJson(graphWidget.render(findings)));
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "graph not rendered: {0}", e.toString());
            return "Graph not attached: GetMetricWidgetImage failed (" + e.getClass().getSimpleName() + ")";
        }
        Incident i = findings.incident();
        SlackWebApi.Response r = slackApp.uploadPng(thread, png, "5xx-" + i.stage() + ".png",
                "5xx, requests and p99 latency: " + i.apiStageLabel(),
                "5xx errors, request count and integration latency of " + i.apiStageLabel()
                        + " over the investigated hour, with the onset and the changes marked", deadline);
        return r.ok() ? null : "Graph not attached: " + r.detail();
    }

    private static String rerunLead(Incident incident) {
        if (incident.source() != TriggerSource.MANUAL || (incident.requestedBy() == null && incident.slackThread() == null)) {
            return null;
        }
        return "Re-run" + (incident.requestedBy() == null ? "" : " requested by " + incident.requestedBy())
                + (incident.slackThread() == null ? "" : " from the report in channel " + incident.slackThread().channel()
                + ", message " + incident.slackThread().ts());
    }

    private static DeliveryOutcome slackOutcome(SlackApp.Posted posted) {
        return posted.ok() ? DeliveryOutcome.delivered(SLACK, posted.detail()) : DeliveryOutcome.failed(SLACK, posted.detail());
    }

    /**
     * The re-check of a transition: compared with the first report kept on the ledger, it posts what changed,
     * or one line confirming the first report. SNS hears only of a change (e-mail readers have the first report).
     */
    private List<DeliveryOutcome> deliverFollowUp(Findings findings, Admission admission) {
        Incident incident = findings.incident();
        Instant deadline = deadline(admission);
        List<DeliveryOutcome> outcomes = new ArrayList<>(admission.outcomes());
        Optional<Findings> first = ledgerRead("first findings",
                () -> ledger.findings(incident.alarm().arn(), incident.alarm().stateChangeTime()), Optional.empty());
        FollowUpDiff diff = first.map(f -> FollowUpDiff.between(f, findings))
                .orElseGet(() -> new FollowUpDiff(List.of("The first report was not kept: this is the re-check's full reading"), false));
        if (diff.changed()) {
            outcomes.add(send(SNS, sns == null ? null : () -> "MessageId " + sns.publish(snsReport.render(findings, History.none()))));
        } else {
            outcomes.add(DeliveryOutcome.skipped(SNS, "re-check confirmed the first report"));
        }
        String lead = "Re-check of " + incident.apiStageLabel() + " " + incident.alarm().state() + " at "
                + incident.alarm().stateChangeTime() + " (CloudTrail has had 15 minutes)";
        if (slackApp != null) {
            Optional<SlackThread> thread = ledgerRead("thread", () -> ledger.slackThread(incident), Optional.empty());
            ObjectNode payload = slackMessage.renderFollowUp(findings, diff, thread.isPresent() ? null : lead);
            outcomes.add(slackOutcome(slackApp.post(payload, thread.orElse(null), diff.topCauseChanged(), deadline)));
        } else {
            outcomes.add(sendSlack(slack == null ? null : () -> slackMessage.toJson(slackMessage.renderFollowUp(findings, diff, lead)), deadline));
        }
        boolean anyDelivered = outcomes.stream().anyMatch(o -> o.status() == Status.DELIVERED);
        boolean anyFailed = outcomes.stream().anyMatch(o -> o.status() == Status.FAILED);
        String summary = (diff.changed() ? "update: " + diff.lines().size() + " change(s)" : "confirmed") + "; "
                + outcomes.stream().map(o -> o.channel() + "=" + o.status()).collect(Collectors.joining(","));
        ledgerWrite("follow-up", () -> {
            if (anyDelivered || !anyFailed) {
                ledger.completeFollowUp(incident, summary);
            } else {
                ledger.releaseFollowUp(incident);
            }
        });
        return outcomes;
    }

    private Admission admitFollowUp(Incident incident, Instant deliverBy) {
        if (ledger == null) {
            return new Admission(Admission.Kind.SETTLED, List.of(DeliveryOutcome.skipped(LEDGER,
                    "re-check without an incident table: nothing to compare with")), deliverBy);
        }
        try {
            IncidentLedger.Claim c = ledger.claimFollowUp(incident, deliverBy.plusSeconds(30));
            if (c == IncidentLedger.Claim.DUPLICATE) {
                return new Admission(Admission.Kind.DUPLICATE, List.of(), deliverBy);
            }
            if (c == IncidentLedger.Claim.NOT_APPLICABLE) {
                return new Admission(Admission.Kind.SETTLED, List.of(DeliveryOutcome.skipped(RECHECK,
                        "no re-check of this transition is scheduled in the ledger")), deliverBy);
            }
            if (ledger.resolvedSince(incident)) {
                ledger.completeFollowUp(incident, "alarm back to OK before the re-check; nothing posted");
                return new Admission(Admission.Kind.SETTLED, List.of(DeliveryOutcome.skipped(RECHECK,
                        "the alarm is back to OK: the resolved message covers it")), deliverBy);
            }
            return new Admission(Admission.Kind.FOLLOW_UP, List.of(), deliverBy);
        } catch (RuntimeException e) {
            // Without the ledger the re-check can neither be deduplicated nor compared: SQS will redeliver.
            LOG.log(System.Logger.Level.ERROR, "ledger follow-up claim failed: {0}", e.toString());
            throw e;
        }
    }

    /**
     * One re-check per transition, when the report said CloudTrail may not show the change yet; never for a
     * manual run or a re-check itself (both have no FIRST admission or no alarm).
     */
    private Optional<DeliveryOutcome> scheduleRecheck(Findings findings) {
        Incident incident = findings.incident();
        if (recheck == null || ledger == null || !needsRecheck(findings)) {
            return Optional.empty();
        }
        Instant due = findings.onset().plus(RECHECK_AFTER_ONSET);
        try {
            if (!ledger.markFollowUpScheduled(incident, due)) {
                return Optional.of(DeliveryOutcome.skipped(RECHECK, "already scheduled"));
            }
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "re-check not scheduled: ledger mark failed: {0}", e.toString());
            return Optional.of(DeliveryOutcome.failed(RECHECK, "ledger mark failed (" + e.getClass().getSimpleName() + ")"));
        }
        try {
            return Optional.of(DeliveryOutcome.delivered(RECHECK, "due " + due + ", MessageId " + recheck.schedule(incident, due)));
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "re-check not scheduled: {0}", e.toString());
            ledgerWrite("follow-up mark", () -> ledger.unmarkFollowUp(incident));
            return Optional.of(DeliveryOutcome.failed(RECHECK, e.getClass().getSimpleName() + ": " + oneLine(e.getMessage())));
        }
    }

    /** The report carried CloudTrail's delivery-delay note about an ALARM transition with a known onset. */
    static boolean needsRecheck(Findings f) {
        Incident i = f.incident();
        return f.onset() != null && i.alarm() != null && i.alarm().state() == AlarmState.ALARM
                && i.source() != TriggerSource.MANUAL && i.source() != TriggerSource.CLI && i.source() != TriggerSource.RECHECK
                && f.notes().stream().anyMatch(n -> n.startsWith(RunbookAnalyzer.CLOUDTRAIL_LATE_NOTE));
    }

    private void ledgerWrite(String what, Runnable write) {
        if (ledger == null) {
            return;
        }
        try {
            write.run();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "ledger {0} write failed: {1}", what, e.toString());
        }
    }

    @Override
    public List<DeliveryOutcome> deliverResolved(Incident incident, Admission admission) {
        if (admission.duplicate()) {
            return count(duplicates(incident));
        }
        Instant deadline = deadline(admission);
        List<DeliveryOutcome> outcomes = new ArrayList<>(admission.outcomes());
        Optional<PastIncident> original = ledgerRead("original", () -> ledger.original(incident), Optional.empty());
        outcomes.add(send(SNS, sns == null ? null : () -> "MessageId " + sns.publish(snsReport.renderResolved(incident, original))));
        if (slackApp != null) {
            Optional<SlackThread> thread = ledgerRead("thread", () -> ledger.originalThread(incident), Optional.empty());
            outcomes.add(slackOutcome(slackApp.post(slackMessage.renderResolved(incident, original), thread.orElse(null), false, deadline)));
        } else {
            outcomes.add(sendSlack(slack == null ? null
                    : () -> slackMessage.toJson(slackMessage.renderResolved(incident, original)), deadline));
        }
        finish(admission, incident, null, outcomes);
        return count(outcomes);
    }

    /** Admission and delivery in one step, for callers that have nothing to investigate in between. */
    public List<DeliveryOutcome> deliverFindings(Findings findings) {
        return deliverFindings(findings, admit(findings.incident(), clock.instant().plus(budget)));
    }

    /** Admission and the resolved follow-up in one step. */
    public List<DeliveryOutcome> deliverResolved(Incident incident) {
        return deliverResolved(incident, admit(incident, clock.instant().plus(budget)));
    }

    private IncidentLedger.Claim claim(Incident incident, Instant deadline, List<DeliveryOutcome> outcomes) {
        if (ledger == null) {
            return IncidentLedger.Claim.NOT_APPLICABLE;
        }
        try {
            // The lease outlives the deadline a little: a concurrent duplicate must not take over mid-post.
            IncidentLedger.Claim c = ledger.claim(incident, deadline.plusSeconds(30));
            if (c == IncidentLedger.Claim.DUPLICATE) {
                LOG.log(System.Logger.Level.INFO, "duplicate delivery of {0} {1}: already reported, nothing posted",
                        incident.apiStageLabel(), which(incident));
            }
            return c;
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "ledger claim failed, delivering without dedupe: {0}", e.toString());
            outcomes.add(DeliveryOutcome.failed(LEDGER, "claim failed (" + e.getClass().getSimpleName()
                    + "); delivered without dedupe"));
            return IncidentLedger.Claim.NOT_APPLICABLE;
        }
    }

    private <T> T ledgerRead(String what, Supplier<T> read, T fallback) {
        if (ledger == null) {
            return fallback;
        }
        try {
            return read.get();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "ledger {0} read failed; report goes out without it: {1}", what, e.toString());
            return fallback;
        }
    }

    private void finish(Admission admission, Incident incident, Findings findings, List<DeliveryOutcome> outcomes) {
        if (admission.kind() != Admission.Kind.FIRST) {
            return;
        }
        String summary = outcomes.stream().map(o -> o.channel() + "=" + o.status()).collect(Collectors.joining(","));
        boolean anyDelivered = outcomes.stream().anyMatch(o -> o.status() == Status.DELIVERED);
        try {
            if (anyDelivered || outcomes.stream().noneMatch(o -> o.status() == Status.FAILED)) {
                // History is shown again in later reports: store it as it was posted, secrets redacted.
                ledger.complete(incident, findings == null ? null : Redactor.redact(findings), summary);
            } else {
                ledger.release(incident, summary);
            }
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "ledger update after delivery failed: {0}", e.toString());
            outcomes.add(DeliveryOutcome.failed(LEDGER, "could not record the delivery (" + e.getClass().getSimpleName() + ")"));
        }
    }

    private static DeliveryOutcome send(String channel, Supplier<String> action) {
        if (action == null) {
            return DeliveryOutcome.skipped(channel, "not configured");
        }
        try {
            return DeliveryOutcome.delivered(channel, action.get());
        } catch (RuntimeException e) {
            // SDK messages carry the error code and request id, no credentials.
            LOG.log(System.Logger.Level.ERROR, "{0} delivery failed: {1}", channel, e.toString());
            return DeliveryOutcome.failed(channel, e.getClass().getSimpleName() + ": " + oneLine(e.getMessage()));
        }
    }

    private DeliveryOutcome sendSlack(Supplier<String> payload, Instant deadline) {
        if (payload == null) {
            return DeliveryOutcome.skipped(SLACK, "not configured");
        }
        try {
            SlackWebhook.Result r = slack.post(payload.get(), deadline);
            return r.delivered() ? DeliveryOutcome.delivered(SLACK, r.detail()) : DeliveryOutcome.failed(SLACK, r.detail());
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "slack delivery failed: {0}", e.getClass().getName());
            return DeliveryOutcome.failed(SLACK, e.getClass().getSimpleName());
        }
    }

    private List<DeliveryOutcome> duplicates(Incident incident) {
        String detail = "already reported: " + which(incident);
        return List.of(new DeliveryOutcome(SNS, Status.DUPLICATE, detail), new DeliveryOutcome(SLACK, Status.DUPLICATE, detail));
    }

    /** The ledger item's subject: "ALARM at <time>" for a transition, "re-run <id>" for an identified re-run. */
    private static String which(Incident incident) {
        return incident.alarm() != null ? incident.alarm().state() + " at " + incident.alarm().stateChangeTime()
                                        : "re-run " + incident.investigationId();
    }

    private List<DeliveryOutcome> count(List<DeliveryOutcome> outcomes) {
        if (metrics != null) {
            outcomes.forEach(o -> metrics.delivery(o.channel(), o.status().name()));
        }
        return List.copyOf(outcomes);
    }

    private static String oneLine(String s) {
        if (s == null) {
            return "";
        }
        String l = s.replaceAll("[\\r\\n]+", " ");
        return l.length() <= 300 ? l : l.substring(0, 300) + "…";
    }

    /** For wiring checks and logs: which channels are on. */
    public String describe() {
        return "ledger=" + (ledger != null) + ", slack=" + (slackApp != null ? "app:" + slackApp.channel() : slack != null ? "webhook" : "off")
                + ", graph=" + (graph != null) + ", recheck=" + (recheck != null) + ", sns=" + (sns != null ? sns.topicArn() : "off");
    }
}
