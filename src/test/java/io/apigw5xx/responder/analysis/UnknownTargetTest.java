package io.apigw5xx.responder.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import io.apigw5xx.responder.evidence.BundleCodec;
import io.apigw5xx.responder.evidence.Evidence;
import io.apigw5xx.responder.evidence.EvidenceBundle;
import io.apigw5xx.responder.evidence.LambdaTarget;
import io.apigw5xx.responder.evidence.Topology;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A Lambda read that failed (throttled, denied) proves nothing: no rule may blame a policy or config it did not see. */
class UnknownTargetTest {

    @Test
    void analyze_targetsWithUnreadPolicyAndConfig_blameNeitherPermissionNorMisconfiguration() throws Exception {
        EvidenceBundle bundle;
        try (InputStream in = UnknownTargetTest.class.getResourceAsStream("/demo/demo-incident.json")) {
            bundle = new BundleCodec().read(new String(in.readAllBytes(), StandardCharsets.UTF_8), "demo-incident.json");
        }
        Evidence e = bundle.evidence();
        Topology t = e.topology();
        List<LambdaTarget> unread = t.lambdaTargets().stream().map(l -> new LambdaTarget(l.functionName(), l.qualifier(), l.functionArn(),
                false, null, null, null, null, null, null, null, null, true, true)).toList();
        Topology blind = new Topology(t.apiType(), t.apiId(), t.apiName(), t.stage(), t.deploymentId(), t.stageVariables(),
                t.executionLogging(), t.accessLogDestination(), t.integrations(), t.authorizers(), unread, t.resourcePolicy(),
                t.webAclArn(), t.notes());
        Evidence evidence = new Evidence(e.collectedAt(), e.window(), e.metrics(), e.changes(), e.logs(), blind, e.gaps(), e.awsCalls());

        Findings findings = new RunbookAnalyzer().analyze(bundle.incident(), evidence, evidence.collectedAt());

        assertThat(findings.causes()).extracting(Cause::kind)
                .doesNotContain(CauseKind.INVOKE_PERMISSION_REMOVED, CauseKind.STATIC_MISCONFIGURATION);
        assertThat(findings.topCause().kind()).isEqualTo(CauseKind.LAMBDA_DEPLOY_REGRESSION);
        assertThat(findings.checkedClean()).anySatisfy(line -> assertThat(line).contains("resource policy could not be read"));
    }
}
