package io.apigw5xx.responder.trigger;

import io.apigw5xx.responder.incident.ApiRef;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Decides whether an alarm's metrics are an API Gateway 5xx metric and which API and stage they name. Shared by
 * every alarm shape, so each refusal ("another metric", "missing Stage") reads the same whatever the trigger.
 *
 * <p>REST APIs publish {@code AWS/ApiGateway 5XXError} keyed by {@code ApiName}; HTTP APIs publish
 * {@code AWS/ApiGateway 5xx} keyed by {@code ApiId}. Both need {@code Stage}: an API-wide alarm does not say
 * which stage to investigate. Extra dimensions (per-method metrics add {@code Resource}, {@code Method}) are
 * ignored; the investigation is per stage.
 */
final class AlarmMetricReader {

    static final String NAMESPACE = "AWS/ApiGateway";
    static final String REST_METRIC = "5XXError";
    static final String HTTP_METRIC = "5xx";

    private AlarmMetricReader() {}

    /**
     * The API and stage named by the first 5XXError/5xx metric among {@code metrics} (metric-math alarms list
     * several; the 5xx one is what the responder reads), refusing when there is none.
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
        String stage = dims.get("Stage");
        if (stage == null) {
            throw new TriggerRefusedException(metric.name() + " alarm has no Stage dimension in " + path
                    + " (dimensions: " + names(dims) + "); only per-stage alarms say which stage to investigate");
        }
        ApiRef api = rest
                ? ApiRef.restByName(AwsNames.apiName(apiValue, path + " dimension ApiName"))
                : ApiRef.http(AwsNames.apiId(apiValue, path + " dimension ApiId"));
        return new ApiTarget(api, AwsNames.stage(stage, path + " dimension Stage"), metric);
    }

    private static String names(Map<String, String> dims) {
        if (dims.isEmpty()) {
            return "none";
        }
        return dims.keySet().stream().sorted().limit(5).map(EventFields::quote).collect(Collectors.joining(", "));
    }
}
