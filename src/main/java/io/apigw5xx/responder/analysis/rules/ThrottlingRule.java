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
import io.apigw5xx.responder.evidence.LambdaTarget;
import io.apigw5xx.responder.evidence.LogEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Lambda refused invocations (Throttles, "Lambda invocation failed with status: 429"), often because
 * reserved concurrency was lowered or traffic outgrew it. API Gateway turns each refusal into a 500.
 */
public final class ThrottlingRule implements CauseRule {

    @Override
    public Optional<Candidate> evaluate(AnalysisContext c) {
        Candidate best = null;
        List<LogEvent> rateLines = c.logs().lines(LogSignal.LAMBDA_THROTTLED, c.episodeStart().minusSeconds(120));
        for (String function : c.path().functions()) {
            long throttles = c.lambdaSum(function, "Throttles");
            if (throttles == 0 && rateLines.isEmpty()) {
                continue;
            }
            List<TypedChange> lowered = c.correlated(ch -> function.equals(ch.functionName()) && ch.kind() == ChangeKind.LAMBDA_CONCURRENCY);
            LambdaTarget target = c.path().target(function);
            Integer reserved = target == null ? null : target.reservedConcurrency();
            double concurrency = c.lambdaMax(function, "ConcurrentExecutions");
            boolean atLimit = reserved != null && !Double.isNaN(concurrency) && concurrency >= reserved - 0.5;
            long apiErrors = Math.max(1, c.apiErrorsInEpisode());
            boolean explainsErrors = throttles >= 0.2 * apiErrors || rateLines.size() >= 3;
            boolean prime = lowered.stream().anyMatch(ch -> c.fit(ch) == CorrelationWindow.Fit.PRIME);
            Confidence confidence;
            int score;
            if (explainsErrors && (prime || atLimit || (throttles > 0 && rateLines.size() >= 3))) {
                confidence = Confidence.HIGH;
                score = prime ? 95 : 74;
            } else if (explainsErrors) {
                confidence = Confidence.MEDIUM;
                score = 48;
            } else if (throttles > 0) {
                // a few throttles beside many more 5xx do not explain them
                confidence = Confidence.LOW;
                score = 16;
            } else {
                continue;
            }
            EvidenceList evidence = new EvidenceList(c).changes(lowered);
            if (throttles > 0) {
                evidence.metric(c.metrics().lambda(function, "Throttles").firstAbove(c.episodeStart(), c.episodeEnd(), 0),
                        function + " was throttled " + throttles + " times since the onset (API 5xx: " + c.apiErrorsInEpisode() + ")",
                        function, "AWS/Lambda Throttles FunctionName=" + function);
            }
            if (atLimit) {
                evidence.metric(null, "ConcurrentExecutions peaked at " + Math.round(concurrency) + ", the reserved concurrency is "
                        + reserved, function, "AWS/Lambda ConcurrentExecutions FunctionName=" + function);
            }
            evidence.logs(rateLines, "429 / Rate Exceeded lines");
            List<String> commands = new ArrayList<>(List.of(c.commands().concurrency(function),
                    "aws lambda get-account-settings --query AccountLimit.ConcurrentExecutions"));
            if (reserved != null) {
                commands.add("aws lambda put-function-concurrency --function-name " + function + " --reserved-concurrent-executions "
                        + Math.max(reserved * 2, reserved + 10));
            }
            lowered.stream().findFirst().ifPresent(ch -> commands.add(c.commands().cloudTrailEvent(ch)));
            String why = function + " is being throttled" + (reserved != null ? " at its reserved concurrency of " + reserved : "")
                    + (lowered.isEmpty() ? "" : "; concurrency was changed at " + AnalysisContext.hhmm(lowered.getFirst().time())
                    + AnalysisContext.by(lowered.getFirst()));
            Candidate candidate = new Candidate(new Cause(CauseKind.THROTTLING, CauseKind.THROTTLING.title() + ": " + function,
                    confidence, why, evidence.build(), commands), score);
            if (best == null || candidate.score() > best.score()) {
                best = candidate;
            }
        }
        return Optional.ofNullable(best);
    }
}
