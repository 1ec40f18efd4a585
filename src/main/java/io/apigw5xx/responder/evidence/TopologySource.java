package io.apigw5xx.responder.evidence;

import io.apigw5xx.responder.incident.Incident;
import java.time.Instant;

/** The API's configuration and its Lambda targets; resolves a REST API name to its id. */
public interface TopologySource {
    /** @throws EvidenceUnavailableException when the API or stage cannot be read at all */
    SourceResult<Topology> topology(Incident incident, Instant deadline);

    /**
     * The API's stages, with its id resolved, in one call where the API is known by id (plus the name lookup a
     * REST API alarmed by name needs anyway).
     *
     * @throws EvidenceUnavailableException when they cannot be read
     */
    default SourceResult<ApiStages> stages(Incident incident, Instant deadline) {
        throw new EvidenceUnavailableException(GapReason.NOT_ENABLED, "this topology source cannot list stages");
    }
}
