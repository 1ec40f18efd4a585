package io.apigw5xx.responder.analysis;

import io.apigw5xx.responder.evidence.MetricPoint;
import io.apigw5xx.responder.evidence.MetricSeries;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.NavigableMap;
import java.util.OptionalDouble;
import java.util.TreeMap;

/**
 * One metric as minute → value. Absent minutes stay absent: CloudWatch does not zero-fill, and "no
 * datapoint" (no traffic, or not published yet) must not be read as "zero errors".
 */
public final class MinuteSeries {

    private static final MinuteSeries EMPTY = new MinuteSeries(new TreeMap<>());

    private final NavigableMap<Instant, Double> values;

    private MinuteSeries(NavigableMap<Instant, Double> values) {
        this.values = Collections.unmodifiableNavigableMap(values);
    }

    public static MinuteSeries empty() {
        return EMPTY;
    }

    /** Points are bucketed by minute; several points in one minute (5-minute periods excluded) are summed. */
    public static MinuteSeries of(MetricSeries series) {
        if (series == null) {
            return EMPTY;
        }
        TreeMap<Instant, Double> map = new TreeMap<>();
        for (MetricPoint p : series.points()) {
            if (Double.isFinite(p.value())) {
                map.merge(minute(p.timestamp()), p.value(), Double::sum);
            }
        }
        return new MinuteSeries(map);
    }

    public static Instant minute(Instant t) {
        return t.truncatedTo(ChronoUnit.MINUTES);
    }

    public boolean isEmpty() {
        return values.isEmpty();
    }

    public boolean has(Instant minute) {
        return values.containsKey(minute);
    }

    /** The value at that minute, or NaN when CloudWatch had no datapoint. */
    public double at(Instant minute) {
        Double v = values.get(minute);
        return v == null ? Double.NaN : v;
    }

    /** Values in [from, to). */
    public NavigableMap<Instant, Double> between(Instant from, Instant to) {
        return values.subMap(from, true, to, false);
    }

    public double sum(Instant from, Instant to) {
        return between(from, to).values().stream().mapToDouble(Double::doubleValue).sum();
    }

    public OptionalDouble max(Instant from, Instant to) {
        return between(from, to).values().stream().mapToDouble(Double::doubleValue).max();
    }

    public OptionalDouble mean(Instant from, Instant to) {
        return between(from, to).values().stream().mapToDouble(Double::doubleValue).average();
    }

    public NavigableMap<Instant, Double> all() {
        return values;
    }

    /** First minute in [from, to) whose value exceeds the limit, or null. */
    public Instant firstAbove(Instant from, Instant to, double limit) {
        return between(from, to).entrySet().stream()
                .filter(e -> e.getValue() > limit)
                .map(java.util.Map.Entry::getKey)
                .findFirst()
                .orElse(null);
    }
}
