package io.apigw5xx.responder.trigger;

import static io.apigw5xx.responder.trigger.TriggerEvents.ignoredReason;
import static io.apigw5xx.responder.trigger.TriggerEvents.investigated;
import static io.apigw5xx.responder.trigger.TriggerEvents.load;
import static io.apigw5xx.responder.trigger.TriggerEvents.refusal;
import static io.apigw5xx.responder.trigger.TriggerEvents.resolved;
import static io.apigw5xx.responder.trigger.TriggerEvents.snsRecord;
import static io.apigw5xx.responder.trigger.TriggerEvents.snsWith;
import static io.apigw5xx.responder.trigger.TriggerEvents.tree;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.apigw5xx.responder.incident.Alarm;
import io.apigw5xx.responder.incident.AlarmState;
import io.apigw5xx.responder.incident.ApiRef;
import io.apigw5xx.responder.incident.Incident;
import io.apigw5xx.responder.incident.TimeWindow;
import io.apigw5xx.responder.incident.TriggerSource;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SnsAlarmReaderTest {

    private static final Instant AT = Instant.parse("2026-03-14T09:42:17.481Z");
    private final TriggerParser parser = new TriggerParser("eu-west-1");

    @Test
    void parse_restAlarm_investigatesTheStageWithTheWholeAlarm() {
        Incident incident = investigated(parser.parse(TriggerEvents.text("sns-alarm-rest.json")));

        assertThat(incident.source()).isEqualTo(TriggerSource.SNS);
        assertThat(incident.account()).isEqualTo("123456789012");
        assertThat(incident.region()).isEqualTo("us-east-1");
        assertThat(incident.api()).isEqualTo(ApiRef.restByName("orders-api"));
        assertThat(incident.stage()).isEqualTo("prod");
        assertThat(incident.at()).isEqualTo(AT);
        assertThat(incident.window()).isEqualTo(TimeWindow.around(AT));
        assertThat(incident.alarm()).isEqualTo(new Alarm(
                "orders-api-prod-5xx",
                "arn:aws:cloudwatch:us-east-1:123456789012:alarm:orders-api-prod-5xx",
                AlarmState.ALARM,
                AlarmState.OK,
                "Threshold Crossed: 1 out of the last 1 datapoints [17.0 (14/03/26 09:41:00)] was greater than the"
                        + " threshold (5.0) (minimum 1 datapoint for OK -> ALARM transition).",
                5.0,
                "GreaterThanThreshold",
                "AWS/ApiGateway",
                "5XXError",
                "Sum",
                60,
                1,
                AT));
    }

    @Test
    void parse_httpApiAlarm_investigatesByApiId() {
        Incident incident = investigated(parser.parse(TriggerEvents.text("sns-alarm-http-api.json")));

        assertThat(incident.api()).isEqualTo(ApiRef.http("x7k2m9p4q1"));
        assertThat(incident.stage()).isEqualTo("prod");
        assertThat(incident.alarm().metricName()).isEqualTo("5xx");
        assertThat(incident.alarm().name()).isEqualTo("orders-api-http-prod-5xx");
    }

    @Test
    void parse_okTransition_resolvesTheSameApiAndAlarm() {
        Incident fired = investigated(parser.parse(TriggerEvents.text("sns-alarm-rest.json")));

        Incident ok = resolved(parser.parse(TriggerEvents.text("sns-ok.json")));

        assertThat(ok.api()).isEqualTo(fired.api());
        assertThat(ok.stage()).isEqualTo(fired.stage());
        assertThat(ok.alarm().arn()).isEqualTo(fired.alarm().arn());
        assertThat(ok.alarm().state()).isEqualTo(AlarmState.OK);
        assertThat(ok.alarm().previousState()).isEqualTo(AlarmState.ALARM);
        assertThat(ok.at()).isEqualTo(Instant.parse("2026-03-14T10:03:17.502Z"));
    }

    @Test
    void parse_insufficientData_ignoredSayingWhy() {
        String event = snsWith("sns-alarm-rest.json", m -> m.put("NewStateValue", "INSUFFICIENT_DATA")
                .put("NewStateReason", "Insufficient Data: 1 datapoint was unknown."));

        assertThat(ignoredReason(parser.parse(event)))
                .contains("INSUFFICIENT_DATA", "orders-api-prod-5xx", "Insufficient Data: 1 datapoint was unknown.");
    }

    @Test
    void parse_percentileAlarm_keepsTheExtendedStatistic() {
        String event = snsWith("sns-alarm-rest.json", m -> {
            ObjectNode trigger = (ObjectNode) m.get("Trigger");
            trigger.remove("Statistic");
            trigger.put("StatisticType", "ExtendedStatistic").put("ExtendedStatistic", "p99");
        });

        assertThat(investigated(parser.parse(event)).alarm().statistic()).isEqualTo("p99");
    }

    @Test
    void parse_metricMathAlarm_readsApiFromThe5xxMetricAndKeepsTheExpressionThreshold() {
        String event = snsWith("sns-alarm-rest.json", m -> m.set("Trigger", tree("""
                {"Period": 60, "EvaluationPeriods": 3, "DatapointsToAlarm": 2,
                 "ComparisonOperator": "GreaterThanThreshold", "Threshold": 2.0,
                 "TreatMissingData": "notBreaching", "EvaluateLowSampleCountPercentile": "",
                 "Metrics": [
                   {"Expression": "100*m1/m2", "Id": "e1", "Label": "5xx rate %", "ReturnData": true},
                   {"Id": "m2", "ReturnData": false,
                    "MetricStat": {"Metric": {"Dimensions": [{"value": "orders-api", "name": "ApiName"}, {"value": "prod", "name": "Stage"}],
                                              "MetricName": "Count", "Namespace": "AWS/ApiGateway"}, "Period": 60, "Stat": "Sum"}},
                   {"Id": "m1", "ReturnData": false,
                    "MetricStat": {"Metric": {"Dimensions": [{"value": "orders-api", "name": "ApiName"}, {"value": "prod", "name": "Stage"}],
                                              "MetricName": "5XXError", "Namespace": "AWS/ApiGateway"}, "Period": 60, "Stat": "Sum"}}
                 ]}""")));

        Incident incident = investigated(parser.parse(event));

        assertThat(incident.api()).isEqualTo(ApiRef.restByName("orders-api"));
        assertThat(incident.alarm().metricName()).as("threshold applies to the expression").isNull();
        assertThat(incident.alarm().namespace()).isEqualTo("AWS/ApiGateway");
        assertThat(incident.alarm().threshold()).isEqualTo(2.0);
        assertThat(incident.alarm().statistic()).isEqualTo("Sum");
        assertThat(incident.alarm().evaluationPeriods()).isEqualTo(3);
        assertThat(incident.alarm().periodSeconds()).isEqualTo(60);
    }

    @Test
    void parse_metricMathWithoutA5xxMetric_refusedListingTheMetrics() {
        String event = snsWith("sns-alarm-rest.json", m -> m.set("Trigger", tree("""
                {"Threshold": 2.0, "Metrics": [
                   {"Expression": "m1/m2", "Id": "e1", "ReturnData": true},
                   {"Id": "m1", "MetricStat": {"Metric": {"MetricName": "4XXError", "Namespace": "AWS/ApiGateway"}, "Stat": "Sum"}},
                   {"Id": "m2", "MetricStat": {"Metric": {"MetricName": "Count", "Namespace": "AWS/ApiGateway"}, "Stat": "Sum"}}]}""")));

        assertThat(refusal(parser.parse(event)))
                .contains("none of the 2 metrics", "4XXError", "Count");
    }

    @Test
    void parse_regionDisplayName_takesTheRegionCodeFromTheAlarmArn() {
        String event = snsWith("sns-alarm-rest.json", m -> m.put("Region", "Europe (Ireland)")
                .put("AlarmArn", "arn:aws:cloudwatch:eu-west-1:123456789012:alarm:orders-api-prod-5xx"));

        assertThat(investigated(parser.parse(event)).region()).isEqualTo("eu-west-1");
    }

    @Test
    void parse_severalRecords_readsTheFirst() {
        ObjectNode envelope = load("sns-alarm-rest.json");
        ((ArrayNode) envelope.get("Records")).add(tree("{\"EventSource\": \"aws:sns\", \"Sns\": {\"Message\": \"hello\"}}"));

        assertThat(investigated(parser.parse(envelope.toString())).api().name()).isEqualTo("orders-api");
    }

    @Test
    void parse_emptyRecords_refused() {
        assertThat(refusal(parser.parse("{\"Records\": []}"))).contains("Records is empty");
    }

    @Test
    void parse_samLocalDefaultMessage_refusedAsNotAnAlarm() {
        ObjectNode envelope = load("sns-alarm-rest.json");
        ((ObjectNode) snsRecord(envelope).get("Sns")).put("Message", "example message");

        assertThat(refusal(parser.parse(envelope.toString())))
                .contains("Records[0].Sns.Message", "not JSON", "'example message'");
    }

    @Test
    void parse_jsonMessageThatIsNoAlarm_refusedNamingItsFields() {
        ObjectNode envelope = load("sns-alarm-rest.json");
        ((ObjectNode) snsRecord(envelope).get("Sns")).put("Message", "{\"orderId\": 42, \"status\": \"shipped\"}");

        assertThat(refusal(parser.parse(envelope.toString())))
                .contains("not a CloudWatch alarm notification", "no AlarmName", "'orderId'");
    }

    @Test
    void parse_s3Record_refusedAsNeitherSnsNorSqs() {
        String s3 = """
                {"Records": [{"eventVersion": "2.1", "eventSource": "aws:s3", "awsRegion": "us-east-1"}]}""";

        assertThat(refusal(parser.parse(s3))).contains("not an SNS or SQS record", "aws:s3");
    }

    @Test
    void parse_sqsRecordWithEmptyBody_refusedNamingTheBody() {
        String sqs = """
                {"Records": [{"messageId": "1", "body": "{}", "eventSource": "aws:sqs",
                  "eventSourceARN": "arn:aws:sqs:us-east-1:123456789012:q"}]}""";

        assertThat(refusal(parser.parse(sqs))).contains("unrecognised event", "no fields");
    }

    @ParameterizedTest
    @ValueSource(strings = {"4XXError", "Latency", "Count", "IntegrationLatency"})
    void parse_otherApiGatewayMetric_refusedNamingTheMetric(String metric) {
        String event = snsWith("sns-alarm-rest.json", m -> ((ObjectNode) m.get("Trigger")).put("MetricName", metric));

        assertThat(refusal(parser.parse(event)))
                .contains("AWS/ApiGateway metric '" + metric + "'", "not 5XXError (REST API) or 5xx (HTTP API)");
    }

    @Test
    void parse_otherNamespace_refusedNamingNamespaceAndMetric() {
        String event = snsWith("sns-alarm-rest.json", m -> ((ObjectNode) m.get("Trigger"))
                .put("Namespace", "AWS/Lambda").put("MetricName", "Errors"));

        assertThat(refusal(parser.parse(event))).contains("namespace 'AWS/Lambda'", "'Errors'", "not AWS/ApiGateway");
    }

    @Test
    void parse_missingStageDimension_investigatesEveryStage() {
        String event = snsWith("sns-alarm-rest.json", m -> ((ArrayNode) m.get("Trigger").get("Dimensions")).remove(1));

        Incident incident = investigated(parser.parse(event));
        assertThat(incident.stage()).isEqualTo(Incident.ALL_STAGES);
        assertThat(incident.scope().allStages()).isTrue();
        assertThat(incident.apiStageLabel()).isEqualTo("orders-api (all stages)");
    }

    @Test
    void parse_missingApiNameDimension_refused() {
        String event = snsWith("sns-alarm-rest.json", m -> ((ArrayNode) m.get("Trigger").get("Dimensions")).remove(0));

        assertThat(refusal(parser.parse(event))).contains("5XXError alarm has no ApiName dimension", "'Stage'");
    }

    @Test
    void parse_httpApiAlarmWithoutApiId_refused() {
        String event = snsWith("sns-alarm-http-api.json", m -> ((ObjectNode) m.get("Trigger").get("Dimensions").get(0))
                .put("name", "ApiName"));

        assertThat(refusal(parser.parse(event))).contains("5xx alarm has no ApiId dimension");
    }

    @Test
    void parse_perMethodMetricDimensions_investigatesTheStage() {
        String event = snsWith("sns-alarm-rest.json", m -> ((ArrayNode) m.get("Trigger").get("Dimensions"))
                .add(tree("{\"value\": \"/orders/{id}\", \"name\": \"Resource\"}"))
                .add(tree("{\"value\": \"GET\", \"name\": \"Method\"}")));

        Incident incident = investigated(parser.parse(event));

        assertThat(incident.api()).isEqualTo(ApiRef.restByName("orders-api"));
        assertThat(incident.stage()).isEqualTo("prod");
    }

    @Test
    void parse_duplicateDimension_refused() {
        String event = snsWith("sns-alarm-rest.json", m -> ((ArrayNode) m.get("Trigger").get("Dimensions"))
                .add(tree("{\"value\": \"staging\", \"name\": \"Stage\"}")));

        assertThat(refusal(parser.parse(event))).contains("names dimension 'Stage' twice");
    }

    @Test
    void parse_wrongCaseDimensionName_refused() {
        String event = snsWith("sns-alarm-rest.json", m -> ((ObjectNode) m.get("Trigger").get("Dimensions").get(0))
                .put("name", "apiname"));

        assertThat(refusal(parser.parse(event))).contains("no ApiName dimension", "'apiname'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"14/03/26 09:42:17", "2026-03-14T09:42:17.481", "yesterday", "1773481337481"})
    void parse_invalidStateChangeTime_refusedNamingTheField(String time) {
        String event = snsWith("sns-alarm-rest.json", m -> m.put("StateChangeTime", time));

        assertThat(refusal(parser.parse(event))).contains("Message.StateChangeTime", "is not a timestamp");
    }

    @Test
    void parse_missingStateChangeTime_refused() {
        String event = snsWith("sns-alarm-rest.json", m -> m.remove("StateChangeTime"));

        assertThat(refusal(parser.parse(event))).isEqualTo("Message.StateChangeTime is missing");
    }

    @Test
    void parse_unknownNewState_refused() {
        String event = snsWith("sns-alarm-rest.json", m -> m.put("NewStateValue", "FIRING"));

        assertThat(refusal(parser.parse(event))).contains("NewStateValue 'FIRING' is not ALARM, OK or INSUFFICIENT_DATA");
    }

    @Test
    void parse_periodOfTheWrongType_refusedNamingTheField() {
        String event = snsWith("sns-alarm-rest.json", m -> ((ObjectNode) m.get("Trigger")).put("Period", "60"));

        assertThat(refusal(parser.parse(event))).contains("Message.Trigger.Period is a string '60'");
    }

    @Test
    void parse_compositeAlarm_refused() {
        String event = snsWith("sns-alarm-rest.json", m -> {
            m.remove("Trigger");
            m.put("AlarmRule", "ALARM(orders-api-prod-5xx) AND ALARM(orders-lambda-errors)");
        });

        assertThat(refusal(parser.parse(event))).contains("composite alarm");
    }

    @Test
    void parse_eventBridgeEventForwardedThroughSns_investigatesAsSns() {
        ObjectNode envelope = load("sns-alarm-rest.json");
        ((ObjectNode) snsRecord(envelope).get("Sns")).put("Message", TriggerEvents.text("eventbridge-alarm.json"));

        Incident incident = investigated(parser.parse(envelope.toString()));

        assertThat(incident.source()).isEqualTo(TriggerSource.SNS);
        assertThat(incident.api()).isEqualTo(ApiRef.restByName("orders-api"));
    }
}
