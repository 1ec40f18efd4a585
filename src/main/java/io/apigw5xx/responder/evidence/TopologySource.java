package io.apigw5xx.responder.evidence;

import io.apigw5xx.responder.incident.Incident;
import java.time.Instant;

/** The API's configuration and its Lambda targets; resolves a REST API name to its id. */
public interface TopologySource {
    /** @throws EvidenceUnavailableException when the API or stage cannot be read at all */
    SourceResult<Topology> topology(Incident incident, Instant deadline);
}
