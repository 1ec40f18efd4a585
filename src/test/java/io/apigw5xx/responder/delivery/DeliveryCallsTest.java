package io.apigw5xx.responder.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.apigw5xx.responder.JsonMappers;
import io.apigw5xx.responder.incident.AlarmState;
import io.apigw5xx.responder.incident.Incident;
import io.apigw5xx.responder.report.SampleFindings;
import io.apigw5xx.responder.report.SnsMessage;
import io.apigw5xx.responder.testing.RecordingEndpoint;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;

/** The wire format of the signed delivery calls (SNS Query, SQS JSON 1.0, Secrets Manager JSON 1.1) and their errors. */
class DeliveryCallsTest {

    private RecordingEndpoint endpoint;

    @AfterEach
    void stop() {
        if (endpoint != null) {
            endpoint.close();
        }
    }

    private DeliveryCalls calls(int status, String contentType, String body) throws Exception {
        endpoint = RecordingEndpoint.answering(status, contentType, body);
        return new DeliveryCalls(UrlConnectionHttpClient.create(),
                StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "secret")), Region.EU_WEST_1,
                Optional.of(endpoint.uri()));
    }

    private static Map<String, String> form(String body) {
        return Arrays.stream(body.split("&")).map(p -> p.split("=", 2)).collect(Collectors.toMap(
                p -> URLDecoder.decode(p[0], StandardCharsets.UTF_8), p -> URLDecoder.decode(p[1], StandardCharsets.UTF_8),
                (a, b) -> b, LinkedHashMap::new));
    }

    @Test
    void snsPublish_isASignedQueryCallWithTheMessageAttributes() throws Exception {
        DeliveryCalls calls = calls(200, "text/xml", """
                <PublishResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/">
                  <PublishResult><MessageId>94f20ce6-13c5-43a0-9a9e-ca52d816e90b</MessageId></PublishResult>
                  <ResponseMetadata><RequestId>f187a3c1</RequestId></ResponseMetadata>
                </PublishResponse>""");
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("severity", "CRITICAL");
        attributes.put("api", "orders-api & co");

        String id = calls.snsPublisher("arn:aws:sns:eu-west-1:123456789012:findings")
                .publish(new SnsMessage("[CRITICAL] orders-api/prod", "body with = and &", attributes));

        assertThat(id).isEqualTo("94f20ce6-13c5-43a0-9a9e-ca52d816e90b");
        RecordingEndpoint.Received request = endpoint.received().getFirst();
        assertThat(request.header("Authorization")).contains("/eu-west-1/sns/aws4_request");
        Map<String, String> form = form(request.body());
        assertThat(form).containsAllEntriesOf(Map.of("Action", "Publish", "Version", "2010-03-31",
                "TopicArn", "arn:aws:sns:eu-west-1:123456789012:findings", "Subject", "[CRITICAL] orders-api/prod",
                "Message", "body with = and &"));
        // Attribute entries are numbered from 1; their order is the message's, which SNS ignores.
        Map<String, String> sent = new LinkedHashMap<>();
        for (int n = 1; form.containsKey("MessageAttributes.entry." + n + ".Name"); n++) {
            assertThat(form).containsEntry("MessageAttributes.entry." + n + ".Value.DataType", "String");
            sent.put(form.get("MessageAttributes.entry." + n + ".Name"), form.get("MessageAttributes.entry." + n + ".Value.StringValue"));
        }
        assertThat(sent).isEqualTo(attributes);
        assertThat(form).hasSize(5 + 3 * attributes.size());
    }

    @Test
    void snsError_becomesTheSdkExceptionWithItsCode_notRetried() throws Exception {
        DeliveryCalls calls = calls(404, "text/xml", """
                <ErrorResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/">
                  <Error><Type>Sender</Type><Code>NotFound</Code><Message>Topic does not exist</Message></Error>
                  <RequestId>9dd01905</RequestId>
                </ErrorResponse>""");

        assertThatThrownBy(() -> calls.snsPublisher("arn:aws:sns:eu-west-1:123456789012:gone")
                .publish(new SnsMessage("s", "b", Map.of())))
                .isInstanceOfSatisfying(AwsServiceException.class, e -> {
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("NotFound");
                    assertThat(e.statusCode()).isEqualTo(404);
                    assertThat(e.getMessage()).contains("Topic does not exist");
                });
        assertThat(endpoint.received()).hasSize(1);
    }

    @Test
    void sqsSendMessage_isAJson10CallWithTheDelay() throws Exception {
        DeliveryCalls calls = calls(200, "application/x-amz-json-1.0",
                "{\"MD5OfMessageBody\":\"x\",\"MessageId\":\"5fea7756-0ea4-451a-a703-a558b933e274\"}");
        Instant now = Instant.parse("2026-03-14T09:45:00Z");
        Incident incident = SampleFindings.incident("orders-api", AlarmState.ALARM, now.minusSeconds(60));
        ObjectMapper json = JsonMappers.create();

        String id = calls.recheckScheduler("https://sqs.eu-west-1.amazonaws.com/123456789012/recheck", json,
                Clock.fixed(now, ZoneOffset.UTC)).schedule(incident, now.plusSeconds(600));

        assertThat(id).isEqualTo("5fea7756-0ea4-451a-a703-a558b933e274");
        RecordingEndpoint.Received request = endpoint.received().getFirst();
        assertThat(request.header("X-Amz-Target")).isEqualTo("AmazonSQS.SendMessage");
        assertThat(request.header("Content-Type")).isEqualTo("application/x-amz-json-1.0");
        assertThat(request.header("Authorization")).contains("/eu-west-1/sqs/aws4_request");
        JsonNode body = json.readTree(request.body());
        assertThat(body.path("QueueUrl").asText()).isEqualTo("https://sqs.eu-west-1.amazonaws.com/123456789012/recheck");
        assertThat(body.path("DelaySeconds").asInt()).isEqualTo(600);
        assertThat(json.readTree(body.path("MessageBody").asText()).path("source").asText()).isEqualTo("apigw5xx.recheck");
    }

    @Test
    void secretsManager_readsSecretString_andNamesTheErrorCode() throws Exception {
        DeliveryCalls calls = calls(200, "application/x-amz-json-1.1",
                "{\"ARN\":\"arn:aws:secretsmanager:eu-west-1:123456789012:secret:slack-AbCdEf\",\"Name\":\"slack\",\"SecretString\":\"xoxb-1-abc\"}");
        assertThat(calls.secretsManager().secretString("slack")).isEqualTo("xoxb-1-abc");
        assertThat(endpoint.received().getFirst().header("X-Amz-Target")).isEqualTo("secretsmanager.GetSecretValue");

        endpoint.close();
        DeliveryCalls missing = calls(400, "application/x-amz-json-1.1",
                "{\"__type\":\"ResourceNotFoundException\",\"Message\":\"Secrets Manager can't find the specified secret.\"}");
        assertThatThrownBy(() -> missing.secretsManager().secretString("slack"))
                .isInstanceOfSatisfying(AwsServiceException.class, e -> {
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ResourceNotFoundException");
                    assertThat(e.getMessage()).doesNotContain("xoxb");
                });
    }

    @Test
    void regionalEndpoints_followThePartition() {
        var creds = StaticCredentialsProvider.create(AwsBasicCredentials.create("a", "b"));
        DeliveryCalls china = new DeliveryCalls(UrlConnectionHttpClient.create(), creds, Region.CN_NORTH_1, Optional.empty());
        assertThat(china.secretsManager()).hasToString("SecretsManagerSecrets[secretsmanager.cn-north-1.amazonaws.com.cn]");
    }
}
