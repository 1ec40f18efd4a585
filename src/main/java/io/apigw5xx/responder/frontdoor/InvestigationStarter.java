package io.apigw5xx.responder.frontdoor;

/** Port: hand a manual re-run event to the responder without waiting for the investigation. */
public interface InvestigationStarter {

    /**
     * Starts the investigation asynchronously and returns the id the responder's logs carry for it (the Lambda
     * request id); throws {@link InvestigationNotStartedException} when it could not be handed over.
     */
    String start(byte[] manualRerunEvent);
}
