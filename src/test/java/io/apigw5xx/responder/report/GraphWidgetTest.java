package io.apigw5xx.responder.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.apigw5xx.responder.JsonMappers;
import io.apigw5xx.responder.analysis.Cause;
import io.apigw5xx.responder.analysis.EvidenceItem;
import io.apigw5xx.responder.analysis.Findings;
import io.apigw5xx.responder.incident.Alarm;
import io.apigw5xx.responder.incident.AlarmState;
import io.apigw5xx.responder.incident.ApiRef;
import io.apigw5xx.responder.incident.Incident;
import io.apigw5xx.responder.incident.TriggerSource;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class GraphWidgetTest {

    private final GraphWidget widget = new GraphWidget(JsonMappers.create());

    private static Findings with(Findings f, Incident incident, List<Cause> causes) {
        return new Findings(incident, f.window(), f.onset(), f.severity(), f.errorRatePercent(), f.errors(), f.requests(),
                f.statusMix(), f.pattern(), causes, f.checkedClean(), f.gaps(), f.notes(), f.generatedAt(), f.awsCalls());
    }

    @Test
    void render_restApi_drawsStageMetricsOverTheWindowWithOnsetChangeAndThreshold() {
        Findings f = SampleFindings.deployRegression();

        ObjectNode w = widget.render(f);

        assertThat(w.get("start").asText()).isEqualTo(f.window().from().toString());
        assertThat(w.get("end").asText()).isEqualTo(f.window().to().toString());
        JsonNode rows = w.get("metrics");
        assertThat(rows).hasSize(3);
        assertThat(rows.get(0).toString()).startsWith("[\"AWS/ApiGateway\",\"5XXError\",\"ApiName\",\"orders-api\",\"Stage\",\"prod\"");
        assertThat(rows.get(1).get(1).asText()).isEqualTo("Count");
        assertThat(rows.get(2).get(1).asText()).isEqualTo("IntegrationLatency");
        assertThat(rows.get(2).get(6).get("stat").asText()).isEqualTo("p99");
        assertThat(rows.get(2).get(6).get("yAxis").asText()).isEqualTo("right");
        JsonNode vertical = w.at("/annotations/vertical");
        assertThat(vertical).hasSize(2);
        assertThat(vertical.get(0).get("value").asText()).isEqualTo(SampleFindings.ONSET.toString());
        assertThat(vertical.get(1).get("value").asText()).isEqualTo(SampleFindings.DEPLOY_AT.toString());
        assertThat(vertical.get(1).get("label").asText()).contains("orders-handler").endsWith("by gha-deploy-8812");
        assertThat(w.at("/annotations/horizontal/0/value").asDouble()).isEqualTo(5.0);
    }

    @Test
    void render_logLinesAndMetricReadings_areNotMarkedAsChanges() {
        ObjectNode w = widget.render(SampleFindings.deployRegression());

        assertThat(w.at("/annotations/vertical").toString()).doesNotContain("ImportModuleError").doesNotContain("Lambda Errors");
    }

    @Test
    void render_httpApiAlarmOnAnAverage_keysByApiIdAndDrawsNoThresholdInAnotherUnit() {
        Findings base = SampleFindings.deployRegression();
        Alarm a = base.incident().alarm();
        Alarm rate = new Alarm(a.name(), a.arn(), AlarmState.ALARM, AlarmState.OK, a.reason(), 0.05, a.comparisonOperator(),
                "AWS/ApiGateway", "5xx", "Average", 60, 5, a.stateChangeTime());
        Incident http = new Incident(TriggerSource.SNS, "123456789012", "us-east-1", ApiRef.http("a1b2c3d4e5"), "$default", rate,
                base.incident().at(), base.window());

        ObjectNode w = widget.render(with(base, http, base.causes()));

        assertThat(w.at("/metrics/0").toString()).startsWith("[\"AWS/ApiGateway\",\"5xx\",\"ApiId\",\"a1b2c3d4e5\",\"Stage\",\"$default\"");
        assertThat(w.at("/annotations/horizontal").isMissingNode()).isTrue();
    }

    @Test
    void render_fiveMinuteSumAlarm_drawsTheThresholdPerMinute() {
        Findings base = SampleFindings.deployRegression();
        Alarm a = base.incident().alarm();
        Alarm fiveMin = new Alarm(a.name(), a.arn(), a.state(), a.previousState(), a.reason(), 50.0, a.comparisonOperator(),
                a.namespace(), a.metricName(), "Sum", 300, 1, a.stateChangeTime());
        Incident i = base.incident();
        Incident incident = new Incident(i.source(), i.account(), i.region(), i.api(), i.stage(), fiveMin, i.at(), i.window());

        ObjectNode w = widget.render(with(base, incident, base.causes()));

        assertThat(w.at("/annotations/horizontal/0/value").asDouble()).isEqualTo(10.0);
        assertThat(w.at("/annotations/horizontal/0/label").asText()).contains("per minute");
    }

    @Test
    void render_manyChangesWithSecrets_keepsTheLatestFewAndRedactsLabels() {
        Findings base = SampleFindings.deployRegression();
        List<EvidenceItem> changes = new ArrayList<>();
        for (int k = 0; k < 20; k++) {
            changes.add(new EvidenceItem(SampleFindings.ONSET.minusSeconds(60L * k), "UpdateFunctionConfiguration fn" + k
                    + " password=hunter2", "deployer", "fn" + k, null));
        }
        Cause top = base.topCause();
        Cause many = new Cause(top.kind(), top.title(), top.confidence(), top.why(), changes, top.nextCommands());

        ObjectNode w = widget.render(with(base, base.incident(), List.of(many)));

        JsonNode vertical = w.at("/annotations/vertical");
        assertThat(vertical).hasSize(1 + GraphWidget.MAX_CHANGE_MARKS);
        assertThat(vertical.toString()).doesNotContain("hunter2").contains("fn0 ");
        assertThat(Instant.parse(vertical.get(1).get("value").asText())).isAfterOrEqualTo(SampleFindings.ONSET.minusSeconds(60L * 7));
    }
}
