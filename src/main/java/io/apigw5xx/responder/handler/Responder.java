package io.apigw5xx.responder.handler;

import io.apigw5xx.responder.analysis.Analyzer;
import io.apigw5xx.responder.analysis.Findings;
import io.apigw5xx.responder.delivery.Admission;
import io.apigw5xx.responder.delivery.Delivery;
import io.apigw5xx.responder.delivery.DeliveryOutcome;
import io.apigw5xx.responder.delivery.EmfMetrics;
import io.apigw5xx.responder.evidence.Evidence;
import io.apigw5xx.responder.evidence.EvidenceGatherer;
import io.apigw5xx.responder.evidence.StageNarrowing;
import io.apigw5xx.responder.incident.Incident;
import io.apigw5xx.responder.trigger.QueuedTriggers;
import io.apigw5xx.responder.trigger.TriggerOutcome;
import io.apigw5xx.responder.trigger.TriggerParser;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The whole flow for one event: trigger → incident → evidence → analysis → findings → delivery.
 * Knows nothing of Lambda, so the handler, the CLI and tests drive the same code.
 */
public final class Responder {

    private final TriggerParser parser;
    private final EvidenceGatherer gatherer;
    private final Analyzer analyzer;
    private final Delivery delivery;
    private final EmfMetrics metrics;
    private final Clock clock;
    private final InvocationLog log;

    public Responder(TriggerParser parser, EvidenceGatherer gatherer, Analyzer analyzer, Delivery delivery,
            EmfMetrics metrics, Clock clock, InvocationLog log) {
        this.parser = parser;
        this.gatherer = gatherer;
        this.analyzer = analyzer;
        this.delivery = delivery;
        this.metrics = metrics;
        this.clock = clock;
        this.log = log;
    }

    /**
     * @param evidenceDeadline when evidence gathering must stop so the report can still be delivered
     * @param deliverBy        the latest the report may still go out (Slack retries may run until then)
     */
    public ResponderResponse respond(byte[] event, Instant evidenceDeadline, Instant deliverBy) {
        return respond(parser.parse(event), event == null ? 0 : event.length, evidenceDeadline, deliverBy);
    }

    /** Every trigger in an event: one per SQS record, each to be answered on its own; else the event's one trigger. */
    public QueuedTriggers triggers(byte[] event) {
        return parser.parseEach(event);
    }

    /** Answers one trigger already read from an event of {@code eventBytes} bytes. */
    public ResponderResponse respond(TriggerOutcome outcome, int eventBytes, Instant evidenceDeadline, Instant deliverBy) {
        return switch (outcome) {
            case TriggerOutcome.Refused refused -> {
                log.warn("event refused", "reason", refused.reason(), "eventBytes", Integer.toString(eventBytes));
                yield ResponderResponse.refused(refused.reason());
            }
            case TriggerOutcome.Ignored ignored -> {
                log.info("event ignored", "reason", ignored.reason());
                yield ResponderResponse.ignored(ignored.reason());
            }
            case TriggerOutcome.Resolved resolved -> elsewhere(resolved.incident())
                    .orElseGet(() -> resolve(resolved.incident(), deliverBy));
            case TriggerOutcome.Investigate investigate -> elsewhere(investigate.incident())
                    .orElseGet(() -> investigate(investigate.incident(), evidenceDeadline, deliverBy));
        };
    }

    /**
     * The evidence clients, the IAM policy and the ledger all belong to the function's region: an alarm (or a
     * manual re-run) about another region is refused, not investigated against a same-named API here.
     */
    private java.util.Optional<ResponderResponse> elsewhere(Incident incident) {
        String here = parser.defaultRegion();
        if (here == null || here.equals(incident.region())) {
            return java.util.Optional.empty();
        }
        String reason = incident.apiStageLabel() + " is in " + incident.region() + " but this function investigates "
                + here + " only: deploy the responder in " + incident.region() + ", or run `investigate --region "
                + incident.region() + "` from a laptop";
        log.warn("event refused", "reason", reason);
        return java.util.Optional.of(ResponderResponse.refused(reason));
    }

    private ResponderResponse investigate(Incident incident, Instant evidenceDeadline, Instant deliverBy) {
        Instant started = clock.instant();
        Admission admission = delivery.admit(incident, deliverBy);
        if (admission.kind() == Admission.Kind.SETTLED) {
            // The re-check of an alarm that is back to OK: the resolved message already said what matters.
            String reason = admission.outcomes().isEmpty() ? "nothing to re-check" : admission.outcomes().getFirst().detail();
            log.info("re-check not needed", "api", incident.apiStageLabel(), "reason", reason);
            return ResponderResponse.settled(incident, reason, admission.outcomes());
        }
        if (admission.duplicate()) {
            // A duplicate SNS delivery or a Lambda retry of a transition already reported: one conditional
            // write instead of a second investigation and a second post.
            log.info(incident.alarm() == null ? "duplicate re-run, already reported" : "duplicate alarm transition, already reported",
                    "api", incident.apiStageLabel(), "at", incident.at().toString());
            return ResponderResponse.duplicate(incident);
        }
        log.info("investigation started", "api", incident.apiStageLabel(), "region", incident.region(),
                "at", incident.at().toString(), "source", incident.source().name());
        Findings findings;
        String failure = null;
        try {
            // An API-wide alarm is narrowed to its failing stage first; the findings name that stage.
            StageNarrowing narrowing = gatherer.narrow(incident, evidenceDeadline);
            Evidence evidence = narrowing.addTo(gatherer.gather(narrowing.incident(), evidenceDeadline));
            findings = analyzer.analyze(narrowing.incident(), evidence, clock.instant());
        } catch (RuntimeException e) {
            // A bug in gathering or analysis: log it where the responder's operators look, and still tell
            // on-call about the alarm, with the first commands to run by hand.
            failure = "investigation failed: " + e.getClass().getSimpleName();
            log.error("investigation failed", e, "api", incident.apiStageLabel());
            findings = FailedInvestigation.findings(incident, e.getClass().getSimpleName(), clock.instant());
        }
        List<DeliveryOutcome> deliveries = delivery.deliverFindings(findings, admission);
        Duration took = Duration.between(started, clock.instant());
        metrics.investigation(took, findings.severity().name());
        log.info("investigation finished", "api", incident.apiStageLabel(), "severity", findings.severity().name(),
                "topCause", findings.topCause() == null ? "none" : findings.topCause().kind().name(),
                "gaps", Integer.toString(findings.gaps().size()), "awsCalls", Integer.toString(findings.totalAwsCalls()),
                "durationMs", Long.toString(took.toMillis()),
                "deliveries", summarize(deliveries));
        return failure == null
                ? ResponderResponse.investigated(findings, deliveries)
                : ResponderResponse.failed(incident, failure, deliveries);
    }

    private ResponderResponse resolve(Incident incident, Instant deliverBy) {
        Admission admission = delivery.admit(incident, deliverBy);
        if (admission.duplicate()) {
            log.info("duplicate OK transition, already reported", "api", incident.apiStageLabel());
            return ResponderResponse.duplicate(incident);
        }
        List<DeliveryOutcome> deliveries = delivery.deliverResolved(incident, admission);
        log.info("alarm resolved", "api", incident.apiStageLabel(), "deliveries", summarize(deliveries));
        return ResponderResponse.resolved(incident, deliveries);
    }

    private static String summarize(List<DeliveryOutcome> deliveries) {
        return String.join(",", deliveries.stream().map(d -> d.channel() + "=" + d.status()).toList());
    }
}
