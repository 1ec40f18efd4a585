package io.apigw5xx.responder.trigger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import io.apigw5xx.responder.incident.Alarm;
import io.apigw5xx.responder.incident.AlarmState;
import io.apigw5xx.responder.incident.TriggerSource;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The camelCase alarm description shared by EventBridge's {@code detail} and an alarm action's {@code alarmData}:
 * {@code alarmName}, {@code state{value,reason,reasonData,timestamp}}, {@code previousState}, and
 * {@code configuration.metrics[].metricStat} with dimensions as an object map. Neither carries the comparison
 * operator or evaluation periods; the threshold is only inside {@code reasonData}, itself a JSON string.
 */
final class AlarmStateChangeReader {

    private final ObjectReader json;

    AlarmStateChangeReader(ObjectReader json) {
        this.json = json;
    }

    TriggerOutcome read(JsonNode data, String p, TriggerSource source, AlarmArn arn, String account, String region) {
        String name = EventFields.text(data, "alarmName", p);
        JsonNode state = EventFields.object(data, "state", p);
        AlarmState value = AlarmOutcomes.state(EventFields.text(state, "value", p + ".state"), p + ".state.value");
        Instant changedAt = AlarmTimestamps.parse(EventFields.text(state, "timestamp", p + ".state"), p + ".state.timestamp");
        JsonNode previous = EventFields.optionalObject(data, "previousState", p);
        AlarmState previousValue = previous == null ? null
                : AlarmOutcomes.state(EventFields.optionalText(previous, "value", p + ".previousState"), p + ".previousState.value");

        JsonNode configuration = EventFields.object(data, "configuration", p);
        if (EventFields.present(configuration, "alarmRule") != null && EventFields.present(configuration, "metrics") == null) {
            throw new TriggerRefusedException("alarm " + EventFields.quote(name)
                    + " is a composite alarm (alarmRule); point the 5XXError/5xx metric alarm itself at the responder");
        }
        String mp = p + ".configuration.metrics";
        JsonNode items = EventFields.array(configuration, "metrics", p + ".configuration");
        ApiTarget target = AlarmMetricReader.target(metrics(items, mp), mp);

        String reasonData = EventFields.optionalText(state, "reasonData", p + ".state");
        Alarm alarm = new Alarm(
                name,
                arn.value(),
                value,
                previousValue,
                EventFields.optionalText(state, "reason", p + ".state"),
                threshold(reasonData),
                null,
                AlarmMetricReader.NAMESPACE,
                hasExpression(items) ? null : target.metric().name(),
                target.metric().statistic(),
                target.metric().periodSeconds(),
                // These events carry no EvaluationPeriods; the datapoints the alarm just evaluated tell how many
                // periods it looks at, so severity reads the same span as for the same alarm arriving by SNS.
                evaluatedPeriods(reasonData),
                changedAt);
        return AlarmOutcomes.of(source, account, region, target, alarm);
    }

    private static List<AlarmMetric> metrics(JsonNode items, String path) {
        List<AlarmMetric> metrics = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            String ip = path + "[" + i + "]";
            JsonNode item = items.get(i);
            if (!item.isObject()) {
                throw new TriggerRefusedException(ip + " is " + EventFields.kind(item) + ", expected an object");
            }
            JsonNode stat = EventFields.optionalObject(item, "metricStat", ip);
            if (stat == null) {
                continue; // an expression entry; its inputs are the metricStat entries
            }
            String sp = ip + ".metricStat";
            JsonNode metric = EventFields.object(stat, "metric", sp);
            JsonNode dims = EventFields.optionalObject(metric, "dimensions", sp + ".metric");
            metrics.add(new AlarmMetric(
                    EventFields.optionalText(metric, "namespace", sp + ".metric"),
                    EventFields.optionalText(metric, "name", sp + ".metric"),
                    dims == null ? Map.of() : dimensions(dims, sp + ".metric.dimensions"),
                    EventFields.optionalText(stat, "stat", sp),
                    EventFields.optionalPositiveInt(stat, "period", sp)));
        }
        if (metrics.isEmpty()) {
            throw new TriggerRefusedException(path + " has no metricStat entry: the alarm names no metric to read");
        }
        return metrics;
    }

    /** Here dimensions are an object map: {@code {"ApiName": "orders-api", "Stage": "prod"}}. */
    private static Map<String, String> dimensions(JsonNode dims, String path) {
        Map<String, String> out = new LinkedHashMap<>();
        for (var it = dims.fields(); it.hasNext(); ) {
            var entry = it.next();
            if (!entry.getValue().isTextual()) {
                throw new TriggerRefusedException(path + "." + EventFields.quote(entry.getKey()) + " is "
                        + EventFields.kind(entry.getValue()) + ", expected a string");
            }
            out.put(entry.getKey(), entry.getValue().textValue());
        }
        return out;
    }

    private static boolean hasExpression(JsonNode items) {
        for (JsonNode item : items) {
            if (EventFields.present(item, "expression") != null) {
                return true;
            }
        }
        return false;
    }

    /** How many datapoints {@code reasonData} says were evaluated (1-100), else null. */
    private Integer evaluatedPeriods(String reasonData) {
        if (reasonData == null || reasonData.isBlank()) {
            return null;
        }
        try {
            JsonNode points = EventFields.present(json.readTree(reasonData), "recentDatapoints");
            return points != null && points.isArray() && !points.isEmpty() && points.size() <= 100 ? points.size() : null;
        } catch (JsonProcessingException unreadable) {
            return null;
        }
    }

    /**
     * The threshold from {@code reasonData}. It is descriptive only, so a missing or unreadable reasonData
     * leaves the threshold unknown rather than refusing an otherwise clear alarm.
     */
    private Double threshold(String reasonData) {
        if (reasonData == null || reasonData.isBlank()) {
            return null;
        }
        try {
            JsonNode threshold = EventFields.present(json.readTree(reasonData), "threshold");
            return threshold != null && threshold.isNumber() && Double.isFinite(threshold.doubleValue())
                    ? threshold.doubleValue() : null;
        } catch (JsonProcessingException unreadable) {
            return null;
        }
    }
}
