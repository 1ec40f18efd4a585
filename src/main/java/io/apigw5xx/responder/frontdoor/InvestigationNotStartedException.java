package io.apigw5xx.responder.frontdoor;

/** The responder could not be asked to investigate; the message is safe to show (no exception text from AWS). */
public final class InvestigationNotStartedException extends RuntimeException {

    public InvestigationNotStartedException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
