package io.apigw5xx.responder.delivery;

/** The Slack bot token could not be read or is not usable. The message never contains the token itself. */
public final class SlackCredentialException extends RuntimeException {

    public SlackCredentialException(String reason) {
        super(reason);
    }
}
