package io.apigw5xx.responder.trigger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * SNS → SQS → Lambda, and anything else a queue carries to the function: {@code Records[]} with
 * {@code eventSource "aws:sqs"}, each record's {@code body} a string. The body is the SNS JSON envelope
 * ({@code Type}, {@code TopicArn}, {@code Message}; raw delivery off), the alarm notification itself (raw delivery
 * on: {@code AlarmName} at the top), or any event the parser reads directly (an EventBridge alarm event sent to a
 * queue, a manual re-run, an internal follow-up). Each record is read on its own.
 */
final class SqsRecordReader {

    static final String EVENT_SOURCE = "aws:sqs";

    private final ObjectReader json;
    private final SnsAlarmReader sns;
    private final Function<JsonNode, TriggerOutcome> route;

    /** @param route reads a body that is not an SNS notification, as if it had been the whole event */
    SqsRecordReader(ObjectReader json, SnsAlarmReader sns, Function<JsonNode, TriggerOutcome> route) {
        this.json = json;
        this.sns = sns;
        this.route = route;
    }

    static boolean isQueueBatch(JsonNode root) {
        JsonNode records = root == null ? null : EventFields.present(root, "Records");
        if (records == null || !records.isArray() || records.isEmpty()) {
            return false;
        }
        JsonNode source = EventFields.present(records.get(0), "eventSource");
        return source != null && source.isTextual() && EVENT_SOURCE.equals(source.textValue());
    }

    /** Every record, each read under {@code guard} so that one record's refusal or bug stays its own. */
    QueuedTriggers readBatch(JsonNode root, Function<TriggerParser.Reading, TriggerOutcome> guard) {
        JsonNode records = root.get("Records");
        List<QueuedTriggers.Item> items = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            JsonNode record = records.get(i);
            String path = "Records[" + i + "]";
            JsonNode id = record.isObject() ? EventFields.present(record, "messageId") : null;
            String messageId = id != null && id.isTextual() && !id.textValue().isBlank() ? id.textValue() : null;
            items.add(new QueuedTriggers.Item(messageId, guard.apply(() -> record(record, path))));
        }
        return new QueuedTriggers(true, items);
    }

    /** An SQS event handed to {@link TriggerParser#parse}: only a batch of one can have one answer. */
    TriggerOutcome readSingle(JsonNode root) {
        JsonNode records = root.get("Records");
        if (records.size() != 1) {
            throw new TriggerRefusedException("SQS batch of " + records.size()
                    + " records: each record is answered on its own by the Lambda handler, not as one event");
        }
        return record(records.get(0), "Records[0]");
    }

    private TriggerOutcome record(JsonNode record, String path) {
        if (!record.isObject()) {
            throw new TriggerRefusedException(path + " is " + EventFields.kind(record) + ", expected an SQS record object");
        }
        String source = EventFields.optionalText(record, "eventSource", path);
        if (!EVENT_SOURCE.equals(source)) {
            throw new TriggerRefusedException(path + ".eventSource " + EventFields.quote(source) + " is not aws:sqs");
        }
        String region = EventFields.optionalText(record, "awsRegion", path);
        if (region != null) {
            AwsNames.region(region, path + ".awsRegion");
        }
        String bodyPath = path + ".body";
        JsonNode body = parse(EventFields.text(record, "body", path), bodyPath);
        if (EventFields.present(body, "Message") != null
                && (EventFields.present(body, "Type") != null || EventFields.present(body, "TopicArn") != null)) {
            return sns.readEnvelope(body, bodyPath, region);
        }
        if (EventFields.present(body, "AlarmName") != null) {
            return sns.readNotification(body, bodyPath, region);
        }
        if (isQueueBatch(body) || EventFields.present(body, "Records") != null) {
            throw new TriggerRefusedException(bodyPath + " is itself a batch of records; a queue message must hold one event");
        }
        return route.apply(body);
    }

    private JsonNode parse(String body, String path) {
        JsonNode node;
        try {
            node = json.readTree(body);
        } catch (JsonProcessingException notJson) {
            throw new TriggerRefusedException(path + " is not JSON (starts " + EventFields.quote(body) + ")");
        }
        if (node == null || !node.isObject()) {
            throw new TriggerRefusedException(path + " is JSON " + EventFields.kind(node) + ", expected an object");
        }
        return node;
    }
}
