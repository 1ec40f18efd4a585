package io.apigw5xx.responder.evidence;

import io.apigw5xx.responder.incident.Incident;
import java.util.Objects;

/**
 * An incident and its evidence in one JSON document: what {@code investigate --save-evidence} writes and
 * {@code analyze FILE} replays. Its format is {@code evidence-bundle.schema.json}.
 */
public record EvidenceBundle(int schemaVersion, Incident incident, Evidence evidence) {

    public static final int CURRENT_VERSION = 1;

    public EvidenceBundle {
        Objects.requireNonNull(incident, "incident");
        Objects.requireNonNull(evidence, "evidence");
    }

    public static EvidenceBundle of(Incident incident, Evidence evidence) {
        return new EvidenceBundle(CURRENT_VERSION, incident, evidence);
    }
}
