package io.apigw5xx.responder.delivery;

import io.apigw5xx.responder.analysis.Findings;
import io.apigw5xx.responder.incident.Incident;
import java.util.List;

/**
 * Sends reports to people. Each channel fails alone: one channel's failure is an outcome, never an
 * exception that stops the others.
 */
public interface Delivery {

    List<DeliveryOutcome> deliverFindings(Findings findings);

    /** The alarm returned to OK. */
    List<DeliveryOutcome> deliverResolved(Incident incident);
}
