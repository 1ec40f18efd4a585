package io.apigw5xx.responder.evidence;

import io.apigw5xx.responder.incident.TimeWindow;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Everything gathered for one incident, kept close to what AWS returned. Serialises to the "evidence"
 * part of an evidence bundle (see {@link EvidenceBundle}).
 *
 * @param topology null when it could not be read (a {@link Gap} then says why)
 * @param awsCalls AWS API calls made per source
 */
public record Evidence(
        Instant collectedAt,
        TimeWindow window,
        List<MetricSeries> metrics,
        List<ChangeEvent> changes,
        List<LogEvent> logs,
        Topology topology,
        List<Gap> gaps,
        Map<EvidenceSource, Integer> awsCalls) {

    public Evidence {
        metrics = metrics == null ? List.of() : List.copyOf(metrics);
        changes = changes == null ? List.of() : List.copyOf(changes);
        logs = logs == null ? List.of() : List.copyOf(logs);
        gaps = gaps == null ? List.of() : List.copyOf(gaps);
        awsCalls = awsCalls == null || awsCalls.isEmpty() ? Map.of() : Map.copyOf(new EnumMap<>(awsCalls));
    }

    public boolean hasGap(EvidenceSource source) {
        return gaps.stream().anyMatch(g -> g.source() == source);
    }

    public int totalAwsCalls() {
        return awsCalls.values().stream().mapToInt(Integer::intValue).sum();
    }
}
