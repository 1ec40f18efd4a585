package io.apigw5xx.responder.frontdoor;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.apigw5xx.responder.incident.Incident;
import io.apigw5xx.responder.incident.TriggerSource;
import io.apigw5xx.responder.trigger.TriggerOutcome;
import io.apigw5xx.responder.trigger.TriggerParser;
import java.util.Objects;
import java.util.UUID;

/**
 * Manual re-run events on their way to the responder. Each one is checked with the responder's own trigger
 * parser before it is sent, so a bad request is refused here with the parser's reason instead of being
 * invoked and refused out of sight; only the manual re-run shape is accepted (an alarm event posted here would
 * bypass the alarm's deduplication).
 *
 * <p>Every event gets a fresh {@code investigationId} here (whatever the request said: an id chosen by a caller
 * could name someone else's run), so the responder keeps the run on the ledger under a key the front door already
 * knows, and the caller gets an id to read it by before the run has even started.
 */
final class RerunEvents {

    /** A checked event: the bytes to send and the incident the responder will read from them. */
    record Checked(byte[] bytes, Incident incident) {

        /** The id of the ledger item the responder writes for this run ({@code GET /incidents/{id}}). */
        String incidentId() {
            return IncidentIds.ofInvestigation(incident.investigationId(), incident.at());
        }
    }

    private final TriggerParser parser;
    private final ObjectMapper json;

    RerunEvents(TriggerParser parser, ObjectMapper json) {
        this.parser = Objects.requireNonNull(parser, "parser");
        this.json = Objects.requireNonNull(json, "json");
    }

    /**
     * Gives the event a new investigation id; throws {@link BadRequestException} with the parser's reason when the
     * responder would refuse the event.
     */
    Checked check(ObjectNode event) {
        event.put("investigationId", UUID.randomUUID().toString());
        byte[] bytes;
        try {
            bytes = json.writeValueAsBytes(event);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new BadRequestException("the re-run event cannot be written as JSON");
        }
        TriggerOutcome outcome = parser.parse(bytes);
        if (outcome instanceof TriggerOutcome.Investigate investigate
                && investigate.incident().source() == TriggerSource.MANUAL) {
            return new Checked(bytes, investigate.incident());
        }
        if (outcome instanceof TriggerOutcome.Refused refused) {
            throw new BadRequestException(refused.reason());
        }
        throw new BadRequestException("not a manual re-run event ({\"apiName\"|\"apiId\", \"stage\", \"at\"|\"from\"/\"to\"})");
    }

    ObjectNode newEvent() {
        return json.createObjectNode();
    }
}
