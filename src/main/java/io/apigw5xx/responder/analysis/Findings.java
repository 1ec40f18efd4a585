package io.apigw5xx.responder.analysis;

import io.apigw5xx.responder.evidence.EvidenceSource;
import io.apigw5xx.responder.evidence.Gap;
import io.apigw5xx.responder.incident.Incident;
import io.apigw5xx.responder.incident.TimeWindow;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The outcome of an investigation: what reports are rendered from.
 *
 * @param onset            first minute of the current error episode, or null when none was found
 * @param errorRatePercent 5xx ÷ Count × 100 over the alarm's evaluation window; NaN when Count is unknown
 * @param causes           most likely first; never empty (UNKNOWN says what was missing)
 * @param checkedClean     what was looked at and found fine, one line each
 * @param gaps             what could not be checked and why
 * @param notes            caveats: small sample, CloudTrail delivery delay, ambiguous API name ...
 */
public record Findings(
        Incident incident,
        TimeWindow window,
        Instant onset,
        Severity severity,
        double errorRatePercent,
        long errors,
        long requests,
        StatusMix statusMix,
        ErrorPattern pattern,
        List<Cause> causes,
        List<String> checkedClean,
        List<Gap> gaps,
        List<String> notes,
        Instant generatedAt,
        Map<EvidenceSource, Integer> awsCalls) {

    public Findings {
        causes = causes == null ? List.of() : List.copyOf(causes);
        checkedClean = checkedClean == null ? List.of() : List.copyOf(checkedClean);
        gaps = gaps == null ? List.of() : List.copyOf(gaps);
        notes = notes == null ? List.of() : List.copyOf(notes);
        awsCalls = awsCalls == null ? Map.of() : Map.copyOf(awsCalls);
    }

    public Cause topCause() {
        return causes.isEmpty() ? null : causes.getFirst();
    }

    public int totalAwsCalls() {
        return awsCalls.values().stream().mapToInt(Integer::intValue).sum();
    }
}
