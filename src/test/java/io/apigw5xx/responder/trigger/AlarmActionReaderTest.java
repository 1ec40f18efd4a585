package io.apigw5xx.responder.trigger;

import static io.apigw5xx.responder.trigger.TriggerEvents.investigated;
import static io.apigw5xx.responder.trigger.TriggerEvents.refusal;
import static io.apigw5xx.responder.trigger.TriggerEvents.with;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.apigw5xx.responder.incident.AlarmState;
import io.apigw5xx.responder.incident.ApiRef;
import io.apigw5xx.responder.incident.Incident;
import io.apigw5xx.responder.incident.TriggerSource;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class AlarmActionReaderTest {

    private final TriggerParser parser = new TriggerParser("eu-west-1");

    @Test
    void parse_alarmAction_investigates() {
        Incident incident = investigated(parser.parse(TriggerEvents.text("alarm-action.json")));

        assertThat(incident.source()).isEqualTo(TriggerSource.ALARM_ACTION);
        assertThat(incident.account()).isEqualTo("123456789012");
        assertThat(incident.region()).isEqualTo("us-east-1");
        assertThat(incident.api()).isEqualTo(ApiRef.restByName("orders-api"));
        assertThat(incident.stage()).isEqualTo("prod");
        assertThat(incident.at()).isEqualTo(Instant.parse("2026-03-14T09:42:17.481Z"));
        assertThat(incident.alarm().state()).isEqualTo(AlarmState.ALARM);
        assertThat(incident.alarm().previousState()).isEqualTo(AlarmState.OK);
        assertThat(incident.alarm().threshold()).isEqualTo(5.0);
        assertThat(incident.alarm().metricName()).isEqualTo("5XXError");
    }

    @Test
    void parse_noRegionField_takesRegionFromTheAlarmArn() {
        String event = with("alarm-action.json", e -> e.remove("region"));

        assertThat(investigated(parser.parse(event)).region()).isEqualTo("us-east-1");
    }

    @Test
    void parse_otherSource_refused() {
        String event = with("alarm-action.json", e -> e.put("source", "my.app"));

        assertThat(refusal(parser.parse(event))).contains("source 'my.app'", "aws.cloudwatch");
    }

    @Test
    void parse_malformedAlarmArn_refused() {
        String event = with("alarm-action.json", e -> e.put("alarmArn", "arn:aws:sns:us-east-1:123456789012:api-alarms"));

        assertThat(refusal(parser.parse(event))).contains("alarmArn", "is not a CloudWatch alarm ARN");
    }

    @Test
    void parse_missingStateTimestamp_refused() {
        String event = with("alarm-action.json", e -> ((ObjectNode) e.get("alarmData").get("state")).remove("timestamp"));

        assertThat(refusal(parser.parse(event))).isEqualTo("alarmData.state.timestamp is missing");
    }
}
