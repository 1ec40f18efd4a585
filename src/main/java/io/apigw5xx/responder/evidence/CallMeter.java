package io.apigw5xx.responder.evidence;

import java.util.EnumMap;
import java.util.Map;

/** Counts calls made to the evidence providers, per source, since the process started. */
public interface CallMeter {

    Map<EvidenceSource, Integer> snapshot();

    CallMeter NONE = () -> Map.of();

    /** Calls made between two snapshots. */
    static Map<EvidenceSource, Integer> difference(Map<EvidenceSource, Integer> before, Map<EvidenceSource, Integer> after) {
        Map<EvidenceSource, Integer> diff = new EnumMap<>(EvidenceSource.class);
        after.forEach((source, count) -> {
            int delta = count - before.getOrDefault(source, 0);
            if (delta > 0) {
                diff.put(source, delta);
            }
        });
        return diff;
    }
}
