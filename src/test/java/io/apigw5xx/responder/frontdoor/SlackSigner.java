package io.apigw5xx.responder.frontdoor;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/** Signs bodies the way Slack does, for tests and the signed sample events. */
public final class SlackSigner {

    private final String secret;

    public SlackSigner(String secret) {
        this.secret = secret;
    }

    /** The two Slack headers for {@code body} sent at {@code at}, lower-case as HTTP APIs deliver them. */
    public Map<String, String> headers(String body, Instant at) {
        String ts = Long.toString(at.getEpochSecond());
        Map<String, String> h = new HashMap<>();
        h.put("x-slack-request-timestamp", ts);
        h.put("x-slack-signature", "v0=" + SlackSignatureVerifier.hmacHex(secret, ts, body.getBytes(StandardCharsets.UTF_8)));
        return h;
    }
}
