package io.apigw5xx.responder.trigger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.apigw5xx.responder.incident.AlarmState;
import io.apigw5xx.responder.incident.Incident;
import io.apigw5xx.responder.incident.TriggerSource;
import java.time.Instant;

/**
 * The automatic re-check of an alarm transition (the responder sends it to itself through an SQS queue with
 * DelaySeconds, so it arrives once CloudTrail has caught up):
 * {@code {"source":"apigw5xx.recheck","alarmArn":…,"stateChangeTime":…,"due":…,"incident":{…}}}.
 * The incident is written as the first investigation read it, so the re-check reads the same API, stage
 * and window; {@code alarmArn}/{@code stateChangeTime} name the ledger item that ties the two together and
 * must agree with the incident's alarm.
 */
public final class RecheckEvent {

    public static final String SOURCE = "apigw5xx.recheck";

    private RecheckEvent() {}

    /** The event for the re-check of {@code incident} (an ALARM transition), due at {@code due}. */
    public static String write(ObjectMapper json, Incident incident, Instant due) {
        if (incident.alarm() == null || incident.alarm().arn() == null || incident.alarm().stateChangeTime() == null) {
            throw new IllegalArgumentException("only an alarm transition can be re-checked");
        }
        ObjectNode e = json.createObjectNode();
        e.put("source", SOURCE);
        e.put("alarmArn", incident.alarm().arn());
        e.put("stateChangeTime", incident.alarm().stateChangeTime().toString());
        e.put("due", due.toString());
        // A re-run asked from Slack is never re-checked; its thread is not part of the transition.
        Incident plain = new Incident(incident.source(), incident.account(), incident.region(), incident.api(),
                incident.stage(), incident.alarm(), incident.at(), incident.window(), incident.scope());
        e.set("incident", json.valueToTree(plain));
        return e.toString();
    }

    /** Reads the event ({@code source} already recognised) into an investigation of source RECHECK. */
    static TriggerOutcome read(JsonNode root, ObjectReader json) {
        String arn = EventFields.text(root, "alarmArn", "");
        Instant changed = AlarmTimestamps.parse(EventFields.text(root, "stateChangeTime", ""), "stateChangeTime");
        JsonNode node = EventFields.object(root, "incident", "");
        Incident i;
        try {
            i = json.treeToValue(node, Incident.class);
        } catch (JsonProcessingException | IllegalArgumentException | NullPointerException e) {
            throw new TriggerRefusedException("re-check event: incident is not an incident ("
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst().orElse("")) + ")");
        }
        if (i == null || i.alarm() == null || !arn.equals(i.alarm().arn()) || !changed.equals(i.alarm().stateChangeTime())) {
            throw new TriggerRefusedException("re-check event: incident.alarm does not match alarmArn/stateChangeTime");
        }
        if (i.alarm().state() != AlarmState.ALARM) {
            throw new TriggerRefusedException("re-check event: only ALARM transitions are re-checked, not " + i.alarm().state());
        }
        return new TriggerOutcome.Investigate(new Incident(TriggerSource.RECHECK, i.account(), i.region(), i.api(), i.stage(),
                i.alarm(), i.at(), i.window(), i.scope()));
    }
}
