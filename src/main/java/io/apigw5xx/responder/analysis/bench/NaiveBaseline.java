package io.apigw5xx.responder.analysis.bench;

import io.apigw5xx.responder.analysis.CauseKind;
import io.apigw5xx.responder.analysis.ChangeInterpreter;
import io.apigw5xx.responder.analysis.ChangeKind;
import io.apigw5xx.responder.analysis.Confidence;
import io.apigw5xx.responder.analysis.CorrelationWindow;
import io.apigw5xx.responder.analysis.ErrorTimeline;
import io.apigw5xx.responder.analysis.MetricView;
import io.apigw5xx.responder.analysis.MinuteSeries;
import io.apigw5xx.responder.analysis.OnsetDetector;
import io.apigw5xx.responder.analysis.TypedChange;
import io.apigw5xx.responder.evidence.Evidence;
import io.apigw5xx.responder.incident.Incident;
import java.time.Instant;
import java.util.Comparator;

/**
 * The benchmark's yardstick: "whatever changed in the 5 minutes before the onset did it", with no notion
 * of the failing path, and UNKNOWN when nothing changed. It blames with full confidence, as people do.
 * It uses the same onset as the engine, so the comparison isolates the correlation logic.
 */
public final class NaiveBaseline {

    private final OnsetDetector onsetDetector = new OnsetDetector();
    private final ChangeInterpreter interpreter;

    public NaiveBaseline(ChangeInterpreter interpreter) {
        this.interpreter = interpreter;
    }

    public record Verdict(CauseKind kind, Confidence confidence, String blamedEventId) {}

    public Verdict diagnose(Incident incident, Evidence evidence) {
        MetricView metrics = new MetricView(evidence.metrics());
        ErrorTimeline timeline = onsetDetector.detect(metrics.apiErrors(), metrics.apiCount(), incident.alarm(), incident.at());
        Instant onset = timeline.onset() != null ? timeline.onset() : MinuteSeries.minute(incident.at());
        CorrelationWindow window = new CorrelationWindow(onset);
        return evidence.changes().stream()
                .map(interpreter::interpret)
                .filter(c -> !c.failed() && window.fit(c.time()) == CorrelationWindow.Fit.PRIME)
                .max(Comparator.comparing(TypedChange::time))
                .map(c -> new Verdict(kindOf(c), Confidence.HIGH, c.eventId()))
                .orElse(new Verdict(CauseKind.UNKNOWN, Confidence.LOW, null));
    }

    static CauseKind kindOf(TypedChange c) {
        ChangeKind k = c.kind();
        return switch (k) {
            case LAMBDA_CODE, LAMBDA_VERSION_PUBLISHED, LAMBDA_ALIAS, LAMBDA_DELETED -> CauseKind.LAMBDA_DEPLOY_REGRESSION;
            case LAMBDA_CONFIG -> c.timeoutSeconds() != null ? CauseKind.LAMBDA_TIMEOUT
                    : c.newRole() != null ? CauseKind.EXECUTION_ROLE_CHANGED : CauseKind.LAMBDA_DEPLOY_REGRESSION;
            case LAMBDA_PERMISSION_REMOVED -> CauseKind.INVOKE_PERMISSION_REMOVED;
            case LAMBDA_PERMISSION_ADDED, API_RESOURCE_POLICY -> CauseKind.RESOURCE_POLICY_CHANGE;
            case LAMBDA_CONCURRENCY -> CauseKind.THROTTLING;
            case IAM_ROLE -> CauseKind.EXECUTION_ROLE_CHANGED;
            case API_AUTHORIZER -> CauseKind.AUTHORIZER_FAILURE;
            case API_INTEGRATION -> c.patches("/timeoutInMillis") ? CauseKind.INTEGRATION_TIMEOUT : CauseKind.API_CONFIG_CHANGE;
            case API_DEPLOYMENT, API_STAGE, API_ROUTE_OR_METHOD, API_OTHER, WAF -> CauseKind.API_CONFIG_CHANGE;
            case METADATA -> c.functionName() != null ? CauseKind.LAMBDA_DEPLOY_REGRESSION : CauseKind.API_CONFIG_CHANGE;
            case OTHER -> CauseKind.UNKNOWN;
        };
    }
}
