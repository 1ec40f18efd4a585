package io.apigw5xx.responder.analysis;

import io.apigw5xx.responder.evidence.MetricSeries;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds the series the analyzer reads in {@code Evidence.metrics}. Series ids are free; a series is found by
 * namespace, metric name, statistic and (for Lambda) the {@code FunctionName} dimension:
 * <ul>
 *   <li>{@code AWS/ApiGateway} {@code 5XXError} (REST) or {@code 5xx} (HTTP API), stat {@code Sum}: errors per minute</li>
 *   <li>{@code AWS/ApiGateway} {@code Count}, stat {@code Sum} (or {@code SampleCount}): requests per minute</li>
 *   <li>{@code AWS/ApiGateway} {@code Latency} and {@code IntegrationLatency}, stat {@code Maximum}, {@code p99}
 *       or {@code Average} (the first one present in that order)</li>
 *   <li>{@code AWS/Lambda} {@code Errors}, {@code Invocations}, {@code Throttles} (stat {@code Sum}),
 *       {@code Duration} ({@code Maximum}, then {@code p99}, then {@code Average}) and
 *       {@code ConcurrentExecutions} ({@code Maximum}) with dimension {@code FunctionName} = the function name</li>
 * </ul>
 * API series are expected at stage level ({@code ApiName}+{@code Stage} or {@code ApiId}+{@code Stage}); when
 * several match, the one with a {@code Stage} dimension and no route dimension wins. For a per-method alarm the
 * route's own series ({@code Resource}+{@code Method}, or {@code Route}) are read instead when its 5xx series has
 * datapoints: the alarm's threshold is about that route, and the stage's traffic would dilute its rate. Without
 * detailed metrics the route publishes nothing and the stage's series stand in. All periods are expected to be
 * 60 seconds.
 */
public final class MetricView {

    public static final String API_NAMESPACE = "AWS/ApiGateway";
    public static final String LAMBDA_NAMESPACE = "AWS/Lambda";
    private static final List<String> LATENCY_STATS = List.of("Maximum", "p99", "Average");

    private static final Set<String> ROUTE_DIMENSIONS = Set.of("Resource", "Method", "Route");

    private final List<MetricSeries> metrics;
    /** The per-method alarm's route dimensions when its own series are read; empty for stage-level series. */
    private final Map<String, String> route;

    public MetricView(List<MetricSeries> metrics) {
        this(metrics, Map.of());
    }

    /** {@code route}: a per-method alarm's route dimensions (empty for any other alarm). */
    public MetricView(List<MetricSeries> metrics, Map<String, String> route) {
        this.metrics = metrics == null ? List.of() : metrics;
        this.route = route == null || route.isEmpty() || !routePublished(this.metrics, route) ? Map.of() : Map.copyOf(route);
    }

    /** True when the API series read are the alarmed route's own, not the stage's. */
    public boolean readsRoute() {
        return !route.isEmpty();
    }

    private static boolean routePublished(List<MetricSeries> metrics, Map<String, String> route) {
        return metrics.stream().anyMatch(s -> API_NAMESPACE.equals(s.namespace())
                && Set.of("5XXError", "5xx").contains(s.metricName()) && matches(s, route) && !s.points().isEmpty());
    }

    private static boolean matches(MetricSeries s, Map<String, String> route) {
        return route.entrySet().stream().allMatch(e -> e.getValue().equals(s.dimension(e.getKey())));
    }

    private static boolean isRouteSeries(MetricSeries s) {
        return ROUTE_DIMENSIONS.stream().anyMatch(d -> s.dimension(d) != null);
    }

    public MinuteSeries apiErrors() {
        return MinuteSeries.of(api(Set.of("5XXError", "5xx"), List.of("Sum")));
    }

    public MinuteSeries apiCount() {
        return MinuteSeries.of(api(Set.of("Count"), List.of("Sum", "SampleCount")));
    }

    public MinuteSeries integrationLatency() {
        return MinuteSeries.of(api(Set.of("IntegrationLatency"), LATENCY_STATS));
    }

    public MinuteSeries latency() {
        return MinuteSeries.of(api(Set.of("Latency"), LATENCY_STATS));
    }

    public boolean hasApiErrors() {
        return api(Set.of("5XXError", "5xx"), List.of("Sum")) != null;
    }

    public MinuteSeries lambda(String function, String metricName) {
        List<String> stats = switch (metricName) {
            case "Duration" -> LATENCY_STATS;
            case "ConcurrentExecutions" -> List.of("Maximum");
            default -> List.of("Sum");
        };
        for (String stat : stats) {
            for (MetricSeries s : metrics) {
                if (s.is(LAMBDA_NAMESPACE, metricName, stat) && function.equals(s.dimension("FunctionName"))) {
                    return MinuteSeries.of(s);
                }
            }
        }
        return MinuteSeries.empty();
    }

    private MetricSeries api(Set<String> names, List<String> stats) {
        for (String stat : stats) {
            MetricSeries wantedWithoutStage = null;
            MetricSeries other = null;
            for (MetricSeries s : metrics) {
                if (API_NAMESPACE.equals(s.namespace()) && names.contains(s.metricName()) && s.stat().equalsIgnoreCase(stat)) {
                    boolean wanted = route.isEmpty() ? !isRouteSeries(s) : matches(s, route);
                    if (wanted && s.dimension("Stage") != null) {
                        return s;
                    }
                    if (wanted) {
                        wantedWithoutStage = wantedWithoutStage == null ? s : wantedWithoutStage;
                    } else {
                        other = other == null ? s : other;
                    }
                }
            }
            MetricSeries fallback = wantedWithoutStage != null ? wantedWithoutStage : other;
            if (fallback != null) {
                return fallback;
            }
        }
        return null;
    }
}
