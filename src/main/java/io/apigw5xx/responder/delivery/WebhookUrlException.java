package io.apigw5xx.responder.delivery;

/** The Slack webhook URL could not be read or is not usable. The message never contains the URL itself. */
public final class WebhookUrlException extends RuntimeException {

    public WebhookUrlException(String reason) {
        super(reason);
    }

    public WebhookUrlException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
