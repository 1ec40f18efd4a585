package io.apigw5xx.responder.delivery;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.apigw5xx.responder.analysis.Findings;
import io.apigw5xx.responder.delivery.DeliveryOutcome.Status;
import io.apigw5xx.responder.incident.Incident;
import io.apigw5xx.responder.report.FindingsJson;
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
 */
public final class ChannelDelivery implements Delivery {

    public static final String SLACK = "slack";
    public static final String SNS = "sns";
    public static final String LEDGER = "ledger";
    public static final Duration HISTORY_LOOKBACK = Duration.ofDays(7);

    private static final System.Logger LOG = System.getLogger(ChannelDelivery.class.getName());

    private final IncidentLedger ledger;
    private final SlackWebhook slack;
    private final SnsPublisher sns;
    private final EmfMetrics metrics;
    private final Clock clock;
    private final Duration budget;
    private final SlackMessage slackMessage;
    private final SnsReport snsReport;

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
        this.ledger = ledger;
        this.slack = slack;
        this.sns = sns;
        this.metrics = metrics;
        this.clock = Objects.requireNonNull(clock, "clock");
        this.budget = Objects.requireNonNull(budget, "budget");
        this.slackMessage = new SlackMessage(json);
        this.snsReport = new SnsReport(new FindingsJson(json));
    }

    @Override
    public Admission admit(Incident incident, Instant deliverBy) {
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
        Instant deadline = deadline(admission);
        List<DeliveryOutcome> outcomes = new ArrayList<>(admission.outcomes());
        History history = ledgerRead("history", () -> ledger.history(incident, HISTORY_LOOKBACK), History.none());
        outcomes.add(send(SNS, sns == null ? null : () -> "MessageId " + sns.publish(snsReport.render(findings, history))));
        outcomes.add(sendSlack(slack == null ? null : () -> slackMessage.toJson(slackMessage.render(findings, history)), deadline));
        finish(admission, incident, findings, outcomes);
        return count(outcomes);
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
        outcomes.add(sendSlack(slack == null ? null
                : () -> slackMessage.toJson(slackMessage.renderResolved(incident, original)), deadline));
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
                LOG.log(System.Logger.Level.INFO, "duplicate delivery of {0} {1} at {2}: already reported, nothing posted",
                        incident.apiStageLabel(), incident.alarm().state(), incident.alarm().stateChangeTime());
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
        String detail = "already reported: " + incident.alarm().state() + " at " + incident.alarm().stateChangeTime();
        return List.of(new DeliveryOutcome(SNS, Status.DUPLICATE, detail), new DeliveryOutcome(SLACK, Status.DUPLICATE, detail));
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
        return "ledger=" + (ledger != null) + ", slack=" + (slack != null) + ", sns=" + (sns != null ? sns.topicArn() : "off");
    }
}
