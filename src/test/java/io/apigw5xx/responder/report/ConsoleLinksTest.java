package io.apigw5xx.responder.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.apigw5xx.responder.JsonMappers;
import io.apigw5xx.responder.analysis.CauseKind;
import io.apigw5xx.responder.analysis.Findings;
import io.apigw5xx.responder.analysis.RunbookAnalyzer;
import io.apigw5xx.responder.analysis.bench.Scenario;
import io.apigw5xx.responder.analysis.bench.ScenarioLoader;
import io.apigw5xx.responder.evidence.BundleCodec;
import io.apigw5xx.responder.incident.Incident;
import io.apigw5xx.responder.trigger.TriggerOutcome;
import io.apigw5xx.responder.trigger.TriggerParser;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConsoleLinksTest {

    @Test
    void forFindings_iamChangeBehindAnApiOutsideUsEast1_linksTheEventInUsEast1() throws Exception {
        Scenario scenario = new ScenarioLoader(JsonMappers.create(), new BundleCodec())
                .load(Path.of("src/test/resources/scenarios/rest-execution-role-policy-detached.json"));
        String trigger = scenario.trigger().toString().replace("us-east-1", "eu-west-1");
        Incident incident = switch (new TriggerParser("eu-west-1").parse(trigger)) {
            case TriggerOutcome.Investigate i -> i.incident();
            default -> throw new AssertionError("scenario trigger is not an investigation");
        };
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
