package io.apigw5xx.responder.trigger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import io.apigw5xx.responder.incident.Alarm;
import io.apigw5xx.responder.incident.AlarmState;
import io.apigw5xx.responder.incident.TriggerSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Path (a): an alarm action published to SNS, delivered to Lambda as an SNS record whose {@code Message} is the
 * CloudWatch alarm notification as a JSON string. Only the first record is read: SNS delivers one per
 * invocation. An EventBridge alarm event forwarded through SNS is handed to {@link EventBridgeAlarmReader}.
 */
final class SnsAlarmReader {

    private static final String MESSAGE = "Records[0].Sns.Message";

    private final ObjectReader json;
    private final EventBridgeAlarmReader eventBridge;

    SnsAlarmReader(ObjectReader json, EventBridgeAlarmReader eventBridge) {
        this.json = json;
        this.eventBridge = eventBridge;
    }

    TriggerOutcome read(JsonNode root) {
        JsonNode records = EventFields.array(root, "Records", "");
        if (records.isEmpty()) {
            throw new TriggerRefusedException("Records is empty: no SNS record to read");
        }
        JsonNode first = records.get(0);
        if (!first.isObject()) {
            throw new TriggerRefusedException("Records[0] is " + EventFields.kind(first) + ", expected an SNS record object");
        }
        String eventSource = EventFields.optionalText(first, "EventSource", "Records[0]");
        if (eventSource != null && !eventSource.equals("aws:sns")) {
            throw new TriggerRefusedException("Records[0].EventSource " + EventFields.quote(eventSource) + " is not aws:sns");
        }
        if (EventFields.present(first, "Sns") == null && EventFields.present(first, "eventSource") != null) {
            // SQS, S3, DynamoDB streams ... spell it eventSource and carry no Sns object.
            throw new TriggerRefusedException("Records[0] is not an SNS record (eventSource is "
                    + EventFields.kind(first.get("eventSource")) + ")");
        }
        JsonNode sns = EventFields.object(first, "Sns", "Records[0]");
        JsonNode message = parseMessage(EventFields.text(sns, "Message", "Records[0].Sns"));
        if (EventFields.present(message, "detail-type") != null) {
            return eventBridge.read(message, TriggerSource.SNS);
        }
        if (EventFields.present(message, "AlarmName") == null) {
            throw new TriggerRefusedException(MESSAGE + " is not a CloudWatch alarm notification (no AlarmName; fields: "
                    + EventFields.fieldNames(message) + ")");
        }
        return notification(message);
    }

    private JsonNode parseMessage(String message) {
        JsonNode node;
        try {
            node = json.readTree(message);
        } catch (JsonProcessingException notJson) {
            throw new TriggerRefusedException(MESSAGE + " is not a CloudWatch alarm notification: not JSON (starts "
                    + EventFields.quote(message) + ")");
        }
        if (node == null || !node.isObject()) {
            throw new TriggerRefusedException(MESSAGE + " is not a CloudWatch alarm notification: JSON "
                    + EventFields.kind(node) + ", expected an object");
        }
        return node;
    }

    private TriggerOutcome notification(JsonNode n) {
        String p = "Message";
        String name = EventFields.text(n, "AlarmName", p);
        // Region in the notification is a display name ("US East (N. Virginia)"); the ARN carries the code.
        AlarmArn arn = AlarmArn.parse(EventFields.text(n, "AlarmArn", p), p + ".AlarmArn");
        String account = AwsNames.account(EventFields.optionalText(n, "AWSAccountId", p), p + ".AWSAccountId");
        AlarmState state = AlarmOutcomes.state(EventFields.text(n, "NewStateValue", p), p + ".NewStateValue");
        AlarmState previous = AlarmOutcomes.state(EventFields.optionalText(n, "OldStateValue", p), p + ".OldStateValue");
        String reason = EventFields.optionalText(n, "NewStateReason", p);
        var changedAt = AlarmTimestamps.parse(EventFields.text(n, "StateChangeTime", p), p + ".StateChangeTime");
        if (EventFields.present(n, "AlarmRule") != null && EventFields.present(n, "Trigger") == null) {
            throw new TriggerRefusedException("alarm " + EventFields.quote(name)
                    + " is a composite alarm (AlarmRule); point the 5XXError/5xx metric alarm itself at the responder");
        }
        String tp = p + ".Trigger";
        JsonNode trigger = EventFields.object(n, "Trigger", p);

        boolean metricList = EventFields.present(trigger, "Metrics") != null;
        List<AlarmMetric> metrics = metricList ? listedMetrics(trigger, tp) : List.of(singleMetric(trigger, tp));
        ApiTarget target = AlarmMetricReader.target(metrics, metricList ? tp + ".Metrics" : tp);
        boolean metricMath = metricList && hasExpression(trigger);
        Integer period = EventFields.optionalPositiveInt(trigger, "Period", tp);

        Alarm alarm = new Alarm(
                name,
                arn.value(),
                state,
                previous,
                reason,
                EventFields.optionalNumber(trigger, "Threshold", tp),
                EventFields.optionalText(trigger, "ComparisonOperator", tp),
                AlarmMetricReader.NAMESPACE,
                // The threshold of a metric-math alarm applies to the expression, not to the 5xx metric.
                metricMath ? null : target.metric().name(),
                target.metric().statistic(),
                period != null ? period : target.metric().periodSeconds(),
                EventFields.optionalPositiveInt(trigger, "EvaluationPeriods", tp),
                changedAt);
        return AlarmOutcomes.of(TriggerSource.SNS, account != null ? account : arn.account(), arn.region(), target, alarm);
    }

    private static AlarmMetric singleMetric(JsonNode trigger, String tp) {
        String statistic = EventFields.optionalText(trigger, "Statistic", tp);
        if (statistic == null) {
            // Percentile alarms: StatisticType "ExtendedStatistic" and ExtendedStatistic "p99" instead of Statistic.
            statistic = EventFields.optionalText(trigger, "ExtendedStatistic", tp);
        }
        return new AlarmMetric(
                EventFields.text(trigger, "Namespace", tp),
                EventFields.text(trigger, "MetricName", tp),
                dimensions(EventFields.array(trigger, "Dimensions", tp), tp + ".Dimensions"),
                cloudWatchStatistic(statistic),
                EventFields.optionalPositiveInt(trigger, "Period", tp));
    }

    private static List<AlarmMetric> listedMetrics(JsonNode trigger, String tp) {
        JsonNode items = EventFields.array(trigger, "Metrics", tp);
        List<AlarmMetric> metrics = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            String ip = tp + ".Metrics[" + i + "]";
            JsonNode item = items.get(i);
            if (!item.isObject()) {
                throw new TriggerRefusedException(ip + " is " + EventFields.kind(item) + ", expected an object");
            }
            JsonNode stat = EventFields.optionalObject(item, "MetricStat", ip);
            if (stat == null) {
                continue; // an expression such as 100*m1/m2; its inputs are the MetricStat entries
            }
            JsonNode metric = EventFields.object(stat, "Metric", ip + ".MetricStat");
            String mp = ip + ".MetricStat.Metric";
            JsonNode dims = EventFields.present(metric, "Dimensions");
            metrics.add(new AlarmMetric(
                    EventFields.optionalText(metric, "Namespace", mp),
                    EventFields.optionalText(metric, "MetricName", mp),
                    dims == null ? Map.of() : dimensions(EventFields.array(metric, "Dimensions", mp), mp + ".Dimensions"),
                    EventFields.optionalText(stat, "Stat", ip + ".MetricStat"),
                    EventFields.optionalPositiveInt(stat, "Period", ip + ".MetricStat")));
        }
        if (metrics.isEmpty()) {
            throw new TriggerRefusedException(tp + ".Metrics has no MetricStat entry: the alarm names no metric to read");
        }
        return metrics;
    }

    private static boolean hasExpression(JsonNode trigger) {
        for (JsonNode item : trigger.get("Metrics")) {
            if (EventFields.present(item, "Expression") != null) {
                return true;
            }
        }
        return false;
    }

    /** SNS dimensions are {@code [{"value": ..., "name": ...}]}. */
    private static Map<String, String> dimensions(JsonNode items, String path) {
        Map<String, String> dims = new LinkedHashMap<>();
        for (int i = 0; i < items.size(); i++) {
            String ip = path + "[" + i + "]";
            JsonNode item = items.get(i);
            if (!item.isObject()) {
                throw new TriggerRefusedException(ip + " is " + EventFields.kind(item) + ", expected {\"name\", \"value\"}");
            }
            String name = EventFields.text(item, "name", ip);
            String value = EventFields.text(item, "value", ip);
            if (dims.putIfAbsent(name, value) != null) {
                throw new TriggerRefusedException(path + " names dimension " + EventFields.quote(name) + " twice");
            }
        }
        return dims;
    }

    /** SNS spells statistics in upper case (SUM, SAMPLE_COUNT); GetMetricData wants Sum, SampleCount. */
    static String cloudWatchStatistic(String statistic) {
        if (statistic == null) {
            return null;
        }
        return switch (statistic) {
            case "SUM" -> "Sum";
            case "AVERAGE" -> "Average";
            case "MINIMUM" -> "Minimum";
            case "MAXIMUM" -> "Maximum";
            case "SAMPLE_COUNT" -> "SampleCount";
            default -> statistic;
        };
    }
}
