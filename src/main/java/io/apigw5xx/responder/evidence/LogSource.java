package io.apigw5xx.responder.evidence;

import io.apigw5xx.responder.incident.Incident;
import java.time.Instant;
import java.util.List;

/** Error lines from the Lambda targets' and the stage's log groups. */
public interface LogSource {
    /**
     * @param topology null when it could not be read: then only log groups derivable from the incident are read
     * @throws EvidenceUnavailableException when no log could be read
     */
    SourceResult<List<LogEvent>> logs(Incident incident, Topology topology, Instant deadline);
}
