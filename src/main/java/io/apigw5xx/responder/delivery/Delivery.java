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
     * @param deliverBy the latest the report may still go out (the invocation's end less a margin): the claim
     *                  lasts until then, and channel retries (Slack's Retry-After) may use the time up to it
     */
    Admission admit(Incident incident, Instant deliverBy);

    List<DeliveryOutcome> deliverFindings(Findings findings, Admission admission);

    /** The alarm returned to OK. */
    List<DeliveryOutcome> deliverResolved(Incident incident, Admission admission);
}
