package io.apigw5xx.responder.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import io.apigw5xx.responder.evidence.BundleCodec;
import io.apigw5xx.responder.evidence.Evidence;
import io.apigw5xx.responder.evidence.EvidenceBundle;
import io.apigw5xx.responder.evidence.EvidenceSource;
import io.apigw5xx.responder.evidence.Gap;
import io.apigw5xx.responder.evidence.GapReason;
import io.apigw5xx.responder.incident.Incident;
import io.apigw5xx.responder.testing.CatalogueScenarios;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** CloudTrail's delivery-delay notice is on every live run: it must not read as "changes could not be read". */
class CloudTrailDelayTest {

    private static final String NEW_DETAIL = "delivery delay: CloudTrail delivers events about 5 (up to 15) minutes late;"
            + " changes made after 2026-03-14T09:32:17Z may not be listed yet";
    private static final String OLD_DETAIL = "CloudTrail delivers events about 5 (up to 15) minutes after the call:"
            + " changes made after 2026-03-14T09:32:17.481Z may not be listed yet";

    private static EvidenceBundle demo() throws Exception {
        try (InputStream in = CloudTrailDelayTest.class.getResourceAsStream("/demo/demo-incident.json")) {
            return new BundleCodec().read(new String(in.readAllBytes(), StandardCharsets.UTF_8), "demo-incident.json");
        }
    }

    private static Evidence withGap(Evidence e, Gap gap) {
        List<Gap> gaps = new ArrayList<>(e.gaps());
        gaps.add(gap);
        return new Evidence(e.collectedAt(), e.window(), e.metrics(), e.changes(), e.logs(), e.topology(), gaps, e.awsCalls());
    }

    @ParameterizedTest
    @ValueSource(strings = {NEW_DETAIL, OLD_DETAIL})
    void analyze_deliveryDelayGap_keepsCleanLinesAndAddsTheReRunNote(String detail) throws Exception {
        EvidenceBundle bundle = demo();
        Evidence evidence = withGap(bundle.evidence(), new Gap(EvidenceSource.CHANGES, GapReason.INCOMPLETE, detail));

        Findings findings = new RunbookAnalyzer().analyze(bundle.incident(), evidence, evidence.collectedAt());

        assertThat(findings.checkedClean()).anySatisfy(line -> assertThat(line).contains("Not on the failing path").contains("analytics-etl-role"));
        assertThat(findings.notes()).noneMatch(n -> n.contains("could not be read"));
        assertThat(findings.notes()).anySatisfy(n -> assertThat(n).contains("re-run after"));
        assertThat(findings.gaps()).noneMatch(g -> g.source() == EvidenceSource.CHANGES);
        assertThat(findings.topCause().kind()).isEqualTo(CauseKind.LAMBDA_DEPLOY_REGRESSION);
    }

    @Test
    void analyze_otherIncompleteChangesGap_stillMeansChangesUnavailable() throws Exception {
        EvidenceBundle bundle = demo();
        Evidence evidence = withGap(bundle.evidence(), new Gap(EvidenceSource.CHANGES, GapReason.INCOMPLETE,
                "more than 500 lambda.amazonaws.com events in the window: only the newest were read"));

        Findings findings = new RunbookAnalyzer().analyze(bundle.incident(), evidence, evidence.collectedAt());

        assertThat(findings.notes()).anySatisfy(n -> assertThat(n).contains("could not be read"));
        assertThat(findings.checkedClean()).noneMatch(line -> line.contains("Not on the failing path"));
        assertThat(findings.gaps()).anyMatch(g -> g.source() == EvidenceSource.CHANGES);
    }

    @Test
    void analyze_unknownCauseWithDeliveryDelayGap_qualifiesTheNoChangeLineAndDoesNotListChanges() throws Exception {
        CatalogueScenarios.Investigation scenario = CatalogueScenarios.investigation("http-unrelated-iam-change-unknown.json");
        Incident incident = scenario.incident();
        Evidence evidence = withGap(scenario.evidence(), new Gap(EvidenceSource.CHANGES, GapReason.INCOMPLETE, NEW_DETAIL));

        Findings findings = new RunbookAnalyzer().analyze(incident, evidence, evidence.collectedAt());

        assertThat(findings.topCause().kind()).isEqualTo(CauseKind.UNKNOWN);
        assertThat(findings.topCause().why()).doesNotContain("changes (");
        assertThat(findings.checkedClean()).anySatisfy(line -> assertThat(line)
                .startsWith("No change to").endsWith("in the 30 minutes before the onset (as far as CloudTrail has delivered)"));
    }

    @Test
    void isDeliveryDelay_otherSourceOrReason_isFalse() {
        assertThat(AnalysisContext.isDeliveryDelay(new Gap(EvidenceSource.LOGS, GapReason.INCOMPLETE, NEW_DETAIL))).isFalse();
        assertThat(AnalysisContext.isDeliveryDelay(new Gap(EvidenceSource.CHANGES, GapReason.ACCESS_DENIED, NEW_DETAIL))).isFalse();
        assertThat(AnalysisContext.isDeliveryDelay(new Gap(EvidenceSource.CHANGES, GapReason.INCOMPLETE, OLD_DETAIL))).isTrue();
    }
}
