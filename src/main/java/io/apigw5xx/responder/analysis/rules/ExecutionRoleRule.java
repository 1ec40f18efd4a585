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
 * A target function's execution role lost permissions (IAM change on that role, or the function switched to
 * another role) and the function now logs AccessDenied. AccessDenied without any change is reported at
 * MEDIUM: a role or a downstream resource policy is wrong, but we cannot say since when.
 */
public final class ExecutionRoleRule implements CauseRule {

    @Override
    public Optional<Candidate> evaluate(AnalysisContext c) {
        Candidate best = null;
        for (String function : c.path().integrationFunctions()) {
            String role = c.path().roleOf(function);
            List<TypedChange> changes = c.correlated(ch -> (ch.kind() == ChangeKind.IAM_ROLE && role != null && role.equals(ch.roleName()))
                    || (ch.kind() == ChangeKind.LAMBDA_CONFIG && function.equals(ch.functionName()) && ch.newRole() != null));
            List<LogEvent> denied = c.logs().lambdaLines(LogSignal.ACCESS_DENIED, function);
            Boolean errorsRose = changes.isEmpty() ? null : c.lambdaErrorsRose(function, changes.getLast().time());
            Confidence confidence;
            int score;
            if (!changes.isEmpty()) {
                boolean prime = changes.stream().anyMatch(ch -> c.fit(ch) == CorrelationWindow.Fit.PRIME);
                if (prime && denied.size() >= 2) {
                    confidence = Confidence.HIGH;
                    score = 96;
                } else if (!denied.isEmpty()) {
                    confidence = Confidence.MEDIUM;
                    score = 58;
                } else {
                    confidence = Confidence.LOW;
                    score = 15;
                }
            } else if (denied.size() >= 3) {
                confidence = Confidence.MEDIUM;
                score = 52;
            } else {
                continue;
            }
            confidence = AnalysisContext.capUnattributed(changes, confidence, denied.size() >= 3);
            EvidenceList evidence = new EvidenceList(c).changes(changes).logs(denied, "AccessDenied lines in /aws/lambda/" + function);
            List<String> commands = new ArrayList<>();
            if (role != null) {
                commands.add(c.commands().roleAttachedPolicies(role));
                commands.add(c.commands().roleInlinePolicies(role));
            }
            commands.add(c.commands().lambdaLogs(function, "AccessDenied|not authorized"));
            changes.stream().findFirst().ifPresent(ch -> commands.add(c.commands().cloudTrailEvent(ch)));
            String why = changes.isEmpty()
                    ? function + " is denied access to something it calls (" + denied.size() + " AccessDenied lines) without a visible change"
                    : "execution role " + (role == null ? "" : role + " ") + "of " + function + " changed at "
                            + AnalysisContext.hhmm(changes.getFirst().time()) + AnalysisContext.by(changes.getFirst())
                            + " (" + changes.getFirst().eventName() + ")"
                            + (denied.isEmpty() ? "" : " and the function now logs AccessDenied");
            Candidate candidate = new Candidate(new Cause(CauseKind.EXECUTION_ROLE_CHANGED, CauseKind.EXECUTION_ROLE_CHANGED.title()
                    + ": " + (role == null ? function : role), confidence, why, evidence.build(), commands), score);
            if (best == null || candidate.score() > best.score()) {
                best = candidate;
            }
        }
        return Optional.ofNullable(best);
    }
}
