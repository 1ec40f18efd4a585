package io.apigw5xx.responder.handler;

import io.apigw5xx.responder.analysis.Cause;
import io.apigw5xx.responder.analysis.Findings;
import io.apigw5xx.responder.delivery.DeliveryOutcome;
import io.apigw5xx.responder.incident.Incident;
import java.util.List;

/**
 * What the function answers for every event — the invoker (SNS, EventBridge, the console test button, the
 * runtime emulator) sees this JSON, so it says plainly what happened.
 *
 * @param status     investigated, resolved, duplicate, settled (a re-check no longer needed), ignored, refused or failed
 * @param reason     why an event was ignored, refused or failed; null otherwise
 * @param deliveries one outcome per channel (Slack, SNS, ledger)
 */
public record ResponderResponse(
        String status,
        String reason,
        String api,
        String stage,
        String region,
        String severity,
        String topCause,
        String confidence,
        List<DeliveryOutcome> deliveries) {

    public ResponderResponse {
        deliveries = deliveries == null ? List.of() : List.copyOf(deliveries);
    }

    static ResponderResponse investigated(Findings findings, List<DeliveryOutcome> deliveries) {
        Incident incident = findings.incident();
        Cause top = findings.topCause();
        return new ResponderResponse("investigated", null, incident.api().label(), incident.stage(), incident.region(),
                findings.severity().name(), top == null ? null : top.kind().name(),
                top == null ? null : top.confidence().name(), deliveries);
    }

    static ResponderResponse resolved(Incident incident, List<DeliveryOutcome> deliveries) {
        return new ResponderResponse("resolved", null, incident.api().label(), incident.stage(), incident.region(),
                null, null, null, deliveries);
    }

    static ResponderResponse duplicate(Incident incident) {
        String what = incident.alarm() == null ? "this re-run (investigation " + incident.investigationId() + ")"
                                               : "this alarm transition";
        return new ResponderResponse("duplicate", what + " was already reported", incident.api().label(),
                incident.stage(), incident.region(), null, null, null, List.of());
    }

    static ResponderResponse settled(Incident incident, String reason, List<DeliveryOutcome> deliveries) {
        return new ResponderResponse("settled", reason, incident.api().label(), incident.stage(), incident.region(),
                null, null, null, deliveries);
    }

    static ResponderResponse ignored(String reason) {
        return new ResponderResponse("ignored", reason, null, null, null, null, null, null, List.of());
    }

    static ResponderResponse refused(String reason) {
        return new ResponderResponse("refused", reason, null, null, null, null, null, null, List.of());
    }

    static ResponderResponse failed(Incident incident, String reason, List<DeliveryOutcome> deliveries) {
        return new ResponderResponse("failed", reason, incident.api().label(), incident.stage(), incident.region(),
                null, null, null, deliveries);
    }

    /**
     * True when channels were tried and every one failed: the report reached nobody, so the invocation
     * should fail and let Lambda retry (and finally park the event in the dead-letter queue).
     */
    public boolean reachedNobody() {
        boolean anyFailed = deliveries.stream().anyMatch(d -> d.status() == DeliveryOutcome.Status.FAILED);
        boolean anyDelivered = deliveries.stream().anyMatch(d -> d.status() == DeliveryOutcome.Status.DELIVERED);
        return anyFailed && !anyDelivered;
    }
}
