package io.apigw5xx.responder.delivery;

import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The retry loop every Slack call shares (incoming webhook, Web API methods, the file upload URL).
 * 429 waits for Retry-After; 5xx and refused connections are retried with backoff while the deadline allows;
 * any other status is an answer for the caller to read. A timeout after the request was sent is not
 * retried: Slack may already have acted on it, and a second message is worse than a logged "maybe posted".
 * Nothing here logs a URL, a header or a body: URLs and tokens are credentials.
 */
final class SlackHttp {

    /**
     * How one exchange ended: the last HTTP status and body when an answer came back ({@code status} 0 and
     * {@code failure} set when none did), and how many attempts it took.
     */
    record Exchange(int status, String body, int attempts, String failure) {
        boolean answered() {
            return failure == null;
        }
    }

    private static final System.Logger LOG = System.getLogger(SlackHttp.class.getName());
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(250);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(4);
    private static final Duration MAX_REQUEST_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(1);

    private final Supplier<HttpClient> http;
    private final Clock clock;

    /** {@code http}: may still be building ({@link io.apigw5xx.responder.InBackground}); the first send waits for it. */
    SlackHttp(Supplier<HttpClient> http, Clock clock) {
        this.http = Objects.requireNonNull(http, "http");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Sends the request until Slack answers with something other than 429/5xx, or the deadline stops it. */
    Exchange send(HttpRequest.Builder request, Instant deadline, String what) {
        Duration backoff = FIRST_BACKOFF;
        int attempt = 0;
        while (true) {
            attempt++;
            Duration left = Duration.between(clock.instant(), deadline);
            if (left.isNegative() || left.isZero()) {
                return new Exchange(0, null, attempt - 1, "deadline reached before attempt " + attempt);
            }
            HttpResponse<String> response;
            try {
                response = http.get().send(request.timeout(min(left, MAX_REQUEST_TIMEOUT)).build(),
                        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            } catch (HttpConnectTimeoutException | ConnectException e) {
                // Nothing was sent: safe to try again.
                if (!sleepWithin(backoff, deadline)) {
                    return new Exchange(0, null, attempt, "could not connect to Slack (" + e.getClass().getSimpleName() + ")");
                }
                backoff = min(backoff.multipliedBy(2), MAX_BACKOFF);
                continue;
            } catch (HttpTimeoutException e) {
                return new Exchange(0, null, attempt, "timed out waiting for Slack; the message may have been posted");
            } catch (IOException e) {
                return new Exchange(0, null, attempt, "I/O error talking to Slack: " + e.getClass().getSimpleName()
                        + "; the message may have been posted");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Exchange(0, null, attempt, "interrupted");
            }
            int status = response.statusCode();
            if (status == 429) {
                Duration wait = retryAfter(response);
                LOG.log(System.Logger.Level.WARNING, "Slack rate limited {0} (attempt {1}); Retry-After {2}s",
                        what, attempt, wait.toSeconds());
                if (!sleepWithin(wait, deadline)) {
                    return new Exchange(status, response.body(), attempt,
                            "rate limited; Retry-After " + wait.toSeconds() + "s runs past the deadline");
                }
                continue;
            }
            if (status >= 500) {
                LOG.log(System.Logger.Level.WARNING, "Slack answered {0} {1} to {2} (attempt {3}); retrying",
                        status, reason(response.body()), what, attempt);
                if (!sleepWithin(backoff, deadline)) {
                    return new Exchange(status, response.body(), attempt,
                            "Slack answered " + status + " " + reason(response.body()) + " until the deadline");
                }
                backoff = min(backoff.multipliedBy(2), MAX_BACKOFF);
                continue;
            }
            return new Exchange(status, response.body(), attempt, null);
        }
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

    /** Slack's short error text ("invalid_blocks"), on one line and bounded, for logs. */
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
