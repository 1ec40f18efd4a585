package io.apigw5xx.responder.trigger;

import io.apigw5xx.responder.incident.ApiRef;
import io.apigw5xx.responder.incident.ThresholdReading;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Decides whether an alarm's metrics are an API Gateway 5xx metric and which API, stage and route they name, and
 * how the alarm's threshold reads against it. Shared by every alarm shape, so each refusal ("another metric",
 * "anomaly band on Latency") reads the same whatever the trigger.
 *
 * <p>REST APIs publish {@code AWS/ApiGateway 5XXError} keyed by {@code ApiName}; HTTP APIs publish
 * {@code AWS/ApiGateway 5xx} keyed by {@code ApiId}. Without {@code Stage} the metric is the whole API (every
 * stage); with {@code Method}+{@code Resource} (or an HTTP API's {@code Route}) it is one route of one stage.
 */
final class AlarmMetricReader {

    static final String NAMESPACE = "AWS/ApiGateway";
    static final String REST_METRIC = "5XXError";
    static final String HTTP_METRIC = "5xx";
    private static final Set<String> ROUTE_DIMENSIONS = Set.of("Method", "Resource", "Route");
    private static final Pattern BAND = Pattern.compile("\\s*ANOMALY_DETECTION_BAND\\s*\\(\\s*([A-Za-z0-9_]+)\\s*(,[^)]*)?\\)\\s*");

    private AlarmMetricReader() {}

    /** What an alarm on a list of metrics and expressions watches. */
    record Readout(ApiTarget target, String expression, ThresholdReading reading) {}

    /** A single-metric alarm: statistic Sum reads as errors, Average as a ratio. */
    static Readout single(AlarmMetric metric, String path) {
        ApiTarget target = target(List.of(metric), path);
        return new Readout(target, null, ThresholdReading.ofStatistic(metric.statistic()));
    }

    /**
     * A metric-math or anomaly-detection alarm: the API comes from its 5xx metric entry, the reading from the
     * expression it alarms on ({@code thresholdMetricId} names the band for SNS anomaly alarms; else the
     * returned expression).
     */
    static Readout listed(List<AlarmQuery> queries, String thresholdMetricId, String path) {
        List<AlarmMetric> metrics = new ArrayList<>();
        for (AlarmQuery q : queries) {
            if (q.metric() != null) {
                metrics.add(q.metric());
            }
        }
        if (metrics.isEmpty()) {
            throw new TriggerRefusedException(path + " has no metric entry (only expressions): the alarm names no metric to read");
        }
        AlarmQuery band = band(queries, thresholdMetricId);
        if (band != null) {
            return anomaly(queries, band, path);
        }
        ApiTarget target = target(metrics, path);
        AlarmQuery expression = alarmedExpression(queries);
        if (expression == null) {
            // A list with one metric and no expression is a single-metric alarm written the long way.
            return new Readout(target, null, ThresholdReading.ofStatistic(target.metric().statistic()));
        }
        return new Readout(target, shorten(expression.expression()), rateReading(expression.expression(), queries, target));
    }

    private static Readout anomaly(List<AlarmQuery> queries, AlarmQuery band, String path) {
        Matcher m = BAND.matcher(band.expression());
        String argument = m.matches() ? m.group(1) : null;
        AlarmQuery watched = argument == null ? null
                : queries.stream().filter(q -> argument.equals(q.id())).findFirst().orElse(null);
        if (watched != null && watched.metric() != null && !isApiGateway5xx(watched.metric())) {
            throw new TriggerRefusedException("anomaly-detection alarm watches " + EventFields.quote(watched.metric().label())
                    + " (" + EventFields.quote(band.expression()) + "), not AWS/ApiGateway 5XXError or 5xx");
        }
        List<AlarmMetric> metrics = watched != null && watched.metric() != null ? List.of(watched.metric())
                : queries.stream().map(AlarmQuery::metric).filter(java.util.Objects::nonNull).toList();
        return new Readout(target(metrics, path), shorten(band.expression()), ThresholdReading.ANOMALY_BAND);
    }

    /** The band entry: named by ThresholdMetricId, else the expression that is an ANOMALY_DETECTION_BAND. */
    private static AlarmQuery band(List<AlarmQuery> queries, String thresholdMetricId) {
        for (AlarmQuery q : queries) {
            if (q.expression() != null && BAND.matcher(q.expression()).matches()
                    && (thresholdMetricId == null || thresholdMetricId.equals(q.id()))) {
                return q;
            }
        }
        return null;
    }

    /** The expression the alarm compares with its threshold: the one returning data, else the only one. */
    private static AlarmQuery alarmedExpression(List<AlarmQuery> queries) {
        List<AlarmQuery> expressions = queries.stream().filter(q -> q.expression() != null).toList();
        List<AlarmQuery> returned = expressions.stream().filter(q -> !Boolean.FALSE.equals(q.returnData())).toList();
        if (!returned.isEmpty()) {
            return returned.getFirst();
        }
        return expressions.isEmpty() ? null : expressions.getFirst();
    }

    /**
     * {@code m1/m2} is a ratio and {@code 100*m1/m2} (and its usual spellings) a percentage when m1 is the 5xx
     * metric and m2 the same API's Count; anything else is reported, not interpreted.
     */
    static ThresholdReading rateReading(String expression, List<AlarmQuery> queries, ApiTarget target) {
        String errors = null;
        String count = null;
        for (AlarmQuery q : queries) {
            if (q.metric() == null || q.id() == null) {
                continue;
            }
            if (q.metric() == target.metric()) {
                errors = q.id();
            } else if (NAMESPACE.equals(q.metric().namespace()) && "Count".equals(q.metric().name())
                    && q.metric().dimensions().equals(target.metric().dimensions())) {
                count = q.id();
            }
        }
        if (errors == null || count == null) {
            return ThresholdReading.OTHER;
        }
        String e = expression.replaceAll("\\s+", "");
        while (e.startsWith("(") && e.endsWith(")") && balanced(e.substring(1, e.length() - 1))) {
            e = e.substring(1, e.length() - 1);
        }
        String ratio = errors + "/" + count;
        if (e.equals(ratio) || e.equals("(" + ratio + ")")) {
            return ThresholdReading.ERROR_RATIO;
        }
        Set<String> percent = Set.of("100*" + ratio, ratio + "*100", "100*(" + ratio + ")", "(" + ratio + ")*100",
                errors + "*100/" + count, "(100*" + errors + ")/" + count, "(" + errors + "*100)/" + count,
                "100.0*" + ratio, ratio + "*100.0");
        return percent.contains(e) ? ThresholdReading.ERROR_PERCENT : ThresholdReading.OTHER;
    }

    private static boolean balanced(String s) {
        int depth = 0;
        for (char c : s.toCharArray()) {
            depth += c == '(' ? 1 : c == ')' ? -1 : 0;
            if (depth < 0) {
                return false;
            }
        }
        return depth == 0;
    }

    /**
     * The API, stage and route named by the first 5XXError/5xx metric among {@code metrics} (metric-math alarms
     * list several; the 5xx one is what the responder reads), refusing when there is none.
     */
    static ApiTarget target(List<AlarmMetric> metrics, String path) {
        if (metrics.isEmpty()) {
            throw new TriggerRefusedException(path + " lists no metrics");
        }
        for (AlarmMetric metric : metrics) {
            if (isApiGateway5xx(metric)) {
                return apiTarget(metric, path);
            }
        }
        if (metrics.size() == 1) {
            throw notApiGateway5xx(metrics.get(0));
        }
        String found = metrics.stream().limit(4).map(m -> EventFields.quote(m.label())).collect(Collectors.joining(", "));
        throw new TriggerRefusedException("none of the " + metrics.size() + " metrics in " + path
                + " is AWS/ApiGateway 5XXError or 5xx (found " + found + (metrics.size() > 4 ? ", ..." : "") + ")");
    }

    private static boolean isApiGateway5xx(AlarmMetric metric) {
        return NAMESPACE.equals(metric.namespace())
                && (REST_METRIC.equals(metric.name()) || HTTP_METRIC.equals(metric.name()));
    }

    private static TriggerRefusedException notApiGateway5xx(AlarmMetric metric) {
        if (!NAMESPACE.equals(metric.namespace())) {
            return new TriggerRefusedException("alarm metric is in namespace " + EventFields.quote(metric.namespace())
                    + " (metric " + EventFields.quote(metric.name()) + "), not AWS/ApiGateway");
        }
        return new TriggerRefusedException("alarm is on AWS/ApiGateway metric " + EventFields.quote(metric.name())
                + ", not 5XXError (REST API) or 5xx (HTTP API)");
    }

    private static ApiTarget apiTarget(AlarmMetric metric, String path) {
        Map<String, String> dims = metric.dimensions();
        boolean rest = REST_METRIC.equals(metric.name());
        String apiKey = rest ? "ApiName" : "ApiId";
        String apiValue = dims.get(apiKey);
        if (apiValue == null) {
            throw new TriggerRefusedException(metric.name() + " alarm has no " + apiKey + " dimension in " + path
                    + " (dimensions: " + names(dims) + ")");
        }
        ApiRef api = rest
                ? ApiRef.restByName(AwsNames.apiName(apiValue, path + " dimension ApiName"))
                : ApiRef.http(AwsNames.apiId(apiValue, path + " dimension ApiId"));
        String stage = dims.get("Stage");
        Map<String, String> route = new LinkedHashMap<>();
        for (Map.Entry<String, String> d : dims.entrySet()) {
            if (ROUTE_DIMENSIONS.contains(d.getKey())) {
                route.put(d.getKey(), AwsNames.routePart(d.getValue(), path + " dimension " + d.getKey()));
            }
        }
        if (route.containsKey("Method") != route.containsKey("Resource")) {
            throw new TriggerRefusedException(metric.name() + " alarm has " + (route.containsKey("Method") ? "Method without Resource"
                    : "Resource without Method") + " in " + path + ": a per-method metric needs both");
        }
        return new ApiTarget(api, stage == null ? null : AwsNames.stage(stage, path + " dimension Stage"), metric, route);
    }

    private static String shorten(String expression) {
        return expression.length() <= 200 ? expression : expression.substring(0, 200) + "…";
    }

    private static String names(Map<String, String> dims) {
        if (dims.isEmpty()) {
            return "none";
        }
        return dims.keySet().stream().sorted().limit(5).map(EventFields::quote).collect(Collectors.joining(", "));
    }
}
