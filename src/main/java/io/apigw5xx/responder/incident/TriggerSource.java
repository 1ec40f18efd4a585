package io.apigw5xx.responder.incident;

/** How the investigation was asked for. */
public enum TriggerSource {
    SNS,
    EVENTBRIDGE,
    ALARM_ACTION,
    MANUAL,
    /** The automatic re-check of an alarm transition once CloudTrail has caught up (a follow-up of SNS/EventBridge/...). */
    RECHECK,
    CLI
}
