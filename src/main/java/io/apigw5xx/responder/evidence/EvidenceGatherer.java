package io.apigw5xx.responder.evidence;

import io.apigw5xx.responder.incident.Incident;
import java.time.Instant;

/**
 * Gathers evidence for an incident before {@code deadline}. Never throws for a failing source: what could
 * not be read becomes a {@link Gap} and the rest is still returned.
 */
public interface EvidenceGatherer {
    Evidence gather(Incident incident, Instant deadline);
}
