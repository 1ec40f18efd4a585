package io.apigw5xx.responder.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import io.apigw5xx.responder.JsonMappers;
import io.apigw5xx.responder.analysis.bench.Scenario;
import io.apigw5xx.responder.analysis.bench.ScenarioLoader;
import io.apigw5xx.responder.evidence.BundleCodec;
import io.apigw5xx.responder.evidence.Evidence;
import io.apigw5xx.responder.incident.Incident;
import io.apigw5xx.responder.trigger.TriggerOutcome;
import io.apigw5xx.responder.trigger.TriggerParser;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** "Checked clean" must never contradict a cause in the same report. */
class CheckedCleanTest {

    @Test
    void analyze_integrationTimeoutLoweredWithoutLogs_doesNotCallLatencyWellBelowTheTimeout() throws Exception {
        Scenario scenario = new ScenarioLoader(JsonMappers.create(), new BundleCodec())
                .load(Path.of("src/test/resources/scenarios/rest-integration-timeout-lowered.json"));
        Incident incident = switch (new TriggerParser("us-east-1").parse(scenario.trigger().toString())) {
            case TriggerOutcome.Investigate i -> i.incident();
            default -> throw new AssertionError("scenario trigger is not an investigation");
        };
        Evidence e = scenario.evidence();
        // Execution logging off: no "Execution failed due to a timeout error" lines to go by, only latency.
        Evidence withoutLogs = new Evidence(e.collectedAt(), e.window(), e.metrics(), e.changes(), List.of(), e.topology(),
                e.gaps(), e.awsCalls());

        Findings findings = new RunbookAnalyzer().analyze(incident, withoutLogs, withoutLogs.collectedAt());

        assertThat(findings.causes()).anySatisfy(c -> assertThat(c.kind()).isEqualTo(CauseKind.INTEGRATION_TIMEOUT));
        assertThat(findings.checkedClean()).noneMatch(line -> line.contains("well below"));
    }
}
