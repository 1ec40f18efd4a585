package io.apigw5xx.responder.evidence;

import java.util.Objects;

/** Evidence that could not be gathered, and why: reports list these under "could not check". */
public record Gap(EvidenceSource source, GapReason reason, String detail) {

    public Gap {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(reason, "reason");
        detail = detail == null ? "" : detail;
    }
}
