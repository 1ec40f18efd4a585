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
import io.apigw5xx.responder.incident.ApiType;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An integration, route/method, stage (variables) or deployment change on this API just before the 5xx,
 * with the failure at the gateway (configuration errors in the execution log, or the Lambda targets not
 * failing themselves). On REST APIs an integration edit only takes effect with a deployment, so without a
 * CreateDeployment/UpdateStage in the window it is MEDIUM at most. Timeout edits belong to
 * {@link IntegrationTimeoutRule}, authorizer edits to {@link AuthorizerFailureRule}.
 */
public final class ApiConfigChangeRule implements CauseRule {

    @Override
    public Optional<Candidate> evaluate(AnalysisContext c) {
        List<TypedChange> changes = c.correlated(ch -> ch.kind().isApiConfig()
                && !(ch.kind() == ChangeKind.API_INTEGRATION && ch.patches("/timeoutInMillis") && ch.patches().size() == 1));
        if (changes.isEmpty()) {
            return Optional.empty();
        }
        boolean substantive = changes.stream().anyMatch(ch -> ch.kind() != ChangeKind.API_DEPLOYMENT);
        boolean effective = c.apiType() == ApiType.HTTP || changes.stream()
                .anyMatch(ch -> ch.kind() == ChangeKind.API_DEPLOYMENT || ch.kind() == ChangeKind.API_STAGE);
        boolean prime = changes.stream().anyMatch(ch -> c.fit(ch) == CorrelationWindow.Fit.PRIME);
        boolean gatewayErrors = c.logs().any(LogSignal.CONFIGURATION_ERROR)
                && !c.logs().any(LogSignal.INVALID_PERMISSIONS) && !c.logs().any(LogSignal.LAMBDA_THROTTLED);
        boolean lambdaFailing = c.path().integrationFunctions().stream()
                .anyMatch(f -> Boolean.TRUE.equals(c.lambdaErrorsRose(f, changes.getLast().time())));
        boolean staticProblem = c.staticChecks().problems().stream().anyMatch(p -> p.fatal());
        boolean symptom = gatewayErrors || staticProblem || (!lambdaFailing && !c.logs().any(LogSignal.TASK_TIMED_OUT)
                && !c.logs().any(LogSignal.INTEGRATION_TIMEOUT) && !c.logs().any(LogSignal.BACKEND_FAILURE));
        Confidence confidence;
        int score;
        if (prime && effective && substantive && symptom && !lambdaFailing) {
            confidence = Confidence.HIGH;
            score = 93;
        } else if (prime && !lambdaFailing) {
            confidence = Confidence.MEDIUM;
            score = 57;
        } else {
            confidence = Confidence.LOW;
            score = 20;
        }
        TypedChange integration = changes.stream().filter(ch -> ch.kind() == ChangeKind.API_INTEGRATION).findFirst().orElse(null);
        EvidenceList evidence = new EvidenceList(c).changes(changes)
                .logs(c.logs().lines(LogSignal.CONFIGURATION_ERROR, c.episodeStart().minusSeconds(120)), "configuration errors");
        c.staticChecks().problems().stream().filter(p -> p.fatal()).forEach(p -> evidence.fact(p.summary(), p.resource(), p.check()));
        List<String> commands = new ArrayList<>();
        if (integration != null) {
            commands.add(c.commands().getIntegration(integration.resourceId(), integration.httpMethod(), null));
        }
        commands.add(c.commands().deployments());
        commands.add(c.commands().rollbackDeployment());
        commands.add(c.commands().getStage());
        commands.add(c.commands().cloudTrailEvent(changes.getFirst()));
        TypedChange latest = changes.getFirst();
        String why = "API " + c.path().label() + " changed at " + AnalysisContext.hhmm(latest.time()) + " by " + latest.actor()
                + " (" + String.join(", ", changes.stream().map(TypedChange::eventName).distinct().toList()) + "), "
                + c.window().relative(changes.getLast().time())
                + (gatewayErrors ? "; API Gateway now reports configuration errors" : "")
                + (lambdaFailing ? "; but the Lambda targets fail on their own too" : "");
        return Optional.of(new Candidate(new Cause(CauseKind.API_CONFIG_CHANGE, CauseKind.API_CONFIG_CHANGE.title(),
                confidence, why, evidence.build(), commands), score));
    }
}
