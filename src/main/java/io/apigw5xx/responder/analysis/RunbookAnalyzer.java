package io.apigw5xx.responder.analysis;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.apigw5xx.responder.JsonMappers;
import io.apigw5xx.responder.evidence.ChangeEvent;
import io.apigw5xx.responder.evidence.Evidence;
import io.apigw5xx.responder.evidence.EvidenceSource;
import io.apigw5xx.responder.evidence.Gap;
import io.apigw5xx.responder.incident.Incident;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The analysis engine: runbook 001's correlation over the evidence, the cause catalogue, and the findings.
 * Pure and deterministic: no AWS, no clock (the caller passes {@code now}), same input → same findings.
 *
 * <p>Steps: onset ({@link OnsetDetector}) → severity ({@link SeverityRule}) → pattern ({@link PatternClassifier})
 * → status mix ({@link StatusMixReader}) → changes read ({@link ChangeInterpreter}), kept only when on the
 * failing path ({@link FailingPath}), correlated within 5 minutes before the onset and, only when nothing
 * correlates there, within 30 ({@link CorrelationWindow}) → static checks ({@link StaticChecks}) → every rule of
 * the {@link CauseCatalogue} → ranked causes, clean checks, gaps and notes. Metric conventions: {@link MetricView}.
 */
public final class RunbookAnalyzer implements Analyzer {

    /** How the delivery-delay note starts: a report carrying it gets the automatic re-check (delivery). */
    public static final String CLOUDTRAIL_LATE_NOTE = "CloudTrail delivers events about 5 (up to 15) minutes late";

    /** CloudTrail's documented worst-case delivery delay. */
    static final Duration CLOUDTRAIL_DELAY = Duration.ofMinutes(15);

    private final OnsetDetector onsetDetector = new OnsetDetector();
    private final SeverityRule severityRule = new SeverityRule();
    private final PatternClassifier patternClassifier = new PatternClassifier();
    private final StatusMixReader statusMixReader;
    private final ChangeInterpreter changeInterpreter;
    private final TimestampChanges timestampChanges = new TimestampChanges();
    private final StaticChecks staticChecks;
    private final CauseCatalogue catalogue;

    public RunbookAnalyzer() {
        this(JsonMappers.create(), new CauseCatalogue());
    }

    public RunbookAnalyzer(ObjectMapper mapper, CauseCatalogue catalogue) {
        this.statusMixReader = new StatusMixReader(mapper);
        this.changeInterpreter = new ChangeInterpreter(mapper);
        this.staticChecks = new StaticChecks(mapper);
        this.catalogue = catalogue;
    }

    @Override
    public Findings analyze(Incident alarmed, Evidence evidence, Instant now) {
        Incident incident = withResolvedApiId(alarmed, evidence);
        AnalysisContext c = context(incident, evidence, now);
        List<String> notes = new ArrayList<>();
        ErrorTimeline timeline = c.timeline();

        SeverityRule.Result severity = severityRule.evaluate(c.apiErrors(), c.apiCount(), incident.alarm(), incident.at(), c.onset());
        StatusMix mix = statusMixReader.read(c.logs(), c.episodeStart(), inference(c));

        if (incident.scope().hasRoute()) {
            notes.add(c.metrics().readsRoute()
                    ? "Onset, rate and pattern are the alarmed route's own (" + incident.scope().routeLabel() + "), not the whole stage's"
                    : "The alarmed route " + incident.scope().routeLabel() + " publishes no metrics of its own (detailed metrics off):"
                            + " onset, rate and pattern are the whole stage's");
        }
        if (!c.metrics().hasApiErrors()) {
            notes.add("No API 5xx metric in the evidence: onset, severity and pattern could not be judged");
        } else if (timeline.onset() == null) {
            notes.add("No minute stood out from the usual error rate: onset taken as the alarm's datapoint ("
                    + AnalysisContext.hhmm(c.onset()) + " UTC)");
        }
        if (timeline.smallSample() && timeline.onset() != null) {
            notes.add("Sample too small to judge: " + timeline.episodeRequests() + " requests and " + timeline.episodeErrors()
                    + " errors since the onset; no cause is rated above MEDIUM");
        }
        if (severity.smallSample()) {
            notes.add("Sample too small for severity: " + severity.errors() + " of " + severity.requests() + " requests failed in the alarm's "
                    + "window, fewer than " + SeverityRule.MIN_REQUESTS + " requests, so one request would set the band; severity is LOW "
                    + "whatever the ratio");
        }
        if (Double.isNaN(severity.ratePercent()) && c.metrics().hasApiErrors()) {
            notes.add("No Count datapoints in the alarm's window: the error rate and severity are UNKNOWN");
        }
        if (c.pattern().tentative()) {
            // The runbook reads 15 minutes; a young episode gives only a first impression.
            notes.add("Pattern " + c.pattern().pattern() + " is a first impression: " + c.pattern().why() + " so far; the runbook reads "
                    + "15 minutes, so re-run after " + AnalysisContext.hhmm(c.onset().plus(java.time.Duration.ofMinutes(15))) + " UTC to confirm");
        }
        if (c.pattern().recoveringSince() != null) {
            notes.add("Errors stopped after " + AnalysisContext.hhmm(c.pattern().recoveringSince()) + " UTC: the alarm is recovering");
        }
        if (c.widened()) {
            notes.add("Nothing on the failing path changed in the 5 minutes before the onset; the search was widened to 30 minutes");
        }
        if (c.changesUnavailable()) {
            notes.add("Changes (CloudTrail) could not be read: a recent change can be neither blamed nor ruled out");
        } else if (c.changesMayBeLate() && c.onset() != null) {
            notes.add(CLOUDTRAIL_LATE_NOTE + ": changes made shortly before "
                    + AnalysisContext.hhmm(c.onset()) + " UTC may not be listed yet; re-run after "
                    + AnalysisContext.hhmm(c.onset().plus(CLOUDTRAIL_DELAY)) + " UTC to be sure");
        }
        long unattributed = c.correlated().stream().filter(TypedChange::actorUnknown).count();
        if (unattributed > 0) {
            notes.add(unattributed + (unattributed == 1 ? " change" : " changes") + " near the onset "
                    + (unattributed == 1 ? "is" : "are") + " seen only in the resources' own timestamps (no CloudTrail record yet): "
                    + "who made " + (unattributed == 1 ? "it" : "them") + " is not known, so a cause resting on "
                    + (unattributed == 1 ? "it" : "them") + " alone stays at MEDIUM unless metrics or logs confirm it");
        }
        if (evidence.topology() != null) {
            notes.addAll(evidence.topology().notes());
        }

        List<Cause> causes = new ArrayList<>(catalogue.rank(c, timeline.smallSample() && timeline.onset() != null));
        if (causes.isEmpty()) {
            causes.add(unknown(c));
        } else if (causes.size() > 1 && causes.get(0).confidence() == causes.get(1).confidence()
                && causes.get(0).confidence() != Confidence.LOW && causes.get(0).kind() != causes.get(1).kind()) {
            notes.add("Two explanations fit at " + causes.get(0).confidence() + " confidence: " + causes.get(0).kind().title()
                    + " and " + causes.get(1).kind().title() + "; the first has the stronger evidence, check both");
        }

        return new Findings(incident, evidence.window(), c.onset(), severity.severity(), severity.ratePercent(),
                severity.errors(), severity.requests(), mix, c.pattern().pattern(), causes, checkedClean(c),
                gaps(evidence), notes, now, evidence.awsCalls());
    }

    /** The delivery-delay notice is a note (above), not something that could not be checked. */
    private static List<Gap> gaps(Evidence evidence) {
        return evidence.gaps().stream().filter(g -> !AnalysisContext.isDeliveryDelay(g)).toList();
    }

    AnalysisContext context(Incident incident, Evidence evidence, Instant now) {
        MetricView metrics = new MetricView(evidence.metrics(), incident.scope().routeDimensions());
        MinuteSeries errors = metrics.apiErrors();
        MinuteSeries count = metrics.apiCount();
        MinuteSeries integrationLatency = metrics.integrationLatency();
        ErrorTimeline timeline = onsetDetector.detect(errors, count, incident.alarm(), incident.at());
        Instant onset = timeline.onset() != null ? timeline.onset() : fallbackOnset(incident);
        PatternClassifier.Result pattern = patternClassifier.classify(timeline, integrationLatency);
        CorrelationWindow window = new CorrelationWindow(onset);

        FailingPath path = new FailingPath(incident, evidence);
        // Read-only calls never changed anything, whatever the adapter let through.
        List<TypedChange> trail = evidence.changes().stream()
                .filter(e -> !changeInterpreter.readOnly(e))
                .sorted(Comparator.comparing(ChangeEvent::eventTime))
                .map(changeInterpreter::interpret)
                .toList();
        List<TypedChange> changes = TimestampChanges.merge(trail, timestampChanges.read(evidence));
        List<TypedChange> onPath = changes.stream().filter(path::touches).toList();
        // Tags and descriptions are on the path but change nothing a request goes through: they neither get
        // blamed nor keep the search from widening to a real change 6-30 minutes before.
        List<TypedChange> substantive = onPath.stream().filter(ch -> ch.kind() != ChangeKind.METADATA).toList();
        List<TypedChange> prime = substantive.stream().filter(ch -> window.fit(ch.time()) == CorrelationWindow.Fit.PRIME).toList();
        boolean widened = prime.isEmpty();
        List<TypedChange> correlated = widened
                ? substantive.stream().filter(ch -> window.fit(ch.time()) == CorrelationWindow.Fit.WIDE).toList()
                : prime;
        widened = widened && !correlated.isEmpty();

        Instant end = evidence.window().to();
        CommandBook commands = new CommandBook(evidence.topology() != null ? evidence.topology().apiType() : incident.api().type(),
                path.apiId(), incident.stage(), incident.region(), incident.account(),
                onset.minus(Duration.ofMinutes(15)), now != null && now.isBefore(end) ? now : end);
        return new AnalysisContext(incident, evidence, now, metrics, errors, count, integrationLatency, timeline, onset, pattern,
                window, changes, onPath, correlated, widened, path, new LogSignals(evidence.logs()),
                staticChecks.run(evidence.topology()), commands);
    }

    /** Without an episode: the minute of the alarm's breaching datapoint, or the time asked about. */
    private static Instant fallbackOnset(Incident incident) {
        Instant at = MinuteSeries.minute(incident.at());
        return incident.alarm() != null ? at.minusSeconds(incident.alarm().evaluationSeconds()) : at;
    }

    private static StatusMixReader.Inference inference(AnalysisContext c) {
        long lambdaErrors = 0;
        long throttles = 0;
        for (String f : c.path().integrationFunctions()) {
            lambdaErrors += c.lambdaSum(f, "Errors");
            throttles += c.lambdaSum(f, "Throttles");
        }
        long limit = c.apiType() == io.apigw5xx.responder.incident.ApiType.HTTP ? 30_000 : 29_000;
        if (c.evidence().topology() != null) {
            limit = c.evidence().topology().integrations().stream().map(i -> i.timeoutMillis()).filter(t -> t != null)
                    .mapToLong(Integer::longValue).min().orElse(limit);
        }
        double latency = c.integrationLatency().max(c.episodeStart(), c.episodeEnd()).orElse(0);
        return new StatusMixReader.Inference(c.apiErrorsInEpisode(), lambdaErrors, throttles, latency >= 0.95 * limit);
    }

    private static List<String> checkedClean(AnalysisContext c) {
        List<String> clean = new ArrayList<>();
        if (!c.changesUnavailable()) {
            String delivered = c.changesMayBeLate() ? " (as far as CloudTrail has delivered)" : "";
            if (c.correlated().isEmpty()) {
                clean.add("No change to " + c.path().label() + " or its targets in the 30 minutes before the onset" + delivered);
            }
            for (TypedChange ch : c.changes()) {
                CorrelationWindow.Fit fit = c.window().fit(ch.time());
                if (fit != CorrelationWindow.Fit.NONE && ch.kind() == ChangeKind.METADATA && c.path().touches(ch)) {
                    clean.add("On the path but harmless (tags/description only): " + ch.describe() + " at " + AnalysisContext.hhmm(ch.time())
                            + AnalysisContext.by(ch));
                } else if (fit != CorrelationWindow.Fit.NONE && !c.path().touches(ch)) {
                    clean.add("Not on the failing path: " + ch.eventName() + " " + target(ch) + " at " + AnalysisContext.hhmm(ch.time())
                            + AnalysisContext.by(ch) + (ch.failed() ? " (the call failed)" : ""));
                }
            }
        }
        for (String f : c.path().integrationFunctions()) {
            if (!c.metrics().lambda(f, "Throttles").isEmpty() && c.lambdaSum(f, "Throttles") == 0) {
                clean.add(f + ": no throttles");
            }
            boolean hasLogs = c.logs().all().stream().anyMatch(e -> f.equals(LogSignals.functionOf(e)));
            if (hasLogs && c.logs().lambdaLines(LogSignal.TASK_TIMED_OUT, f).isEmpty()) {
                clean.add(f + ": no timeouts in its logs");
            }
        }
        double latency = c.integrationLatency().max(c.episodeStart(), c.episodeEnd()).orElse(Double.NaN);
        // The same limit the integration-timeout rule uses, so the report never says both "requests hit the
        // 3000 ms timeout" and "latency stayed well below the timeout".
        long timeout = io.apigw5xx.responder.analysis.rules.IntegrationTimeoutRule.limit(c);
        if (!Double.isNaN(latency) && !c.logs().any(LogSignal.INTEGRATION_TIMEOUT) && latency < 0.8 * timeout) {
            clean.add("IntegrationLatency stayed well below the " + timeout + " ms integration timeout (max "
                    + Math.round(latency) + " ms)");
        }
        clean.addAll(c.staticChecks().clean());
        return clean;
    }

    /** REST alarms name the API; once topology has resolved the id, the findings (report, ledger) carry it too. */
    static Incident withResolvedApiId(Incident incident, Evidence evidence) {
        if (incident.api().id() != null || evidence.topology() == null || evidence.topology().apiId() == null) {
            return incident;
        }
        return incident.withApi(incident.api().withId(evidence.topology().apiId()));
    }

    private static String target(TypedChange ch) {
        if (ch.functionName() != null) {
            return ch.functionName();
        }
        if (ch.roleName() != null) {
            return "role " + ch.roleName();
        }
        if (ch.apiId() != null) {
            return "API " + ch.apiId();
        }
        return ch.eventSource();
    }

    private static Cause unknown(AnalysisContext c) {
        List<String> missing = new ArrayList<>();
        for (Gap g : gaps(c.evidence())) {
            missing.add(g.source().name().toLowerCase() + " (" + g.reason().name().toLowerCase().replace('_', ' ') + ")");
        }
        if (c.evidence().logs().isEmpty() && !c.evidence().hasGap(EvidenceSource.LOGS)) {
            missing.add("no log lines (execution logging may be off)");
        }
        String why = "no change on the failing path within 30 minutes before the onset and no failure signature in metrics or logs"
                + (missing.isEmpty() ? "" : "; missing: " + String.join(", ", missing));
        List<String> commands = new ArrayList<>();
        commands.add(c.commands().executionLogs("Execution failed|Method completed with status: 5"));
        c.path().integrationFunctions().forEach(f -> commands.add(c.commands().lambdaLogs(f, "ERROR|Exception|Task timed out")));
        if (c.evidence().topology() == null || !c.evidence().topology().executionLogging()) {
            commands.add(c.commands().enableExecutionLogs());
        }
        return new Cause(CauseKind.UNKNOWN, "Cause not identified", Confidence.LOW, why, List.of(), commands);
    }
}
