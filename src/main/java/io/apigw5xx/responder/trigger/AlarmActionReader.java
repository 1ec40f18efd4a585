package io.apigw5xx.responder.trigger;

import com.fasterxml.jackson.databind.JsonNode;
import io.apigw5xx.responder.incident.TriggerSource;

/**
 * Path (c): the alarm invokes the function directly ({@code CloudWatchMetricAlarmEvent}): {@code source},
 * {@code alarmArn}, {@code accountId}, {@code region}, and the alarm in {@code alarmData}.
 */
final class AlarmActionReader {

    private final AlarmStateChangeReader alarms;

    AlarmActionReader(AlarmStateChangeReader alarms) {
        this.alarms = alarms;
    }

    TriggerOutcome read(JsonNode root) {
        String source = EventFields.optionalText(root, "source", "");
        if (!EventBridgeAlarmReader.SOURCE.equals(source)) {
            throw new TriggerRefusedException("event has alarmData but source " + EventFields.quote(source)
                    + ", expected 'aws.cloudwatch'");
        }
        AlarmArn arn = AlarmArn.parse(EventFields.text(root, "alarmArn", ""), "alarmArn");
        String region = EventFields.optionalText(root, "region", "");
        String account = AwsNames.account(EventFields.optionalText(root, "accountId", ""), "accountId");
        JsonNode alarmData = EventFields.object(root, "alarmData", "");
        return alarms.read(alarmData, "alarmData", TriggerSource.ALARM_ACTION, arn,
                account != null ? account : arn.account(),
                region != null ? AwsNames.region(region, "region") : arn.region());
    }
}
