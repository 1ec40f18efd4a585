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
            // Only a grant whose principal and SourceArn cover this API and one of its routes restores it: an
            // AddPermission for another API does not undo a RemovePermission.
            boolean readded = c.onPath().stream().anyMatch(ch -> function.equals(ch.functionName())
                    && ch.kind() == ChangeKind.LAMBDA_PERMISSION_ADDED && ch.time().isAfter(removal.time())
                    && StaticChecks.grantCovers(ch.principal(), ch.sourceArn(), c.evidence().topology(), function));
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
                    + AnalysisContext.hhmm(removal.time()) + AnalysisContext.by(removal)
                    + (denied.isEmpty() ? "" : "; API Gateway reports \"Invalid permissions on Lambda function\"");
            return Optional.of(new Candidate(new Cause(CauseKind.INVOKE_PERMISSION_REMOVED,
                    CauseKind.INVOKE_PERMISSION_REMOVED.title() + ": " + function, confidence, why, evidence.build(),
                    List.of(c.commands().getPolicy(function), c.commands().addInvokePermission(function),
                            c.commands().executionLogs("Invalid permissions on Lambda function"),
                            c.commands().cloudTrailEvent(removal))),
                    confidence == Confidence.HIGH ? 97 : 55));
        }
        return stateFlip(c);
    }

    /**
     * No RemovePermission is listed, but the policy does not let this API invoke the function now, and the 5xx
     * began at a sharp onset after a clean stretch: the path worked before, so the permission must have gone then.
     * A resource policy carries no timestamp, so nothing dates the removal but the onset: MEDIUM with API
     * Gateway's "Invalid permissions" lines, LOW without.
     */
    private static Optional<Candidate> stateFlip(AnalysisContext c) {
        if (!c.workedBeforeOnset()) {
            return Optional.empty();
        }
        for (StaticChecks.Problem p : c.staticChecks().problems()) {
            if (!p.check().equals("invoke-permission") || p.resource() == null) {
                continue;
            }
            List<LogEvent> denied = c.logs().lines(LogSignal.INVALID_PERMISSIONS, c.episodeStart().minusSeconds(120));
            Confidence confidence = denied.size() >= 2 ? Confidence.MEDIUM : Confidence.LOW;
            EvidenceList evidence = new EvidenceList(c).logs(denied, "\"Invalid permissions\" lines");
            evidence.fact(p.summary() + " now", p.resource(), "lambda get-policy");
            evidence.metric(c.onset(), "the 5xx began at " + AnalysisContext.hhmm(c.onset()) + " UTC after a clean stretch: "
                    + "the path worked before", c.path().label(), "AWS/ApiGateway 5XXError");
            String why = "the permission letting API Gateway invoke " + p.resource() + " is gone and the errors began at "
                    + AnalysisContext.hhmm(c.onset()) + ": it was removed then (no CloudTrail record yet; a resource policy has no timestamp)";
            return Optional.of(new Candidate(new Cause(CauseKind.INVOKE_PERMISSION_REMOVED,
                    CauseKind.INVOKE_PERMISSION_REMOVED.title() + ": " + p.resource(), confidence, why, evidence.build(),
                    List.of(c.commands().getPolicy(p.resource()), c.commands().addInvokePermission(p.resource()),
                            c.commands().executionLogs("Invalid permissions on Lambda function"))), 58));
        }
        return Optional.empty();
    }

    static boolean hasProblem(StaticChecks.Result r, String check, String resource) {
        return r.problems().stream().anyMatch(p -> p.check().equals(check) && (resource == null || resource.equals(p.resource())));
    }
}
