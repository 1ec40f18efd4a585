package io.apigw5xx.responder.incident;

/** How the investigation was asked for. */
public enum TriggerSource {
    SNS,
    EVENTBRIDGE,
    ALARM_ACTION,
    MANUAL,
    CLI
}
