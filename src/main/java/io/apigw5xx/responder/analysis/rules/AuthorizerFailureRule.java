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
import io.apigw5xx.responder.evidence.LogEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The authorizer fails before the integration runs: API Gateway answers 500 with AUTHORIZER_FAILURE or
 * AUTHORIZER_CONFIGURATION_ERROR. Correlated authorizer edits or deploys of the authorizer function back it.
 */
public final class AuthorizerFailureRule implements CauseRule {

    @Override
    public Optional<Candidate> evaluate(AnalysisContext c) {
        List<LogEvent> lines = c.logs().lines(LogSignal.AUTHORIZER_ERROR, c.episodeStart().minusSeconds(120));
        List<TypedChange> changes = c.correlated(ch -> ch.kind() == ChangeKind.API_AUTHORIZER
                || (ch.functionName() != null && c.path().isAuthorizer(ch.functionName()) && ch.kind().isLambdaDeploy()));
        List<String> authorizerFns = c.path().functions().stream().filter(c.path()::isAuthorizer).toList();
        boolean fnErrors = authorizerFns.stream().anyMatch(f -> c.lambdaSum(f, "Errors") > 0);
        if (lines.isEmpty() && changes.isEmpty() && !fnErrors) {
            return Optional.empty();
        }
        boolean prime = changes.stream().anyMatch(ch -> c.fit(ch) == CorrelationWindow.Fit.PRIME);
        Confidence confidence;
        int score;
        if (lines.size() >= 3 && (prime || fnErrors)) {
            confidence = Confidence.HIGH;
            score = prime ? 95 : 75;
        } else if (lines.size() >= 1 || (prime && fnErrors)) {
            confidence = Confidence.MEDIUM;
            score = 55;
        } else {
            confidence = Confidence.LOW;
            score = 20;
        }
        EvidenceList evidence = new EvidenceList(c).changes(changes).logs(lines, "authorizer errors");
        List<String> commands = new ArrayList<>(List.of(c.commands().authorizers()));
        for (String f : authorizerFns) {
            long errors = c.lambdaSum(f, "Errors");
            if (errors > 0) {
                evidence.metric(c.episodeStart(), "authorizer function " + f + " reported " + errors + " Errors", f,
                        "AWS/Lambda Errors FunctionName=" + f);
            }
            commands.add(c.commands().lambdaLogs(f, "ERROR|Exception"));
        }
        changes.stream().findFirst().ifPresent(ch -> commands.add(c.commands().cloudTrailEvent(ch)));
        String why = "requests fail in the authorizer" + (lines.isEmpty() ? "" : " (" + lines.size() + " authorizer error lines)")
                + (changes.isEmpty() ? "" : "; it was changed at " + AnalysisContext.hhmm(changes.getFirst().time()) + AnalysisContext.by(changes.getFirst())
                + " (" + changes.getFirst().eventName() + ")");
        return Optional.of(new Candidate(new Cause(CauseKind.AUTHORIZER_FAILURE, CauseKind.AUTHORIZER_FAILURE.title(),
                confidence, why, evidence.build(), commands), score));
    }
}
