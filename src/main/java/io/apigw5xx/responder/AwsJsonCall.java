package io.apigw5xx.responder;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

/**
 * One operation of a service that speaks the AWS JSON protocol (1.0 or 1.1: {@code X-Amz-Target} names the
 * operation, the body is the request's JSON), over {@link SignedAwsCall}. Used where the service's SDK module
 * would cost far more jar than the one call it serves (issue 13): SSM GetParameter, Secrets Manager
 * GetSecretValue, SQS SendMessage.
 *
 * <p>Errors come out as the SDK's own exceptions, so callers handle them as they would a client's:
 * {@link AwsServiceException} with AWS's error code and status, {@code SdkClientException} when no answer came.
 */
public final class AwsJsonCall {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final SignedAwsCall service;
    private final String contentType;
    private final String serviceName;
    private final int attempts;

    /**
     * {@code jsonVersion}: "1.0" or "1.1", as the service's API model says; {@code serviceName}: how errors name
     * the service; {@code attempts}: tries after throttling, a 5xx or no answer ({@link SignedAwsCall#retried}).
     */
    public AwsJsonCall(SignedAwsCall service, String jsonVersion, String serviceName, int attempts) {
        this.service = Objects.requireNonNull(service, "service");
        this.contentType = "application/x-amz-json-" + Objects.requireNonNull(jsonVersion, "jsonVersion");
        this.serviceName = Objects.requireNonNull(serviceName, "serviceName");
        this.attempts = attempts;
    }

    /** A fresh request body to fill in. */
    public static ObjectNode body() {
        return JSON.createObjectNode();
    }

    /** Calls {@code target} (e.g. {@code secretsmanager.GetSecretValue}) and returns the answer's JSON. */
    public JsonNode call(String target, ObjectNode request) {
        byte[] body = request.toString().getBytes(StandardCharsets.UTF_8);
        return SignedAwsCall.retried(attempts, serviceName + " " + target, () -> once(target, body));
    }

    public SignedAwsCall service() {
        return service;
    }

    private JsonNode once(String target, byte[] body) {
        SignedAwsCall.Answer answer = service.post(contentType, Map.of("X-Amz-Target", target), body);
        JsonNode json;
        try {
            json = answer.body().length == 0 ? JSON.createObjectNode() : JSON.readTree(answer.body());
        } catch (IOException e) {
            json = JSON.createObjectNode();
        }
        if (answer.ok()) {
            return json;
        }
        // AWS JSON errors: {"__type": "[namespace#]Code[:uri]", "message"|"Message": "..."}; never echo the request.
        int status = answer.status();
        String type = json.path("__type").asText("");
        String code = type.isEmpty() ? "HTTP " + status : type.substring(type.indexOf('#') + 1).replaceFirst(":.*$", "");
        String message = json.has("message") ? json.path("message").asText() : json.path("Message").asText("");
        throw AwsServiceException.builder()
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage(message).serviceName(serviceName)
                        .sdkHttpResponse(answer.response()).build())
                .statusCode(status)
                .message(code + (message.isEmpty() ? "" : ": " + message))
                .build();
    }

    @Override
    public String toString() {
        return serviceName + "[" + service.endpoint().getHost() + "]";
    }
}
