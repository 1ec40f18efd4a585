package io.apigw5xx.responder.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.apigw5xx.responder.delivery.SlackStandIn.Reply;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SlackWebhookTest {

    private SlackStandIn slackServer;
    private SlackWebhook webhook;

    @BeforeEach
    void start() throws Exception {
        slackServer = new SlackStandIn();
        webhook = new SlackWebhook(SlackWebhook.defaultHttpClient(), WebhookUrlProvider.fixed(slackServer.url()), Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        slackServer.close();
    }

    private Instant in(Duration d) {
        return Instant.now().plus(d);
    }

    @Test
    void post_200_deliveredOnce() {
        SlackWebhook.Result r = webhook.post("{\"text\":\"hi\"}", in(Duration.ofSeconds(5)));

        assertThat(r.delivered()).isTrue();
        assertThat(r.attempts()).isEqualTo(1);
        assertThat(slackServer.received()).containsExactly("{\"text\":\"hi\"}");
    }

    @Test
    void post_429WithRetryAfterThen200_waitsRetryAfterAndDelivers() {
        slackServer.then(new Reply(429, "rate_limited", Map.of("Retry-After", "1")), Reply.ok());
        long start = System.nanoTime();

        SlackWebhook.Result r = webhook.post("{}", in(Duration.ofSeconds(10)));

        assertThat(r.delivered()).isTrue();
        assertThat(r.attempts()).isEqualTo(2);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(950));
        assertThat(slackServer.received()).hasSize(2);
    }

    @Test
    void post_429RetryAfterPastDeadline_failsWithoutWaiting() {
        slackServer.then(new Reply(429, "rate_limited", Map.of("Retry-After", "30")));

        SlackWebhook.Result r = webhook.post("{}", in(Duration.ofSeconds(3)));

        assertThat(r.delivered()).isFalse();
        assertThat(r.detail()).contains("Retry-After 30s runs past the deadline");
        assertThat(slackServer.received()).hasSize(1);
    }

    @Test
    void post_500Then200_retriesWithBackoff() {
        slackServer.then(Reply.of(500, "rollup_error"), Reply.of(503, "unavailable"), Reply.ok());

        SlackWebhook.Result r = webhook.post("{}", in(Duration.ofSeconds(10)));

        assertThat(r.delivered()).isTrue();
        assertThat(r.attempts()).isEqualTo(3);
    }

    @Test
    void post_500Always_givesUpAtDeadline() {
        slackServer.always(Reply.of(500, "rollup_error"));
        Instant deadline = in(Duration.ofSeconds(2));

        SlackWebhook.Result r = webhook.post("{}", deadline);

        assertThat(r.delivered()).isFalse();
        assertThat(r.status()).isEqualTo(500);
        assertThat(r.detail()).contains("rollup_error");
        assertThat(Instant.now()).isBefore(deadline.plusMillis(500));
        assertThat(slackServer.received().size()).isBetween(2, 10);
    }

    @Test
    void post_400InvalidBlocks_notRetriedAndReasonReported() {
        slackServer.then(Reply.of(400, "invalid_blocks"));

        SlackWebhook.Result r = webhook.post("{}", in(Duration.ofSeconds(5)));

        assertThat(r.delivered()).isFalse();
        assertThat(r.detail()).contains("400 invalid_blocks").contains("not retried").doesNotContain("secretpart");
        assertThat(slackServer.received()).hasSize(1);
    }

    @Test
    void post_404NoService_notRetried() {
        slackServer.then(Reply.of(404, "no_service"));

        SlackWebhook.Result r = webhook.post("{}", in(Duration.ofSeconds(5)));

        assertThat(r.detail()).contains("404 no_service");
        assertThat(slackServer.received()).hasSize(1);
    }

    @Test
    void post_nothingListening_failsWithinDeadlineWithoutUrl() throws Exception {
        int port;
        try (var s = new java.net.ServerSocket(0)) {
            port = s.getLocalPort();
        }
        SlackWebhook down = new SlackWebhook(SlackWebhook.defaultHttpClient(),
                WebhookUrlProvider.fixed(URI.create("http://127.0.0.1:" + port + "/services/T/B/secretpart")), Clock.systemUTC());

        SlackWebhook.Result r = down.post("{}", in(Duration.ofSeconds(2)));

        assertThat(r.delivered()).isFalse();
        assertThat(r.detail()).contains("could not connect").doesNotContain("secretpart").doesNotContain("127.0.0.1");
    }

    @Test
    void post_connectTimesOut_retriedBecauseNothingWasSent() throws Exception {
        // A listener that never accepts, with its accept queue filled: further connects hang until they time out.
        try (var stuck = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            java.util.List<java.net.Socket> fillers = new java.util.ArrayList<>();
            try {
                for (int i = 0; i < 4; i++) {
                    java.net.Socket filler = new java.net.Socket();
                    try {
                        filler.connect(stuck.getLocalSocketAddress(), 200);
                        fillers.add(filler);
                    } catch (java.io.IOException full) {
                        filler.close();
                        break;
                    }
                }
                SlackWebhook webhookBehindStuckPort = new SlackWebhook(
                        java.net.http.HttpClient.newBuilder().connectTimeout(Duration.ofMillis(300)).build(),
                        WebhookUrlProvider.fixed(URI.create("http://127.0.0.1:" + stuck.getLocalPort() + "/services/T/B/secretpart")),
                        Clock.systemUTC());

                SlackWebhook.Result r = webhookBehindStuckPort.post("{}", in(Duration.ofSeconds(3)));

                assertThat(r.delivered()).isFalse();
                assertThat(r.detail()).contains("could not connect").doesNotContain("may have been posted");
                assertThat(r.attempts()).isGreaterThan(1);
            } finally {
                for (java.net.Socket filler : fillers) {
                    filler.close();
                }
            }
        }
    }

    @Test
    void parse_secretShapes_acceptsBareUrlAndJsonAndRejectsWithoutEchoingValue() {
        assertThat(WebhookUrlProvider.parse(" https://hooks.slack.com/services/T/B/x \n", "s")).hasHost("hooks.slack.com");
        assertThat(WebhookUrlProvider.parse("{\"url\":\"https://hooks.slack.com/services/T/B/y\"}", "s").getPath())
                .isEqualTo("/services/T/B/y");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> WebhookUrlProvider.parse("not a url secretvalue", "secret X"))
                .isInstanceOf(WebhookUrlException.class).hasMessageContaining("secret X").hasMessageNotContaining("secretvalue");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> WebhookUrlProvider.parse("{\"uri\":\"https://x\"}", "secret X"))
                .hasMessageContaining("without a string \"url\" field");
    }
}
