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
 * The function's resource policy was rewritten (AddPermission, typically after a RemovePermission, with a
 * narrower SourceArn) or the API's own resource policy changed, and invocations are now refused.
 */
public final class ResourcePolicyChangeRule implements CauseRule {

    @Override
    public Optional<Candidate> evaluate(AnalysisContext c) {
        List<TypedChange> changes = c.correlated(ch -> ch.kind() == ChangeKind.LAMBDA_PERMISSION_ADDED
                || ch.kind() == ChangeKind.API_RESOURCE_POLICY);
        if (changes.isEmpty()) {
            return Optional.empty();
        }
        TypedChange latest = changes.getFirst();
        List<TypedChange> related = new ArrayList<>(changes);
        c.correlated(ch -> ch.kind() == ChangeKind.LAMBDA_PERMISSION_REMOVED && latest.functionName() != null
                && latest.functionName().equals(ch.functionName())).forEach(related::add);
        List<LogEvent> denied = c.logs().lines(LogSignal.INVALID_PERMISSIONS);
        boolean policyMissing = latest.functionName() != null
                && InvokePermissionRule.hasProblem(c.staticChecks(), "invoke-permission", latest.functionName());
        boolean symptom = !denied.isEmpty() || policyMissing;
        boolean prime = changes.stream().anyMatch(ch -> c.fit(ch) == CorrelationWindow.Fit.PRIME);
        Confidence confidence = symptom && prime ? Confidence.HIGH : symptom ? Confidence.MEDIUM : Confidence.LOW;
        EvidenceList evidence = new EvidenceList(c).changes(related).logs(denied, "\"Invalid permissions\" lines");
        if (policyMissing) {
            evidence.fact("the policy of " + latest.functionName() + " now does not cover "
                    + c.path().apiId() + "/" + c.path().stage() + " for every route", latest.functionName(), "lambda get-policy");
        }
        List<String> commands = new ArrayList<>();
        if (latest.functionName() != null) {
            commands.add(c.commands().getPolicy(latest.functionName()));
            commands.add(c.commands().addInvokePermission(latest.functionName()));
        } else {
            commands.add(c.commands().restApiPolicy());
            commands.add(c.commands().deployments());
        }
        commands.add(c.commands().cloudTrailEvent(latest));
        String target = latest.functionName() != null ? latest.functionName() + "'s resource policy" : "the API's resource policy";
        String why = target + " was changed at " + AnalysisContext.hhmm(latest.time()) + AnalysisContext.by(latest)
                + (latest.sourceArn() != null ? " to allow only " + latest.sourceArn() : "")
                + (symptom ? "; invocations from this stage are now refused" : "");
        return Optional.of(new Candidate(new Cause(CauseKind.RESOURCE_POLICY_CHANGE, CauseKind.RESOURCE_POLICY_CHANGE.title()
                + ": " + target, confidence, why, evidence.build(), commands), confidence == Confidence.HIGH ? 96 : 50));
    }
}
