package io.apigw5xx.responder.evidence.aws;

import io.apigw5xx.responder.evidence.EvidenceSource;
import io.apigw5xx.responder.evidence.EvidenceUnavailableException;
import io.apigw5xx.responder.evidence.Gap;
import io.apigw5xx.responder.evidence.GapReason;
import io.apigw5xx.responder.evidence.LambdaTarget;
import io.apigw5xx.responder.evidence.MetricPoint;
import io.apigw5xx.responder.evidence.MetricSeries;
import io.apigw5xx.responder.evidence.MetricsSource;
import io.apigw5xx.responder.evidence.SourceResult;
import io.apigw5xx.responder.evidence.Topology;
import io.apigw5xx.responder.incident.ApiType;
import io.apigw5xx.responder.incident.Incident;
import io.apigw5xx.responder.incident.StageRate;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataResponse;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataResult;
import software.amazon.awssdk.services.cloudwatch.model.StatusCode;

/**
 * API and Lambda metrics in as few GetMetricData calls as the 500-query limit allows (one for an API with
 * up to 81 Lambda targets), 60-second period, over the part of the window that has happened. Series carry
 * namespace, metric name, dimensions and statistic exactly as queried: that is how the analyzer finds them.
 */
public final class CloudWatchMetricsAdapter implements MetricsSource {

    static final int MAX_QUERIES_PER_CALL = 500;
    static final int PERIOD_SECONDS = 60;
    private static final List<String> LATENCY_STATS = List.of("Average", "p99", "Maximum");

    private final CloudWatchClient cloudWatch;
    private final Clock clock;

    public CloudWatchMetricsAdapter(CloudWatchClient cloudWatch, Clock clock) {
        this.cloudWatch = cloudWatch;
        this.clock = clock;
    }

    /** A query and what it asks for, so results map back by id. */
    record Query(String id, String namespace, String metricName, Map<String, String> dimensions, String stat) {
        MetricDataQuery toSdk() {
            return MetricDataQuery.builder().id(id).returnData(true).metricStat(s -> s.period(PERIOD_SECONDS).stat(stat)
                    .metric(m -> m.namespace(namespace).metricName(metricName).dimensions(dimensions.entrySet().stream()
                            .map(d -> Dimension.builder().name(d.getKey()).value(d.getValue()).build()).toList())))
                    .build();
        }
    }

    @Override
    public SourceResult<List<MetricSeries>> metrics(Incident incident, Topology topology, Instant deadline) {
        List<Gap> gaps = new ArrayList<>();
        List<Query> queries = queries(incident, topology, gaps);
        CallDeadline calls = new CallDeadline(deadline, clock);
        Instant end = min(incident.window().to(), clock.instant()).truncatedTo(ChronoUnit.MINUTES).plus(1, ChronoUnit.MINUTES);
        Instant start = incident.window().from().truncatedTo(ChronoUnit.MINUTES);
        Map<String, List<MetricPoint>> points = new LinkedHashMap<>();
        Set<String> failed = new LinkedHashSet<>();
        for (int from = 0; from < queries.size(); from += MAX_QUERIES_PER_CALL) {
            List<Query> chunk = queries.subList(from, Math.min(queries.size(), from + MAX_QUERIES_PER_CALL));
            try {
                fetch(chunk, start, end, calls, points, failed);
            } catch (EvidenceUnavailableException e) {
                List<Query> plain = chunk.stream().filter(q -> !isPercentile(q.stat())).toList();
                if (e.reason() != GapReason.ERROR || plain.size() == chunk.size()) {
                    throw e;
                }
                // A server error on the batch: ask again without percentiles (the statistic emulators and some
                // proxies cannot compute) rather than lose every metric; the gap names what was dropped.
                fetch(plain, start, end, calls, points, failed);
                gaps.add(new Gap(EvidenceSource.METRICS, GapReason.INCOMPLETE, "percentile statistics dropped after "
                        + e.getMessage() + "; read Sum/Average/Maximum only"));
            }
        }
        List<MetricSeries> series = new ArrayList<>();
        for (Query q : queries) {
            series.add(new MetricSeries(q.id(), q.namespace(), q.metricName(), q.dimensions(), q.stat(), PERIOD_SECONDS,
                    points.getOrDefault(q.id(), List.of())));
        }
        if (!failed.isEmpty()) {
            gaps.add(new Gap(EvidenceSource.METRICS, GapReason.INCOMPLETE, "CloudWatch returned errors for " + failed));
        }
        if (series.stream().allMatch(s -> s.points().isEmpty())) {
            gaps.add(new Gap(EvidenceSource.METRICS, GapReason.NOT_FOUND, "CloudWatch has no datapoints for "
                    + incident.apiStageLabel() + " between " + start + " and " + end + " (wrong API name or stage, or no traffic)"));
        }
        return new SourceResult<>(series, gaps);
    }

    /** At most this many stages are compared (two queries each, one call). */
    static final int MAX_STAGES = MAX_QUERIES_PER_CALL / 2;
    /** Stage rates cover the alarm's evaluation window, but never less than this: the last minute may not be published yet. */
    static final long MIN_RATE_SECONDS = 300;

    /**
     * Each stage's 5xx and Count (Sum), in one GetMetricData call, summed over the alarm's evaluation window (at
     * least {@value #MIN_RATE_SECONDS} s) ending with the alarm's minute.
     */
    @Override
    public SourceResult<List<StageRate>> stageRates(Incident incident, List<String> stages, Instant deadline) {
        boolean rest = incident.api().type() == ApiType.REST;
        String apiKey = rest ? "ApiName" : "ApiId";
        String apiValue = rest ? incident.api().name() : incident.api().id();
        if (apiValue == null) {
            throw new EvidenceUnavailableException(GapReason.INCOMPLETE, "per-stage metrics of " + incident.api().label()
                    + " are keyed by " + apiKey + ", which is unknown");
        }
        List<String> compared = stages.stream().limit(MAX_STAGES).toList();
        List<Query> queries = new ArrayList<>();
        for (int i = 0; i < compared.size(); i++) {
            Map<String, String> dims = new LinkedHashMap<>();
            dims.put(apiKey, apiValue);
            dims.put("Stage", compared.get(i));
            queries.add(new Query("e" + i, "AWS/ApiGateway", rest ? "5XXError" : "5xx", dims, "Sum"));
            queries.add(new Query("c" + i, "AWS/ApiGateway", "Count", dims, "Sum"));
        }
        long seconds = Math.max(MIN_RATE_SECONDS, incident.alarm() == null ? 0 : incident.alarm().evaluationSeconds());
        Instant alarmEnd = incident.at().truncatedTo(ChronoUnit.MINUTES).plus(1, ChronoUnit.MINUTES);
        Instant end = min(alarmEnd, clock.instant().truncatedTo(ChronoUnit.MINUTES).plus(1, ChronoUnit.MINUTES));
        Instant start = alarmEnd.minusSeconds(seconds).truncatedTo(ChronoUnit.MINUTES);
        Map<String, List<MetricPoint>> points = new LinkedHashMap<>();
        Set<String> failed = new LinkedHashSet<>();
        fetch(queries, start, end, new CallDeadline(deadline, clock), points, failed);
        List<StageRate> rates = new ArrayList<>();
        for (int i = 0; i < compared.size(); i++) {
            List<MetricPoint> errors = points.getOrDefault("e" + i, List.of());
            List<MetricPoint> counts = points.getOrDefault("c" + i, List.of());
            rates.add(new StageRate(compared.get(i), Math.round(sum(errors)), counts.isEmpty() ? null : Math.round(sum(counts))));
        }
        List<Gap> gaps = new ArrayList<>();
        if (!failed.isEmpty()) {
            gaps.add(new Gap(EvidenceSource.METRICS, GapReason.INCOMPLETE, "CloudWatch returned errors for per-stage " + failed));
        }
        if (stages.size() > compared.size()) {
            gaps.add(new Gap(EvidenceSource.METRICS, GapReason.INCOMPLETE, "compared the first " + compared.size() + " of "
                    + stages.size() + " stages"));
        }
        return new SourceResult<>(rates, gaps);
    }

    private static double sum(List<MetricPoint> points) {
        return points.stream().mapToDouble(MetricPoint::value).sum();
    }

    private void fetch(List<Query> chunk, Instant start, Instant end, CallDeadline calls, Map<String, List<MetricPoint>> points,
            Set<String> failed) {
        List<MetricDataQuery> sdkQueries = chunk.stream().map(Query::toSdk).toList();
        String token = null;
        do {
            String next = token;
            GetMetricDataResponse page;
            try {
                page = cloudWatch.getMetricData(r -> r.metricDataQueries(sdkQueries).startTime(start).endTime(end)
                        .nextToken(next).overrideConfiguration(calls.override("cloudwatch:GetMetricData")));
            } catch (SdkException e) {
                throw AwsFailures.unavailable("cloudwatch:GetMetricData", e);
            }
            for (MetricDataResult result : page.metricDataResults()) {
                if (result.statusCode() == StatusCode.FORBIDDEN || result.statusCode() == StatusCode.INTERNAL_ERROR) {
                    failed.add(result.id() + " " + result.statusCodeAsString());
                }
                List<MetricPoint> list = points.computeIfAbsent(result.id(), k -> new ArrayList<>());
                for (int i = 0; i < Math.min(result.timestamps().size(), result.values().size()); i++) {
                    Double value = result.values().get(i);
                    if (value != null && !value.isNaN()) {
                        list.add(new MetricPoint(result.timestamps().get(i), value));
                    }
                }
            }
            token = page.nextToken();
        } while (token != null && !token.isEmpty());
    }

    static List<Query> queries(Incident incident, Topology topology, List<Gap> gaps) {
        List<Query> queries = new ArrayList<>();
        ApiType type = topology != null ? topology.apiType() : incident.api().type();
        Map<String, String> apiDimensions = new LinkedHashMap<>();
        if (type == ApiType.REST) {
            String name = topology != null && topology.apiName() != null ? topology.apiName() : incident.api().name();
            if (name == null) {
                gaps.add(new Gap(EvidenceSource.METRICS, GapReason.INCOMPLETE,
                        "REST API metrics are keyed by ApiName, and the name of " + incident.api().id() + " is unknown"));
            } else {
                apiDimensions.put("ApiName", name);
            }
        } else {
            apiDimensions.put("ApiId", topology != null ? topology.apiId() : incident.api().id());
        }
        if (!apiDimensions.isEmpty()) {
            apiDimensions.put("Stage", incident.stage());
            List<String> counts = type == ApiType.REST ? List.of("5XXError", "4XXError", "Count") : List.of("5xx", "4xx", "Count");
            for (String metric : counts) {
                add(queries, "AWS/ApiGateway", metric, apiDimensions, "Sum");
            }
            for (String metric : List.of("Latency", "IntegrationLatency")) {
                for (String stat : LATENCY_STATS) {
                    add(queries, "AWS/ApiGateway", metric, apiDimensions, stat);
                }
            }
            if (incident.scope().hasRoute()) {
                // A per-method alarm: the route's own errors and requests too (published only with detailed
                // metrics); the stage-level series above stay the ones the analysis reads first.
                Map<String, String> routeDimensions = new LinkedHashMap<>(apiDimensions);
                routeDimensions.putAll(incident.scope().routeDimensions());
                add(queries, "AWS/ApiGateway", counts.getFirst(), routeDimensions, "Sum");
                add(queries, "AWS/ApiGateway", "Count", routeDimensions, "Sum");
            }
        }
        Set<String> functions = new LinkedHashSet<>();
        if (topology != null) {
            topology.lambdaTargets().stream().filter(LambdaTarget::exists).map(LambdaTarget::functionName).forEach(functions::add);
        }
        for (String function : functions) {
            Map<String, String> dims = Map.of("FunctionName", function);
            for (String metric : List.of("Errors", "Invocations", "Throttles")) {
                add(queries, "AWS/Lambda", metric, dims, "Sum");
            }
            add(queries, "AWS/Lambda", "Duration", dims, "p99");
            add(queries, "AWS/Lambda", "Duration", dims, "Maximum");
            add(queries, "AWS/Lambda", "ConcurrentExecutions", dims, "Maximum");
        }
        if (queries.isEmpty()) {
            throw new EvidenceUnavailableException(GapReason.ERROR, "no metric to ask for: API name unknown and no Lambda targets");
        }
        return queries;
    }

    private static void add(List<Query> queries, String namespace, String metric, Map<String, String> dims, String stat) {
        // Ids must start with a lower-case letter and be unique per call.
        queries.add(new Query("m" + queries.size(), namespace, metric, new LinkedHashMap<>(dims), stat));
    }

    static boolean isPercentile(String stat) {
        return stat.length() > 1 && (stat.charAt(0) == 'p' || stat.startsWith("tm")) && Character.isDigit(stat.charAt(stat.length() - 1));
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
