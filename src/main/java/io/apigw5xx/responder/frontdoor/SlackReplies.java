package io.apigw5xx.responder.frontdoor;

import java.net.URI;

/** Port: a message to a Slack interaction's {@code response_url} (what a button click can answer with). */
public interface SlackReplies {

    /** Posts an ephemeral message for the person who clicked; failures are the adapter's to log, never thrown. */
    void ephemeral(URI responseUrl, String text);
}
