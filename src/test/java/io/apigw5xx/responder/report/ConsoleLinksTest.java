package io.apigw5xx.responder.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.apigw5xx.responder.analysis.CauseKind;
import io.apigw5xx.responder.analysis.Findings;
import io.apigw5xx.responder.analysis.RunbookAnalyzer;
import io.apigw5xx.responder.incident.Incident;
import io.apigw5xx.responder.testing.CatalogueScenarios;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConsoleLinksTest {

    @Test
    void forFindings_iamChangeBehindAnApiOutsideUsEast1_linksTheEventInUsEast1() throws Exception {
        CatalogueScenarios.Investigation scenario = CatalogueScenarios.investigation("rest-execution-role-policy-detached.json",
                trigger -> trigger.replace("us-east-1", "eu-west-1"), "eu-west-1");
        Incident incident = scenario.incident();
        assertThat(incident.region()).isEqualTo("eu-west-1");

        Findings findings = new RunbookAnalyzer().analyze(incident, scenario.evidence(), scenario.evidence().collectedAt());
        List<ConsoleLinks.Link> links = ConsoleLinks.forFindings(findings);

        assertThat(findings.topCause().kind()).isEqualTo(CauseKind.EXECUTION_ROLE_CHANGED);
        assertThat(links).filteredOn(l -> l.label().equals("CloudTrail event")).singleElement()
                .satisfies(l -> assertThat(l.url()).startsWith("https://us-east-1.console.aws.amazon.com/cloudtrailv2/home?region=us-east-1#/events/"));
        assertThat(links).filteredOn(l -> l.label().equals("5xx metrics")).singleElement()
                .satisfies(l -> assertThat(l.url()).startsWith("https://eu-west-1.console.aws.amazon.com/"));
    }
}
