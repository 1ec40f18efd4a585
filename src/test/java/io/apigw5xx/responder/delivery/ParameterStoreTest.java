package io.apigw5xx.responder.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.apigw5xx.responder.testing.RecordingEndpoint;
import java.net.URI;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;

/** The wire format of the one signed GetParameter call, against a local server that records what it got. */
class ParameterStoreTest {

    private RecordingEndpoint recording;

    private URI serve(int status, String body) throws Exception {
        recording = RecordingEndpoint.answering(status, "application/x-amz-json-1.1", body);
        return recording.uri();
    }

    @AfterEach
    void stop() {
        if (recording != null) {
            recording.close();
        }
    }

    private static ParameterStore store(URI endpoint, Region region) {
        return new ParameterStore(UrlConnectionHttpClient.create(), StaticCredentialsProvider.create(
                AwsSessionCredentials.create("AKIDEXAMPLE", "secret", "session-token")), region, Optional.ofNullable(endpoint));
    }

    @Test
    void getDecrypted_sendsSignedJson11GetParameter() throws Exception {
        URI endpoint = serve(200, "{\"Parameter\":{\"Name\":\"/slack/url\",\"Type\":\"SecureString\",\"Value\":\"https://hooks.example/x\"}}");

        String value = store(endpoint, Region.EU_WEST_1).getDecrypted("/slack/url");

        assertThat(value).isEqualTo("https://hooks.example/x");
        assertThat(recording.received()).hasSize(1);
        RecordingEndpoint.Received request = recording.received().getFirst();
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/");
        assertThat(request.header("X-Amz-Target")).isEqualTo("AmazonSSM.GetParameter");
        assertThat(request.header("Content-Type")).isEqualTo("application/x-amz-json-1.1");
        assertThat(request.header("Authorization"))
                .matches("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/\\d{8}/eu-west-1/ssm/aws4_request, SignedHeaders=[a-z0-9;-]*x-amz-target[a-z0-9;-]*, Signature=[0-9a-f]{64}");
        assertThat(request.header("X-Amz-Security-Token")).isEqualTo("session-token");
        JsonNode body = new ObjectMapper().readTree(request.body());
        assertThat(body.path("Name").asText()).isEqualTo("/slack/url");
        assertThat(body.path("WithDecryption").asBoolean()).isTrue();
    }

    @Test
    void getDecrypted_accessDenied_awsErrorCodeAndStatusWithoutRetry() throws Exception {
        URI endpoint = serve(400, "{\"__type\":\"com.amazonaws.ssm#AccessDeniedException\",\"message\":\"not authorized to perform ssm:GetParameter\"}");

        assertThatThrownBy(() -> store(endpoint, Region.US_EAST_1).getDecrypted("/slack/url"))
                .isInstanceOfSatisfying(AwsServiceException.class, e -> {
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDeniedException");
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.getMessage()).contains("not authorized to perform ssm:GetParameter");
                });
        assertThat(recording.received()).hasSize(1);
    }

    @Test
    void getDecrypted_serverErrors_triedThreeTimes() throws Exception {
        URI endpoint = serve(503, "{\"__type\":\"InternalServerError\"}");

        assertThatThrownBy(() -> store(endpoint, Region.US_EAST_1).getDecrypted("/slack/url"))
                .isInstanceOfSatisfying(AwsServiceException.class, e -> assertThat(e.statusCode()).isEqualTo(503));
        assertThat(recording.received()).hasSize(3);
    }

    @Test
    void regionalEndpoint_followsThePartition() {
        var creds = StaticCredentialsProvider.create(AwsBasicCredentials.create("a", "b"));
        assertThat(new ParameterStore(UrlConnectionHttpClient.create(), creds, Region.EU_WEST_1, Optional.empty()))
                .hasToString("ParameterStore[ssm.eu-west-1.amazonaws.com]");
        assertThat(new ParameterStore(UrlConnectionHttpClient.create(), creds, Region.CN_NORTH_1, Optional.empty()))
                .hasToString("ParameterStore[ssm.cn-north-1.amazonaws.com.cn]");
    }
}
