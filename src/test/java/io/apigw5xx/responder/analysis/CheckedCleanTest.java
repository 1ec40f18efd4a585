package io.apigw5xx.responder.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import io.apigw5xx.responder.evidence.Evidence;
import io.apigw5xx.responder.incident.Incident;
import io.apigw5xx.responder.testing.CatalogueScenarios;
import java.util.List;
import org.junit.jupiter.api.Test;

/** "Checked clean" must never contradict a cause in the same report. */
class CheckedCleanTest {

    @Test
    void analyze_integrationTimeoutLoweredWithoutLogs_doesNotCallLatencyWellBelowTheTimeout() throws Exception {
        CatalogueScenarios.Investigation scenario = CatalogueScenarios.investigation("rest-integration-timeout-lowered.json");
        Incident incident = scenario.incident();
        Evidence e = scenario.evidence();
        // Execution logging off: no "Execution failed due to a timeout error" lines to go by, only latency.
        Evidence withoutLogs = new Evidence(e.collectedAt(), e.window(), e.metrics(), e.changes(), List.of(), e.topology(),
                e.gaps(), e.awsCalls());

        Findings findings = new RunbookAnalyzer().analyze(incident, withoutLogs, withoutLogs.collectedAt());

        assertThat(findings.causes()).anySatisfy(c -> assertThat(c.kind()).isEqualTo(CauseKind.INTEGRATION_TIMEOUT));
        assertThat(findings.checkedClean()).noneMatch(line -> line.contains("well below"));
    }
}
