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
import io.apigw5xx.responder.incident.ApiType;
import java.time.Instant;
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

    /**
     * The gateway reports its own configuration errors but no API change is listed: while CloudTrail may still be
     * behind (and no stage/deployment timestamp was read to date it) a change is the likely story, at MEDIUM;
     * otherwise LOW - the deployment that broke it may be older than the window.
     */
    private Candidate withoutChange(AnalysisContext c, List<LogEvent> configErrors) {
        boolean mayBeLate = c.changesMayBeLate() || c.changesUnavailable();
        boolean stampsRead = c.evidence().topology() != null && c.evidence().topology().stamps() != null
                && c.evidence().topology().stamps().deploymentCreated() != null;
        // A configuration that cannot work (static checks) explains such errors without any change.
        boolean staticProblem = c.staticChecks().problems().stream().anyMatch(p -> p.fatal());
        Confidence confidence = mayBeLate && !stampsRead && !staticProblem ? Confidence.MEDIUM : Confidence.LOW;
        EvidenceList evidence = new EvidenceList(c).logs(configErrors, "configuration errors");
        var stamps = c.evidence().topology() == null ? null : c.evidence().topology().stamps();
        if (stamps != null && stamps.deploymentCreated() != null) {
            evidence.fact("the stage serves deployment " + stamps.deploymentId() + ", created " + AnalysisContext.hhmm(stamps.deploymentCreated())
                    + " UTC, outside the 30 minutes before the onset", c.path().label(), "apigateway get-stage");
        }
        String why = "API Gateway reports its own configuration errors (" + configErrors.size() + " lines, e.g. \""
                + io.apigw5xx.responder.analysis.LogSignals.firstLine(configErrors.getFirst()) + "\") but no API change is listed"
                + (mayBeLate && !stampsRead ? " yet (CloudTrail may be behind)" : "");
        return new Candidate(new Cause(CauseKind.API_CONFIG_CHANGE, CauseKind.API_CONFIG_CHANGE.title(), confidence, why,
                evidence.build(), List.of(c.commands().deployments(), c.commands().getStage(),
                c.commands().executionLogs("Unable to transform|mapping|configuration error"))), mayBeLate ? 50 : 18);
    }

    /** API configuration the static checks find broken; a missing invoke permission is {@link InvokePermissionRule}'s. */
    static final java.util.Set<String> API_CONFIGURATION_CHECKS = java.util.Set.of("integration-method", "stage-variable",
            "missing-function", "vpc-link");

    /**
     * A state flip: the API's configuration cannot work now (static checks), yet the path worked until a clean onset,
     * and nothing dates the configuration before the window - so it changed then, even if CloudTrail does not list the
     * call yet. MEDIUM with gateway failure lines, LOW without; never HIGH, nobody is known to have made it.
     */
    private static Optional<Candidate> stateFlip(AnalysisContext c) {
        if (!c.workedBeforeOnset() || c.stageConfigurationLongStanding()) {
            return Optional.empty();
        }
        List<io.apigw5xx.responder.analysis.StaticChecks.Problem> broken = c.staticChecks().problems().stream()
                .filter(p -> p.fatal() && API_CONFIGURATION_CHECKS.contains(p.check())).toList();
        if (broken.isEmpty()) {
            return Optional.empty();
        }
        boolean failing = c.logs().any(LogSignal.CONFIGURATION_ERROR) || c.logs().any(LogSignal.BACKEND_FAILURE)
                || c.logs().any(LogSignal.API_CONFIG_ERROR);
        Confidence confidence = failing ? Confidence.MEDIUM : Confidence.LOW;
        EvidenceList evidence = new EvidenceList(c);
        broken.forEach(p -> evidence.fact(p.summary() + " now", p.resource(), p.check()));
        evidence.metric(c.onset(), "the 5xx began at " + AnalysisContext.hhmm(c.onset()) + " UTC after a clean stretch: the path worked before",
                c.path().label(), "AWS/ApiGateway 5XX");
        String why = "the API's configuration cannot work now (" + broken.getFirst().summary() + ") yet the path worked until "
                + AnalysisContext.hhmm(c.onset()) + ": it changed then (an API edit, or the function it names was deleted); "
                + "no CloudTrail record or deployment time shows it yet";
        return Optional.of(new Candidate(new Cause(CauseKind.API_CONFIG_CHANGE, CauseKind.API_CONFIG_CHANGE.title(), confidence, why,
                evidence.build(), List.of(c.commands().deployments(), c.commands().getStage(), broken.getFirst().command())), 56));
    }

    @Override
    public Optional<Candidate> evaluate(AnalysisContext c) {
        List<TypedChange> changes = c.correlated(ch -> ch.kind().isApiConfig()
                && !(ch.kind() == ChangeKind.API_INTEGRATION && ch.patches("/timeoutInMillis") && ch.patches().size() == 1));
        List<LogEvent> configErrors = c.logs().lines(LogSignal.API_CONFIG_ERROR, c.episodeStart().minusSeconds(120));
        if (changes.isEmpty()) {
            return configErrors.size() >= 3 ? Optional.of(withoutChange(c, configErrors)) : stateFlip(c);
        }
        boolean substantive = changes.stream().anyMatch(ch -> ch.kind() != ChangeKind.API_DEPLOYMENT);
        boolean effective = c.apiType() == ApiType.HTTP || changes.stream()
                .anyMatch(ch -> ch.kind() == ChangeKind.API_DEPLOYMENT || ch.kind() == ChangeKind.API_STAGE);
        boolean prime = changes.stream().anyMatch(ch -> c.fit(ch) == CorrelationWindow.Fit.PRIME);
        // API Gateway's own configuration errors (transformation, mapping template, mapping expression), starting
        // after the change: evidence specific to an API configuration change.
        Instant changedAt = changes.getLast().time();
        boolean gatewayErrors = configErrors.stream().filter(l -> !l.timestamp().isBefore(changedAt)).count() >= 2
                && !c.logs().any(LogSignal.INVALID_PERMISSIONS) && !c.logs().any(LogSignal.LAMBDA_THROTTLED);
        boolean lambdaFailing = c.path().integrationFunctions().stream()
                .anyMatch(f -> Boolean.TRUE.equals(c.lambdaErrorsRose(f, changes.getLast().time())));
        boolean staticProblem = c.staticChecks().problems().stream().anyMatch(p -> p.fatal());
        // The absence of a contradiction (Lambda not failing) is not evidence: HIGH needs the gateway's own errors
        // or a configuration that cannot work.
        boolean symptom = gatewayErrors || staticProblem;
        Confidence confidence;
        int score;
        // a deployment alone is an edit only when the gateway's own errors follow it
        if (prime && effective && (substantive || gatewayErrors) && symptom && !lambdaFailing) {
            confidence = Confidence.HIGH;
            score = 93;
        } else if (prime && !lambdaFailing) {
            confidence = Confidence.MEDIUM;
            score = 57;
        } else {
            confidence = Confidence.LOW;
            score = 20;
        }
        confidence = AnalysisContext.capUnattributed(changes, confidence, gatewayErrors);
        TypedChange integration = changes.stream().filter(ch -> ch.kind() == ChangeKind.API_INTEGRATION).findFirst().orElse(null);
        EvidenceList evidence = new EvidenceList(c).changes(changes)
                .logs(configErrors, "configuration errors");
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
        String why = "API " + c.path().label() + " changed at " + AnalysisContext.hhmm(latest.time()) + AnalysisContext.by(latest)
                + " (" + String.join(", ", changes.stream().map(TypedChange::eventName).distinct().toList()) + "), "
                + c.window().relative(changes.getLast().time())
                + (gatewayErrors ? "; API Gateway now reports configuration errors" : "")
                + (lambdaFailing ? "; but the Lambda targets fail on their own too" : "");
        return Optional.of(new Candidate(new Cause(CauseKind.API_CONFIG_CHANGE, CauseKind.API_CONFIG_CHANGE.title(),
                confidence, why, evidence.build(), commands), score));
    }
}
