package io.apigw5xx.responder.evidence;

import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * One metric as CloudWatch returned it. Periods without data are absent (CloudWatch does not zero-fill);
 * points are kept sorted oldest first whatever order the API used.
 *
 * @param id         the MetricDataQuery id
 * @param dimensions dimension name → value, exactly as queried
 * @param stat       {@code Sum}, {@code Average}, {@code Maximum}, {@code p99}, ...
 */
public record MetricSeries(
        String id,
        String namespace,
        String metricName,
        Map<String, String> dimensions,
        String stat,
        int periodSeconds,
        List<MetricPoint> points) {

    public MetricSeries {
        dimensions = dimensions == null ? Map.of() : Map.copyOf(dimensions);
        points = points == null
                ? List.of()
                : points.stream().sorted(Comparator.comparing(MetricPoint::timestamp)).toList();
    }

    public boolean is(String namespace, String metricName, String stat) {
        return this.namespace.equals(namespace) && this.metricName.equals(metricName) && this.stat.equalsIgnoreCase(stat);
    }

    public String dimension(String name) {
        return dimensions.get(name);
    }
}
