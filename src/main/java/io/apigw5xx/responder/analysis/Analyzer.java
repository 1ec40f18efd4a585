package io.apigw5xx.responder.analysis;

import io.apigw5xx.responder.evidence.Evidence;
import io.apigw5xx.responder.incident.Incident;
import java.time.Instant;

/** Pure and deterministic: the same incident, evidence and time give the same findings. No AWS, no clock. */
public interface Analyzer {
    Findings analyze(Incident incident, Evidence evidence, Instant now);
}
