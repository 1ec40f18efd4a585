package io.apigw5xx.responder.trigger;

/**
 * Thrown inside the trigger package when an event cannot become an incident; {@link TriggerParser} turns it
 * into {@link TriggerOutcome.Refused}. It never leaves the package. No stack trace: it is an answer, not a bug.
 */
final class TriggerRefusedException extends RuntimeException {

    TriggerRefusedException(String reason) {
        super(reason, null, false, false);
    }
}
