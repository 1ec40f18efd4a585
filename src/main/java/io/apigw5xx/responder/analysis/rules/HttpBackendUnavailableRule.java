package io.apigw5xx.responder.analysis.rules;

import io.apigw5xx.responder.analysis.AnalysisContext;
import io.apigw5xx.responder.analysis.Cause;
import io.apigw5xx.responder.analysis.CauseKind;
import io.apigw5xx.responder.analysis.CauseRule;
import io.apigw5xx.responder.analysis.Confidence;
import io.apigw5xx.responder.analysis.ErrorPattern;
import io.apigw5xx.responder.analysis.LogSignal;
import io.apigw5xx.responder.evidence.Integration;
import io.apigw5xx.responder.evidence.LogEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An HTTP/HTTP_PROXY integration's endpoint answers 5xx or cannot be reached. HIGH when the failure
 * signatures are many and constant (the backend is down), MEDIUM when they come and go.
 */
public final class HttpBackendUnavailableRule implements CauseRule {

    @Override
    public Optional<Candidate> evaluate(AnalysisContext c) {
        if (c.evidence().topology() == null) {
            return Optional.empty();
        }
        List<Integration> http = c.evidence().topology().integrations().stream()
                .filter(i -> i.type() != null && i.type().startsWith("HTTP")).toList();
        if (http.isEmpty()) {
            return Optional.empty();
        }
        List<LogEvent> failures = c.logs().lines(LogSignal.BACKEND_FAILURE, c.episodeStart().minusSeconds(120));
        if (failures.isEmpty()) {
            return Optional.empty();
        }
        boolean constant = c.pattern().pattern() == ErrorPattern.CONSTANT;
        boolean staticProblem = c.staticChecks().problems().stream().anyMatch(p -> p.check().equals("vpc-link"));
        Confidence confidence = failures.size() >= 5 && constant && !staticProblem ? Confidence.HIGH
                : failures.size() >= 2 ? Confidence.MEDIUM : Confidence.LOW;
        EvidenceList evidence = new EvidenceList(c).logs(failures, "backend failures");
        List<String> commands = new ArrayList<>();
        for (Integration i : http) {
            evidence.fact(i.route() + " → " + i.uri(), i.route(), "integration");
            if (i.uri() != null && !i.uri().contains("${")) {
                commands.add(c.commands().probe(i.uri()));
            }
        }
        commands.add(c.commands().getIntegration(null, method(http.getFirst().route()), null));
        commands.add(c.commands().executionLogs("Received response|Execution failed"));
        String why = "the HTTP backend behind " + http.getFirst().route() + " " + (constant ? "is failing every minute" : "keeps failing")
                + " (" + failures.size() + " failed integration calls)";
        return Optional.of(new Candidate(new Cause(CauseKind.HTTP_BACKEND_UNAVAILABLE, CauseKind.HTTP_BACKEND_UNAVAILABLE.title()
                + ": " + http.getFirst().uri(), confidence, why, evidence.build(), commands), constant ? 73 : 56));
    }

    /** "GET /orders" → "GET". */
    private static String method(String route) {
        int space = route.indexOf(' ');
        return space < 0 ? "ANY" : route.substring(0, space);
    }
}
