package io.apigw5xx.responder.analysis.rules;

import io.apigw5xx.responder.analysis.AnalysisContext;
import io.apigw5xx.responder.analysis.Cause;
import io.apigw5xx.responder.analysis.CauseKind;
import io.apigw5xx.responder.analysis.CauseRule;
import io.apigw5xx.responder.analysis.ChangeKind;
import io.apigw5xx.responder.analysis.Confidence;
import io.apigw5xx.responder.analysis.CorrelationWindow;
import io.apigw5xx.responder.analysis.LogSignal;
import io.apigw5xx.responder.analysis.TypedChange;
import io.apigw5xx.responder.evidence.Integration;
import io.apigw5xx.responder.evidence.LambdaTarget;
import io.apigw5xx.responder.evidence.LogEvent;
import io.apigw5xx.responder.incident.ApiType;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The function hits its own timeout before API Gateway gives up ("Task timed out", REPORT Status: timeout,
 * Duration at the limit): the client gets a 502. When the function's timeout is above the integration
 * timeout API Gateway answers 504 first, which is {@link IntegrationTimeoutRule}'s case.
 */
public final class LambdaTimeoutRule implements CauseRule {

    @Override
    public Optional<Candidate> evaluate(AnalysisContext c) {
        Candidate best = null;
        for (String function : c.path().integrationFunctions()) {
            LambdaTarget target = c.path().target(function);
            Integer timeout = target == null ? null : target.timeoutSeconds();
            if (timeout != null && timeout * 1000L > integrationTimeout(c, function)) {
                continue;
            }
            List<LogEvent> timeouts = c.logs().lambdaLines(LogSignal.TASK_TIMED_OUT, function).stream()
                    .filter(l -> !l.timestamp().isBefore(c.episodeStart().minusSeconds(300))).toList();
            double maxDuration = c.lambdaMax(function, "Duration");
            boolean atLimit = timeout != null && !Double.isNaN(maxDuration) && maxDuration >= 0.95 * timeout * 1000;
            if (timeouts.isEmpty() && !atLimit) {
                continue;
            }
            List<TypedChange> lowered = c.correlated(ch -> function.equals(ch.functionName())
                    && ch.kind() == ChangeKind.LAMBDA_CONFIG && ch.timeoutSeconds() != null);
            boolean primeChange = lowered.stream().anyMatch(ch -> c.fit(ch) == CorrelationWindow.Fit.PRIME);
            Confidence confidence;
            int score;
            if (timeouts.size() >= 3 && (primeChange || atLimit || Double.isNaN(maxDuration))) {
                confidence = Confidence.HIGH;
                score = primeChange ? 96 : 72;
            } else if (timeouts.size() >= 1 || atLimit) {
                confidence = Confidence.MEDIUM;
                score = lowered.isEmpty() ? 50 : 62;
            } else {
                continue;
            }
            EvidenceList evidence = new EvidenceList(c).changes(lowered).logs(timeouts, "timeouts in /aws/lambda/" + function);
            if (!Double.isNaN(maxDuration)) {
                evidence.metric(c.episodeStart(), "Lambda Duration max " + Math.round(maxDuration) + " ms against a timeout of "
                        + (timeout == null ? "?" : timeout + " s"), function, "AWS/Lambda Duration FunctionName=" + function);
            }
            List<String> commands = new ArrayList<>(List.of(
                    c.commands().functionConfig(function),
                    c.commands().lambdaLogs(function, "Task timed out|Status: timeout"),
                    c.commands().reportStats(function),
                    c.commands().xrayFaults(function)));
            String why = function + " is running into its " + (timeout == null ? "" : timeout + " s ") + "timeout"
                    + (timeouts.isEmpty() ? "" : " (" + timeouts.size() + " \"Task timed out\" lines)")
                    + (lowered.isEmpty() ? "" : "; its timeout was changed to " + lowered.getFirst().timeoutSeconds() + " s at "
                    + AnalysisContext.hhmm(lowered.getFirst().time()) + AnalysisContext.by(lowered.getFirst()));
            Candidate candidate = new Candidate(new Cause(CauseKind.LAMBDA_TIMEOUT, CauseKind.LAMBDA_TIMEOUT.title() + ": " + function,
                    confidence, why, evidence.build(), commands), score);
            if (best == null || candidate.score() > best.score()) {
                best = candidate;
            }
        }
        return Optional.ofNullable(best);
    }

    static long integrationTimeout(AnalysisContext c, String function) {
        long fallback = c.apiType() == ApiType.HTTP ? 30_000 : 29_000;
        if (c.evidence().topology() == null) {
            return fallback;
        }
        return c.evidence().topology().integrations().stream()
                .filter(i -> function.equals(i.lambdaFunction()))
                .map(Integration::timeoutMillis)
                .filter(t -> t != null)
                .mapToLong(Integer::longValue)
                .max()
                .orElse(fallback);
    }
}
