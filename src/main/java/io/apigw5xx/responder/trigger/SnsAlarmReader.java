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
 * Through SQS the same notification arrives as the SNS envelope in a record's body, or (raw message delivery)
 * as the notification itself: {@link #readEnvelope} and {@link #readNotification}.
 *
 * <p>Notifications from before 2016 carry no {@code AlarmArn}: the region then comes from the topic or
 * subscription ARN, the SQS record's region, or (last) the display name in {@code Region}; the account from
 * {@code AWSAccountId}.
 */
final class SnsAlarmReader {

    private static final String MESSAGE = "Records[0].Sns.Message";

    /** Where a notification came from, for what the notification itself may not say (old ones: no AlarmArn). */
    record Envelope(String topicArn, String subscriptionArn, String queueRegion) {
        static final Envelope NONE = new Envelope(null, null, null);
    }

    private final ObjectReader json;
    private final EventBridgeAlarmReader eventBridge;
    private final CompositeAlarmReader composites;

    SnsAlarmReader(ObjectReader json, EventBridgeAlarmReader eventBridge, CompositeAlarmReader composites) {
        this.json = json;
        this.eventBridge = eventBridge;
        this.composites = composites;
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
            // S3, DynamoDB streams ... spell it eventSource and carry no Sns object (SQS is routed before this).
            throw new TriggerRefusedException("Records[0] is not an SNS or SQS record (eventSource is "
                    + EventFields.kind(first.get("eventSource")) + ")");
        }
        JsonNode sns = EventFields.object(first, "Sns", "Records[0]");
        Envelope envelope = new Envelope(EventFields.optionalText(sns, "TopicArn", "Records[0].Sns"),
                EventFields.optionalText(first, "EventSubscriptionArn", "Records[0]"), null);
        return message(EventFields.text(sns, "Message", "Records[0].Sns"), MESSAGE, envelope);
    }

    /** An SQS body holding the SNS JSON envelope ({@code Type}, {@code TopicArn}, {@code Message}, ...). */
    TriggerOutcome readEnvelope(JsonNode body, String path, String queueRegion) {
        String type = EventFields.optionalText(body, "Type", path);
        if (type != null && !type.equals("Notification")) {
            throw new TriggerRefusedException(path + ".Type " + EventFields.quote(type) + " is not an SNS Notification");
        }
        Envelope envelope = new Envelope(EventFields.optionalText(body, "TopicArn", path), null, queueRegion);
        return message(EventFields.text(body, "Message", path), path + ".Message", envelope);
    }

    /** An alarm notification object itself (SNS raw message delivery to SQS). */
    TriggerOutcome readNotification(JsonNode message, String path, String queueRegion) {
        return notification(message, path, new Envelope(null, null, queueRegion));
    }

    private TriggerOutcome message(String text, String path, Envelope envelope) {
        JsonNode message = parseMessage(text, path);
        if (EventFields.present(message, "detail-type") != null) {
            return eventBridge.read(message, TriggerSource.SNS);
        }
        if (EventFields.present(message, "AlarmName") == null) {
            throw new TriggerRefusedException(path + " is not a CloudWatch alarm notification (no AlarmName; fields: "
                    + EventFields.fieldNames(message) + ")");
        }
        return notification(message, "Message", envelope);
    }

    private JsonNode parseMessage(String message, String path) {
        JsonNode node;
        try {
            node = json.readTree(message);
        } catch (JsonProcessingException notJson) {
            throw new TriggerRefusedException(path + " is not a CloudWatch alarm notification: not JSON (starts "
                    + EventFields.quote(message) + ")");
        }
        if (node == null || !node.isObject()) {
            throw new TriggerRefusedException(path + " is not a CloudWatch alarm notification: JSON "
                    + EventFields.kind(node) + ", expected an object");
        }
        return node;
    }

    private TriggerOutcome notification(JsonNode n, String p, Envelope envelope) {
        String name = EventFields.text(n, "AlarmName", p);
        String account = AwsNames.account(EventFields.optionalText(n, "AWSAccountId", p), p + ".AWSAccountId");
        AlarmArn arn = alarmArn(n, p, name, account, envelope);
        AlarmState state = AlarmOutcomes.state(EventFields.text(n, "NewStateValue", p), p + ".NewStateValue");
        AlarmState previous = AlarmOutcomes.state(EventFields.optionalText(n, "OldStateValue", p), p + ".OldStateValue");
        String reason = EventFields.optionalText(n, "NewStateReason", p);
        var changedAt = AlarmTimestamps.parse(EventFields.text(n, "StateChangeTime", p), p + ".StateChangeTime");
        if (EventFields.present(n, "AlarmRule") != null && EventFields.present(n, "Trigger") == null) {
            return composites.read(new CompositeAlarmReader.Transition(TriggerSource.SNS, name, arn,
                    account != null ? account : arn.account(), state, previous, reason, changedAt,
                    triggeringChildren(n, p)));
        }
        String tp = p + ".Trigger";
        JsonNode trigger = EventFields.object(n, "Trigger", p);

        boolean metricList = EventFields.present(trigger, "Metrics") != null;
        AlarmMetricReader.Readout readout = metricList
                ? AlarmMetricReader.listed(listedMetrics(trigger, tp), EventFields.optionalText(trigger, "ThresholdMetricId", tp), tp + ".Metrics")
                : AlarmMetricReader.single(singleMetric(trigger, tp), tp);
        ApiTarget target = readout.target();
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
                readout.expression() != null ? null : target.metric().name(),
                target.metric().statistic(),
                period != null ? period : target.metric().periodSeconds(),
                EventFields.optionalPositiveInt(trigger, "EvaluationPeriods", tp),
                changedAt,
                readout.expression(),
                readout.reading());
        return AlarmOutcomes.of(TriggerSource.SNS, account != null ? account : arn.account(), arn.region(), target, alarm);
    }

    /**
     * The alarm's ARN, or for an old notification without one, the ARN it must have had: region from the topic or
     * subscription ARN, the queue's region, or the {@code Region} display name, in that order of trust.
     */
    private static AlarmArn alarmArn(JsonNode n, String p, String name, String account, Envelope envelope) {
        String given = EventFields.optionalText(n, "AlarmArn", p);
        if (given != null) {
            return AlarmArn.parse(given, p + ".AlarmArn");
        }
        String[] topic = snsArn(envelope.topicArn());
        String[] subscription = snsArn(envelope.subscriptionArn());
        String region = topic != null ? topic[3] : subscription != null ? subscription[3] : envelope.queueRegion();
        String partition = topic != null ? topic[1] : subscription != null ? subscription[1] : "aws";
        String displayName = EventFields.optionalText(n, "Region", p);
        if (region == null) {
            region = RegionNames.code(displayName);
        }
        if (region == null) {
            throw new TriggerRefusedException(p + " has no AlarmArn, and neither a topic ARN nor its Region "
                    + EventFields.quote(displayName) + " says which region the alarm is in");
        }
        String owner = account != null ? account : topic != null && !topic[4].isEmpty() ? topic[4] : null;
        if (owner == null) {
            throw new TriggerRefusedException(p + " has neither AlarmArn nor AWSAccountId: no account to investigate in");
        }
        return AlarmArn.parse("arn:" + partition + ":cloudwatch:" + region + ":" + owner + ":alarm:" + name, p + " (alarm ARN rebuilt from "
                + (topic != null ? "TopicArn" : subscription != null ? "EventSubscriptionArn" : envelope.queueRegion() != null
                ? "the SQS record's awsRegion" : "Region") + ")");
    }

    /** {@code arn:<partition>:sns:<region>:<account>:<topic>[:<subscription>]} split, or null when it is not one. */
    private static String[] snsArn(String arn) {
        if (arn == null) {
            return null;
        }
        String[] parts = arn.split(":", 7);
        return parts.length >= 6 && parts[0].equals("arn") && parts[1].startsWith("aws") && parts[2].equals("sns")
                && !parts[3].isEmpty() ? parts : null;
    }

    /** SNS composite notifications: {@code TriggeringChildren[{Arn, State{Value, Timestamp}}]}. */
    private static java.util.List<String> triggeringChildren(JsonNode n, String p) {
        return CompositeAlarmReader.childArns(n, "TriggeringChildren", "Arn", p);
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

    private static List<AlarmQuery> listedMetrics(JsonNode trigger, String tp) {
        JsonNode items = EventFields.array(trigger, "Metrics", tp);
        List<AlarmQuery> queries = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            String ip = tp + ".Metrics[" + i + "]";
            JsonNode item = items.get(i);
            if (!item.isObject()) {
                throw new TriggerRefusedException(ip + " is " + EventFields.kind(item) + ", expected an object");
            }
            String id = EventFields.optionalText(item, "Id", ip);
            Boolean returnData = EventFields.optionalBoolean(item, "ReturnData", ip);
            JsonNode stat = EventFields.optionalObject(item, "MetricStat", ip);
            if (stat == null) {
                // An expression such as 100*m1/m2 or ANOMALY_DETECTION_BAND(m1, 2); its inputs are the MetricStat entries.
                String expression = EventFields.optionalText(item, "Expression", ip);
                if (expression != null) {
                    queries.add(new AlarmQuery(id, expression, returnData, null));
                }
                continue;
            }
            JsonNode metric = EventFields.object(stat, "Metric", ip + ".MetricStat");
            String mp = ip + ".MetricStat.Metric";
            JsonNode dims = EventFields.present(metric, "Dimensions");
            queries.add(new AlarmQuery(id, null, returnData, new AlarmMetric(
                    EventFields.optionalText(metric, "Namespace", mp),
                    EventFields.optionalText(metric, "MetricName", mp),
                    dims == null ? Map.of() : dimensions(EventFields.array(metric, "Dimensions", mp), mp + ".Dimensions"),
                    EventFields.optionalText(stat, "Stat", ip + ".MetricStat"),
                    EventFields.optionalPositiveInt(stat, "Period", ip + ".MetricStat"))));
        }
        return queries;
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
