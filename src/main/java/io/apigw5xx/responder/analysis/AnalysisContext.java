package io.apigw5xx.responder.analysis;

import io.apigw5xx.responder.evidence.Evidence;
import io.apigw5xx.responder.evidence.EvidenceSource;
import io.apigw5xx.responder.evidence.Gap;
import io.apigw5xx.responder.evidence.GapReason;
import io.apigw5xx.responder.evidence.LogEvent;
import io.apigw5xx.responder.incident.ApiType;
import io.apigw5xx.responder.incident.Incident;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * Everything the cause rules read, computed once per investigation: the error timeline, the pattern, the
 * interpreted changes split by the failing path and the correlation window, and the classified log lines.
 *
 * @param correlated on-path changes in the prime window, or (only when there are none) in the wide window
 * @param widened    true when {@code correlated} came from the 5–30 minute window
 */
public record AnalysisContext(
        Incident incident,
        Evidence evidence,
        Instant now,
        MetricView metrics,
        MinuteSeries apiErrors,
        MinuteSeries apiCount,
        MinuteSeries integrationLatency,
        ErrorTimeline timeline,
        Instant onset,
        PatternClassifier.Result pattern,
        CorrelationWindow window,
        List<TypedChange> changes,
        List<TypedChange> onPath,
        List<TypedChange> correlated,
        boolean widened,
        FailingPath path,
        LogSignals logs,
        StaticChecks.Result staticChecks,
        CommandBook commands) {

    private static final DateTimeFormatter HHMM = DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneOffset.UTC);

    public ApiType apiType() {
        return evidence.topology() != null ? evidence.topology().apiType() : incident.api().type();
    }

    /**
     * True when a CloudTrail gap means a recent change can be neither blamed nor ruled out. CloudTrail's
     * delivery-delay notice does not count: the adapter adds it on every live run, and it only means the newest
     * few minutes may not be listed yet (see {@link #changesMayBeLate()}).
     */
    public boolean changesUnavailable() {
        return evidence.gaps().stream().anyMatch(g -> g.source() == EvidenceSource.CHANGES && !isDeliveryDelay(g));
    }

    /**
     * True when changes shortly before the onset may not have been delivered by CloudTrail yet: the onset is
     * younger than CloudTrail's delivery delay at {@code now} (or, without a {@code now}, when the bundle was
     * collected), or the adapter said so and no time tells otherwise.
     */
    public boolean changesMayBeLate() {
        Instant reference = now != null ? now : evidence.collectedAt();
        if (reference != null && onset != null) {
            return Duration.between(onset, reference).compareTo(RunbookAnalyzer.CLOUDTRAIL_DELAY) < 0;
        }
        return evidence.gaps().stream().anyMatch(AnalysisContext::isDeliveryDelay);
    }

    /**
     * CloudTrail's "events arrive up to 15 minutes late" notice: detail "delivery delay: ...", or the wording
     * older adapters wrote ("CloudTrail delivers events about 5 (up to 15) minutes after the call: ... may not
     * be listed yet") so saved bundles read the same.
     */
    public static boolean isDeliveryDelay(Gap g) {
        if (g.source() != EvidenceSource.CHANGES || g.reason() != GapReason.INCOMPLETE) {
            return false;
        }
        String d = g.detail().strip().toLowerCase(Locale.ROOT);
        return d.startsWith("delivery delay:")
                || (d.contains("delivers") && (d.contains("late") || d.contains("not be listed yet")));
    }

    /** Correlated on-path changes that match, newest first (the last one is what is live). */
    public List<TypedChange> correlated(Predicate<TypedChange> filter) {
        return correlated.stream().filter(filter).sorted(Comparator.comparing(TypedChange::time).reversed()).toList();
    }

    public CorrelationWindow.Fit fit(TypedChange c) {
        return window.fit(c.time());
    }

    /**
     * The errors began at a detected onset after at least 10 minutes with data and no bad minute: whatever fails
     * now worked before, so a check failing now is a state that flipped, not a long-standing misconfiguration.
     */
    public boolean workedBeforeOnset() {
        if (timeline.onset() == null) {
            return false;
        }
        long clean = timeline.minutes().stream().filter(m -> m.at().isBefore(timeline.onset()) && m.requests() > 0).count();
        boolean anyBadBefore = timeline.minutes().stream().anyMatch(m -> m.at().isBefore(timeline.onset()) && m.bad());
        return clean >= 10 && !anyBadBefore;
    }

    /**
     * The stage's configuration is known to be older than the 30-minute window: its deployment (and the stage's own
     * last update, when read) date from before it. A check failing on such a configuration is long-standing, and
     * the errors starting at the onset mean traffic reached it, not that it changed.
     */
    public boolean stageConfigurationLongStanding() {
        var t = evidence.topology();
        if (t == null || t.stamps() == null || t.stamps().deploymentCreated() == null) {
            return false;
        }
        Instant windowStart = onset.minus(CorrelationWindow.WIDE);
        Instant stage = t.stamps().stageLastUpdated();
        return t.stamps().deploymentCreated().isBefore(windowStart) && (stage == null || stage.isBefore(windowStart));
    }

    /** Where the episode is read from: the onset, or the last 15 minutes before the alarm without one. */
    public Instant episodeStart() {
        return onset != null ? onset : MinuteSeries.minute(incident.at()).minus(Duration.ofMinutes(15));
    }

    public Instant episodeEnd() {
        Instant end = evidence.window().to();
        return now != null && now.isBefore(end) ? now : end;
    }

    /**
     * Did the function's Errors (Sum per minute) rise after {@code since}? Compares the mean of the
     * peak from then to the end of the evidence (at least 15 minutes) with the mean of the 15 minutes before; null when the metric was not gathered.
     */
    public Boolean lambdaErrorsRose(String function, Instant since) {
        MinuteSeries errors = metrics.lambda(function, "Errors");
        if (errors.isEmpty()) {
            return null;
        }
        Instant s = MinuteSeries.minute(since);
        double before = errors.mean(s.minus(Duration.ofMinutes(15)), s).orElse(0);
        Instant afterEnd = s.plus(Duration.ofMinutes(15));
        if (episodeEnd().isAfter(afterEnd)) {
            afterEnd = episodeEnd();
        }
        double after = errors.max(s, afterEnd).orElse(0);
        return after >= 3 && after > 2 * before + 1;
    }

    public long lambdaSum(String function, String metric) {
        return Math.round(metrics.lambda(function, metric).sum(episodeStart(), episodeEnd()));
    }

    public double lambdaMax(String function, String metric) {
        return metrics.lambda(function, metric).max(episodeStart(), episodeEnd()).orElse(Double.NaN);
    }

    public long apiErrorsInEpisode() {
        return Math.round(apiErrors.sum(episodeStart(), episodeEnd()));
    }

    /** " by gha-deploy-8812", or what is known when only the resource's own timestamp shows the change. */
    public static String by(TypedChange c) {
        if (c.actor() != null) {
            return " by " + c.actor();
        }
        return c.actorUnknown() ? " (who: not known yet, CloudTrail has no record of it so far)" : "";
    }

    /**
     * A change seen only in a resource's own timestamp has no actor: a cause resting on such changes alone stays
     * at MEDIUM unless the metrics or logs confirm it on their own ({@code confirmed}).
     */
    public static Confidence capUnattributed(List<TypedChange> changes, Confidence confidence, boolean confirmed) {
        boolean unattributed = !changes.isEmpty() && changes.stream().allMatch(TypedChange::actorUnknown);
        return unattributed && !confirmed && confidence == Confidence.HIGH ? Confidence.MEDIUM : confidence;
    }

    /** Lambda log lines of the function that were written by the given version ({@code [43]} in the stream name). */
    public List<LogEvent> linesOfVersion(List<LogEvent> lines, String version) {
        if (version == null) {
            return List.of();
        }
        return lines.stream().filter(e -> e.logStream() != null && e.logStream().contains("[" + version + "]")).toList();
    }

    public EvidenceItem changeItem(TypedChange c) {
        String source = switch (c.origin()) {
            case CLOUDTRAIL -> "source: CloudTrail";
            case BOTH -> "source: CloudTrail and the resource's own timestamp";
            case RESOURCE_TIMESTAMP -> "source: the resource's own timestamp (no CloudTrail record yet)";
        };
        return new EvidenceItem(c.time(), c.describe() + " — " + path.why(c) + "; " + window.relative(c.time()) + " (" + source + ")",
                c.actor(), c.functionName() != null ? c.functionName() : c.roleName() != null ? c.roleName() : c.apiId(),
                c.eventId(), c.origin());
    }

    public EvidenceItem logItem(LogEvent e) {
        return new EvidenceItem(e.timestamp(), LogSignals.firstLine(e), null,
                LogSignals.functionOf(e), e.logGroup());
    }

    public EvidenceItem metricItem(Instant time, String summary, String resource, String reference) {
        return new EvidenceItem(time, summary, null, resource, reference);
    }

    public static String hhmm(Instant t) {
        return t == null ? "?" : HHMM.format(t);
    }
}
