package io.apigw5xx.responder.frontdoor.aws;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.apigw5xx.responder.frontdoor.SlackReplies;
import io.apigw5xx.responder.handler.InvocationLog;
import java.io.IOException;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * Posts to an interaction's {@code response_url} (Slack allows 5 posts within 30 minutes per click). Short
 * timeouts: this runs before the front door acknowledges the click, inside Slack's 3 seconds. A failure is
 * logged (without the URL, which works as a credential for 30 minutes) and otherwise ignored: the re-run has
 * been started either way.
 */
public final class SlackResponseUrl implements SlackReplies {

    static final Duration TIMEOUT = Duration.ofMillis(1200);

    private final ObjectMapper json;
    private final InvocationLog log;

    public SlackResponseUrl(ObjectMapper json, InvocationLog log) {
        this.json = Objects.requireNonNull(json, "json");
        this.log = Objects.requireNonNull(log, "log");
    }

    @Override
    public void ephemeral(URI responseUrl, String text) {
        byte[] body;
        try {
            body = json.writeValueAsBytes(json.createObjectNode().put("response_type", "ephemeral")
                    .put("replace_original", false).put("text", text));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        HttpURLConnection c = null;
        try {
            c = (HttpURLConnection) responseUrl.toURL().openConnection();
            c.setConnectTimeout((int) TIMEOUT.toMillis());
            c.setReadTimeout((int) TIMEOUT.toMillis());
            c.setRequestMethod("POST");
            c.setDoOutput(true);
            c.setRequestProperty("Content-Type", "application/json; charset=utf-8");
            try (OutputStream out = c.getOutputStream()) {
                out.write(body);
            }
            int status = c.getResponseCode();
            if (status != 200) {
                log.warn("Slack response_url answered " + status);
            }
        } catch (IOException | IllegalArgumentException e) {
            log.warn("could not post to the Slack response_url", "errorType", e.getClass().getSimpleName());
        } finally {
            if (c != null) {
                c.disconnect();
            }
        }
    }
}
