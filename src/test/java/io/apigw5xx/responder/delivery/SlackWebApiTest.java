package io.apigw5xx.responder.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.apigw5xx.responder.JsonMappers;
import io.apigw5xx.responder.delivery.SlackStandIn.Reply;
import io.apigw5xx.responder.incident.SlackThread;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Web API client and the Slack app's calls against the local Slack stand-in. */
class SlackWebApiTest {

    private final ObjectMapper json = JsonMappers.create();
    private final ByteArrayOutputStream emf = new ByteArrayOutputStream();
    private SlackStandIn slackServer;
    private SlackApp app;

    @BeforeEach
    void start() throws Exception {
        slackServer = new SlackStandIn();
        app = app(SlackStandIn.TOKEN, "C0INCIDENTS");
    }

    @AfterEach
    void stop() {
        slackServer.close();
    }

    private SlackApp app(String token, String channel) {
        SlackWebApi api = new SlackWebApi(SlackWebhook.defaultHttpClient(), slackServer.apiBase(), SlackBotToken.fixed(token),
                json, Clock.systemUTC());
        return new SlackApp(api, channel, new EmfMetrics(new PrintStream(emf, true, StandardCharsets.UTF_8), null,
                Clock.systemUTC(), json), json);
    }

    private ObjectNode payload(String text) {
        ObjectNode p = json.createObjectNode().put("text", text);
        p.putArray("blocks").addObject().put("type", "section").putObject("text").put("type", "mrkdwn").put("text", text);
        return p;
    }

    private static Instant in(Duration d) {
        return Instant.now().plus(d);
    }

    @Test
    void post_topLevelThenReply_replyCarriesThreadTsAndBroadcast() {
        SlackApp.Posted first = app.post(payload("first"), null, false, in(Duration.ofSeconds(5)));
        SlackApp.Posted reply = app.post(payload("update"), first.message(), true, in(Duration.ofSeconds(5)));

        assertThat(first.ok()).isTrue();
        assertThat(first.message().channel()).isEqualTo("C0INCIDENTS");
        assertThat(reply.ok()).isTrue();
        assertThat(slackServer.topLevel()).hasSize(1);
        assertThat(slackServer.replies(first.message().ts())).singleElement()
                .satisfies(m -> assertThat(m.replyBroadcast()).isTrue());
        SlackStandIn.Request sent = slackServer.requests().getFirst();
        assertThat(sent.path()).isEqualTo("/api/chat.postMessage");
        assertThat(sent.contentType()).isEqualTo("application/json; charset=utf-8");
        assertThat(sent.authorization()).isEqualTo("Bearer " + SlackStandIn.TOKEN);
    }

    @Test
    void post_botNotInChannel_failsWithSlacksErrorTheFixAndACount() {
        slackServer.channel("C0PRIVATE", false);
        SlackApp.Posted posted = app("xoxb-1111-2222-standintoken", "C0PRIVATE").post(payload("x"), null, false, in(Duration.ofSeconds(5)));

        assertThat(posted.ok()).isFalse();
        assertThat(posted.error()).isEqualTo("not_in_channel");
        assertThat(posted.detail()).contains("not_in_channel").contains("/invite");
        assertThat(emf.toString(StandardCharsets.UTF_8)).contains("\"SlackErrors\":1.0").contains("\"Error\":\"not_in_channel\"")
                .contains("\"Method\":\"chat.postMessage\"");
    }

    @Test
    void post_unknownChannelOrWrongToken_namesTheErrorAndNeverTheToken() {
        SlackApp.Posted unknown = app.post(payload("x"), new SlackThread("C0NOSUCH", "1.2"), false, in(Duration.ofSeconds(5)));
        SlackApp.Posted badToken = app("xoxb-9999-wrong-token", "C0INCIDENTS").post(payload("x"), null, false, in(Duration.ofSeconds(5)));

        assertThat(unknown.error()).isEqualTo("channel_not_found");
        assertThat(unknown.detail()).contains("SLACK_CHANNEL");
        assertThat(badToken.error()).isEqualTo("invalid_auth");
        assertThat(badToken.detail()).contains("reinstall").doesNotContain("xoxb-9999");
    }

    @Test
    void post_missingScope_reportsNeededAndProvided() {
        slackServer.thenFor("chat.postMessage", new Reply(200,
                "{\"ok\":false,\"error\":\"missing_scope\",\"needed\":\"chat:write\",\"provided\":\"files:write\"}", Map.of()));

        SlackApp.Posted posted = app.post(payload("x"), null, false, in(Duration.ofSeconds(5)));

        assertThat(posted.error()).isEqualTo("missing_scope");
        assertThat(posted.detail()).contains("needed: chat:write").contains("provided: files:write").contains("reinstall");
    }

    @Test
    void post_ratelimitedWithRetryAfter_waitsAndPostsOnce() {
        slackServer.thenFor("chat.postMessage", Reply.rateLimited(1));
        long start = System.nanoTime();

        SlackApp.Posted posted = app.post(payload("x"), null, false, in(Duration.ofSeconds(10)));

        assertThat(posted.ok()).isTrue();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(950));
        assertThat(slackServer.topLevel()).hasSize(1);
    }

    @Test
    void post_retryAfterPastTheDeadline_givesUpAsRatelimited() {
        slackServer.thenFor("chat.postMessage", Reply.rateLimited(30));

        SlackApp.Posted posted = app.post(payload("x"), null, false, in(Duration.ofSeconds(3)));

        assertThat(posted.ok()).isFalse();
        assertThat(posted.error()).isEqualTo("ratelimited");
        assertThat(slackServer.messages()).isEmpty();
    }

    @Test
    void uploadPng_threeSteps_sharesTheBytesIntoTheThread() {
        SlackApp.Posted first = app.post(payload("first"), null, false, in(Duration.ofSeconds(5)));
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 1, 2, 3};

        SlackWebApi.Response r = app.uploadPng(first.message(), png, "5xx.png", "5xx graph", "alt text", in(Duration.ofSeconds(5)));

        assertThat(r.ok()).isTrue();
        SlackStandIn.Message shared = slackServer.replies(first.message().ts()).getFirst();
        assertThat(shared.files()).hasSize(1);
        assertThat(slackServer.file(shared.files().getFirst())).isEqualTo(png);
        SlackStandIn.Request urlRequest = slackServer.requests().stream()
                .filter(q -> q.path().endsWith("files.getUploadURLExternal")).findFirst().orElseThrow();
        assertThat(urlRequest.contentType()).isEqualTo("application/x-www-form-urlencoded");
        assertThat(urlRequest.body()).contains("length=" + png.length);
        SlackStandIn.Request upload = slackServer.requests().stream().filter(q -> q.path().startsWith("/upload/")).findFirst().orElseThrow();
        assertThat(upload.authorization()).as("the upload URL authorises itself; the token stays home").isNull();
    }

    @Test
    void uploadPng_uploadUrlRefuses_failsAtThatStepWithoutCompleting() {
        SlackApp.Posted first = app.post(payload("first"), null, false, in(Duration.ofSeconds(5)));
        slackServer.thenFor("upload", Reply.of(413, "Request Entity Too Large"));

        SlackWebApi.Response r = app.uploadPng(first.message(), new byte[] {1, 2, 3}, "5xx.png", "t", "a", in(Duration.ofSeconds(5)));

        assertThat(r.ok()).isFalse();
        assertThat(r.error()).isEqualTo("http_413");
        assertThat(slackServer.requests()).noneMatch(q -> q.path().endsWith("files.completeUploadExternal"));
        assertThat(slackServer.replies(first.message().ts())).isEmpty();
    }

    @Test
    void callForm_jsonToAFormOnlyMethod_isRefusedByTheStandInLikeSlack() {
        SlackWebApi api = new SlackWebApi(SlackWebhook.defaultHttpClient(), slackServer.apiBase(),
                SlackBotToken.fixed(SlackStandIn.TOKEN), json, Clock.systemUTC());

        SlackWebApi.Response r = api.call("files.getUploadURLExternal", json.createObjectNode().put("filename", "a").put("length", 3),
                in(Duration.ofSeconds(5)));

        assertThat(r.ok()).isFalse();
        assertThat(r.error()).isEqualTo("invalid_arguments");
    }

    @Test
    void botToken_parsesBareOrJsonAndRefusesOtherTextWithoutEchoingIt() {
        assertThat(SlackBotToken.parse("xoxb-1-2-abc\n", "s")).isEqualTo("xoxb-1-2-abc");
        assertThat(SlackBotToken.parse("{\"botToken\":\"xoxb-1-2-abc\"}", "s")).isEqualTo("xoxb-1-2-abc");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> SlackBotToken.parse("https://hooks.slack.com/services/T/B/secretvalue", "secret X"))
                .isInstanceOf(SlackCredentialException.class).hasMessageContaining("secret X").hasMessageNotContaining("secretvalue");
    }
}
