package io.apigw5xx.responder.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.apigw5xx.responder.incident.Alarm;
import io.apigw5xx.responder.incident.AlarmState;
import io.apigw5xx.responder.incident.ApiRef;
import io.apigw5xx.responder.incident.ApiType;
import io.apigw5xx.responder.incident.Incident;
import io.apigw5xx.responder.incident.TimeWindow;
import io.apigw5xx.responder.incident.TriggerSource;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BundleCodecTest {

    private static final Instant AT = Instant.parse("2026-03-14T09:42:17.481Z");
    private final BundleCodec codec = new BundleCodec();

    @Test
    void write_thenRead_givesAnEqualBundle() {
        EvidenceBundle bundle = sampleBundle();

        EvidenceBundle back = codec.read(codec.write(bundle), "test");

        assertThat(back).isEqualTo(bundle);
    }

    @Test
    void read_missingRequiredField_namesTheField() {
        ObjectNode tree = (ObjectNode) codec.toTree(sampleBundle());
        ((ObjectNode) tree.get("incident")).remove("stage");

        assertThatThrownBy(() -> codec.read(tree, "bad.json"))
                .isInstanceOf(InvalidBundleException.class)
                .hasMessageContaining("bad.json")
                .hasMessageContaining("stage");
    }

    @Test
    void read_wrongTypeDeepInside_namesThePath() {
        ObjectNode tree = (ObjectNode) codec.toTree(sampleBundle());
        ((ObjectNode) tree.at("/evidence/metrics/0/points/0")).put("value", "seventeen");

        assertThatThrownBy(() -> codec.read(tree, "bad.json"))
                .isInstanceOf(InvalidBundleException.class)
                .hasMessageContaining("$.evidence.metrics[0].points[0].value");
    }

    @Test
    void read_unknownGapReason_isRefused() {
        ObjectNode tree = (ObjectNode) codec.toTree(sampleBundle());
        ((ObjectNode) tree.at("/evidence/gaps/0")).put("reason", "BROKEN");

        assertThatThrownBy(() -> codec.read(tree, "bad.json"))
                .isInstanceOf(InvalidBundleException.class)
                .hasMessageContaining("$.evidence.gaps[0].reason");
    }

    @Test
    void read_notJson_saysSo() {
        assertThatThrownBy(() -> codec.read("{not json", "broken.json"))
                .isInstanceOf(InvalidBundleException.class)
                .hasMessageContaining("not JSON");
    }

    @Test
    void readEvidence_validatesAgainstTheEvidencePartOfTheSchema() {
        ObjectNode evidence = (ObjectNode) codec.toTree(sampleBundle().evidence());
        assertThat(codec.readEvidence(evidence, "scenario").metrics()).hasSize(1);

        evidence.remove("collectedAt");
        assertThatThrownBy(() -> codec.readEvidence(evidence, "scenario"))
                .isInstanceOf(InvalidBundleException.class)
                .hasMessageContaining("collectedAt");
    }

    static EvidenceBundle sampleBundle() {
        TimeWindow window = TimeWindow.around(AT);
        Alarm alarm = new Alarm("orders-api-prod-5xx", "arn:aws:cloudwatch:us-east-1:123456789012:alarm:orders-api-prod-5xx",
                AlarmState.ALARM, AlarmState.OK, "Threshold Crossed", 5.0, "GreaterThanThreshold", "AWS/ApiGateway",
                "5XXError", "Sum", 60, 1, AT);
        Incident incident = new Incident(TriggerSource.SNS, "123456789012", "us-east-1", ApiRef.restByName("orders-api"),
                "prod", alarm, AT, window);
        MetricSeries errors = new MetricSeries("m5xx", "AWS/ApiGateway", "5XXError",
                Map.of("ApiName", "orders-api", "Stage", "prod"), "Sum", 60,
                List.of(new MetricPoint(Instant.parse("2026-03-14T09:41:00Z"), 17.0),
                        new MetricPoint(Instant.parse("2026-03-14T09:40:00Z"), 3.0)));
        ChangeEvent change = new ChangeEvent("9b8a7c6d", "UpdateFunctionCode20150331v2", "lambda.amazonaws.com",
                Instant.parse("2026-03-14T09:38:05Z"), "gha-deploy-8812",
                List.of(new ChangeResource("AWS::Lambda::Function", "orders-handler")), "{\"eventVersion\":\"1.09\"}");
        LogEvent log = new LogEvent("/aws/lambda/orders-handler", "2026/03/14/[$LATEST]5e1f",
                Instant.parse("2026-03-14T09:41:58.312Z"), "Task timed out after 29.03 seconds");
        Topology topology = new Topology(ApiType.REST, "a1b2c3d4e5", "orders-api", "prod", "dep1", Map.of("fn", "orders-handler"),
                true, null,
                List.of(new Integration("POST /orders", "AWS_PROXY", "arn:aws:apigateway:...", "POST", 29000, "INTERNET", null,
                        "orders-handler", "live")),
                List.of(), List.of(new LambdaTarget("orders-handler", "live", "arn:aws:lambda:us-east-1:123456789012:function:orders-handler:live",
                        true, 29, 1024, null, "arn:aws:iam::123456789012:role/orders-handler-role", "42", null, null, null, false, false)),
                null, null, List.of());
        Evidence evidence = new Evidence(AT.plusSeconds(5), window, List.of(errors), List.of(change), List.of(log), topology,
                List.of(new Gap(EvidenceSource.LOGS, GapReason.NOT_ENABLED, "access logging is off")),
                Map.of(EvidenceSource.METRICS, 1, EvidenceSource.CHANGES, 4));
        return EvidenceBundle.of(incident, evidence);
    }
}
