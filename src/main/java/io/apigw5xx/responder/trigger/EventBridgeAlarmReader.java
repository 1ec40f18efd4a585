package io.apigw5xx.responder.trigger;

import com.fasterxml.jackson.databind.JsonNode;
import io.apigw5xx.responder.incident.TriggerSource;

/**
 * Path (b): an EventBridge rule on {@code CloudWatch Alarm State Change}. The alarm is in {@code detail}; the
 * envelope gives region, account and (in {@code resources[0]}) the alarm ARN.
 */
final class EventBridgeAlarmReader {

    static final String DETAIL_TYPE = "CloudWatch Alarm State Change";
    static final String SOURCE = "aws.cloudwatch";

    private final AlarmStateChangeReader alarms;

    EventBridgeAlarmReader(AlarmStateChangeReader alarms) {
        this.alarms = alarms;
    }

    /** @param source EVENTBRIDGE, or SNS when a rule forwarded the event through a topic */
    TriggerOutcome read(JsonNode root, TriggerSource source) {
        String detailType = EventFields.optionalText(root, "detail-type", "");
        String eventSource = EventFields.optionalText(root, "source", "");
        if (!DETAIL_TYPE.equals(detailType) || !SOURCE.equals(eventSource)) {
            throw new TriggerRefusedException("EventBridge event with detail-type " + EventFields.quote(detailType)
                    + " from source " + EventFields.quote(eventSource) + " is not a '" + DETAIL_TYPE + "' from " + SOURCE);
        }
        JsonNode resources = EventFields.array(root, "resources", "");
        JsonNode first = resources.isEmpty() ? null : resources.get(0);
        if (first == null || !first.isTextual()) {
            throw new TriggerRefusedException("resources[0] is " + EventFields.kind(first) + ", expected the alarm ARN");
        }
        AlarmArn arn = AlarmArn.parse(first.textValue(), "resources[0]");
        String region = AwsNames.region(EventFields.text(root, "region", ""), "region");
        String account = AwsNames.account(EventFields.optionalText(root, "account", ""), "account");
        JsonNode detail = EventFields.object(root, "detail", "");
        return alarms.read(detail, "detail", source, arn, account != null ? account : arn.account(), region);
    }
}
