package io.apigw5xx.responder.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import io.apigw5xx.responder.JsonMappers;
import io.apigw5xx.responder.delivery.IncidentLedger;
import io.apigw5xx.responder.delivery.LedgerTable;
import io.apigw5xx.responder.delivery.SlackStandIn;
import io.apigw5xx.responder.evidence.aws.EvidenceFixtures;
import io.apigw5xx.responder.frontdoor.SlackSigner;
import io.apigw5xx.responder.incident.AlarmState;
import io.apigw5xx.responder.incident.ApiRef;
import io.apigw5xx.responder.incident.Incident;
import io.apigw5xx.responder.report.FindingsJson;
import io.apigw5xx.responder.report.SampleFindings;
import io.apigw5xx.responder.testing.CloudTrailStub;
import io.apigw5xx.responder.testing.MotoAccount;
import io.apigw5xx.responder.testing.MotoServer;
import io.apigw5xx.responder.testing.SampleEvents;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * The front door as {@code sam local start-api} would run it, without Docker: its own shaded jar under the
 * official Runtime Interface Emulator with the handler from template.yaml, fed the HTTP API v2 events in
 * events/frontdoor/. Behind it, everything real on 127.0.0.1: the signing secret in Secrets Manager (moto), and
 * the responder itself - its jar under a second emulator, which the front door's Lambda client invokes through
 * the emulator's Invoke endpoint (a function named "function"), in Slack app mode against the Slack Web API
 * stand-in, investigating a seeded incident (moto, the CloudTrail stand-in). Both read and write one ledger, in
 * moto's DynamoDB: the responder sends every AWS call to one endpoint (AWS_ENDPOINT_URL), so the front door
 * reads the table there too (DynamoDB Local tests the front door's reads in LedgerIncidentHistoryIT). The
 * emulator runs the invocation synchronously where Lambda would queue it, so when the front door has answered,
 * the responder has finished: its log, its Slack posts and its ledger item can be read right after.
 */
@ExtendWith(MotoServer.Extension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FrontDoorRuntimeIT {

    /** The secret events/frontdoor/*.json are signed with (README); the test re-signs them with its own. */
    static final String SAMPLE_SECRET = "sample-signing-secret-not-a-real-one";
    private static final String SECRET = "front-door-runtime-test-secret";
    private static final String TABLE = "incidents";
    private static final Instant SEEDED_ALARM = Instant.parse("2026-03-14T09:42:17.481Z");
    /** The seeded incident's alarm: recent, so its metrics and CloudTrail events are where the responder looks. */
    private static final Instant ALARM_NOW = Instant.now().truncatedTo(ChronoUnit.MINUTES).minusSeconds(60).plusSeconds(17);
    private static final ObjectMapper JSON = JsonMappers.create();

    private final Path basedir = Path.of(System.getProperty("project.basedir"));
    private final LocalLambda.Layout responderLayout = LocalLambda.Layout.fromSystemProperties();
    private final LocalLambda.Layout frontDoorLayout = new LocalLambda.Layout(Path.of(System.getProperty("frontdoor.jar")),
            responderLayout.runtimeLib(), responderLayout.rieDir(), responderLayout.template(), List.of());
    private final CloudTrailStub cloudTrail = new CloudTrailStub();
    private final List<String> slackReplies = new CopyOnWriteArrayList<>();
    private HttpServer slack;
    private SlackStandIn slackApi;
    private MotoServer moto;
    private LocalLambda responder;
    private LocalLambda frontDoor;

    @BeforeAll
    void start(MotoServer moto) throws Exception {
        moto.reset();
        slack = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        slack.createContext("/actions/", exchange -> {
            slackReplies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(200, 2);
            exchange.getResponseBody().write("ok".getBytes(StandardCharsets.UTF_8));
            exchange.close();
        });
        slack.start();
        slackApi = new SlackStandIn();
        this.moto = moto;

        try (MotoAccount account = new MotoAccount(moto.endpoint())) {
            EvidenceFixtures.seedChanges(cloudTrail, EvidenceFixtures.seedRestIncident(account, ALARM_NOW), ALARM_NOW);
        }
        try (DynamoDbClient ddb = motoClient(DynamoDbClient.builder())) {
            seedLedger(ddb);
        }

        String secretArn;
        String botTokenArn;
        try (SecretsManagerClient sm = motoClient(SecretsManagerClient.builder())) {
            secretArn = sm.createSecret(r -> r.name("slack-signing").secretString("{\"signingSecret\":\"" + SECRET + "\"}")).arn();
            botTokenArn = sm.createSecret(r -> r.name("slack-bot").secretString(SlackStandIn.TOKEN)).arn();
        }

        Map<String, String> responderEnv = new HashMap<>(LambdaRuntimeIT.functionEnv(moto, cloudTrail));
        responderEnv.putAll(Map.of(
                "INCIDENT_TABLE", TABLE,
                "SLACK_BOT_TOKEN_SECRET_ARN", botTokenArn,
                "SLACK_CHANNEL", "C0INCIDENTS",
                "SLACK_API_URL", slackApi.apiBase().toString(),
                // moto has no GetMetricWidgetImage: without the graph the report is posted once, never updated.
                "SLACK_GRAPH", "false"));
        responder = LocalLambda.startForTest(responderLayout, responderLayout.handlerFromTemplate(),
                responderEnv, Path.of("target", "local-lambda", "FrontDoorRuntimeIT-responder.log"));
        Map<String, String> env = new HashMap<>(Map.of(
                "AWS_REGION", "us-east-1",
                "AWS_ACCESS_KEY_ID", "testing",
                "AWS_SECRET_ACCESS_KEY", "testing",
                "RESPONDER_FUNCTION_ARN", "function",
                "AWS_ENDPOINT_URL_LAMBDA", responder.invokeEndpoint().toString(),
                "AWS_ENDPOINT_URL_DYNAMODB", moto.endpoint().toString(),
                "AWS_ENDPOINT_URL_SECRETS_MANAGER", moto.endpoint().toString(),
                "INCIDENT_TABLE", TABLE,
                "SLACK_SIGNING_SECRET_ARN", secretArn,
                "SLACK_RESPONSE_URL_PREFIX", slackBase()));
        // The emulator runs the responder synchronously (Lambda would queue the event and answer 202 at once).
        env.put("RESPONDER_INVOKE_TIMEOUT_MS", "90000");
        frontDoor = LocalLambda.startForTest(frontDoorLayout, frontDoorLayout.handlerFromTemplate("FrontDoorFunction"), env,
                Path.of("target", "local-lambda", "FrontDoorRuntimeIT-frontdoor.log"));
    }

    @AfterAll
    void stop() throws Exception {
        for (AutoCloseable c : new AutoCloseable[] {frontDoor, responder, cloudTrail}) {
            if (c != null) {
                c.close();
            }
        }
        if (slackApi != null) {
            slackApi.close();
        }
        if (moto != null) {
            moto.reset(); // the seeded incident is this class's: the next class starts from a clean account
        }
        if (slack != null) {
            slack.stop(0);
        }
    }

    private String slackBase() {
        return "http://127.0.0.1:" + slack.getAddress().getPort() + "/";
    }

    private <B extends AwsClientBuilder<B, C>, C> C motoClient(B builder) {
        return builder.endpointOverride(moto.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing"))).build();
    }

    private static void seedLedger(DynamoDbClient ddb) {
        LedgerTable.create(ddb, TABLE);
        // As a REST alarm arrives: the API by name (the ledger then keys it by name).
        Incident incident = SampleFindings.incident("orders-api", AlarmState.ALARM, SEEDED_ALARM)
                .withApi(ApiRef.restByName("orders-api"));
        IncidentLedger ledger = new IncidentLedger(ddb, TABLE, new FindingsJson(JSON),
                Clock.fixed(SEEDED_ALARM.plusSeconds(20), ZoneOffset.UTC), Duration.ofDays(30));
        ledger.claim(incident, SEEDED_ALARM.plusSeconds(80));
        ledger.complete(incident, SampleFindings.deployRegression(incident), "SLACK=DELIVERED");
    }

    static Stream<Path> events() throws Exception {
        List<Path> files = LocalLambda.eventFiles(Path.of(System.getProperty("project.basedir"), "events", "frontdoor"));
        assertThat(files).as("front door sample events").hasSizeGreaterThanOrEqualTo(6);
        return files.stream();
    }

    /** A sample event as it would arrive now: Slack's headers re-signed (the stored ones are stale by design). */
    private byte[] fresh(Path file) throws Exception {
        ObjectNode event = (ObjectNode) JSON.readTree(file.toFile());
        if (!event.path("headers").has("x-slack-signature")) {
            return JSON.writeValueAsBytes(event);
        }
        String body = rawBody(event).replace(URLEncoder.encode("https://hooks.slack.com/", StandardCharsets.UTF_8),
                URLEncoder.encode(slackBase(), StandardCharsets.UTF_8));
        return signed(event, body);
    }

    /** The raw body API Gateway received (base64-decoded when it says so). */
    private static String rawBody(JsonNode event) {
        return event.path("isBase64Encoded").asBoolean()
                ? new String(Base64.getDecoder().decode(event.path("body").asText()), StandardCharsets.UTF_8)
                : event.path("body").asText();
    }

    /** {@code event} carrying {@code body}, signed now as Slack signs it. */
    private static byte[] signed(ObjectNode event, String body) throws Exception {
        new SlackSigner(SECRET).headers(body, Instant.now()).forEach(((ObjectNode) event.path("headers"))::put);
        event.put("body", event.path("isBase64Encoded").asBoolean()
                ? Base64.getEncoder().encodeToString(body.getBytes(StandardCharsets.UTF_8)) : body);
        return JSON.writeValueAsBytes(event);
    }

    private JsonNode call(byte[] event) throws Exception {
        LocalLambda.Response response = frontDoor.invoke(event);
        assertThat(response.failed()).as("function error: %s (log %s)", response.body(), frontDoor.log()).isFalse();
        return JSON.readTree(response.body());
    }

    private static JsonNode body(JsonNode proxyResponse) throws Exception {
        return JSON.readTree(proxyResponse.path("body").asText());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("events")
    void sampleEvent_answersAsItsRouteShould(Path file) throws Exception {
        JsonNode response = call(fresh(file));
        JsonNode body = body(response);
        String name = file.getFileName().toString();
        int status = response.path("statusCode").asInt();

        switch (name) {
            case "slack-command.json" -> {
                assertThat(status).as(response.toString()).isEqualTo(200);
                assertThat(body.path("response_type").asText()).isEqualTo("ephemeral");
                assertThat(body.path("text").asText()).startsWith("Investigating orders-api/prod around 2026-03-14T09:40:00Z");
                assertThat(responderLog()).as("the responder investigated what the command asked for")
                        .anyMatch(l -> l.contains("\"investigation started\"") && l.contains("orders-api/prod"));
            }
            case "slack-command-unsigned.json" -> {
                assertThat(status).isEqualTo(401);
                assertThat(body.path("error").asText()).contains("not signed by Slack");
            }
            case "slack-interaction-rerun.json" -> {
                assertThat(status).as(response.toString()).isEqualTo(200);
                assertThat(slackReplies).as("ephemeral answer on the response_url").anyMatch(r ->
                        r.contains("\"response_type\":\"ephemeral\"") && r.contains("Re-running the investigation of orders-api/prod")
                                && r.contains("in this thread"));
            }
            case "incidents-list.json" -> {
                // The seeded incident; the re-run test's own alarm may be listed beside it, re-runs never are.
                assertThat(status).as(response.toString()).isEqualTo(200);
                assertThat(body.path("incidents")).isNotEmpty().allSatisfy(item -> {
                    assertThat(item.has("findings")).as("the list leaves the findings out").isFalse();
                    assertThat(item.has("investigationId")).as("a re-run is not an incident").isFalse();
                }).anySatisfy(item -> {
                    assertThat(item.path("topCause").asText()).isNotBlank();
                    assertThat(item.path("stateChangeTime").asText()).isEqualTo("2026-03-14T09:42:17.481Z");
                });
            }
            case "incident-get.json" -> {
                assertThat(status).as(response.toString()).isEqualTo(200);
                assertThat(body.path("alarmArn").asText()).isEqualTo(SampleFindings.ALARM_ARN);
                assertThat(body.path("findings").isObject()).as(body.toString()).isTrue();
                assertThat(body.path("findings").path("causes").isArray()).as(body.toString()).isTrue();
            }
            case "investigations.json" -> {
                assertThat(status).as(response.toString()).isEqualTo(202);
                assertThat(body.path("status").asText()).isEqualTo("accepted");
                assertThat(body.path("api").asText()).isEqualTo("orders-api");
                // The emulator ran the responder before the front door answered: the id already reads the finished run.
                JsonNode run = call(incidentGet(body.path("id").asText()));
                assertThat(run.path("statusCode").asInt()).as(run.toString()).isEqualTo(200);
                JsonNode item = body(run);
                assertThat(item.path("investigationId").asText()).isEqualTo(body.path("investigationId").asText());
                assertThat(item.path("status").asText()).as(item.toString()).isEqualTo("DONE");
                assertThat(item.path("requestedBy").asText()).isEqualTo("iam:arn:aws:sts::123456789012:assumed-role/OnCall/alice");
                assertThat(item.path("findings").path("incident").path("stage").asText()).as(item.toString()).isEqualTo("prod");
            }
            default -> throw new AssertionError("no expectation for " + name + ": add one");
        }
    }

    @Test
    void signedSamplesAsStored_areRefusedAsStale() throws Exception {
        for (String name : List.of("slack-command.json", "slack-interaction-rerun.json")) {
            JsonNode response = call(Files.readAllBytes(basedir.resolve("events/frontdoor").resolve(name)));
            assertThat(response.path("statusCode").asInt()).as(name).isEqualTo(401);
            assertThat(body(response).path("error").asText()).as(name).contains("more than 5 minutes");
        }
    }

    @Test
    void sameSignedRequestTwice_secondIsRefusedAndStartsNothing() throws Exception {
        byte[] event = fresh(basedir.resolve("events/frontdoor/slack-command.json"));
        long before = investigationsStarted();
        assertThat(call(event).path("statusCode").asInt()).isEqualTo(200);
        long after = investigationsStarted();

        JsonNode replay = call(event);

        assertThat(replay.path("statusCode").asInt()).isEqualTo(401);
        assertThat(body(replay).path("error").asText()).contains("replayed");
        assertThat(after).isEqualTo(before + 1);
        assertThat(investigationsStarted()).isEqualTo(after);
    }

    @Test
    void logs_neverCarryTheSigningSecret() throws Exception {
        call(fresh(basedir.resolve("events/frontdoor/slack-command.json")));
        assertThat(Files.readString(frontDoor.log())).doesNotContain(SECRET);
    }

    private List<String> responderLog() throws Exception {
        return Files.readAllLines(responder.log());
    }

    private long investigationsStarted() throws Exception {
        return responderLog().stream().filter(l -> l.contains("\"investigation started\"")).count();
    }

    /** {@code GET /incidents/{id}} as API Gateway delivers it, from the stored sample with another id. */
    private byte[] incidentGet(String id) throws Exception {
        ObjectNode event = (ObjectNode) JSON.readTree(basedir.resolve("events/frontdoor/incident-get.json").toFile());
        event.put("rawPath", "/incidents/" + id);
        ((ObjectNode) event.path("requestContext").path("http")).put("path", "/incidents/" + id);
        ((ObjectNode) event.path("pathParameters")).put("id", id);
        return JSON.writeValueAsBytes(event);
    }

    /**
     * The whole loop as on-call drives it, every piece the real one: the responder reports an alarm in Slack (its
     * own first message, with the Re-run button), a person clicks the button (the interaction Slack would send:
     * that message's channel and ts, the button's value exactly as the responder posted it, signed), the front
     * door adds the thread and invokes the responder, and the responder's re-run lands in that message's thread.
     * The button's value carries no thread: if the front door dropped the payload's channel/ts, or the trigger
     * parser or the delivery the slackThread, the re-run would open a new thread and this test would fail.
     */
    @Test
    void rerunButtonOnTheRespondersOwnReport_resultLandsInThatReportsThread() throws Exception {
        List<SlackStandIn.Message> before = List.copyOf(slackApi.topLevel());
        LocalLambda.Response alarm = responder.invoke(SampleEvents.snsAlarmRestAt(basedir, ALARM_NOW));
        assertThat(alarm.failed()).as("%s (log %s)", alarm.body(), responder.log()).isFalse();
        List<SlackStandIn.Message> opened = slackApi.topLevel().stream().filter(m -> !before.contains(m)).toList();
        assertThat(opened).as("the alarm's report: %s", alarm.body()).hasSize(1);
        SlackStandIn.Message report = opened.getFirst();
        assertThat(report.channel()).isEqualTo("C0INCIDENTS");
        String value = report.body().path("blocks").findValues("elements").stream()
                .flatMap(elements -> java.util.stream.StreamSupport.stream(elements.spliterator(), false))
                .filter(e -> "rerun_investigation".equals(e.path("action_id").asText()))
                .map(e -> e.path("value").asText()).findFirst()
                .orElseThrow(() -> new AssertionError("no Re-run button on " + report.text()));

        // Slack's block_actions for a click on that message (the stored sample's shape, this message's facts).
        ObjectNode event = (ObjectNode) JSON.readTree(basedir.resolve("events/frontdoor/slack-interaction-rerun.json").toFile());
        ObjectNode payload = (ObjectNode) JSON.readTree(java.net.URLDecoder.decode(
                rawBody(event).substring("payload=".length()), StandardCharsets.UTF_8));
        payload.putObject("user").put("id", "U0ONCALL1").put("username", "carol").put("team_id", "T0001ACME");
        payload.putObject("channel").put("id", report.channel()).put("name", "incidents");
        payload.putObject("container").put("type", "message").put("message_ts", report.ts()).put("channel_id", report.channel());
        ObjectNode message = payload.putObject("message").put("type", "message").put("ts", report.ts())
                .put("text", report.body().path("text").asText());
        message.set("blocks", report.body().path("blocks"));
        payload.put("response_url", slackBase() + "actions/T0001ACME/99/thread-test");
        ObjectNode click = (ObjectNode) payload.path("actions").get(0);
        click.put("action_id", "rerun_investigation").put("value", value);
        int ephemeralsBefore = slackReplies.size();

        JsonNode answer = call(signed(event, "payload=" + URLEncoder.encode(JSON.writeValueAsString(payload), StandardCharsets.UTF_8)));

        assertThat(answer.path("statusCode").asInt()).as(answer.toString()).isEqualTo(200);
        // Posted to the click's response_url before the front door answered the click.
        assertThat(slackReplies.subList(ephemeralsBefore, slackReplies.size())).singleElement().asString()
                .contains("\"response_type\":\"ephemeral\"")
                .contains("Re-running the investigation of orders-api/prod").contains("in this thread");
        assertThat(slackApi.topLevel()).as("no new thread").hasSize(before.size() + 1);
        assertThat(slackApi.replies(report.ts())).singleElement().satisfies(reply -> {
            assertThat(reply.channel()).isEqualTo(report.channel());
            assertThat(reply.body().path("thread_ts").asText()).isEqualTo(report.ts());
            assertThat(reply.text()).contains("Re-run requested by slack:U0ONCALL1").contains("orders-api/prod")
                    .contains("Lambda deploy regression");
        });
        assertThat(slackApi.requests()).filteredOn(r -> r.path().endsWith("/chat.postMessage"))
                .anySatisfy(r -> assertThat(JSON.readTree(r.body()).path("thread_ts").asText()).isEqualTo(report.ts()));
        // The re-run is on the ledger under its investigation id, done, and was not counted as an incident.
        try (DynamoDbClient ddb = motoClient(DynamoDbClient.builder())) {
            assertThat(ddb.scan(r -> r.tableName(TABLE)).items())
                    .filteredOn(item -> item.get("pk").s().startsWith("investigation#")
                            && "slack:U0ONCALL1".equals(item.get("requestedBy").s()))
                    .singleElement().satisfies(item -> {
                        assertThat(item.get("status").s()).isEqualTo("DONE");
                        assertThat(item).doesNotContainKey("apiKey");
                    });
        }
        assertThat(Files.readString(responder.log())).doesNotContain(SlackStandIn.TOKEN);
    }
}
