package io.apigw5xx.responder.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.apigw5xx.responder.delivery.LedgerTable;
import io.apigw5xx.responder.delivery.SlackStandIn;
import io.apigw5xx.responder.evidence.aws.EvidenceFixtures;
import io.apigw5xx.responder.testing.CloudTrailStub;
import io.apigw5xx.responder.testing.MotoAccount;
import io.apigw5xx.responder.testing.MotoServer;
import io.apigw5xx.responder.testing.SampleEvents;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.ParameterType;

/**
 * The {@code sam local invoke} equivalent: the shaded jar, started by the official Lambda Runtime Interface
 * Client with the handler string from template.yaml behind the official Runtime Interface Emulator, gets every
 * file in events/ (not its subdirectories: those are other functions' events) over the emulator's invoke endpoint. Catches a wrong handler name, a class missing from the shaded jar and event
 * deserialisation differences. Evidence calls go to moto on 127.0.0.1 (AWS_ENDPOINT_URL) and, for CloudTrail,
 * which moto lacks, to a WireMock stand-in (AWS_ENDPOINT_URL_CLOUDTRAIL); no delivery channel is configured,
 * so nothing leaves the machine.
 */
@ExtendWith(MotoServer.Extension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LambdaRuntimeIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final LocalLambda.Layout layout = LocalLambda.Layout.fromSystemProperties();
    private final CloudTrailStub cloudTrail = new CloudTrailStub();
    private LocalLambda lambda;

    @BeforeAll
    void startFunction(MotoServer moto) throws Exception {
        resetMoto(moto);
        lambda = LocalLambda.startForTest(layout, layout.handlerFromTemplate(), functionEnv(moto, cloudTrail),
                Path.of("target", "local-lambda", "LambdaRuntimeIT.log"));
        System.out.println("LambdaRuntimeIT: function behind " + lambda.emulatorDescription() + ", log " + lambda.log());
    }

    @AfterAll
    void stopFunction() throws Exception {
        if (lambda != null) {
            lambda.close();
        }
        cloudTrail.close();
    }

    /** An empty moto account but for the alarm the sample events name. */
    private static void resetMoto(MotoServer moto) throws Exception {
        moto.reset();
        try (MotoAccount account = new MotoAccount(moto.endpoint())) {
            // events/eventbridge-alarm-composite.json names this child; the function reads it with DescribeAlarms.
            account.putMetricAlarm("orders-api-prod-5xx", "AWS/ApiGateway", "5XXError",
                    Map.of("ApiName", "orders-api", "Stage", "prod"), 5);
        }
    }

    static Map<String, String> functionEnv(MotoServer moto, CloudTrailStub cloudTrail) {
        return Map.of(
                "AWS_REGION", "us-east-1",
                "AWS_DEFAULT_REGION", "us-east-1",
                "AWS_ACCESS_KEY_ID", "testing",
                "AWS_SECRET_ACCESS_KEY", "testing",
                "AWS_ENDPOINT_URL", moto.endpoint().toString(),
                "AWS_ENDPOINT_URL_CLOUDTRAIL", cloudTrail.endpoint().toString(),
                "EVIDENCE_BUDGET_SECONDS", "10");
    }

    static Stream<Path> events() throws Exception {
        Path dir = Path.of(System.getProperty("project.basedir"), "events");
        List<Path> files = LocalLambda.eventFiles(dir);
        assertThat(files).as("event files in %s", dir).isNotEmpty();
        return files.stream();
    }

    /** What each sample event must lead to: an OK transition is a follow-up, every other sample an alarm. */
    private static String expectedStatus(Path event) {
        return event.getFileName().toString().endsWith("-ok.json") ? "resolved" : "investigated";
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("events")
    void invoke_sampleEvent_answersWithExpectedStatus(Path event) throws Exception {
        LocalLambda.Response response = lambda.invoke(Files.readAllBytes(event));

        assertThat(response.failed()).as("function error for %s: %s (log %s)", event, response.body(), lambda.log())
                .isFalse();
        assertThat(response.status()).isEqualTo(200);
        JsonNode answer = JSON.readTree(response.body());
        // An SQS batch is answered record by record ({"batchItemFailures": [...], "responses": [...]}).
        JsonNode body = answer.has("responses") ? answer.path("responses").path(0) : answer;
        assertThat(body.path("status").asText()).as("response %s", response.body()).isEqualTo(expectedStatus(event));
        assertThat(body.path("stage").asText()).as("stage in %s", response.body()).isNotBlank();
    }

    /**
     * Every channel configured, so the shaded jar proves it still holds what each needs (the shade filters and the
     * hand-signed SSM call): the ledger in DynamoDB, the findings on SNS, the webhook URL read from an SSM
     * SecureString and the report posted to a Slack stand-in.
     */
    @Test
    void invoke_seededDeployIncident_everyChannelDeliveredFromInsideThePackagedJar(MotoServer moto) throws Exception {
        Instant at = Instant.now().truncatedTo(ChronoUnit.MINUTES).plusSeconds(17);
        Map<String, String> env = new HashMap<>(functionEnv(moto, cloudTrail));
        String apiId;
        try (MotoAccount account = new MotoAccount(moto.endpoint()); SlackStandIn slack = new SlackStandIn();
                DynamoDbClient ddb = motoClient(DynamoDbClient.builder(), moto);
                SnsClient sns = motoClient(SnsClient.builder(), moto);
                SsmClient ssm = motoClient(SsmClient.builder(), moto)) {
            apiId = EvidenceFixtures.seedRestIncident(account, at);
            EvidenceFixtures.seedChanges(cloudTrail, apiId, at);
            LedgerTable.create(ddb, "runtime-incidents");
            ssm.putParameter(r -> r.name("/apigw5xx/runtime-webhook").value(slack.url().toString())
                    .type(ParameterType.SECURE_STRING));
            env.put("INCIDENT_TABLE", "runtime-incidents");
            env.put("FINDINGS_TOPIC_ARN", sns.createTopic(b -> b.name("runtime-findings")).topicArn());
            env.put("SLACK_WEBHOOK_PARAMETER", "/apigw5xx/runtime-webhook");
            try (LocalLambda configured = LocalLambda.startForTest(layout, layout.handlerFromTemplate(), env,
                    Path.of("target", "local-lambda", "LambdaRuntimeIT-every-channel.log"))) {
                LocalLambda.Response response = configured.invoke(
                        SampleEvents.snsAlarmRestAt(Path.of(System.getProperty("project.basedir")), at));

                assertThat(response.failed()).as("%s (log %s)", response.body(), configured.log()).isFalse();
                JsonNode body = JSON.readTree(response.body());
                assertThat(body.path("status").asText()).as(response.body()).isEqualTo("investigated");
                assertThat(body.path("topCause").asText()).as(response.body()).isEqualTo("LAMBDA_DEPLOY_REGRESSION");
                assertThat(body.path("deliveries")).as(response.body()).hasSizeGreaterThanOrEqualTo(2)
                        .allSatisfy(d -> assertThat(d.path("status").asText()).as(d.toString()).isEqualTo("DELIVERED"));
                assertThat(slack.received()).hasSize(1);
                assertThat(slack.received().getFirst()).contains("Lambda deploy regression");
                assertThat(ddb.scan(b -> b.tableName("runtime-incidents")).count()).isPositive();
            }
        } finally {
            cloudTrail.reset();
        }
    }

    /**
     * Slack app mode and the re-check from inside the packaged (minimized) jar: the bot token read from Secrets
     * Manager, the thread started on the Slack stand-in, the graph's failure turned into a note (moto has no
     * GetMetricWidgetImage), and the re-check sent to SQS with its delay.
     */
    @Test
    void invoke_slackAppMode_threadStartedAndRecheckQueuedFromInsideThePackagedJar(MotoServer moto) throws Exception {
        // The every-channel test seeds the same incident (its function, its API) in the shared moto.
        resetMoto(moto);
        Instant at = Instant.now().truncatedTo(ChronoUnit.MINUTES).plusSeconds(17);
        Map<String, String> env = new HashMap<>(functionEnv(moto, cloudTrail));
        try (MotoAccount account = new MotoAccount(moto.endpoint()); SlackStandIn slack = new SlackStandIn();
                DynamoDbClient ddb = motoClient(DynamoDbClient.builder(), moto);
                SecretsManagerClient secrets = motoClient(SecretsManagerClient.builder(), moto);
                SqsClient sqs = motoClient(SqsClient.builder(), moto)) {
            String apiId = EvidenceFixtures.seedRestIncident(account, at);
            EvidenceFixtures.seedChanges(cloudTrail, apiId, at);
            LedgerTable.create(ddb, "runtime-app-incidents");
            String queue = sqs.createQueue(r -> r.queueName("runtime-recheck")).queueUrl();
            env.put("INCIDENT_TABLE", "runtime-app-incidents");
            env.put("SLACK_BOT_TOKEN_SECRET_ARN", secrets.createSecret(r -> r.name("runtime-slack-bot")
                    .secretString(SlackStandIn.TOKEN)).arn());
            env.put("SLACK_CHANNEL", "C0INCIDENTS");
            env.put("SLACK_API_URL", slack.apiBase().toString());
            env.put("RECHECK_QUEUE_URL", queue);
            try (LocalLambda configured = LocalLambda.startForTest(layout, layout.handlerFromTemplate(), env,
                    Path.of("target", "local-lambda", "LambdaRuntimeIT-slack-app.log"))) {
                LocalLambda.Response response = configured.invoke(
                        SampleEvents.snsAlarmRestAt(Path.of(System.getProperty("project.basedir")), at));

                assertThat(response.failed()).as("%s (log %s)", response.body(), configured.log()).isFalse();
                JsonNode body = JSON.readTree(response.body());
                assertThat(body.path("deliveries").toString()).as(response.body())
                        .contains("\"channel\":\"slack\",\"status\":\"DELIVERED\"")
                        .contains("\"channel\":\"recheck\",\"status\":\"DELIVERED\"");
                assertThat(slack.topLevel()).singleElement().satisfies(m -> assertThat(m.text())
                        .contains("rerun_investigation").contains("Graph not attached"));
                assertThat(slack.requests()).allSatisfy(q -> assertThat(q.body()).doesNotContain(SlackStandIn.TOKEN));
                assertThat(sqs.getQueueAttributes(r -> r.queueUrl(queue).attributeNamesWithStrings("ApproximateNumberOfMessagesDelayed"))
                        .attributesAsStrings()).containsEntry("ApproximateNumberOfMessagesDelayed", "1");
                assertThat(Files.readString(configured.log())).doesNotContain(SlackStandIn.TOKEN);
            }
        } finally {
            cloudTrail.reset();
            resetMoto(moto);
        }
    }

    private static <B extends AwsClientBuilder<B, C>, C> C motoClient(B builder, MotoServer moto) {
        return builder.endpointOverride(moto.endpoint()).region(Region.of(MotoAccount.REGION))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing")))
                .build();
    }

    @Test
    void invoke_apiThatDoesNotExist_adapterLogLinesAreJson() throws Exception {
        String rerun = "{\"apiName\":\"no-such-api\",\"stage\":\"prod\",\"at\":\"" + Instant.now() + "\"}";

        LocalLambda.Response response = lambda.invoke(rerun.getBytes(StandardCharsets.UTF_8));

        assertThat(response.failed()).as(response.body()).isFalse();
        // The topology adapter reports the missing API through the JDK's logging; in Lambda that must come out
        // as one JSON line like everything else, never the JDK's two-line default format.
        List<String> lines = Files.readAllLines(lambda.log());
        assertThat(lines)
                .anyMatch(line -> line.startsWith("{") && line.contains("TOPOLOGY unavailable")
                        && line.contains("\"logger\":\"io.apigw5xx.responder."))
                .noneMatch(line -> line.matches("^[A-Z][a-z]{2} \\d{1,2}, \\d{4} .* io\\.apigw5xx\\..*"))
                .noneMatch(line -> line.startsWith("INFO: "));
    }

    @Test
    void invoke_notAnAlarm_isRefusedWithoutFunctionError() throws Exception {
        LocalLambda.Response response = lambda.invoke("{\"hello\":\"world\"}".getBytes(StandardCharsets.UTF_8));

        assertThat(response.failed()).as(response.body()).isFalse();
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.path("status").asText()).isEqualTo("refused");
        assertThat(body.path("reason").asText()).isNotBlank().doesNotContain("\n");
    }

    @Test
    void invoke_wrongHandlerString_reportsInitError(MotoServer moto) throws Exception {
        String wrong = layout.handlerFromTemplate().replace("AlarmHandler", "NoSuchHandler");
        try (LocalLambda broken = LocalLambda.startForTest(layout, wrong, functionEnv(moto, cloudTrail),
                Path.of("target", "local-lambda", "LambdaRuntimeIT-wrong-handler.log"))) {
            LocalLambda.Response response = broken.invoke("{}".getBytes(StandardCharsets.UTF_8));

            assertThat(response.failed()).as(response.body()).isTrue();
            assertThat(response.body()).contains("NoSuchHandler");
        }
    }

    @Test
    void functionReady_withinTenSeconds() throws Exception {
        // The emulator starts the runtime on the first invocation and reports its Init Duration then.
        lambda.invoke("{}".getBytes(StandardCharsets.UTF_8));

        assertThat(lambda.initDuration()).as("INIT REPORT in %s", lambda.log()).hasValueSatisfying(
                init -> assertThat(init).isPositive().isLessThan(Duration.ofSeconds(10)));
        assertThat(lambda.invocationDurations()).as("INVOKE RTDONE lines in %s", lambda.log()).isNotEmpty();
    }
}
