package io.apigw5xx.responder.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import io.apigw5xx.responder.evidence.BundleCodec;
import io.apigw5xx.responder.evidence.ChangeEvent;
import io.apigw5xx.responder.evidence.EvidenceBundle;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class DemoIncidentTest {

    private static EvidenceBundle demo() throws Exception {
        try (InputStream in = DemoIncidentTest.class.getResourceAsStream("/demo/demo-incident.json")) {
            return new BundleCodec().read(new String(in.readAllBytes(), StandardCharsets.UTF_8), "demo-incident.json");
        }
    }

    @Test
    void analyze_demoBundle_blamesTheDeployAndNotTheIamChange() throws Exception {
        EvidenceBundle bundle = demo();
        Findings findings = new RunbookAnalyzer().analyze(bundle.incident(), bundle.evidence(), bundle.evidence().collectedAt());

        assertThat(findings.severity()).isEqualTo(Severity.CRITICAL);
        // The alarm names the REST API; the topology's id reaches the findings (report, SNS attributes, ledger).
        assertThat(findings.incident().api().id()).isEqualTo("a1b2c3d4e5");
        assertThat(findings.errorRatePercent()).isBetween(15.0, 21.0);
        Cause top = findings.topCause();
        assertThat(top.kind()).isEqualTo(CauseKind.LAMBDA_DEPLOY_REGRESSION);
        assertThat(top.confidence()).isEqualTo(Confidence.HIGH);
        assertThat(top.title()).contains("version 42");
        assertThat(top.why()).contains("09:38").contains("gha-deploy-8812");
        assertThat(top.evidence()).anySatisfy(e -> {
            assertThat(e.summary()).contains("UpdateAlias").contains("42");
            assertThat(e.actor()).isEqualTo("gha-deploy-8812");
            assertThat(e.time()).isEqualTo(Instant.parse("2026-03-14T09:38:29Z"));
        });
        // Evidence reads as a timeline: items with a time never go backwards.
        List<Instant> times = top.evidence().stream().map(EvidenceItem::time).filter(java.util.Objects::nonNull).toList();
        assertThat(times).isSorted();
        assertThat(top.nextCommands()).contains(
                "aws lambda update-alias --function-name orders-handler --name live --function-version 41 --region us-east-1");
        // Check before acting: the alias and the newest versions come before the rollback.
        assertThat(top.nextCommands().indexOf("aws lambda get-alias --function-name orders-handler --name live --region us-east-1"))
                .isNotNegative()
                .isLessThan(top.nextCommands().indexOf(
                        "aws lambda update-alias --function-name orders-handler --name live --function-version 41 --region us-east-1"));
        assertThat(top.nextCommands()).allSatisfy(command -> assertThat(command).contains("--region"));

        ChangeEvent iam = bundle.evidence().changes().stream().filter(c -> c.eventSource().equals("iam.amazonaws.com")).findFirst().orElseThrow();
        assertThat(findings.causes()).allSatisfy(c -> assertThat(c.evidence()).noneMatch(e -> iam.eventId().equals(e.reference())));
        assertThat(findings.checkedClean()).anySatisfy(line -> assertThat(line).contains("Not on the failing path").contains("analytics-etl-role"));
        assertThat(findings.awsCalls()).isEqualTo(bundle.evidence().awsCalls());
        // Two minutes into the episode the pattern is a first impression, and the report says so.
        assertThat(findings.notes()).anySatisfy(n -> assertThat(n).startsWith("Pattern CONSTANT is a first impression")
                .contains("re-run after 09:55 UTC"));
    }
}
