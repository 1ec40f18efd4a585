package io.apigw5xx.responder.analysis.rules;

import io.apigw5xx.responder.analysis.AnalysisContext;
import io.apigw5xx.responder.analysis.Cause;
import io.apigw5xx.responder.analysis.CauseKind;
import io.apigw5xx.responder.analysis.CauseRule;
import io.apigw5xx.responder.analysis.ChangeKind;
import io.apigw5xx.responder.analysis.Confidence;
import io.apigw5xx.responder.analysis.CorrelationWindow;
import io.apigw5xx.responder.analysis.LogSignal;
import io.apigw5xx.responder.analysis.LogSignals;
import io.apigw5xx.responder.analysis.TypedChange;
import io.apigw5xx.responder.evidence.Integration;
import io.apigw5xx.responder.evidence.LogEvent;
import io.apigw5xx.responder.incident.ApiType;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * API Gateway gave up waiting for the integration (504 "Endpoint request timed out"): IntegrationLatency
 * pinned at the integration timeout, or the timeout lowered by a correlated UpdateIntegration. Without such
 * a change the timeout is the mechanism, not the reason something got slow: MEDIUM at most.
 */
public final class IntegrationTimeoutRule implements CauseRule {

    @Override
    public Optional<Candidate> evaluate(AnalysisContext c) {
        long limit = limit(c);
        List<LogEvent> timeouts = c.logs().lines(LogSignal.INTEGRATION_TIMEOUT, c.episodeStart().minusSeconds(120));
        double maxLatency = c.integrationLatency().max(c.episodeStart(), c.episodeEnd()).orElse(Double.NaN);
        boolean pinned = !Double.isNaN(maxLatency) && maxLatency >= 0.95 * limit;
        List<TypedChange> lowered = c.correlated(ch -> ch.kind() == ChangeKind.API_INTEGRATION && ch.patches("/timeoutInMillis"));
        if (timeouts.isEmpty() && !pinned) {
            return Optional.empty();
        }
        boolean primeChange = lowered.stream().anyMatch(ch -> c.fit(ch) == CorrelationWindow.Fit.PRIME);
        // Timeouts must make up a real share of the failures the logs show; one slow request among many other
        // failures is not this cause.
        long failures = timeouts.size() + otherFailureLines(c);
        boolean realShare = failures == 0 ? pinned : timeouts.size() >= 0.2 * failures;
        Confidence confidence;
        int score;
        if (!realShare) {
            confidence = Confidence.LOW;
            score = 22;
        } else if (primeChange) {
            confidence = Confidence.HIGH;
            score = 94;
        } else if (pinned || timeouts.size() >= 3) {
            confidence = Confidence.MEDIUM;
            score = lowered.isEmpty() ? 66 : 70;
        } else {
            confidence = Confidence.LOW;
            score = 25;
        }
        EvidenceList evidence = new EvidenceList(c).changes(lowered);
        if (!Double.isNaN(maxLatency)) {
            evidence.metric(c.integrationLatency().firstAbove(c.episodeStart(), c.episodeEnd(), 0.95 * limit),
                    "IntegrationLatency reached " + Math.round(maxLatency) + " ms against an integration timeout of " + limit + " ms",
                    c.path().label(), "AWS/ApiGateway IntegrationLatency");
        }
        evidence.logs(timeouts, "integration timeouts");
        List<String> commands = new ArrayList<>();
        TypedChange change = lowered.isEmpty() ? null : lowered.getFirst();
        commands.add(c.commands().getIntegration(change == null ? null : change.resourceId(),
                change == null ? null : change.httpMethod(), null));
        for (String f : c.path().integrationFunctions()) {
            commands.add(c.commands().reportStats(f));
        }
        commands.add(c.commands().executionLogs("Execution failed due to a timeout error|Integration latency"));
        String why = change != null
                ? "the integration timeout was set to " + change.patchValue("/timeoutInMillis") + " ms at "
                        + AnalysisContext.hhmm(change.time()) + AnalysisContext.by(change) + " and requests now hit it"
                : "requests run into the " + limit + " ms integration timeout and get 504s"
                        + (c.pattern().pattern() == io.apigw5xx.responder.analysis.ErrorPattern.GRADUAL
                        ? "; latency climbed steadily first, so something behind the integration is slowing down" : "");
        return Optional.of(new Candidate(new Cause(CauseKind.INTEGRATION_TIMEOUT, CauseKind.INTEGRATION_TIMEOUT.title()
                + " (" + limit + " ms)", confidence, why, evidence.build(), commands), score));
    }

    /** Gateway-side failure lines of every other kind since shortly before the onset. */
    static long otherFailureLines(AnalysisContext c) {
        java.time.Instant from = c.episodeStart().minusSeconds(120);
        long n = 0;
        for (LogSignal s : List.of(LogSignal.CUSTOMER_FUNCTION_ERROR, LogSignal.MALFORMED_PROXY_RESPONSE, LogSignal.INVALID_PERMISSIONS,
                LogSignal.LAMBDA_THROTTLED, LogSignal.AUTHORIZER_ERROR, LogSignal.BACKEND_FAILURE, LogSignal.API_CONFIG_ERROR)) {
            n += c.logs().lines(s, from).stream().filter(l -> LogSignals.functionOf(l) == null).count();
        }
        return n;
    }

    /** The integration timeout in force: the smallest explicit timeoutInMillis, else the API type's default. */
    public static long limit(AnalysisContext c) {
        long fallback = c.apiType() == ApiType.HTTP ? 30_000 : 29_000;
        if (c.evidence().topology() == null) {
            return fallback;
        }
        return c.evidence().topology().integrations().stream().map(Integration::timeoutMillis).filter(t -> t != null)
                .mapToLong(Integer::longValue).min().orElse(fallback);
    }
}
