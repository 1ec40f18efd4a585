package io.apigw5xx.responder.trigger;

import static io.apigw5xx.responder.trigger.TriggerEvents.investigated;
import static io.apigw5xx.responder.trigger.TriggerEvents.refusal;
import static io.apigw5xx.responder.trigger.TriggerEvents.snsWith;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.apigw5xx.responder.incident.Alarm;
import io.apigw5xx.responder.incident.ApiRef;
import io.apigw5xx.responder.incident.Incident;
import io.apigw5xx.responder.incident.ThresholdReading;
import io.apigw5xx.responder.incident.TriggerSource;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The alarm shapes users really configure (API-wide, per-method, metric-math rate, anomaly band, composite, old SNS
 * without AlarmArn), each from the sample in events/ or the shape AWS documents, and the near misses that must
 * stay one-line refusals.
 */
class AlarmShapesTest {

    private static final Instant AT = Instant.parse("2026-03-14T09:42:17.481Z");
    private final TriggerParser parser = new TriggerParser("us-east-1");

    @Nested
    class ApiWide {
        @Test
        void restAlarmWithApiNameOnly_investigatesEveryStage() {
            Incident incident = investigated(parser.parse(TriggerEvents.text("sns-alarm-rest-api-wide.json")));

            assertThat(incident.api()).isEqualTo(ApiRef.restByName("orders-api"));
            assertThat(incident.stage()).isEqualTo(Incident.ALL_STAGES);
            assertThat(incident.stageUnknown()).isTrue();
            assertThat(incident.scope().allStages()).isTrue();
            assertThat(incident.scope().hasRoute()).isFalse();
            assertThat(incident.alarm().reading()).isEqualTo(ThresholdReading.ERROR_COUNT);
            assertThat(incident.alarm().threshold()).isEqualTo(5.0);
        }

        @Test
        void httpApiAlarmWithApiIdOnly_investigatesEveryStage() {
            Incident incident = investigated(parser.parse(TriggerEvents.text("eventbridge-alarm-http-api-wide.json")));

            assertThat(incident.source()).isEqualTo(TriggerSource.EVENTBRIDGE);
            assertThat(incident.api()).isEqualTo(ApiRef.http("x7k2m9p4q1"));
            assertThat(incident.apiStageLabel()).isEqualTo("x7k2m9p4q1 (all stages)");
            assertThat(incident.scope().summary()).isEqualTo("alarm covers every stage; the failing stage could not be told apart");
        }

        @Test
        void okOfAnApiWideAlarm_isResolvedForEveryStage() {
            String event = snsWith("sns-alarm-rest-api-wide.json", m -> m.put("NewStateValue", "OK").put("OldStateValue", "ALARM"));

            assertThat(TriggerEvents.resolved(parser.parse(event)).apiStageLabel()).isEqualTo("orders-api (all stages)");
        }
    }

    @Nested
    class PerMethod {
        @Test
        void restMethodAlarm_investigatesItsStageAndKeepsTheRoute() {
            Incident incident = investigated(parser.parse(TriggerEvents.text("sns-alarm-per-method.json")));

            assertThat(incident.stage()).isEqualTo("prod");
            assertThat(incident.scope().allStages()).isFalse();
            assertThat(incident.scope().routeDimensions()).containsOnly(Map.entry("Resource", "/orders/{id}"), Map.entry("Method", "GET"));
            assertThat(incident.scope().routeLabel()).isEqualTo("GET /orders/{id}");
            assertThat(incident.scope().summary()).isEqualTo("alarm covers one route: GET /orders/{id}");
        }

        @Test
        void httpRouteAlarm_keepsTheRouteKey() {
            String event = snsWith("sns-alarm-http-api.json", m -> ((ArrayNode) m.get("Trigger").get("Dimensions"))
                    .addObject().put("value", "POST /payments").put("name", "Route"));

            Incident incident = investigated(parser.parse(event));
            assertThat(incident.scope().routeLabel()).isEqualTo("POST /payments");
            assertThat(incident.stage()).isEqualTo("prod");
        }

        @Test
        void methodWithoutResource_refused() {
            String event = snsWith("sns-alarm-per-method.json", m -> ((ArrayNode) m.get("Trigger").get("Dimensions")).remove(1));

            assertThat(refusal(parser.parse(event))).contains("Method without Resource");
        }
    }

    @Nested
    class MetricMath {
        @Test
        void rateExpressionSample_readsAPercentage() {
            Alarm alarm = investigated(parser.parse(TriggerEvents.text("sns-alarm-metric-math-rate.json"))).alarm();

            assertThat(alarm.reading()).isEqualTo(ThresholdReading.ERROR_PERCENT);
            assertThat(alarm.expression()).isEqualTo("100*m1/m2");
            assertThat(alarm.threshold()).isEqualTo(2.0);
            assertThat(alarm.metricName()).isNull();
            assertThat(alarm.evaluationPeriods()).isEqualTo(3);
            assertThat(alarm.readingLabel()).isEqualTo("100*m1/m2 > 2 % of requests");
        }

        /** The documented multiple-metrics fixture shape (aws-lambda-go / -rust), API-wide, with its odd TreatMissingData. */
        @Test
        void documentedFixtureShape_apiWideRateAlarm() {
            String event = snsWith("sns-alarm-rest.json", m -> m.set("Trigger", TriggerEvents.tree("""
                    {"Period":60,"EvaluationPeriods":1,"ComparisonOperator":"GreaterThanThreshold","Threshold":5.0,
                     "TreatMissingData":"- TreatMissingData:                    missing","EvaluateLowSampleCountPercentile":"",
                     "Metrics":[
                      {"Id":"e1","Expression":"m1/m2*100","Label":"5xx %","ReturnData":true},
                      {"Id":"m1","ReturnData":false,"MetricStat":{"Metric":{"Dimensions":[{"value":"orders-api","name":"ApiName"}],
                        "MetricName":"5XXError","Namespace":"AWS/ApiGateway"},"Period":60,"Stat":"Sum"}},
                      {"Id":"m2","ReturnData":false,"MetricStat":{"Metric":{"Dimensions":[{"value":"orders-api","name":"ApiName"}],
                        "MetricName":"Count","Namespace":"AWS/ApiGateway"},"Period":60,"Stat":"Sum"}}]}""")));

            Incident incident = investigated(parser.parse(event));
            assertThat(incident.scope().allStages()).isTrue();
            assertThat(incident.alarm().reading()).isEqualTo(ThresholdReading.ERROR_PERCENT);
            assertThat(incident.alarm().expression()).isEqualTo("m1/m2*100");
        }

        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
            "100*m1/m2       | ERROR_PERCENT",
            "(m1 / m2) * 100 | ERROR_PERCENT",
            "100 * (m1/m2)   | ERROR_PERCENT",
            "m1*100/m2       | ERROR_PERCENT",
            "m1/m2           | ERROR_RATIO",
            "(m1/m2)         | ERROR_RATIO",
            "m2/m1*100       | OTHER",
            "m1+m2           | OTHER",
            "100*m1/m3       | OTHER",
            "IF(m2>0, 100*m1/m2, 0) | OTHER"})
        void expressionReading(String expression, ThresholdReading expected) {
            String event = TriggerEvents.text("sns-alarm-metric-math-rate.json").replace("100*m1/m2", expression.replace("\"", ""));

            assertThat(investigated(parser.parse(event)).alarm().reading()).isEqualTo(expected);
        }

        @Test
        void countOfAnotherStage_isNotARate() {
            String event = snsWith("sns-alarm-metric-math-rate.json", m -> ((ObjectNode) m.at("/Trigger/Metrics/2/MetricStat/Metric/Dimensions/1"))
                    .put("value", "beta"));

            assertThat(investigated(parser.parse(event)).alarm().reading()).isEqualTo(ThresholdReading.OTHER);
        }

        @Test
        void onlyExpressions_refused() {
            String event = snsWith("sns-alarm-metric-math-rate.json", m -> {
                ArrayNode metrics = (ArrayNode) m.at("/Trigger/Metrics");
                metrics.remove(2);
                metrics.remove(1);
            });

            assertThat(refusal(parser.parse(event))).contains("no metric entry", "only expressions");
        }
    }

    @Nested
    class Anomaly {
        @Test
        void eventBridgeSample_readsTheBandWithoutThreshold() {
            Alarm alarm = investigated(parser.parse(TriggerEvents.text("eventbridge-alarm-anomaly.json"))).alarm();

            assertThat(alarm.reading()).isEqualTo(ThresholdReading.ANOMALY_BAND);
            assertThat(alarm.expression()).isEqualTo("ANOMALY_DETECTION_BAND(m1, 2)");
            assertThat(alarm.threshold()).isNull();
            assertThat(alarm.metricName()).isNull();
            assertThat(alarm.statistic()).isEqualTo("Sum");
            assertThat(alarm.readingLabel()).isEqualTo("anomaly band ANOMALY_DETECTION_BAND(m1, 2) (no fixed threshold)");
        }

        /** The SNS shape of a real anomaly notification: ThresholdMetricId, no Threshold, band operator. */
        @Test
        void snsShape_thresholdMetricIdNamesTheBand() {
            String event = snsWith("sns-alarm-rest.json", m -> m.set("Trigger", TriggerEvents.tree("""
                    {"Period":300,"EvaluationPeriods":2,"ComparisonOperator":"LessThanLowerOrGreaterThanUpperThreshold",
                     "ThresholdMetricId":"ad1","TreatMissingData":"- TreatMissingData: missing","EvaluateLowSampleCountPercentile":"",
                     "Metrics":[
                      {"Id":"m1","MetricStat":{"Metric":{"Dimensions":[{"value":"orders-api","name":"ApiName"},{"value":"prod","name":"Stage"}],
                        "MetricName":"5XXError","Namespace":"AWS/ApiGateway"},"Period":300,"Stat":"Sum"},"ReturnData":true},
                      {"Id":"ad1","Expression":"ANOMALY_DETECTION_BAND(m1, 0.2)","Label":"5XXError (expected)","ReturnData":true}]}""")));

            Incident incident = investigated(parser.parse(event));
            assertThat(incident.alarm().reading()).isEqualTo(ThresholdReading.ANOMALY_BAND);
            assertThat(incident.alarm().threshold()).isNull();
            assertThat(incident.alarm().periodSeconds()).isEqualTo(300);
            assertThat(incident.alarm().comparisonOperator()).isEqualTo("LessThanLowerOrGreaterThanUpperThreshold");
            assertThat(incident.stage()).isEqualTo("prod");
        }

        @Test
        void bandOnAnotherMetric_refusedNamingIt() {
            String event = TriggerEvents.text("eventbridge-alarm-anomaly.json").replace("\"5XXError\"", "\"Latency\"");

            assertThat(refusal(parser.parse(event))).contains("anomaly-detection alarm watches 'AWS/ApiGateway Latency'");
        }
    }

    @Nested
    class Composite {
        private final FakeDirectory directory = new FakeDirectory();
        private final TriggerParser withDirectory = new TriggerParser("us-east-1", directory);

        @Test
        void withoutDescribeAlarms_refusedInOneLine() {
            assertThat(refusal(parser.parse(TriggerEvents.text("eventbridge-alarm-composite.json"))))
                    .contains("composite alarm 'orders-api-prod-health'", "cloudwatch:DescribeAlarms");
        }

        @Test
        void childIsA5xxAlarm_investigatedUnderTheCompositesTransition() {
            directory.add(metricAlarm("orders-api-prod-5xx", "5XXError", Map.of("ApiName", "orders-api", "Stage", "prod")));

            Incident incident = investigated(withDirectory.parse(TriggerEvents.text("eventbridge-alarm-composite.json")));

            assertThat(directory.asked).containsExactly(List.of("orders-api-prod-5xx"));
            assertThat(incident.apiStageLabel()).isEqualTo("orders-api/prod");
            assertThat(incident.alarm().name()).isEqualTo("orders-api-prod-health");
            assertThat(incident.alarm().arn()).endsWith(":alarm:orders-api-prod-health");
            assertThat(incident.alarm().threshold()).isEqualTo(5.0);
            assertThat(incident.alarm().metricName()).isEqualTo("5XXError");
            assertThat(incident.at()).isEqualTo(Instant.parse("2026-03-14T09:42:17.530Z"));
            assertThat(incident.alarm().reason()).contains("orders-api-prod-5xx transitioned to ALARM");
        }

        @Test
        void childOnAnotherMetric_refusedNamingTheChild() {
            directory.add(metricAlarm("orders-api-prod-5xx", "Errors", Map.of("FunctionName", "orders-handler")).withNamespace("AWS/Lambda"));

            assertThat(refusal(withDirectory.parse(TriggerEvents.text("eventbridge-alarm-composite.json"))))
                    .contains("no triggering child is an API Gateway 5xx alarm", "'orders-api-prod-5xx'", "AWS/Lambda");
        }

        @Test
        void directoryUnavailable_refusedWithTheReason() {
            directory.failWith = "AccessDenied: cloudwatch:DescribeAlarms";

            assertThat(refusal(withDirectory.parse(TriggerEvents.text("eventbridge-alarm-composite.json"))))
                    .contains("could not read its child alarms", "AccessDenied");
        }

        /** SNS spells the children TriggeringChildren (real 2021 payload shape). */
        @Test
        void snsTriggeringChildren_nestedCompositeFollowedToItsChild() {
            directory.add(new AlarmDefinition("orders-api-prod-errors", arn("orders-api-prod-errors"), null, null, null, null, null, null,
                    null, null, null, null, "ALARM(orders-api-prod-5xx)",
                    "{\"triggeringAlarms\":[{\"arn\":\"" + arn("orders-api-prod-5xx") + "\",\"state\":{\"value\":\"ALARM\"}}]}"));
            directory.add(metricAlarm("orders-api-prod-5xx", "5XXError", Map.of("ApiName", "orders-api", "Stage", "prod")));
            String event = snsWith("sns-alarm-rest.json", m -> {
                m.remove("Trigger");
                m.put("AlarmName", "orders-api-health").put("AlarmArn", arn("orders-api-health"))
                        .put("AlarmRule", "ALARM(orders-api-prod-errors) OR ALARM(orders-api-prod-latency)");
                m.set("TriggeringChildren", TriggerEvents.tree("[{\"Arn\":\"" + arn("orders-api-prod-errors")
                        + "\",\"State\":{\"Value\":\"ALARM\",\"Timestamp\":\"2026-03-14T09:42:17.400+0000\"}}]"));
            });

            Incident incident = investigated(withDirectory.parse(event));
            assertThat(directory.asked).containsExactly(List.of("orders-api-prod-errors"), List.of("orders-api-prod-5xx"));
            assertThat(incident.alarm().name()).isEqualTo("orders-api-health");
            assertThat(incident.stage()).isEqualTo("prod");
        }

        @Test
        void emptyTriggeringChildren_refused() {
            String event = snsWith("sns-alarm-rest.json", m -> {
                m.remove("Trigger");
                m.put("AlarmRule", "ALARM(a)");
                m.putArray("TriggeringChildren");
            });

            assertThat(refusal(withDirectory.parse(event))).contains("names no triggering child");
        }
    }

    @Nested
    class OldSnsWithoutAlarmArn {
        /** The 2013-2015 notification: no AlarmArn, StatisticType, TreatMissingData or action lists. */
        private String old(String region) {
            return snsWith("sns-alarm-rest.json", m -> {
                for (String gone : new String[] {"AlarmArn", "AlarmConfigurationUpdatedTimestamp", "OKActions", "AlarmActions",
                        "InsufficientDataActions"}) {
                    m.remove(gone);
                }
                m.put("Region", region);
                ObjectNode trigger = (ObjectNode) m.get("Trigger");
                for (String gone : new String[] {"StatisticType", "TreatMissingData", "EvaluateLowSampleCountPercentile", "DatapointsToAlarm"}) {
                    trigger.remove(gone);
                }
            });
        }

        @Test
        void regionFromTheTopicArn_accountFromAwsAccountId() {
            String event = old("US - N. Virginia").replace("arn:aws:sns:us-east-1:123456789012:api-alarms\"",
                    "arn:aws:sns:eu-west-1:123456789012:api-alarms\"");

            Incident incident = investigated(new TriggerParser("eu-west-1").parse(event));
            assertThat(incident.region()).isEqualTo("eu-west-1");
            assertThat(incident.account()).isEqualTo("123456789012");
            assertThat(incident.alarm().arn()).isEqualTo("arn:aws:cloudwatch:eu-west-1:123456789012:alarm:orders-api-prod-5xx");
            assertThat(incident.at()).isEqualTo(AT);
        }

        @Test
        void regionFromTheDisplayName_whenNoTopicIsKnown() {
            String raw = notification(m -> m.remove("AlarmArn")).replace("US East (N. Virginia)", "EU (Ireland)");

            Incident incident = investigated(new TriggerParser("eu-west-1").parse(sqs("m-1", raw, null)));
            assertThat(incident.region()).isEqualTo("eu-west-1");
        }

        @Test
        void noAccountAnywhere_refused() {
            String raw = notification(m -> m.remove(List.of("AlarmArn", "AWSAccountId")));

            assertThat(refusal(parser.parse(sqs("m-1", raw, null)))).contains("neither AlarmArn nor AWSAccountId");
        }

        @Test
        void unknownRegionName_refused() {
            String raw = notification(m -> m.remove("AlarmArn")).replace("US East (N. Virginia)", "Moon (Tranquility Base)");

            assertThat(refusal(parser.parse(sqs("m-1", raw, null)))).contains("no AlarmArn", "'Moon (Tranquility Base)'");
        }
    }

    @Nested
    class ThroughSqs {
        @Test
        void snsEnvelopeInTheBody_sample() {
            QueuedTriggers triggers = parser.parseEach(TriggerEvents.text("sqs-sns-alarm.json").getBytes());

            assertThat(triggers.queued()).isTrue();
            assertThat(triggers.items()).singleElement().satisfies(item -> {
                assertThat(item.messageId()).isEqualTo("2e1424d4-f796-459a-8184-9c92662be6da");
                assertThat(investigated(item.outcome()).apiStageLabel()).isEqualTo("orders-api/prod");
            });
            assertThat(investigated(parser.parse(TriggerEvents.text("sqs-sns-alarm.json"))).source()).isEqualTo(TriggerSource.SNS);
        }

        @Test
        void rawMessageDelivery_regionFromTheRecordWhenTheNotificationHasNoArn() {
            String raw = notification(m -> m.remove("AlarmArn"));

            Incident incident = investigated(new TriggerParser("ap-southeast-2").parse(sqs("m-1", raw, "ap-southeast-2")));
            assertThat(incident.region()).isEqualTo("ap-southeast-2");
        }

        @Test
        void eventBridgeEventAndManualRerunInTheBody_readAsThemselves() {
            String rerun = "{\"apiName\":\"orders-api\",\"stage\":\"prod\",\"at\":\"2026-03-14T09:42:00Z\"}";

            assertThat(investigated(parser.parse(sqs("m-1", TriggerEvents.text("eventbridge-alarm.json"), "us-east-1"))).source())
                    .isEqualTo(TriggerSource.EVENTBRIDGE);
            assertThat(investigated(parser.parse(sqs("m-2", rerun, "us-east-1"))).source()).isEqualTo(TriggerSource.MANUAL);
        }

        @Test
        void batch_eachRecordOnItsOwn() {
            String good = TriggerEvents.snsMessage(TriggerEvents.load("sns-alarm-rest.json")).toString();
            String batch = "{\"Records\":[" + sqsRecord("a", good, "us-east-1") + "," + sqsRecord("b", "not json", "us-east-1") + ","
                    + sqsRecord("c", TriggerEvents.text("sns-ok.json").replace("\"Records\"", "\"Recs\""), "us-east-1") + ","
                    + sqsRecord("d", TriggerEvents.snsMessage(TriggerEvents.load("sns-ok.json")).toString(), "us-east-1") + "]}";

            QueuedTriggers triggers = parser.parseEach(batch.getBytes());

            assertThat(triggers.items()).extracting(QueuedTriggers.Item::messageId).containsExactly("a", "b", "c", "d");
            assertThat(triggers.items().get(0).outcome()).isInstanceOf(TriggerOutcome.Investigate.class);
            assertThat(refusal(triggers.items().get(1).outcome())).contains("Records[1].body is not JSON");
            assertThat(refusal(triggers.items().get(2).outcome())).contains("unrecognised event");
            assertThat(triggers.items().get(3).outcome()).isInstanceOf(TriggerOutcome.Resolved.class);
            assertThat(refusal(parser.parse(batch))).contains("SQS batch of 4 records");
        }

        /** The re-check the responder sends itself through a delayed queue: a narrowed API-wide incident survives the trip. */
        @Test
        void recheckBody_narrowedApiWideIncidentKeepsItsStageAndRates() {
            Incident apiWide = investigated(parser.parse(TriggerEvents.text("sns-alarm-rest-api-wide.json")));
            Incident narrowed = apiWide.narrowedTo("prod", List.of(new io.apigw5xx.responder.incident.StageRate("prod", 431, 3558L),
                    new io.apigw5xx.responder.incident.StageRate("beta", 2, 500L)));
            String body = RecheckEvent.write(TriggerEvents.JSON, narrowed, AT.plusSeconds(900));

            Incident recheck = investigated(parser.parse(sqs("m-1", body, "us-east-1")));

            assertThat(recheck.source()).isEqualTo(TriggerSource.RECHECK);
            assertThat(recheck.stage()).isEqualTo("prod");
            assertThat(recheck.scope()).isEqualTo(narrowed.scope());
            assertThat(recheck.scope().summary()).isEqualTo("alarm covers every stage; failing: prod 12.1 %, beta 0.4 %");
        }

        @Test
        void notAQueueEvent_isOneUnqueuedTrigger() {
            QueuedTriggers triggers = parser.parseEach(TriggerEvents.text("sns-alarm-rest.json").getBytes());

            assertThat(triggers.queued()).isFalse();
            assertThat(triggers.items()).singleElement().satisfies(i -> assertThat(i.messageId()).isNull());
            assertThat(parser.parseEach("{oops".getBytes()).items().getFirst().outcome()).isInstanceOf(TriggerOutcome.Refused.class);
        }
    }

    /** The REST sample's alarm notification, edited: what raw message delivery puts in an SQS body. */
    static String notification(java.util.function.Consumer<ObjectNode> edit) {
        ObjectNode message = TriggerEvents.snsMessage(TriggerEvents.load("sns-alarm-rest.json"));
        edit.accept(message);
        return message.toString();
    }

    static String sqs(String id, String body, String region) {
        return "{\"Records\":[" + sqsRecord(id, body, region) + "]}";
    }

    static String sqsRecord(String id, String body, String region) {
        ObjectNode record = TriggerEvents.JSON.createObjectNode().put("messageId", id).put("receiptHandle", "AQEB" + id)
                .put("body", body).put("eventSource", "aws:sqs").put("eventSourceARN", "arn:aws:sqs:us-east-1:123456789012:q");
        if (region != null) {
            record.put("awsRegion", region);
        }
        return record.toString();
    }

    static String arn(String name) {
        return "arn:aws:cloudwatch:us-east-1:123456789012:alarm:" + name;
    }

    static AlarmDefinition metricAlarm(String name, String metric, Map<String, String> dimensions) {
        return new AlarmDefinition(name, arn(name), "AWS/ApiGateway", metric, dimensions, "Sum", 60, 1, 5.0,
                "GreaterThanThreshold", null, null, null, null);
    }

    /** An in-memory alarm directory: what DescribeAlarms would return, and what it was asked. */
    static final class FakeDirectory implements AlarmDirectory {
        final Map<String, AlarmDefinition> alarms = new java.util.LinkedHashMap<>();
        final List<List<String>> asked = new ArrayList<>();
        String failWith;

        void add(AlarmDefinition alarm) {
            alarms.put(alarm.name(), alarm);
        }

        @Override
        public String region() {
            return "us-east-1";
        }

        @Override
        public List<AlarmDefinition> describe(List<String> alarmNames) {
            asked.add(List.copyOf(alarmNames));
            if (failWith != null) {
                throw new Unavailable(failWith);
            }
            return alarmNames.stream().map(alarms::get).filter(java.util.Objects::nonNull).toList();
        }
    }
}
