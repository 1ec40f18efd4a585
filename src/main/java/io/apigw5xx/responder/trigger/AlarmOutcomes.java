package io.apigw5xx.responder.trigger;

import io.apigw5xx.responder.incident.Alarm;
import io.apigw5xx.responder.incident.AlarmScope;
import io.apigw5xx.responder.incident.AlarmState;
import io.apigw5xx.responder.incident.Incident;
import io.apigw5xx.responder.incident.TimeWindow;
import io.apigw5xx.responder.incident.TriggerSource;

/**
 * Turns a fully read alarm into its outcome: ALARM → investigate, OK after ALARM → resolved, INSUFFICIENT_DATA
 * (either way) → ignored.
 */
final class AlarmOutcomes {

    private AlarmOutcomes() {}

    static TriggerOutcome of(TriggerSource source, String account, String region, ApiTarget target, Alarm alarm) {
        boolean allStages = target.stage() == null;
        AlarmScope scope = allStages || !target.route().isEmpty()
                ? new AlarmScope(allStages, target.route(), java.util.List.of()) : AlarmScope.STAGE;
        Incident incident = new Incident(source, account, region, target.api(), allStages ? Incident.ALL_STAGES : target.stage(),
                alarm, alarm.stateChangeTime(), TimeWindow.around(alarm.stateChangeTime()), scope);
        return switch (alarm.state()) {
            case ALARM -> new TriggerOutcome.Investigate(incident);
            // Quiet APIs and new alarms go INSUFFICIENT_DATA -> OK all the time; nothing was reported, so
            // nothing is resolved - a "RESOLVED" post would be noise.
            case OK -> alarm.previousState() == AlarmState.INSUFFICIENT_DATA
                    ? new TriggerOutcome.Ignored("alarm " + EventFields.quote(alarm.name()) + " on "
                            + EventFields.quote(incident.apiStageLabel())
                            + " went from INSUFFICIENT_DATA to OK: no alarm was raised, nothing to resolve")
                    : new TriggerOutcome.Resolved(incident);
            // Missing data says nothing about errors; investigating it would report on silence.
            case INSUFFICIENT_DATA -> new TriggerOutcome.Ignored("alarm " + EventFields.quote(alarm.name())
                    + " on " + EventFields.quote(incident.apiStageLabel()) + " went to INSUFFICIENT_DATA ("
                    + EventFields.quote(alarm.reason()) + "): no errors to investigate");
        };
    }

    /** Reads an alarm state value, refusing anything but the three CloudWatch states. */
    static AlarmState state(String value, String path) {
        if (value == null) {
            return null;
        }
        return switch (value) {
            case "ALARM" -> AlarmState.ALARM;
            case "OK" -> AlarmState.OK;
            case "INSUFFICIENT_DATA" -> AlarmState.INSUFFICIENT_DATA;
            default -> throw new TriggerRefusedException(
                    path + " " + EventFields.quote(value) + " is not ALARM, OK or INSUFFICIENT_DATA");
        };
    }
}
