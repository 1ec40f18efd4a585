package io.apigw5xx.responder.evidence;

import io.apigw5xx.responder.incident.Incident;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * An incident after the gatherer looked for its failing stage: an API-wide incident names the stage carrying the
 * errors (every stage's rate kept in its scope), any other incident is unchanged. The AWS calls and gaps of the
 * narrowing belong to the investigation's evidence: {@link #addTo} puts them there.
 */
public record StageNarrowing(Incident incident, Map<EvidenceSource, Integer> awsCalls, List<Gap> gaps) {

    public StageNarrowing {
        awsCalls = awsCalls == null || awsCalls.isEmpty() ? Map.of() : Map.copyOf(new EnumMap<>(awsCalls));
        gaps = gaps == null ? List.of() : List.copyOf(gaps);
    }

    public static StageNarrowing unchanged(Incident incident) {
        return new StageNarrowing(incident, Map.of(), List.of());
    }

    /** {@code evidence} with this narrowing's calls counted and its gaps listed first. */
    public Evidence addTo(Evidence evidence) {
        if (awsCalls.isEmpty() && gaps.isEmpty()) {
            return evidence;
        }
        Map<EvidenceSource, Integer> calls = new EnumMap<>(EvidenceSource.class);
        calls.putAll(evidence.awsCalls());
        awsCalls.forEach((source, n) -> calls.merge(source, n, Integer::sum));
        List<Gap> allGaps = new ArrayList<>(gaps);
        allGaps.addAll(evidence.gaps());
        return new Evidence(evidence.collectedAt(), evidence.window(), evidence.metrics(), evidence.changes(), evidence.logs(),
                evidence.topology(), allGaps, calls);
    }
}
