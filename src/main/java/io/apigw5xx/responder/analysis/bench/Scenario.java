package io.apigw5xx.responder.analysis.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.apigw5xx.responder.analysis.CauseKind;
import io.apigw5xx.responder.analysis.Confidence;
import io.apigw5xx.responder.analysis.ErrorPattern;
import io.apigw5xx.responder.analysis.Severity;
import io.apigw5xx.responder.evidence.Evidence;
import java.util.List;

/**
 * One catalogued incident: the raw trigger event as Lambda receives it, the evidence, and what a correct
 * diagnosis says. File format: {@code {"name","description","trigger","evidence","expect"}}.
 */
public record Scenario(String name, String description, JsonNode trigger, Evidence evidence, Expectation expect) {

    /**
     * @param alternates    causes that may also be listed at MEDIUM or HIGH below the top one
     * @param severity      null = not checked
     * @param pattern       null = not checked
     * @param notBlamed     CloudTrail event ids no cause may cite
     * @param minConfidence the top cause must be at least this sure; null = not checked
     * @param maxConfidence the top cause may be at most this sure (evidence that cannot support more); null = not checked
     */
    public record Expectation(CauseKind topCause, List<CauseKind> alternates, Severity severity, ErrorPattern pattern,
                              List<String> notBlamed, Confidence minConfidence, Confidence maxConfidence) {

        public Expectation(CauseKind topCause, List<CauseKind> alternates, Severity severity, ErrorPattern pattern,
                           List<String> notBlamed, Confidence minConfidence) {
            this(topCause, alternates, severity, pattern, notBlamed, minConfidence, null);
        }

        public Expectation {
            alternates = alternates == null ? List.of() : List.copyOf(alternates);
            notBlamed = notBlamed == null ? List.of() : List.copyOf(notBlamed);
        }
    }
}
