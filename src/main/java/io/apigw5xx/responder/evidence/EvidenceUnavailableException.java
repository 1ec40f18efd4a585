package io.apigw5xx.responder.evidence;

/**
 * A source could not deliver its evidence at all. Adapters translate their provider's errors into this so
 * the gatherer can turn it into a {@link Gap} without knowing about AWS.
 */
public class EvidenceUnavailableException extends RuntimeException {

    private final GapReason reason;

    public EvidenceUnavailableException(GapReason reason, String detail) {
        super(detail);
        this.reason = reason;
    }

    public EvidenceUnavailableException(GapReason reason, String detail, Throwable cause) {
        super(detail, cause);
        this.reason = reason;
    }

    public GapReason reason() {
        return reason;
    }

    public Gap toGap(EvidenceSource source) {
        return new Gap(source, reason, getMessage());
    }
}
