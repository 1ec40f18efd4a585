package io.apigw5xx.responder.frontdoor;

/** A request the front door cannot act on; the message is the one-line reason sent back with a 400. */
public final class BadRequestException extends RuntimeException {

    public BadRequestException(String reason) {
        super(reason);
    }
}
