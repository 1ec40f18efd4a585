package io.apigw5xx.responder.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.dynamodbv2.local.main.ServerRunner;
import com.amazonaws.services.dynamodbv2.local.server.DynamoDBProxyServer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import io.apigw5xx.responder.JsonMappers;
import io.apigw5xx.responder.delivery.IncidentLedger;
import io.apigw5xx.responder.delivery.LedgerTable;
import io.apigw5xx.responder.frontdoor.SlackSigner;
import io.apigw5xx.responder.incident.AlarmState;
import io.apigw5xx.responder.incident.ApiRef;
import io.apigw5xx.responder.incident.Incident;
import io.apigw5xx.responder.report.FindingsJson;
import io.apigw5xx.responder.report.SampleFindings;
import io.apigw5xx.responder.testing.CloudTrailStub;
import io.apigw5xx.responder.testing.MotoServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
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
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * The front door as {@code sam local start-api} would run it, without Docker: its own shaded jar under the
 * official Runtime Interface Emulator with the handler from template.yaml, fed the HTTP API v2 events in
 * events/frontdoor/. Behind it, everything real on 127.0.0.1: the signing secret in Secrets Manager (moto), the
 * ledger in DynamoDB Local, and the responder itself - its jar under a second emulator, which the front door's
 * Lambda client invokes through the emulator's Invoke endpoint (a function named "function"). The emulator runs
 * that invocation synchronously where Lambda would queue it, so the test can read the responder's log after it.
 */
@ExtendWith(MotoServer.Extension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FrontDoorRuntimeIT {

    /** The secret events/frontdoor/*.json are signed with (README); the test re-signs them with its own. */
    static final String SAMPLE_SECRET = "sample-signing-secret-not-a-real-one";
    private static final String SECRET = "front-door-runtime-test-secret";
    private static final String TABLE = "incidents";
    private static final Instant SEEDED_ALARM = Instant.parse("2026-03-14T09:42:17.481Z");
    private static final ObjectMapper JSON = JsonMappers.create();

    private final Path basedir = Path.of(System.getProperty("project.basedir"));
    private final LocalLambda.Layout responderLayout = LocalLambda.Layout.fromSystemProperties();
    private final LocalLambda.Layout frontDoorLayout = new LocalLambda.Layout(Path.of(System.getProperty("frontdoor.jar")),
            responderLayout.runtimeLib(), responderLayout.rieDir(), responderLayout.template(), List.of());
    private final CloudTrailStub cloudTrail = new CloudTrailStub();
    private final List<String> slackReplies = new CopyOnWriteArrayList<>();
    private HttpServer slack;
    private DynamoDBProxyServer dynamo;
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

        int dynamoPort = LocalLambda.freePort();
        dynamo = ServerRunner.createServerFromCommandLineArgs(
                new String[] {"-inMemory", "-port", Integer.toString(dynamoPort), "-disableTelemetry"});
        dynamo.start();
        URI dynamoEndpoint = URI.create("http://127.0.0.1:" + dynamoPort);
        seedLedger(dynamoEndpoint);

        String secretArn;
        try (SecretsManagerClient sm = SecretsManagerClient.builder().endpointOverride(moto.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing"))).build()) {
            secretArn = sm.createSecret(r -> r.name("slack-signing").secretString("{\"signingSecret\":\"" + SECRET + "\"}")).arn();
        }

        responder = LocalLambda.startForTest(responderLayout, responderLayout.handlerFromTemplate(),
                LambdaRuntimeIT.functionEnv(moto, cloudTrail), Path.of("target", "local-lambda", "FrontDoorRuntimeIT-responder.log"));
        Map<String, String> env = new HashMap<>(Map.of(
                "AWS_REGION", "us-east-1",
                "AWS_ACCESS_KEY_ID", "testing",
                "AWS_SECRET_ACCESS_KEY", "testing",
                "RESPONDER_FUNCTION_ARN", "function",
                "AWS_ENDPOINT_URL_LAMBDA", responder.invokeEndpoint().toString(),
                "AWS_ENDPOINT_URL_DYNAMODB", dynamoEndpoint.toString(),
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
        if (dynamo != null) {
            dynamo.stop();
        }
        if (slack != null) {
            slack.stop(0);
        }
    }

    private String slackBase() {
        return "http://127.0.0.1:" + slack.getAddress().getPort() + "/";
    }

    private static void seedLedger(URI endpoint) {
        try (DynamoDbClient ddb = DynamoDbClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing"))).build()) {
            LedgerTable.create(ddb, TABLE);
            // As a REST alarm arrives: the API by name (the ledger then keys it by name).
            Incident incident = SampleFindings.incident("orders-api", AlarmState.ALARM, SEEDED_ALARM)
                    .withApi(ApiRef.restByName("orders-api"));
            IncidentLedger ledger = new IncidentLedger(ddb, TABLE, new FindingsJson(JSON),
                    Clock.fixed(SEEDED_ALARM.plusSeconds(20), ZoneOffset.UTC), Duration.ofDays(30));
            ledger.claim(incident, SEEDED_ALARM.plusSeconds(80));
            ledger.complete(incident, SampleFindings.deployRegression(incident), "SLACK=DELIVERED");
        }
    }

    static Stream<Path> events() throws Exception {
        List<Path> files = LocalLambda.eventFiles(Path.of(System.getProperty("project.basedir"), "events", "frontdoor"));
        assertThat(files).as("front door sample events").hasSizeGreaterThanOrEqualTo(6);
        return files.stream();
    }

    /** A sample event as it would arrive now: Slack's headers re-signed (the stored ones are stale by design). */
    private byte[] fresh(Path file) throws Exception {
        ObjectNode event = (ObjectNode) JSON.readTree(file.toFile());
        ObjectNode headers = (ObjectNode) event.path("headers");
        if (!headers.has("x-slack-signature")) {
            return JSON.writeValueAsBytes(event);
        }
        boolean base64 = event.path("isBase64Encoded").asBoolean();
        String body = base64 ? new String(Base64.getDecoder().decode(event.path("body").asText()), StandardCharsets.UTF_8)
                             : event.path("body").asText();
        body = body.replace(URLEncoder.encode("https://hooks.slack.com/", StandardCharsets.UTF_8),
                URLEncoder.encode(slackBase(), StandardCharsets.UTF_8));
        new SlackSigner(SECRET).headers(body, Instant.now()).forEach(headers::put);
        event.put("body", base64 ? Base64.getEncoder().encodeToString(body.getBytes(StandardCharsets.UTF_8)) : body);
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
                assertThat(status).as(response.toString()).isEqualTo(200);
                assertThat(body.path("incidents")).hasSize(1);
                JsonNode item = body.path("incidents").get(0);
                assertThat(item.path("topCause").asText()).isNotBlank();
                assertThat(item.path("stateChangeTime").asText()).isEqualTo("2026-03-14T09:42:17.481Z");
                assertThat(item.has("findings")).as("the list leaves the findings out").isFalse();
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

}
