package io.apigw5xx.responder.delivery;

import io.apigw5xx.responder.analysis.Findings;
import io.apigw5xx.responder.incident.Incident;
import java.time.Instant;
import java.util.List;

/**
 * Sends reports to people. Each channel fails alone: one channel's failure is an outcome, never an
 * exception that stops the others.
 */
public interface Delivery {

    /**
     * Claims the alarm transition before any work is done on it.
     *
     * @param investigationDeadline when evidence gathering will stop; the claim must outlive it and the delivery
     */
    Admission admit(Incident incident, Instant investigationDeadline);

    List<DeliveryOutcome> deliverFindings(Findings findings, Admission admission);

    /** The alarm returned to OK. */
    List<DeliveryOutcome> deliverResolved(Incident incident, Admission admission);
}
