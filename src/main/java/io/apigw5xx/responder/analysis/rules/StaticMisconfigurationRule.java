package io.apigw5xx.responder.analysis.rules;

import io.apigw5xx.responder.analysis.AnalysisContext;
import io.apigw5xx.responder.analysis.Cause;
import io.apigw5xx.responder.analysis.CauseKind;
import io.apigw5xx.responder.analysis.CauseRule;
import io.apigw5xx.responder.analysis.Confidence;
import io.apigw5xx.responder.analysis.ErrorPattern;
import io.apigw5xx.responder.analysis.LogSignal;
import io.apigw5xx.responder.analysis.StaticChecks;
import java.util.List;
import java.util.Optional;

/**
 * A misconfiguration found by {@link StaticChecks} that explains the failure. A fatal one (every request on
 * the route fails) with constant errors, a matching log signature and no correlated change is HIGH; with a
 * correlated change the change is the better explanation and this stays MEDIUM. A timeout ordering problem
 * only matters when requests are slow, so it is LOW unless integration timeouts are seen.
 */
public final class StaticMisconfigurationRule implements CauseRule {

    @Override
    public Optional<Candidate> evaluate(AnalysisContext c) {
        List<StaticChecks.Problem> problems = c.staticChecks().problems();
        if (problems.isEmpty()) {
            return Optional.empty();
        }
        List<StaticChecks.Problem> fatal = problems.stream().filter(StaticChecks.Problem::fatal).toList();
        boolean constant = c.pattern().pattern() == ErrorPattern.CONSTANT || c.pattern().pattern() == ErrorPattern.UNKNOWN;
        boolean signature = c.logs().any(LogSignal.CONFIGURATION_ERROR) || c.logs().any(LogSignal.INVALID_PERMISSIONS)
                || c.logs().any(LogSignal.BACKEND_FAILURE);
        Confidence confidence;
        int score;
        StaticChecks.Problem lead;
        if (!fatal.isEmpty()) {
            lead = fatal.getFirst();
            // A state flip (the path worked until a clean onset) is reported as the change it must have been, unless
            // the stage's deployment dates the configuration before the window; a policy has no such date.
            boolean flipped = c.workedBeforeOnset() && fatal.stream().allMatch(p -> p.check().equals("invoke-permission")
                    || (ApiConfigChangeRule.API_CONFIGURATION_CHECKS.contains(p.check()) && !c.stageConfigurationLongStanding()));
            if (constant && signature && c.correlated().isEmpty() && !flipped) {
                confidence = Confidence.HIGH;
                score = 80;
            } else {
                confidence = Confidence.MEDIUM;
                score = c.correlated().isEmpty() ? 53 : 35;
            }
        } else {
            lead = problems.getFirst();
            boolean timeouts = c.logs().any(LogSignal.INTEGRATION_TIMEOUT);
            confidence = timeouts ? Confidence.MEDIUM : Confidence.LOW;
            score = timeouts ? 45 : 10;
        }
        EvidenceList evidence = new EvidenceList(c);
        problems.forEach(p -> evidence.fact(p.summary(), p.resource(), p.check()));
        evidence.logs(c.logs().lines(LogSignal.CONFIGURATION_ERROR, c.episodeStart().minusSeconds(120)), "configuration errors");
        List<String> commands = problems.stream().map(StaticChecks.Problem::command).distinct().toList();
        return Optional.of(new Candidate(new Cause(CauseKind.STATIC_MISCONFIGURATION, CauseKind.STATIC_MISCONFIGURATION.title()
                + ": " + lead.check(), confidence, lead.summary(), evidence.build(), commands), score));
    }
}
