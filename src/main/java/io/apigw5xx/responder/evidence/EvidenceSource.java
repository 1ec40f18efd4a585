package io.apigw5xx.responder.evidence;

/** The four places evidence comes from; each can fail on its own. */
public enum EvidenceSource {
    METRICS,
    CHANGES,
    LOGS,
    TOPOLOGY
}
