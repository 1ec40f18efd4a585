package io.apigw5xx.responder.evidence;

import io.apigw5xx.responder.incident.Incident;
import java.time.Instant;

/**
 * Gathers evidence for an incident before {@code deadline}. Never throws for a failing source: what could
 * not be read becomes a {@link Gap} and the rest is still returned.
 */
public interface EvidenceGatherer {
    Evidence gather(Incident incident, Instant deadline);

    /**
     * Before {@link #gather}: an API-wide incident narrowed to the stage carrying the errors (stages from the
     * topology in one call, every stage's 5xx and Count in one GetMetricData call). Never throws; what could not
     * be read becomes a gap and the incident stays API-wide.
     */
    default StageNarrowing narrow(Incident incident, Instant deadline) {
        return StageNarrowing.unchanged(incident);
    }
}
