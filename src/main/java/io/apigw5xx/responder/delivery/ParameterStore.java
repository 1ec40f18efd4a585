package io.apigw5xx.responder.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.apigw5xx.responder.SignedAwsCall;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.regions.Region;

/**
 * SSM Parameter Store's GetParameter (decrypted) as one SigV4-signed AWS JSON 1.1 request over the SDK's HTTP
 * client. The SSM SDK module would serve the same call but is 6.3 MB of the 37 MB jar (model classes for every
 * SSM operation), the largest single part of it, for this one read of the Slack webhook URL.
 *
 * <p>Errors come out as the SDK's own exceptions: {@link AwsServiceException} with AWS's error code (e.g.
 * {@code ParameterNotFound}, {@code AccessDeniedException}) and status, {@link SdkClientException} when no
 * answer came. Throttling, 5xx and I/O failures are tried up to three times ({@link SignedAwsCall} signs, sends, retries).
 */
public final class ParameterStore {

    private static final String TARGET = "AmazonSSM.GetParameter";
    private static final int ATTEMPTS = 3;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SignedAwsCall ssm;

    /** {@code endpointOverride}: an emulator (AWS_ENDPOINT_URL); empty for SSM's regional endpoint. */
    public ParameterStore(SdkHttpClient http, AwsCredentialsProvider credentials, Region region,
                          Optional<URI> endpointOverride) {
        Objects.requireNonNull(region, "region");
        this.ssm = new SignedAwsCall(http, credentials, "ssm", region, endpointOverride.orElseGet(() ->
                URI.create("https://ssm." + region.id() + "." + SignedAwsCall.dnsSuffix(region))), null);
    }

    /** The parameter's value, SecureString decrypted. {@code name}: its name or ARN. */
    public String getDecrypted(String name) {
        byte[] body = JSON.createObjectNode().put("Name", name).put("WithDecryption", true).toString()
                .getBytes(StandardCharsets.UTF_8);
        return SignedAwsCall.retried(ATTEMPTS, "SSM GetParameter", () -> value(call(body)));
    }

    private static String value(JsonNode response) {
        JsonNode value = response.path("Parameter").path("Value");
        if (!value.isTextual()) {
            throw SdkClientException.create("SSM GetParameter answered without Parameter.Value");
        }
        return value.asText();
    }

    private JsonNode call(byte[] body) {
        SignedAwsCall.Answer answer = ssm.post("application/x-amz-json-1.1", Map.of("X-Amz-Target", TARGET), body);
        JsonNode json;
        try {
            json = answer.body().length == 0 ? JSON.createObjectNode() : JSON.readTree(answer.body());
        } catch (IOException e) {
            json = JSON.createObjectNode();
        }
        if (answer.ok()) {
            return json;
        }
        // AWS JSON errors: {"__type": "[namespace#]Code", "message"|"Message": "..."}; never the request.
        int status = answer.status();
        String type = json.path("__type").asText("");
        String code = type.isEmpty() ? "HTTP " + status : type.substring(type.indexOf('#') + 1);
        String message = json.has("message") ? json.path("message").asText() : json.path("Message").asText("");
        throw AwsServiceException.builder()
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage(message).serviceName("SSM")
                        .sdkHttpResponse(answer.response()).build())
                .statusCode(status)
                .message(code + (message.isEmpty() ? "" : ": " + message))
                .build();
    }

    @Override
    public String toString() {
        return "ParameterStore[" + ssm.endpoint().getHost() + "]";
    }
}
