package io.apigw5xx.responder.trigger;

import static io.apigw5xx.responder.trigger.TriggerEvents.investigated;
import static io.apigw5xx.responder.trigger.TriggerEvents.refusal;
import static io.apigw5xx.responder.trigger.TriggerEvents.resolved;
import static io.apigw5xx.responder.trigger.TriggerEvents.tree;
import static io.apigw5xx.responder.trigger.TriggerEvents.with;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.apigw5xx.responder.incident.Alarm;
import io.apigw5xx.responder.incident.AlarmState;
import io.apigw5xx.responder.incident.ApiRef;
import io.apigw5xx.responder.incident.Incident;
import io.apigw5xx.responder.incident.TimeWindow;
import io.apigw5xx.responder.incident.TriggerSource;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class EventBridgeAlarmReaderTest {

    private static final Instant AT = Instant.parse("2026-03-14T09:42:17.481Z");
    private final TriggerParser parser = new TriggerParser("eu-west-1");

    @Test
    void parse_alarmStateChange_investigatesWithThresholdFromReasonData() {
        Incident incident = investigated(parser.parse(TriggerEvents.text("eventbridge-alarm.json")));

        assertThat(incident.source()).isEqualTo(TriggerSource.EVENTBRIDGE);
        assertThat(incident.account()).isEqualTo("123456789012");
        assertThat(incident.region()).isEqualTo("us-east-1");
        assertThat(incident.api()).isEqualTo(ApiRef.restByName("orders-api"));
        assertThat(incident.stage()).isEqualTo("prod");
        assertThat(incident.window()).isEqualTo(TimeWindow.around(AT));
        Alarm alarm = incident.alarm();
        assertThat(alarm.name()).isEqualTo("orders-api-prod-5xx");
        assertThat(alarm.arn()).isEqualTo("arn:aws:cloudwatch:us-east-1:123456789012:alarm:orders-api-prod-5xx");
        assertThat(alarm.state()).isEqualTo(AlarmState.ALARM);
        assertThat(alarm.previousState()).isEqualTo(AlarmState.OK);
        assertThat(alarm.reason()).startsWith("Threshold Crossed: 1 out of the last 1 datapoints [17.0");
        assertThat(alarm.threshold()).isEqualTo(5.0);
        assertThat(alarm.comparisonOperator()).as("EventBridge does not carry it").isNull();
        assertThat(alarm.metricName()).isEqualTo("5XXError");
        assertThat(alarm.statistic()).isEqualTo("Sum");
        assertThat(alarm.periodSeconds()).isEqualTo(60);
        assertThat(alarm.evaluationPeriods()).as("from recentDatapoints").isEqualTo(1);
        assertThat(alarm.stateChangeTime()).isEqualTo(AT);
    }

    @Test
    void parse_threeEvaluatedDatapoints_evaluationPeriodsIsThree() {
        String threePoints = TriggerEvents.text("eventbridge-alarm.json")
                .replace("\\\"recentDatapoints\\\":[17.0]", "\\\"recentDatapoints\\\":[11.0,15.0,17.0]");
        assertThat(threePoints).contains("[11.0,15.0,17.0]");

        Incident incident = investigated(parser.parse(threePoints));

        assertThat(incident.alarm().evaluationPeriods()).isEqualTo(3);
    }

    @Test
    void parse_noReasonData_thresholdUnknownButStillInvestigated() {
        String event = with("eventbridge-alarm.json", e -> ((ObjectNode) e.get("detail").get("state"))
                .put("reason", "Unchecked: Initial alarm creation").remove("reasonData"));

        assertThat(investigated(parser.parse(event)).alarm().threshold()).isNull();
    }

    @Test
    void parse_okState_resolved() {
        String event = with("eventbridge-alarm.json", e -> ((ObjectNode) e.get("detail").get("state")).put("value", "OK"));

        assertThat(resolved(parser.parse(event)).alarm().state()).isEqualTo(AlarmState.OK);
    }

    @Test
    void parse_httpApiMetricMath_readsApiIdAndMarksTheExpression() {
        String event = with("eventbridge-alarm.json", e -> ((ObjectNode) e.get("detail").get("configuration")).set("metrics", tree("""
                [{"expression": "100*m1/m2", "id": "e1", "label": "5xx rate", "returnData": true},
                 {"id": "m1", "metricStat": {"metric": {"dimensions": {"ApiId": "x7k2m9p4q1", "Stage": "$default"},
                   "name": "5xx", "namespace": "AWS/ApiGateway"}, "period": 60, "stat": "Sum"}, "returnData": false},
                 {"id": "m2", "metricStat": {"metric": {"dimensions": {"ApiId": "x7k2m9p4q1", "Stage": "$default"},
                   "name": "Count", "namespace": "AWS/ApiGateway"}, "period": 60, "stat": "Sum"}, "returnData": false}]""")));

        Incident incident = investigated(parser.parse(event));

        assertThat(incident.api()).isEqualTo(ApiRef.http("x7k2m9p4q1"));
        assertThat(incident.stage()).isEqualTo("$default");
        assertThat(incident.alarm().metricName()).isNull();
    }

    @Test
    void parse_otherDetailType_refusedNamingIt() {
        String event = with("eventbridge-alarm.json", e -> e.put("detail-type", "EC2 Instance State-change Notification")
                .put("source", "aws.ec2"));

        assertThat(refusal(parser.parse(event)))
                .contains("'EC2 Instance State-change Notification'", "'aws.ec2'", "CloudWatch Alarm State Change");
    }

    @Test
    void parse_otherMetric_refusedNamingIt() {
        String event = with("eventbridge-alarm.json", e -> ((ObjectNode) e.at("/detail/configuration/metrics/0/metricStat/metric"))
                .put("name", "Latency"));

        assertThat(refusal(parser.parse(event))).contains("AWS/ApiGateway metric 'Latency'");
    }

    @Test
    void parse_dimensionsAsArray_refusedNamingTheField() {
        String event = with("eventbridge-alarm.json", e -> ((ObjectNode) e.at("/detail/configuration/metrics/0/metricStat/metric"))
                .set("dimensions", tree("[{\"name\": \"ApiName\", \"value\": \"orders-api\"}]")));

        assertThat(refusal(parser.parse(event)))
                .contains("detail.configuration.metrics[0].metricStat.metric.dimensions is an array, expected an object");
    }

    @Test
    void parse_compositeAlarm_refused() {
        String event = with("eventbridge-alarm.json", e -> {
            ObjectNode configuration = (ObjectNode) e.get("detail").get("configuration");
            configuration.remove("metrics");
            configuration.put("alarmRule", "ALARM(a) OR ALARM(b)");
        });

        assertThat(refusal(parser.parse(event))).contains("composite alarm");
    }

    @Test
    void parse_badRegion_refused() {
        String event = with("eventbridge-alarm.json", e -> e.put("region", "US East (N. Virginia)"));

        assertThat(refusal(parser.parse(event))).contains("region 'US East (N. Virginia)' is not an AWS region code");
    }

    @Test
    void parse_alarmArnInAnotherRegionThanTheEvent_refused() {
        String event = with("eventbridge-alarm.json", e -> e.put("region", "eu-west-1"));

        assertThat(refusal(parser.parse(event)))
                .contains("alarm ARN is in region 'us-east-1' but the event says region 'eu-west-1'");
    }
}
