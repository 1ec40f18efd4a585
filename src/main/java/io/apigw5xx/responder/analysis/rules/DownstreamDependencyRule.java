package io.apigw5xx.responder.analysis.rules;

import io.apigw5xx.responder.analysis.AnalysisContext;
import io.apigw5xx.responder.analysis.Cause;
import io.apigw5xx.responder.analysis.CauseKind;
import io.apigw5xx.responder.analysis.CauseRule;
import io.apigw5xx.responder.analysis.Confidence;
import io.apigw5xx.responder.analysis.ErrorPattern;
import io.apigw5xx.responder.analysis.LogSignal;
import io.apigw5xx.responder.evidence.LogEvent;
import java.util.List;
import java.util.Optional;

/**
 * Runbook step 3 for intermittent errors with no correlated change: the function fails some of the time,
 * and its errors name a dependency (connection refused, read timed out, throttled by DynamoDB ...).
 */
public final class DownstreamDependencyRule implements CauseRule {

    @Override
    public Optional<Candidate> evaluate(AnalysisContext c) {
        if (!c.correlated().isEmpty()) {
            return Optional.empty();
        }
        Candidate best = null;
        for (String function : c.path().integrationFunctions()) {
            List<LogEvent> downstream = c.logs().lambdaLines(LogSignal.DOWNSTREAM_ERROR, function).stream()
                    .filter(l -> !l.timestamp().isBefore(c.episodeStart().minusSeconds(120))).toList();
            long errorLines = c.logs().lambdaLines(LogSignal.LAMBDA_ERROR, function).stream()
                    .filter(l -> !l.timestamp().isBefore(c.episodeStart().minusSeconds(120))).count();
            long lambdaErrors = c.lambdaSum(function, "Errors");
            boolean intermittent = c.pattern().pattern() == ErrorPattern.INTERMITTENT;
            if (downstream.isEmpty() && !(intermittent && lambdaErrors > 0)) {
                continue;
            }
            Confidence confidence;
            int score;
            if (intermittent && downstream.size() >= 3 && downstream.size() * 2 >= errorLines) {
                confidence = Confidence.HIGH;
                score = 71;
            } else if (downstream.size() >= 3 || (intermittent && !downstream.isEmpty())) {
                // MEDIUM needs the dependency's own error lines: an intermittent shape alone is not evidence
                confidence = Confidence.MEDIUM;
                score = intermittent ? 54 : 40;
            } else {
                confidence = Confidence.LOW;
                score = 18;
            }
            EvidenceList evidence = new EvidenceList(c).logs(downstream, "dependency errors in /aws/lambda/" + function);
            if (lambdaErrors > 0) {
                evidence.metric(c.episodeStart(), function + " reported " + lambdaErrors + " Errors since the onset, "
                        + c.pattern().why(), function, "AWS/Lambda Errors FunctionName=" + function);
            }
            String why = "errors come and go with no change on the path; " + function + "'s failures point at a dependency"
                    + (downstream.isEmpty() ? "" : " (" + exceptionName(downstream.getFirst().message()) + ")");
            Candidate candidate = new Candidate(new Cause(CauseKind.DOWNSTREAM_DEPENDENCY, CauseKind.DOWNSTREAM_DEPENDENCY.title()
                    + " behind " + function, confidence, why, evidence.build(), List.of(
                    c.commands().lambdaLogs(function, "Exception|timed out|refused"),
                    c.commands().xrayFaults(function),
                    c.commands().reportStats(function))), score);
            if (best == null || candidate.score() > best.score()) {
                best = candidate;
            }
        }
        return Optional.ofNullable(best);
    }

    /** Pulls "java.net.SocketTimeoutException" or similar out of a log line, for the one-line why. */
    private static String exceptionName(String message) {
        var m = java.util.regex.Pattern.compile("([A-Za-z0-9_.]*(Exception|Error))").matcher(message);
        return m.find() ? m.group(1) : message.strip().split("\n")[0];
    }
}
