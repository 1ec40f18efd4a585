package io.apigw5xx.responder.delivery;

import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Posts a Block Kit payload to a Slack incoming webhook (plain java.net.http, no Slack SDK).
 * 200 is delivered; 429 waits for Retry-After; 5xx and refused connections are retried with backoff while
 * the deadline allows; any other 4xx (invalid_blocks, no_service, channel_is_archived ...) is final and
 * reported with Slack's reason. A timeout after the request was sent is not retried: the message may
 * already be in the channel and a second copy is worse than a logged "maybe posted". The URL is a
 * credential and appears in no log line or result.
 */
public final class SlackWebhook {

    /** How one post ended. {@code status} is the last HTTP status, 0 when none came back. */
    public record Result(boolean delivered, int status, int attempts, String detail) {}

    private static final System.Logger LOG = System.getLogger(SlackWebhook.class.getName());
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(250);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(4);
    private static final Duration MAX_REQUEST_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(1);

    private final HttpClient http;
    private final WebhookUrlProvider url;
    private final Clock clock;

    public SlackWebhook(HttpClient http, WebhookUrlProvider url, Clock clock) {
        this.http = Objects.requireNonNull(http, "http");
        this.url = Objects.requireNonNull(url, "url");
        this.clock = Objects.requireNonNull(clock, "clock");
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
        Duration backoff = FIRST_BACKOFF;
        int attempt = 0;
        while (true) {
            attempt++;
            Duration left = Duration.between(clock.instant(), deadline);
            if (left.isNegative() || left.isZero()) {
                return give(attempt - 1, 0, "deadline reached before attempt " + attempt);
            }
            HttpResponse<String> response;
            try {
                response = http.send(request.timeout(min(left, MAX_REQUEST_TIMEOUT)).build(),
                        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            } catch (HttpConnectTimeoutException | ConnectException e) {
                // Nothing was sent: safe to try again.
                if (!sleepWithin(backoff, deadline)) {
                    return give(attempt, 0, "could not connect to Slack (" + e.getClass().getSimpleName() + ")");
                }
                backoff = min(backoff.multipliedBy(2), MAX_BACKOFF);
                continue;
            } catch (HttpTimeoutException e) {
                // Sent, but no answer in time: Slack may have posted it, so a retry could post it twice.
                return give(attempt, 0, "timed out waiting for Slack; the message may have been posted");
            } catch (IOException e) {
                return give(attempt, 0, "I/O error talking to Slack: " + e.getClass().getSimpleName()
                        + "; the message may have been posted");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return give(attempt, 0, "interrupted");
            }
            int status = response.statusCode();
            String reason = reason(response.body());
            if (status == 200) {
                return new Result(true, 200, attempt, "posted" + (attempt > 1 ? " after " + attempt + " attempts" : ""));
            }
            if (status == 429) {
                Duration wait = retryAfter(response);
                LOG.log(System.Logger.Level.WARNING, "Slack rate limited the post (attempt {0}); Retry-After {1}s",
                        attempt, wait.toSeconds());
                if (!sleepWithin(wait, deadline)) {
                    return give(attempt, status, "rate limited; Retry-After " + wait.toSeconds() + "s runs past the deadline");
                }
                continue;
            }
            if (status >= 500) {
                LOG.log(System.Logger.Level.WARNING, "Slack answered {0} {1} (attempt {2}); retrying", status, reason, attempt);
                if (!sleepWithin(backoff, deadline)) {
                    return give(attempt, status, "Slack answered " + status + " " + reason + " until the deadline");
                }
                backoff = min(backoff.multipliedBy(2), MAX_BACKOFF);
                continue;
            }
            return give(attempt, status, "Slack refused the message: " + status + " " + reason + " (not retried)");
        }
    }

    private static Result give(int attempts, int status, String detail) {
        LOG.log(System.Logger.Level.ERROR, "Slack post failed after {0} attempt(s): {1}", attempts, detail);
        return new Result(false, status, attempts, detail);
    }

    /** Retry-After in seconds (Slack sends whole seconds); 1 s when absent or unreadable. */
    static Duration retryAfter(HttpResponse<?> response) {
        return response.headers().firstValue("Retry-After").map(String::strip).map(v -> {
            try {
                return Duration.ofSeconds(Math.max(0, Long.parseLong(v)));
            } catch (NumberFormatException e) {
                return DEFAULT_RETRY_AFTER;
            }
        }).orElse(DEFAULT_RETRY_AFTER);
    }

    /** Slack's short plain-text error ("invalid_blocks"), on one line and bounded, for logs. */
    static String reason(String body) {
        if (body == null || body.isBlank()) {
            return "(no body)";
        }
        String oneLine = body.replaceAll("[\\r\\n\\t]+", " ").strip();
        return oneLine.length() <= 200 ? oneLine : oneLine.substring(0, 200) + "…";
    }

    private boolean sleepWithin(Duration wait, Instant deadline) {
        if (clock.instant().plus(wait).isAfter(deadline)) {
            return false;
        }
        try {
            Thread.sleep(wait.toMillis());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
