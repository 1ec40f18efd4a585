package io.apigw5xx.responder.analysis.rules;

import io.apigw5xx.responder.analysis.AnalysisContext;
import io.apigw5xx.responder.analysis.Cause;
import io.apigw5xx.responder.analysis.CauseKind;
import io.apigw5xx.responder.analysis.CauseRule;
import io.apigw5xx.responder.analysis.Confidence;
import io.apigw5xx.responder.analysis.LogSignal;
import io.apigw5xx.responder.evidence.LogEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The function returned, but not in the proxy format ({"statusCode", "headers", "body": string}); API
 * Gateway logs "Malformed Lambda proxy response" and answers 502 while Lambda Errors stay flat.
 */
public final class MalformedProxyResponseRule implements CauseRule {

    @Override
    public Optional<Candidate> evaluate(AnalysisContext c) {
        List<LogEvent> lines = c.logs().lines(LogSignal.MALFORMED_PROXY_RESPONSE, c.episodeStart().minusSeconds(120));
        if (lines.isEmpty()) {
            return Optional.empty();
        }
        Confidence confidence = lines.size() >= 3 ? Confidence.HIGH : Confidence.MEDIUM;
        EvidenceList evidence = new EvidenceList(c).logs(lines, "\"Malformed Lambda proxy response\" lines");
        List<String> commands = new ArrayList<>();
        commands.add(c.commands().executionLogs("Endpoint response body before transformations|Malformed Lambda proxy response"));
        for (String f : c.path().integrationFunctions()) {
            long errors = c.lambdaSum(f, "Errors");
            evidence.metric(null, f + " reported " + errors + " Errors: it returned normally, with a body API Gateway cannot read",
                    f, "AWS/Lambda Errors FunctionName=" + f);
            commands.add(c.commands().listVersions(f));
        }
        String why = "API Gateway could not read the function's response (" + lines.size()
                + " \"Malformed Lambda proxy response\" lines): the function must return statusCode and a string body";
        return Optional.of(new Candidate(new Cause(CauseKind.MALFORMED_PROXY_RESPONSE, CauseKind.MALFORMED_PROXY_RESPONSE.title(),
                confidence, why, evidence.build(), commands), 76));
    }
}
