package io.apigw5xx.responder.evidence;

import io.apigw5xx.responder.incident.Incident;
import java.time.Instant;
import java.util.List;

/** API and Lambda metrics over the incident window. */
public interface MetricsSource {
    /**
     * @param topology null when it could not be read: then only the API's own metrics are asked for
     * @throws EvidenceUnavailableException when no metric could be read
     */
    SourceResult<List<MetricSeries>> metrics(Incident incident, Topology topology, Instant deadline);

    /**
     * Each stage's 5xx errors and requests over the minutes the incident's alarm evaluated, in one call.
     *
     * @throws EvidenceUnavailableException when they cannot be read
     */
    default SourceResult<List<io.apigw5xx.responder.incident.StageRate>> stageRates(Incident incident, List<String> stages,
            Instant deadline) {
        throw new EvidenceUnavailableException(GapReason.NOT_ENABLED, "this metrics source cannot read per-stage rates");
    }
}
