package io.apigw5xx.responder.frontdoor;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.apigw5xx.responder.JsonMappers;
import io.apigw5xx.responder.handler.InvocationLog;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The routes with recording ports: what is invoked, with which event, and what each caller is told. */
class FrontDoorTest {

    static final String SECRET = "test-signing-secret-0123456789";
    static final Instant NOW = Instant.parse("2026-03-14T10:05:00Z");
    static final String CALLER = "arn:aws:iam::123456789012:user/oncall";

    private final ObjectMapper json = JsonMappers.create();
    private final List<JsonNode> started = new ArrayList<>();
    private final List<String> logLines = new ArrayList<>();
    private final List<String> ephemerals = new ArrayList<>();
    private boolean starterFails;
    private final Map<String, ObjectNode> incidents = new HashMap<>();
    private final SlackSigner signer = new SlackSigner(SECRET);

    private FrontDoor frontDoor(SlackAllowList allowList) {
        FrontDoorConfig config = new FrontDoorConfig("us-east-1", "arn:aws:lambda:us-east-1:123456789012:function:responder:live",
                Optional.of("incidents"), Optional.of("arn:secret"), allowList, "https://hooks.slack.com/",
                Optional.empty(), Optional.empty(), Optional.empty(), FrontDoorConfig.DEFAULT_INVOKE_TIMEOUT);
        InvestigationStarter starter = event -> {
            if (starterFails) {
                throw new InvestigationNotStartedException("the responder could not be invoked: TooManyRequestsException", null);
            }
            try {
                started.add(json.readTree(event));
            } catch (java.io.IOException e) {
                throw new AssertionError(e);
            }
            return "req-" + started.size();
        };
        IncidentHistory history = new IncidentHistory() {
            @Override
            public List<ObjectNode> recent(String api, String stage, int limit) {
                return incidents.values().stream().filter(i -> i.path("apiStage").asText().equals(api + "/" + stage)).limit(limit).toList();
            }

            @Override
            public Optional<ObjectNode> byId(String id) {
                return Optional.ofNullable(incidents.get(id));
            }
        };
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        return FrontDoorWiring.create(config, starter, history, () -> SECRET, (url, text) -> ephemerals.add(url + " " + text),
                json, clock, new InvocationLog(logLines::add, clock));
    }

    private FrontDoor frontDoor() {
        return frontDoor(SlackAllowList.allowAll());
    }

    private HttpCall slack(String path, String body) {
        return new HttpCall("POST", path, Map.of(), signer.headers(body, NOW.minusSeconds(2)),
                body.getBytes(StandardCharsets.UTF_8), Optional.empty());
    }

    private static String command(String text) {
        return "token=x&team_id=T0001&team_domain=acme&channel_id=C0ONCALL&channel_name=oncall&user_id=U0ALICE"
                + "&user_name=alice&command=%2Fapi5xx&text=" + URLEncoder.encode(text, StandardCharsets.UTF_8)
                + "&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT0001%2F1%2Fabc&trigger_id=1.2.3";
    }

    private String interaction(String actionId, String value, String threadTs) throws Exception {
        ObjectNode p = json.createObjectNode().put("type", "block_actions");
        p.putObject("user").put("id", "U0BOB").put("team_id", "T0001");
        p.putObject("team").put("id", "T0001");
        p.putObject("channel").put("id", "C0ONCALL");
        p.putObject("container").put("type", "message").put("message_ts", "1773481337.000200").put("channel_id", "C0ONCALL");
        ObjectNode message = p.putObject("message").put("ts", "1773481337.000200");
        if (threadTs != null) {
            message.put("thread_ts", threadTs);
        }
        p.put("response_url", "https://hooks.slack.com/actions/T0001/2/xyz");
        p.putArray("actions").addObject().put("type", "button").put("action_id", actionId).put("value", value);
        return "payload=" + URLEncoder.encode(json.writeValueAsString(p), StandardCharsets.UTF_8);
    }

    private static final String UUID_FORM = "[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}";

    private static final String RERUN_VALUE = "{\"apiName\":\"orders-api\",\"stage\":\"prod\",\"region\":\"us-east-1\",\"at\":\"2026-03-14T09:42:17Z\"}";

    @Test
    void command_apiStageAndMinuteTime_invokesManualRerunAndAnswersEphemeral() {
        HttpReply reply = frontDoor().handle(slack("/slack/commands", command("orders-api prod 2026-03-14T09:40Z")));

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body().path("response_type").asText()).isEqualTo("ephemeral");
        assertThat(reply.body().path("text").asText()).contains("orders-api/prod").contains("2026-03-14T09:40:00Z");
        assertThat(started).hasSize(1);
        JsonNode event = started.get(0);
        assertThat(event.path("apiName").asText()).isEqualTo("orders-api");
        assertThat(event.path("stage").asText()).isEqualTo("prod");
        assertThat(event.path("at").asText()).isEqualTo("2026-03-14T09:40:00Z");
        assertThat(event.path("requestedBy").asText()).isEqualTo("slack:U0ALICE");
        assertThat(event.has("slackThread")).isFalse();
        assertThat(event.path("investigationId").asText()).as("so the responder keeps the run on the ledger").matches(UUID_FORM);
    }

    @Test
    void command_withoutTime_usesNowAndHttpPrefixNamesAnHttpApi() {
        frontDoor().handle(slack("/slack/commands", command("http:x7k2m9p4q1 $default")));

        assertThat(started).hasSize(1);
        assertThat(started.get(0).path("apiId").asText()).isEqualTo("x7k2m9p4q1");
        assertThat(started.get(0).path("apiType").asText()).isEqualTo("HTTP");
        assertThat(started.get(0).path("at").asText()).isEqualTo(NOW.toString());
    }

    @Test
    void command_help_answersUsageAndInvokesNothing() {
        HttpReply reply = frontDoor().handle(slack("/slack/commands", command("help")));

        assertThat(reply.body().path("text").asText()).startsWith("Usage: `/api5xx &lt;api&gt; &lt;stage&gt; [time]`");
        assertThat(started).isEmpty();
    }

    @Test
    void command_badArguments_answerReasonAndUsageAndInvokeNothing() {
        for (String text : List.of("orders-api", "orders-api prod yesterday", "orders-api prod 2026-03-14T09:40Z extra",
                "orders-api pr<od", "http: prod")) {
            HttpReply reply = frontDoor().handle(slack("/slack/commands", command(text)));

            assertThat(reply.status()).as(text).isEqualTo(200);
            assertThat(reply.body().path("text").asText()).as(text).startsWith("Not started: ").contains("Usage:")
                    .doesNotContain("<od");
        }
        assertThat(started).isEmpty();
    }

    @Test
    void command_unsignedOrStaleOrReplayed_is401AndInvokesNothing() {
        FrontDoor door = frontDoor();
        String body = command("orders-api prod");
        HttpCall unsigned = new HttpCall("POST", "/slack/commands", Map.of(), Map.of(), body.getBytes(StandardCharsets.UTF_8), Optional.empty());
        HttpCall stale = new HttpCall("POST", "/slack/commands", Map.of(), signer.headers(body, NOW.minusSeconds(400)),
                body.getBytes(StandardCharsets.UTF_8), Optional.empty());
        HttpCall good = slack("/slack/commands", body);

        assertThat(door.handle(unsigned).status()).isEqualTo(401);
        assertThat(door.handle(stale).status()).isEqualTo(401);
        assertThat(door.handle(good).status()).isEqualTo(200);
        assertThat(door.handle(good).status()).as("replay").isEqualTo(401);
        assertThat(started).hasSize(1);
        assertThat(String.join("\n", logLines)).doesNotContain(SECRET).contains("Slack request refused");
    }

    @Test
    void command_fromChannelOutsideAllowList_isRefusedInSlackAndInvokesNothing() {
        HttpReply reply = frontDoor(SlackAllowList.parse("T0001", "C0OTHER")).handle(slack("/slack/commands", command("orders-api prod")));

        assertThat(reply.body().path("text").asText()).startsWith("Not started:").contains("channel");
        assertThat(started).isEmpty();
        HttpReply otherTeam = frontDoor(SlackAllowList.parse("T9999", "")).handle(slack("/slack/commands", command("orders-api prod")));
        assertThat(otherTeam.body().path("text").asText()).contains("workspace");
        assertThat(started).isEmpty();
    }

    @Test
    void command_responderCannotBeInvoked_saysSoWithoutExceptionText() {
        starterFails = true;
        HttpReply reply = frontDoor().handle(slack("/slack/commands", command("orders-api prod")));

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body().path("text").asText()).startsWith("Could not start").contains("TooManyRequestsException");
    }

    @Test
    void interaction_rerunButton_invokesWithThreadAndClickerAndAnswersEphemeral() throws Exception {
        HttpReply reply = frontDoor().handle(slack("/slack/interactions", interaction("rerun_investigation", RERUN_VALUE, null)));

        assertThat(reply.status()).isEqualTo(200);
        assertThat(started).hasSize(1);
        JsonNode event = started.get(0);
        assertThat(event.path("apiName").asText()).isEqualTo("orders-api");
        assertThat(event.path("at").asText()).isEqualTo("2026-03-14T09:42:17Z");
        assertThat(event.path("slackThread").path("channel").asText()).isEqualTo("C0ONCALL");
        assertThat(event.path("slackThread").path("ts").asText()).isEqualTo("1773481337.000200");
        assertThat(event.path("requestedBy").asText()).isEqualTo("slack:U0BOB");
        assertThat(event.path("investigationId").asText()).matches(UUID_FORM);
        assertThat(ephemerals).singleElement().asString()
                .startsWith("https://hooks.slack.com/actions/T0001/2/xyz Re-running the investigation of orders-api/prod")
                .contains("in this thread");
    }

    @Test
    void interaction_buttonAsTheSlackReportRendersIt_reRunsThatApiStageAndMoment() throws Exception {
        // The contract with report/SlackMessage: whatever value it puts on its button, the front door accepts.
        io.apigw5xx.responder.analysis.Findings findings = io.apigw5xx.responder.report.SampleFindings.deployRegression();
        ObjectNode message = new io.apigw5xx.responder.report.SlackMessage(json)
                .render(findings, io.apigw5xx.responder.report.History.none(), null, true);
        String value = null;
        for (JsonNode block : message.path("blocks")) {
            for (JsonNode element : block.path("elements")) {
                if (SlackRoutes.RERUN_ACTION_ID.equals(element.path("action_id").asText())) {
                    value = element.path("value").asText();
                }
            }
        }
        assertThat(value).as("the report's Re-run button").isNotNull();

        frontDoor().handle(slack("/slack/interactions", interaction("rerun_investigation", value, null)));

        assertThat(started).singleElement().satisfies(event -> {
            assertThat(event.path("stage").asText()).isEqualTo(findings.incident().stage());
            assertThat(java.time.Instant.parse(event.path("at").asText())).isEqualTo(findings.incident().at());
            assertThat(event.path("slackThread").path("channel").asText()).isEqualTo("C0ONCALL");
        });
    }

    @Test
    void interaction_buttonOnAThreadReply_answersInTheParentThread() throws Exception {
        frontDoor().handle(slack("/slack/interactions", interaction("rerun_investigation", RERUN_VALUE, "1773481000.000100")));

        assertThat(started.get(0).path("slackThread").path("ts").asText()).isEqualTo("1773481000.000100");
    }

    @Test
    void interaction_otherButton_isAcknowledgedAndInvokesNothing() throws Exception {
        HttpReply reply = frontDoor().handle(slack("/slack/interactions", interaction("open_console", "x", null)));

        assertThat(reply.status()).isEqualTo(200);
        assertThat(started).isEmpty();
        assertThat(ephemerals).isEmpty();
    }

    @Test
    void interaction_buttonValueTheResponderWouldRefuse_invokesNothingAndSaysWhy() throws Exception {
        frontDoor().handle(slack("/slack/interactions", interaction("rerun_investigation", "{\"apiName\":\"orders-api\"}", null)));
        frontDoor().handle(slack("/slack/interactions", interaction("rerun_investigation", "not json", null)));

        assertThat(started).isEmpty();
        assertThat(ephemerals).hasSize(2).allMatch(t -> t.contains("Not re-run:"));
    }

    @Test
    void interaction_alarmEventInButtonValue_isNotSentOnAsIfManual() throws Exception {
        String alarm = "{\"version\":\"0\",\"detail-type\":\"CloudWatch Alarm State Change\",\"source\":\"aws.cloudwatch\",\"detail\":{}}";
        frontDoor().handle(slack("/slack/interactions", interaction("rerun_investigation", alarm, null)));

        assertThat(started).isEmpty();
    }

    @Test
    void interaction_malformedPayload_is400WithReason() {
        HttpReply noPayload = frontDoor().handle(slack("/slack/interactions", "foo=bar"));
        HttpReply notJson = frontDoor().handle(slack("/slack/interactions", "payload=%7Bnope"));
        HttpReply badEscape = frontDoor().handle(slack("/slack/interactions", "payload=%zz"));

        assertThat(noPayload.status()).isEqualTo(400);
        assertThat(noPayload.body().path("error").asText()).contains("no payload field");
        assertThat(notJson.status()).isEqualTo(400);
        assertThat(notJson.body().path("error").asText()).contains("not valid JSON");
        assertThat(badEscape.status()).isEqualTo(400);
        assertThat(started).isEmpty();
    }

    @Test
    void interaction_responseUrlOutsideSlack_isNotPostedTo() throws Exception {
        String body = interaction("rerun_investigation", RERUN_VALUE, null)
                .replace(URLEncoder.encode("https://hooks.slack.com/actions", StandardCharsets.UTF_8),
                        URLEncoder.encode("https://evil.example/actions", StandardCharsets.UTF_8));
        frontDoor().handle(slack("/slack/interactions", body));

        assertThat(started).hasSize(1);
        assertThat(ephemerals).isEmpty();
    }

    @Test
    void handle_bodyOverTheLimit_is413BeforeAnythingElse() {
        byte[] big = new byte[FrontDoor.MAX_BODY_BYTES + 1];
        HttpReply reply = frontDoor().handle(new HttpCall("POST", "/slack/commands", Map.of(), Map.of(), big, Optional.empty()));
        assertThat(reply.status()).isEqualTo(413);
    }

    @Test
    void handle_unknownRouteOrMethod_is404Or405() {
        assertThat(frontDoor().handle(new HttpCall("GET", "/nope", Map.of(), Map.of(), null, Optional.empty())).status()).isEqualTo(404);
        assertThat(frontDoor().handle(new HttpCall("GET", "/slack/commands", Map.of(), Map.of(), null, Optional.empty())).status()).isEqualTo(405);
        assertThat(frontDoor().handle(new HttpCall("DELETE", "/incidents/abc", Map.of(), Map.of(), null, Optional.of(CALLER))).status()).isEqualTo(405);
    }

    @Test
    void investigations_iamCaller_invokesAndAnswers202WithTheIdOfTheLedgerItemTheResponderWillWrite() {
        // A caller's own investigationId could name someone else's run: the front door always gives a new one.
        String body = "{\"apiId\":\"x7k2m9p4q1\",\"stage\":\"$default\",\"from\":\"2026-03-14T09:00:00Z\",\"to\":\"2026-03-14T10:00:00Z\","
                + "\"requestedBy\":\"someone else\",\"investigationId\":\"00000000-0000-4000-8000-000000000000\"}";
        FrontDoor door = frontDoor();
        HttpReply reply = door.handle(new HttpCall("POST", "/investigations", Map.of(), Map.of("content-type", "application/json"),
                body.getBytes(StandardCharsets.UTF_8), Optional.of(CALLER)));
        HttpReply again = door.handle(new HttpCall("POST", "/investigations", Map.of(), Map.of("content-type", "application/json"),
                body.getBytes(StandardCharsets.UTF_8), Optional.of(CALLER)));

        assertThat(reply.status()).isEqualTo(202);
        assertThat(reply.body().path("status").asText()).isEqualTo("accepted");
        assertThat(reply.body().path("requestId").asText()).isEqualTo("req-1");
        assertThat(reply.body().path("api").asText()).isEqualTo("x7k2m9p4q1");
        assertThat(reply.body().path("at").asText()).isEqualTo("2026-03-14T10:00:00Z");
        assertThat(started.get(0).path("requestedBy").asText()).isEqualTo("iam:" + CALLER);
        assertThat(started.get(0).path("from").asText()).isEqualTo("2026-03-14T09:00:00Z");
        String investigationId = started.get(0).path("investigationId").asText();
        assertThat(investigationId).matches(UUID_FORM).isNotEqualTo("00000000-0000-4000-8000-000000000000");
        assertThat(reply.body().path("investigationId").asText()).isEqualTo(investigationId);
        IncidentIds.Key key = IncidentIds.key(reply.body().path("id").asText());
        assertThat(key.pk()).isEqualTo("investigation#" + investigationId);
        assertThat(key.sk()).isEqualTo("RUN#2026-03-14T10:00:00.000Z");
        assertThat(again.body().path("id").asText()).as("every run its own item").isNotEqualTo(reply.body().path("id").asText());
    }

    @Test
    void investigations_idBeforeTheResponderHasStarted_is404SayingSo() {
        FrontDoor door = frontDoor();
        HttpReply accepted = door.handle(new HttpCall("POST", "/investigations", Map.of(), Map.of(),
                RERUN_VALUE.getBytes(StandardCharsets.UTF_8), Optional.of(CALLER)));
        String id = accepted.body().path("id").asText();

        HttpReply early = door.handle(new HttpCall("GET", "/incidents/" + id, Map.of(), Map.of(), null, Optional.of(CALLER)));
        incidents.put(id, json.createObjectNode().put("id", id).put("status", "IN_PROGRESS"));
        HttpReply running = door.handle(new HttpCall("GET", "/incidents/" + id, Map.of(), Map.of(), null, Optional.of(CALLER)));

        assertThat(early.status()).isEqualTo(404);
        assertThat(early.body().path("error").asText()).contains("records it when the run starts");
        assertThat(running.status()).isEqualTo(200);
        assertThat(running.body().path("status").asText()).isEqualTo("IN_PROGRESS");
    }

    @Test
    void investigations_badEvent_is400WithTheParsersReasonAndInvokesNothing() {
        HttpReply missing = frontDoor().handle(new HttpCall("POST", "/investigations", Map.of(), Map.of(),
                "{\"apiName\":\"orders-api\",\"stage\":\"prod\"}".getBytes(StandardCharsets.UTF_8), Optional.of(CALLER)));
        HttpReply notJson = frontDoor().handle(new HttpCall("POST", "/investigations", Map.of(), Map.of(),
                "apiName=orders-api".getBytes(StandardCharsets.UTF_8), Optional.of(CALLER)));
        HttpReply array = frontDoor().handle(new HttpCall("POST", "/investigations", Map.of(), Map.of(),
                "[]".getBytes(StandardCharsets.UTF_8), Optional.of(CALLER)));

        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.body().path("error").asText()).contains("needs 'at' or both 'from' and 'to'");
        assertThat(notJson.status()).isEqualTo(400);
        assertThat(array.status()).isEqualTo(400);
        assertThat(started).isEmpty();
    }

    @Test
    void investigations_responderCannotBeInvoked_is502() {
        starterFails = true;
        HttpReply reply = frontDoor().handle(new HttpCall("POST", "/investigations", Map.of(), Map.of(),
                RERUN_VALUE.getBytes(StandardCharsets.UTF_8), Optional.of(CALLER)));
        assertThat(reply.status()).isEqualTo(502);
    }

    @Test
    void iamRoutes_withoutIamCaller_are403AndInvokeNothing() {
        FrontDoor door = frontDoor();
        assertThat(door.handle(new HttpCall("POST", "/investigations", Map.of(), Map.of(),
                RERUN_VALUE.getBytes(StandardCharsets.UTF_8), Optional.empty())).status()).isEqualTo(403);
        assertThat(door.handle(new HttpCall("GET", "/incidents", Map.of("api", "orders-api", "stage", "prod"), Map.of(), null,
                Optional.empty())).status()).isEqualTo(403);
        assertThat(door.handle(new HttpCall("GET", "/incidents/abc", Map.of(), Map.of(), null, Optional.empty())).status()).isEqualTo(403);
        assertThat(started).isEmpty();
    }

    @Test
    void incidents_listAndGet_comeFromTheHistory() {
        String id1 = IncidentIds.of("arn:aws:cloudwatch:us-east-1:123456789012:alarm:orders", "ALARM#2026-03-14T09:42:17.481Z");
        String id2 = IncidentIds.of("arn:aws:cloudwatch:us-east-1:123456789012:alarm:orders", "ALARM#2026-03-14T10:42:17.481Z");
        incidents.put(id1, json.createObjectNode().put("id", id1).put("apiStage", "orders-api/prod").put("topCause", "Lambda deploy regression"));
        FrontDoor door = frontDoor();

        HttpReply list = door.handle(new HttpCall("GET", "/incidents", Map.of("api", "orders-api", "stage", "prod", "limit", "5"),
                Map.of(), null, Optional.of(CALLER)));
        HttpReply one = door.handle(new HttpCall("GET", "/incidents/" + id1, Map.of(), Map.of(), null, Optional.of(CALLER)));
        HttpReply none = door.handle(new HttpCall("GET", "/incidents/" + id2, Map.of(), Map.of(), null, Optional.of(CALLER)));
        HttpReply malformed = door.handle(new HttpCall("GET", "/incidents/id-2", Map.of(), Map.of(), null, Optional.of(CALLER)));

        assertThat(list.status()).isEqualTo(200);
        assertThat(list.body().path("incidents")).hasSize(1);
        assertThat(one.body().path("topCause").asText()).isEqualTo("Lambda deploy regression");
        assertThat(none.status()).isEqualTo(404);
        assertThat(none.body().path("error").asText()).isEqualTo("no incident with this id");
        assertThat(malformed.status()).isEqualTo(400);
    }

    @Test
    void incidents_missingStageOrBadLimit_is400() {
        FrontDoor door = frontDoor();
        assertThat(door.handle(new HttpCall("GET", "/incidents", Map.of("api", "orders-api"), Map.of(), null, Optional.of(CALLER))).status())
                .isEqualTo(400);
        for (String limit : List.of("0", "101", "ten")) {
            assertThat(door.handle(new HttpCall("GET", "/incidents", Map.of("api", "a", "stage", "b", "limit", limit), Map.of(), null,
                    Optional.of(CALLER))).status()).as(limit).isEqualTo(400);
        }
    }

    @Test
    void slackRoutes_signingSecretUnavailable_are503AndInvokeNothing() {
        FrontDoorConfig config = new FrontDoorConfig("us-east-1", "fn", Optional.empty(), Optional.empty(), SlackAllowList.allowAll(),
                "https://hooks.slack.com/", Optional.empty(), Optional.empty(), Optional.empty(), FrontDoorConfig.DEFAULT_INVOKE_TIMEOUT);
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        FrontDoor door = FrontDoorWiring.create(config, e -> {
            throw new AssertionError("invoked");
        }, null, () -> {
            throw new IllegalStateException("no Slack signing secret is configured");
        }, (u, t) -> { }, json, clock, new InvocationLog(logLines::add, clock));

        HttpReply reply = door.handle(slack("/slack/commands", command("orders-api prod")));

        assertThat(reply.status()).isEqualTo(503);
        assertThat(reply.body().path("error").asText()).contains("cannot verify Slack requests");
    }
}
