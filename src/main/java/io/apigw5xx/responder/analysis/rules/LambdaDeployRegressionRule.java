package io.apigw5xx.responder.analysis.rules;

import io.apigw5xx.responder.analysis.AnalysisContext;
import io.apigw5xx.responder.analysis.Cause;
import io.apigw5xx.responder.analysis.CauseKind;
import io.apigw5xx.responder.analysis.CauseRule;
import io.apigw5xx.responder.analysis.ChangeKind;
import io.apigw5xx.responder.analysis.Confidence;
import io.apigw5xx.responder.analysis.CorrelationWindow;
import io.apigw5xx.responder.analysis.LogSignal;
import io.apigw5xx.responder.analysis.MinuteSeries;
import io.apigw5xx.responder.analysis.TypedChange;
import io.apigw5xx.responder.evidence.LambdaTarget;
import io.apigw5xx.responder.evidence.LogEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * New code, configuration, version or alias on an integration function shortly before the 5xx, followed by
 * that function failing. Timeout and role edits are left to their own rules. HIGH needs the prime window
 * and the function's own failure (Errors up, exceptions in its log group, or "customer function error").
 */
public final class LambdaDeployRegressionRule implements CauseRule {

    @Override
    public Optional<Candidate> evaluate(AnalysisContext c) {
        Candidate best = null;
        for (String function : c.path().integrationFunctions()) {
            List<TypedChange> deploys = c.correlated(ch -> function.equals(ch.functionName()) && ch.kind().isLambdaDeploy()
                    && !(ch.kind() == ChangeKind.LAMBDA_CONFIG && (ch.timeoutSeconds() != null || ch.newRole() != null)));
            if (deploys.isEmpty()) {
                continue;
            }
            Candidate candidate = judge(c, function, deploys);
            if (best == null || candidate.score() > best.score()) {
                best = candidate;
            }
        }
        return Optional.ofNullable(best);
    }

    private Candidate judge(AnalysisContext c, String function, List<TypedChange> deploys) {
        TypedChange live = deploys.getFirst();
        Instant since = deploys.getLast().time();
        boolean prime = deploys.stream().anyMatch(d -> c.fit(d) == CorrelationWindow.Fit.PRIME);
        Boolean errorsRose = c.lambdaErrorsRose(function, since);
        List<LogEvent> exceptions = after(c.logs().lambdaLines(LogSignal.LAMBDA_ERROR, function), since);
        List<LogEvent> customerErrors = after(c.logs().lines(LogSignal.CUSTOMER_FUNCTION_ERROR), since);
        boolean functionFails = Boolean.TRUE.equals(errorsRose) || exceptions.size() >= 2 || customerErrors.size() >= 2;

        Confidence confidence;
        int score;
        if (functionFails && prime) {
            confidence = Confidence.HIGH;
            score = 95;
        } else if (functionFails) {
            confidence = Confidence.MEDIUM;
            score = 60;
        } else if (prime) {
            // a deploy in the window is not evidence that it broke anything: without the function failing, LOW
            confidence = Confidence.LOW;
            score = 45;
        } else {
            confidence = Confidence.LOW;
            score = 20;
        }

        String version = deploys.stream().map(TypedChange::version).filter(v -> v != null).findFirst().orElse(null);
        // Only a resource timestamp shows the deploy: HIGH needs the new version's own log streams to carry the errors.
        boolean versionFails = c.linesOfVersion(exceptions, version).size() >= 2;
        confidence = AnalysisContext.capUnattributed(deploys, confidence, versionFails);
        LambdaTarget target = c.path().target(function);
        String alias = deploys.stream().filter(d -> d.kind() == ChangeKind.LAMBDA_ALIAS).map(TypedChange::qualifier)
                .findFirst().orElse(target != null ? target.qualifier() : null);

        EvidenceList evidence = new EvidenceList(c).changes(deploys);
        MinuteSeries errors = c.metrics().lambda(function, "Errors");
        if (!errors.isEmpty()) {
            Instant s = MinuteSeries.minute(since);
            double before = errors.max(s.minusSeconds(900), s).orElse(0);
            double peak = errors.max(s, s.plusSeconds(900)).orElse(0);
            evidence.metric(errors.firstAbove(s, s.plusSeconds(900), before), "Lambda Errors for " + function + " went from "
                    + fmt(before) + "/min before the deploy to " + fmt(peak) + "/min after it", function,
                    "AWS/Lambda Errors FunctionName=" + function);
        }
        evidence.logs(exceptions, "error lines in /aws/lambda/" + function);
        evidence.logs(customerErrors.stream().limit(1).toList(), null);

        List<String> commands = new ArrayList<>();
        String previous = previousVersion(version);
        // Check, then act: the alias's current version and the newest versions come before the rollback,
        // whose target is only inferred (the version before the deployed one).
        if (alias != null) {
            commands.add(c.commands().getAlias(function, alias));
        }
        commands.add(c.commands().listVersions(function));
        if (alias != null && previous != null) {
            commands.add(c.commands().rollbackAlias(function, alias, previous));
        }
        commands.add(c.commands().lambdaLogs(function, "ERROR|Exception|Task timed out"));
        commands.add(c.commands().cloudTrailEvent(live));

        String what = version != null ? function + " version " + version : function + " (" + live.eventName() + ")";
        String why = what + " went live at " + AnalysisContext.hhmm(live.time()) + AnalysisContext.by(live)
                + ", " + c.window().relative(since)
                + (functionFails ? "; the function itself started failing after it" : "; the function's own errors did not clearly rise")
                + (alias != null && previous != null
                        ? ". Roll " + alias + " back to " + previous + " (presumably the version before " + version + "; check the list first)."
                        : ".");
        return new Candidate(new Cause(CauseKind.LAMBDA_DEPLOY_REGRESSION, CauseKind.LAMBDA_DEPLOY_REGRESSION.title() + ": " + what,
                confidence, why, evidence.build(), commands), score);
    }

    static String previousVersion(String version) {
        if (version == null || !version.matches("\\d+")) {
            return null;
        }
        long v = Long.parseLong(version);
        return v > 1 ? Long.toString(v - 1) : null;
    }

    private static List<LogEvent> after(List<LogEvent> lines, Instant since) {
        return lines.stream().filter(l -> !l.timestamp().isBefore(since)).toList();
    }

    static String fmt(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : String.format(Locale.ROOT, "%.1f", v);
    }
}
