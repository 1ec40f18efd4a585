package io.apigw5xx.responder.analysis;

import java.util.List;

/**
 * A ranked hypothesis: what probably broke, how sure we are, what supports it and what to run next.
 *
 * @param why          one line a tired person can act on
 * @param nextCommands concrete shell commands (aws cli), most useful first
 */
public record Cause(
        CauseKind kind,
        String title,
        Confidence confidence,
        String why,
        List<EvidenceItem> evidence,
        List<String> nextCommands) {

    public Cause {
        evidence = evidence == null ? List.of() : List.copyOf(evidence);
        nextCommands = nextCommands == null ? List.of() : List.copyOf(nextCommands);
    }
}
