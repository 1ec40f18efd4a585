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
    private final CompositeAlarmReader composites;

    AlarmStateChangeReader(ObjectReader json, CompositeAlarmReader composites) {
        this.json = json;
        this.composites = composites;
    }

    TriggerOutcome read(JsonNode data, String p, TriggerSource source, AlarmArn arn, String account, String region) {
        // The alarm lives in its ARN's region; an envelope naming another one is not an event CloudWatch sends,
        // and investigating either region would be a guess.
        if (!arn.region().equals(region)) {
            throw new TriggerRefusedException("the alarm ARN is in region " + EventFields.quote(arn.region())
                    + " but the event says region " + EventFields.quote(region) + ": refusing an inconsistent event");
        }
        String name = EventFields.text(data, "alarmName", p);
        JsonNode state = EventFields.object(data, "state", p);
        AlarmState value = AlarmOutcomes.state(EventFields.text(state, "value", p + ".state"), p + ".state.value");
        Instant changedAt = AlarmTimestamps.parse(EventFields.text(state, "timestamp", p + ".state"), p + ".state.timestamp");
        JsonNode previous = EventFields.optionalObject(data, "previousState", p);
        AlarmState previousValue = previous == null ? null
                : AlarmOutcomes.state(EventFields.optionalText(previous, "value", p + ".previousState"), p + ".previousState.value");

        JsonNode configuration = EventFields.object(data, "configuration", p);
        String reasonData = EventFields.optionalText(state, "reasonData", p + ".state");
        if (EventFields.present(configuration, "alarmRule") != null && EventFields.present(configuration, "metrics") == null) {
            return composites.read(new CompositeAlarmReader.Transition(source, name, arn, account, value, previousValue,
                    EventFields.optionalText(state, "reason", p + ".state"), changedAt,
                    triggeringAlarms(reasonData, p + ".state.reasonData")));
        }
        String mp = p + ".configuration.metrics";
        JsonNode items = EventFields.array(configuration, "metrics", p + ".configuration");
        AlarmMetricReader.Readout readout = AlarmMetricReader.listed(metrics(items, mp), null, mp);
        ApiTarget target = readout.target();

        Alarm alarm = new Alarm(
                name,
                arn.value(),
                value,
                previousValue,
                EventFields.optionalText(state, "reason", p + ".state"),
                readout.reading() == io.apigw5xx.responder.incident.ThresholdReading.ANOMALY_BAND ? null : threshold(reasonData),
                null,
                AlarmMetricReader.NAMESPACE,
                readout.expression() != null ? null : target.metric().name(),
                target.metric().statistic(),
                target.metric().periodSeconds(),
                // These events carry no EvaluationPeriods; the datapoints the alarm just evaluated tell how many
                // periods it looks at, so severity reads the same span as for the same alarm arriving by SNS.
                evaluatedPeriods(reasonData),
                changedAt,
                readout.expression(),
                readout.reading());
        return AlarmOutcomes.of(source, account, region, target, alarm);
    }

    private static List<AlarmQuery> metrics(JsonNode items, String path) {
        List<AlarmQuery> queries = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            String ip = path + "[" + i + "]";
            JsonNode item = items.get(i);
            if (!item.isObject()) {
                throw new TriggerRefusedException(ip + " is " + EventFields.kind(item) + ", expected an object");
            }
            String id = EventFields.optionalText(item, "id", ip);
            Boolean returnData = EventFields.optionalBoolean(item, "returnData", ip);
            JsonNode stat = EventFields.optionalObject(item, "metricStat", ip);
            if (stat == null) {
                // An expression entry; its inputs are the metricStat entries.
                String expression = EventFields.optionalText(item, "expression", ip);
                if (expression != null) {
                    queries.add(new AlarmQuery(id, expression, returnData, null));
                }
                continue;
            }
            String sp = ip + ".metricStat";
            JsonNode metric = EventFields.object(stat, "metric", sp);
            JsonNode dims = EventFields.optionalObject(metric, "dimensions", sp + ".metric");
            queries.add(new AlarmQuery(id, null, returnData, new AlarmMetric(
                    EventFields.optionalText(metric, "namespace", sp + ".metric"),
                    EventFields.optionalText(metric, "name", sp + ".metric"),
                    dims == null ? Map.of() : dimensions(dims, sp + ".metric.dimensions"),
                    EventFields.optionalText(stat, "stat", sp),
                    EventFields.optionalPositiveInt(stat, "period", sp))));
        }
        return queries;
    }

    /** A composite alarm's {@code reasonData}: {@code {"triggeringAlarms":[{"arn": ..., "state": {...}}]}}. */
    private List<String> triggeringAlarms(String reasonData, String path) {
        if (reasonData == null || reasonData.isBlank()) {
            return List.of();
        }
        JsonNode tree;
        try {
            tree = json.readTree(reasonData);
        } catch (JsonProcessingException unreadable) {
            throw new TriggerRefusedException(path + " is not JSON: the composite alarm's triggering children cannot be read");
        }
        return CompositeAlarmReader.childArns(tree, "triggeringAlarms", "arn", path);
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
