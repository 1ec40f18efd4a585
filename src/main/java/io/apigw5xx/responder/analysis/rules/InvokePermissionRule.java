package io.apigw5xx.responder.analysis.rules;

import io.apigw5xx.responder.analysis.AnalysisContext;
import io.apigw5xx.responder.analysis.Cause;
import io.apigw5xx.responder.analysis.CauseKind;
import io.apigw5xx.responder.analysis.CauseRule;
import io.apigw5xx.responder.analysis.ChangeKind;
import io.apigw5xx.responder.analysis.Confidence;
import io.apigw5xx.responder.analysis.CorrelationWindow;
import io.apigw5xx.responder.analysis.LogSignal;
import io.apigw5xx.responder.analysis.StaticChecks;
import io.apigw5xx.responder.analysis.TypedChange;
import io.apigw5xx.responder.evidence.LogEvent;
import java.util.List;
import java.util.Optional;

/**
 * A RemovePermission on a target function (not followed by an AddPermission for it) and API Gateway
 * reporting "Invalid permissions on Lambda function" (500), or the current policy no longer allowing the API.
 * A remove-then-add that narrowed the policy is {@link ResourcePolicyChangeRule}'s case.
 */
public final class InvokePermissionRule implements CauseRule {

    @Override
    public Optional<Candidate> evaluate(AnalysisContext c) {
        for (String function : c.path().functions()) {
            List<TypedChange> removed = c.correlated(ch -> function.equals(ch.functionName())
                    && ch.kind() == ChangeKind.LAMBDA_PERMISSION_REMOVED);
            if (removed.isEmpty()) {
                continue;
            }
            TypedChange removal = removed.getFirst();
            boolean readded = c.onPath().stream().anyMatch(ch -> function.equals(ch.functionName())
                    && ch.kind() == ChangeKind.LAMBDA_PERMISSION_ADDED && ch.time().isAfter(removal.time()));
            if (readded) {
                continue;
            }
            List<LogEvent> denied = c.logs().lines(LogSignal.INVALID_PERMISSIONS);
            boolean policyMissing = c.staticChecks().problems().stream()
                    .anyMatch(p -> p.check().equals("invoke-permission") && function.equals(p.resource()));
            boolean symptom = !denied.isEmpty() || policyMissing;
            boolean prime = c.fit(removal) == CorrelationWindow.Fit.PRIME;
            Confidence confidence = symptom && prime ? Confidence.HIGH : symptom || prime ? Confidence.MEDIUM : Confidence.LOW;
            EvidenceList evidence = new EvidenceList(c).changes(removed).logs(denied, "\"Invalid permissions\" lines");
            if (policyMissing) {
                evidence.fact(function + "'s resource policy no longer lets API " + c.path().apiId() + " invoke it", function,
                        "lambda get-policy");
            }
            String why = "the permission letting API Gateway invoke " + function + " was removed at "
                    + AnalysisContext.hhmm(removal.time()) + " by " + removal.actor()
                    + (denied.isEmpty() ? "" : "; API Gateway reports \"Invalid permissions on Lambda function\"");
            return Optional.of(new Candidate(new Cause(CauseKind.INVOKE_PERMISSION_REMOVED,
                    CauseKind.INVOKE_PERMISSION_REMOVED.title() + ": " + function, confidence, why, evidence.build(),
                    List.of(c.commands().getPolicy(function), c.commands().addInvokePermission(function),
                            c.commands().executionLogs("Invalid permissions on Lambda function"),
                            c.commands().cloudTrailEvent(removal))),
                    confidence == Confidence.HIGH ? 97 : 55));
        }
        return Optional.empty();
    }

    static boolean hasProblem(StaticChecks.Result r, String check, String resource) {
        return r.problems().stream().anyMatch(p -> p.check().equals(check) && (resource == null || resource.equals(p.resource())));
    }
}
