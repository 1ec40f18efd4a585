package io.apigw5xx.responder.evidence;

/** Why a piece of evidence is missing. */
public enum GapReason {
    /** The function's role may not make the call. */
    ACCESS_DENIED,
    /** AWS kept throttling after the SDK's retries. */
    THROTTLED,
    /** The source did not answer within the investigation's deadline. */
    TIMEOUT,
    /** The feature is off: execution or access logging not enabled, no trail, ... */
    NOT_ENABLED,
    /** The resource does not exist: a missing log group, an unknown API or function. */
    NOT_FOUND,
    /** The data may be incomplete: e.g. the window is younger than CloudTrail's delivery delay. */
    INCOMPLETE,
    /** Anything else; the detail says what. */
    ERROR
}
