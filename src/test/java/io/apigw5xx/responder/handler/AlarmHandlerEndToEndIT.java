package io.apigw5xx.responder.handler;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.apigw5xx.responder.JsonMappers;
import io.apigw5xx.responder.delivery.LedgerTable;
import io.apigw5xx.responder.evidence.aws.EvidenceFixtures;
import io.apigw5xx.responder.testing.CloudTrailStub;
import io.apigw5xx.responder.testing.MotoAccount;
import io.apigw5xx.responder.testing.MotoServer;
import io.apigw5xx.responder.testing.SampleEvents;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The whole product against emulators: a seeded incident (a deploy, then Lambda errors and "Task timed out"
 * lines) in moto, CloudTrail on WireMock, the handler invoked with events/sns-alarm-rest.json shifted to the
 * seeded time, the findings read back from the SNS topic through an SQS subscription; then the same event
 * again, which the incident ledger (DynamoDB in moto) answers as a duplicate without investigating.
 */
@ExtendWith(MotoServer.Extension.class)
class AlarmHandlerEndToEndIT {

    private static final ObjectMapper JSON = JsonMappers.create();

    private static CloudTrailStub cloudTrail;

    @BeforeAll
    static void credentials() {
        // Delivery clients use the default credential chain, as in Lambda; system properties are part of it.
        System.setProperty("aws.accessKeyId", "testing");
        System.setProperty("aws.secretAccessKey", "testing");
        cloudTrail = new CloudTrailStub();
    }

    @AfterAll
    static void stop() {
        cloudTrail.close();
    }

    @Test
    void snsAlarm_seededDeployIncident_publishesFindingsNamingTheDeploy(MotoServer moto) throws Exception {
        moto.reset();
        Instant at = Instant.now().truncatedTo(ChronoUnit.MINUTES).plusSeconds(17);
        String apiId = EvidenceFixtures.seedRestIncident(new MotoAccount(moto.endpoint()), at);
        EvidenceFixtures.seedChanges(cloudTrail, apiId, at);

        try (SnsClient sns = client(SnsClient.builder(), moto); SqsClient sqs = client(SqsClient.builder(), moto);
                DynamoDbClient ddb = client(DynamoDbClient.builder(), moto)) {
            LedgerTable.create(ddb, "responder-incidents");
            String topicArn = sns.createTopic(b -> b.name("responder-findings")).topicArn();
            String queueUrl = findingsInbox(sns, sqs, topicArn, "findings-inbox");

            ResponderConfig config = ResponderConfig.fromEnvironment(Map.of(
                    "AWS_REGION", MotoAccount.REGION,
                    "FINDINGS_TOPIC_ARN", topicArn,
                    "INCIDENT_TABLE", "responder-incidents",
                    "AWS_ENDPOINT_URL", moto.endpoint().toString(),
                    "EVIDENCE_BUDGET_SECONDS", "15"));
            Wiring wiring = Wiring.create(config,
                    EvidenceFixtures.clients(moto.endpoint(), cloudTrail.endpoint()).build(), Clock.systemUTC());
            AlarmHandler handler = new AlarmHandler(wiring.responder(), config, wiring.clock());

            byte[] alarm = shiftedAlarm(at);
            JsonNode response = invoke(handler, alarm);

            assertThat(response.path("status").asText()).isEqualTo("investigated");
            assertThat(response.path("topCause").asText()).isEqualTo("LAMBDA_DEPLOY_REGRESSION");
            List<Message> messages = sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(2)).messages();
            assertThat(messages).hasSize(1);
            JsonNode notification = JSON.readTree(messages.getFirst().body());
            assertThat(notification.path("Subject").asText()).contains("orders-api").hasSizeLessThanOrEqualTo(100);
            String body = notification.path("Message").asText();
            assertThat(body)
                    .contains("Lambda deploy regression")
                    .contains(EvidenceFixtures.ORDERS)
                    .contains("gha-deploy-8812");
            assertThat(notification.path("MessageAttributes").path("topCause").path("Value").asText())
                    .isEqualTo("LAMBDA_DEPLOY_REGRESSION");
            int cloudTrailCalls = cloudTrail.requests("lambda.amazonaws.com");

            // SNS delivers at least once: the same alarm transition again is answered without investigating.
            JsonNode again = invoke(handler, alarm);

            assertThat(again.path("status").asText()).isEqualTo("duplicate");
            assertThat(cloudTrail.requests("lambda.amazonaws.com")).isEqualTo(cloudTrailCalls);
            assertThat(sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(1)).messages()).isEmpty();
        }
    }

    /** The Lambda's own wiring narrows an API-wide alarm before gathering, and the findings say so. */
    @Test
    void snsApiWideAlarm_narrowedToTheFailingStageThroughTheWiring(MotoServer moto) throws Exception {
        moto.reset();
        Instant at = Instant.now().truncatedTo(ChronoUnit.MINUTES).plusSeconds(17);
        MotoAccount account = new MotoAccount(moto.endpoint());
        String apiId = EvidenceFixtures.seedRestIncident(account, at);
        account.deployStage(apiId, "beta");
        EvidenceFixtures.seedChanges(cloudTrail, apiId, at);

        try (SnsClient sns = client(SnsClient.builder(), moto); SqsClient sqs = client(SqsClient.builder(), moto)) {
            String topicArn = sns.createTopic(b -> b.name("responder-findings")).topicArn();
            String queueUrl = findingsInbox(sns, sqs, topicArn, "findings-inbox-api-wide");
            ResponderConfig config = ResponderConfig.fromEnvironment(Map.of(
                    "AWS_REGION", MotoAccount.REGION,
                    "FINDINGS_TOPIC_ARN", topicArn,
                    "AWS_ENDPOINT_URL", moto.endpoint().toString(),
                    "EVIDENCE_BUDGET_SECONDS", "15"));
            Wiring wiring = Wiring.create(config,
                    EvidenceFixtures.clients(moto.endpoint(), cloudTrail.endpoint()).build(), Clock.systemUTC());

            JsonNode response = invoke(new AlarmHandler(wiring.responder(), config, wiring.clock()),
                    SampleEvents.at(Path.of(""), "sns-alarm-rest-api-wide.json", at));

            assertThat(response.path("status").asText()).as(response.toString()).isEqualTo("investigated");
            assertThat(response.path("stage").asText()).isEqualTo("prod");
            List<Message> messages = sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(2)).messages();
            assertThat(messages).hasSize(1);
            assertThat(JSON.readTree(messages.getFirst().body()).path("Message").asText())
                    .contains("5xx on orders-api/prod", "Scope: alarm covers every stage; failing: prod 6.4 %; no errors: beta");
        }
    }

    /** A queue subscribed to the findings topic: what a subscriber of the findings receives. Returns its URL. */
    private static String findingsInbox(SnsClient sns, SqsClient sqs, String topicArn, String name) {
        String queueUrl = sqs.createQueue(b -> b.queueName(name)).queueUrl();
        String queueArn = sqs.getQueueAttributes(b -> b.queueUrl(queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
        sns.subscribe(b -> b.topicArn(topicArn).protocol("sqs").endpoint(queueArn));
        return queueUrl;
    }

    private static byte[] shiftedAlarm(Instant at) throws Exception {
        return SampleEvents.snsAlarmRestAt(Path.of(""), at);
    }

    private static JsonNode invoke(AlarmHandler handler, byte[] event) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(event), out, null);
        return JSON.readTree(out.toByteArray());
    }

    private static <B extends software.amazon.awssdk.awscore.client.builder.AwsClientBuilder<B, C>
            & software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder<B, C>, C> C client(B builder, MotoServer moto) {
        return builder.endpointOverride(moto.endpoint())
                .region(Region.of(MotoAccount.REGION))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing")))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }
}
