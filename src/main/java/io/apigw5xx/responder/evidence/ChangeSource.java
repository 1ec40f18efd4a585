package io.apigw5xx.responder.evidence;

import io.apigw5xx.responder.incident.Incident;
import java.time.Instant;
import java.util.List;

/** Write events (deploys, config changes) that touch the failing path. */
public interface ChangeSource {
    /**
     * @param topology null when it could not be read: then only changes naming the API itself are kept
     * @throws EvidenceUnavailableException when no change history could be read
     */
    SourceResult<List<ChangeEvent>> changes(Incident incident, Topology topology, Instant deadline);
}
