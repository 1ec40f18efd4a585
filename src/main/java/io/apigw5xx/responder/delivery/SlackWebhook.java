package io.apigw5xx.responder.delivery;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Posts a Block Kit payload to a Slack incoming webhook (plain java.net.http, no Slack SDK).
 * 200 is delivered; 429, 5xx and refused connections are retried by {@link SlackHttp} while the deadline
 * allows; any other 4xx (invalid_blocks, no_service, channel_is_archived ...) is final and reported with
 * Slack's reason. The URL is a credential and appears in no log line or result.
 */
public final class SlackWebhook {

    /** How one post ended. {@code status} is the last HTTP status, 0 when none came back. */
    public record Result(boolean delivered, int status, int attempts, String detail) {}

    private static final System.Logger LOG = System.getLogger(SlackWebhook.class.getName());

    private final SlackHttp http;
    private final WebhookUrlProvider url;

    public SlackWebhook(HttpClient http, WebhookUrlProvider url, Clock clock) {
        this(() -> http, url, clock);
    }

    /** {@code http}: a client that may still be building; the first post waits for it. */
    public SlackWebhook(Supplier<HttpClient> http, WebhookUrlProvider url, Clock clock) {
        this.http = new SlackHttp(http, clock);
        this.url = Objects.requireNonNull(url, "url");
    }

    /** A client with a 3 s connect timeout; build it once per container. */
    public static HttpClient defaultHttpClient() {
        return HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    }

    public Result post(String payloadJson, Instant deadline) {
        HttpRequest.Builder request;
        try {
            request = HttpRequest.newBuilder(url.get())
                    .header("Content-Type", "application/json; charset=utf-8")
                    .POST(HttpRequest.BodyPublishers.ofString(payloadJson, StandardCharsets.UTF_8));
        } catch (WebhookUrlException e) {
            LOG.log(System.Logger.Level.ERROR, "Slack post skipped: webhook URL unavailable: {0}", e.getMessage());
            return new Result(false, 0, 0, "webhook URL unavailable: " + e.getMessage());
        }
        SlackHttp.Exchange x = http.send(request, deadline, "the webhook post");
        if (!x.answered()) {
            return give(x.attempts(), x.status(), x.failure());
        }
        if (x.status() == 200) {
            return new Result(true, 200, x.attempts(), "posted" + (x.attempts() > 1 ? " after " + x.attempts() + " attempts" : ""));
        }
        return give(x.attempts(), x.status(), "Slack refused the message: " + x.status() + " " + SlackHttp.reason(x.body())
                + " (not retried)");
    }

    private static Result give(int attempts, int status, String detail) {
        LOG.log(System.Logger.Level.ERROR, "Slack post failed after {0} attempt(s): {1}", attempts, detail);
        return new Result(false, status, attempts, detail);
    }
}
