package io.apigw5xx.responder.evidence;

import io.apigw5xx.responder.incident.Incident;
import io.apigw5xx.responder.incident.StageRate;
import java.util.Comparator;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs the four sources under one deadline: topology first (metrics and logs need its Lambda targets),
 * then metrics, changes and logs in parallel on virtual threads. Any source that fails or overruns becomes
 * a {@link Gap}; the others still arrive. Never throws.
 *
 * <p>Call counts come from a {@link CallMeter} snapshot before and after, so one meter must not be shared by
 * two investigations running at the same time (a Lambda container runs one at a time).
 */
public final class ParallelEvidenceGatherer implements EvidenceGatherer {

    private static final Logger LOG = Logger.getLogger(ParallelEvidenceGatherer.class.getName());

    private final TopologySource topologySource;
    private final MetricsSource metricsSource;
    private final ChangeSource changeSource;
    private final LogSource logSource;
    private final CallMeter meter;
    private final Clock clock;

    public ParallelEvidenceGatherer(TopologySource topologySource, MetricsSource metricsSource, ChangeSource changeSource,
            LogSource logSource, CallMeter meter, Clock clock) {
        this.topologySource = topologySource;
        this.metricsSource = metricsSource;
        this.changeSource = changeSource;
        this.logSource = logSource;
        this.meter = meter;
        this.clock = clock;
    }

    @Override
    public Evidence gather(Incident incident, Instant deadline) {
        Map<EvidenceSource, Integer> before = meter.snapshot();
        List<Gap> gaps = new ArrayList<>();
        ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
        try {
            // Topology gets at most half the time left, so a hanging API Gateway call still leaves time
            // for the other three sources.
            Instant now = clock.instant();
            Instant topologyDeadline = now.plus(Duration.between(now, deadline).dividedBy(2));
            SourceResult<Topology> topologyResult = await(EvidenceSource.TOPOLOGY,
                    executor.submit(() -> topologySource.topology(incident, topologyDeadline)), topologyDeadline, gaps);
            Topology topology = topologyResult == null ? null : topologyResult.value();

            Future<SourceResult<List<MetricSeries>>> metrics =
                    executor.submit(() -> metricsSource.metrics(incident, topology, deadline));
            Future<SourceResult<List<ChangeEvent>>> changes =
                    executor.submit(() -> changeSource.changes(incident, topology, deadline));
            Future<SourceResult<List<LogEvent>>> logs = executor.submit(() -> logSource.logs(incident, topology, deadline));

            SourceResult<List<MetricSeries>> metricsResult = await(EvidenceSource.METRICS, metrics, deadline, gaps);
            SourceResult<List<ChangeEvent>> changesResult = await(EvidenceSource.CHANGES, changes, deadline, gaps);
            SourceResult<List<LogEvent>> logsResult = await(EvidenceSource.LOGS, logs, deadline, gaps);

            return new Evidence(clock.instant(), incident.window(), valueOf(metricsResult), valueOf(changesResult),
                    valueOf(logsResult), topology, gaps, CallMeter.difference(before, meter.snapshot()));
        } finally {
            // shutdownNow, not close(): close() would wait for a source that is still hanging past the deadline.
            executor.shutdownNow();
        }
    }

    /**
     * An API-wide incident: its stages from the topology (one call), every stage's 5xx and Count in one
     * GetMetricData call, then the stage carrying the most errors (the busiest one if none shows errors yet).
     * At most a quarter of the time left goes here; the chosen stage's investigation needs the rest.
     */
    @Override
    public StageNarrowing narrow(Incident incident, Instant deadline) {
        if (!incident.stageUnknown()) {
            return StageNarrowing.unchanged(incident);
        }
        Map<EvidenceSource, Integer> before = meter.snapshot();
        List<Gap> gaps = new ArrayList<>();
        ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
        Incident narrowed = incident;
        try {
            Instant now = clock.instant();
            Instant narrowDeadline = now.plus(Duration.between(now, deadline).dividedBy(4));
            SourceResult<ApiStages> stagesResult = await(EvidenceSource.TOPOLOGY,
                    executor.submit(() -> topologySource.stages(incident, narrowDeadline)), narrowDeadline, gaps);
            if (stagesResult != null && stagesResult.value() != null) {
                ApiStages stages = stagesResult.value();
                Incident resolved = incident.withApi(stages.api());
                narrowed = resolved;
                if (stages.stages().isEmpty()) {
                    gaps.add(new Gap(EvidenceSource.TOPOLOGY, GapReason.NOT_FOUND, stages.api().label() + " has no stages"));
                } else {
                    SourceResult<List<StageRate>> rates = await(EvidenceSource.METRICS,
                            executor.submit(() -> metricsSource.stageRates(resolved, stages.stages(), narrowDeadline)), narrowDeadline, gaps);
                    narrowed = pickStage(resolved, stages.stages(), rates == null ? List.of() : rates.value(), gaps);
                }
            }
        } finally {
            executor.shutdownNow();
        }
        return new StageNarrowing(narrowed, CallMeter.difference(before, meter.snapshot()), gaps);
    }

    /** The stage with the most errors (then the highest rate); with no errors anywhere, the busiest stage, said in a gap. */
    static Incident pickStage(Incident incident, List<String> stages, List<StageRate> rates, List<Gap> gaps) {
        List<StageRate> ranked = rates.stream().sorted(Comparator.comparingLong(StageRate::errors).reversed()
                .thenComparing(Comparator.comparingDouble((StageRate r) -> Double.isNaN(r.ratePercent()) ? -1 : r.ratePercent()).reversed())
                .thenComparing(StageRate::stage)).toList();
        if (!ranked.isEmpty() && ranked.getFirst().errors() > 0) {
            return incident.narrowedTo(ranked.getFirst().stage(), ranked);
        }
        if (stages.size() == 1) {
            return incident.narrowedTo(stages.getFirst(), ranked);
        }
        if (ranked.isEmpty()) {
            gaps.add(new Gap(EvidenceSource.METRICS, GapReason.INCOMPLETE, "the failing stage of " + incident.api().label()
                    + " could not be told apart: per-stage metrics unavailable for " + String.join(", ", stages)));
            return incident;
        }
        StageRate busiest = ranked.stream().max(Comparator.comparingLong((StageRate r) -> r.requests() == null ? -1 : r.requests())
                .thenComparing(StageRate::stage, Comparator.reverseOrder())).orElseThrow();
        gaps.add(new Gap(EvidenceSource.METRICS, GapReason.INCOMPLETE, "no stage of " + incident.api().label()
                + " shows 5xx per stage yet; investigating the busiest, " + busiest.stage()));
        return incident.narrowedTo(busiest.stage(), ranked);
    }

    private static <T> List<T> valueOf(SourceResult<List<T>> result) {
        return result == null || result.value() == null ? List.of() : result.value();
    }

    private <T> SourceResult<T> await(EvidenceSource source, Future<SourceResult<T>> future, Instant deadline, List<Gap> gaps) {
        long waitMillis = Math.max(0, Duration.between(clock.instant(), deadline).toMillis());
        try {
            SourceResult<T> result = future.get(waitMillis, TimeUnit.MILLISECONDS);
            gaps.addAll(result.gaps());
            return result;
        } catch (TimeoutException e) {
            future.cancel(true);
            gaps.add(new Gap(source, GapReason.TIMEOUT, "no answer before the deadline " + deadline));
        } catch (ExecutionException e) {
            gaps.add(toGap(source, e.getCause()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            future.cancel(true);
            gaps.add(new Gap(source, GapReason.TIMEOUT, "interrupted while waiting"));
        }
        return null;
    }

    private static Gap toGap(EvidenceSource source, Throwable failure) {
        if (failure instanceof EvidenceUnavailableException unavailable) {
            LOG.log(Level.INFO, () -> source + " unavailable: " + unavailable.reason() + " " + unavailable.getMessage());
            return unavailable.toGap(source);
        }
        // A bug in an adapter must not cost the whole report: log it with its stack, report it as a gap.
        LOG.log(Level.WARNING, source + " failed unexpectedly", failure);
        return new Gap(source, GapReason.ERROR, failure.getClass().getSimpleName() + ": " + failure.getMessage());
    }
}
