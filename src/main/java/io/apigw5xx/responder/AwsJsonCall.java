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
        return json(service.post(contentType, Map.of("X-Amz-Target", target), body), serviceName);
    }

    /**
     * A JSON answer (AWS JSON or REST-JSON): its body when the status is 2xx, else the AWS error it carries as the
     * SDK's exception. The code comes from the {@code x-amzn-ErrorType} header ({@code Code:uri}), else from the
     * body's {@code __type} ({@code [namespace#]Code}); the message from {@code message} or {@code Message}.
     * Never echoes the request.
     */
    public static JsonNode json(SignedAwsCall.Answer answer, String serviceName) {
        JsonNode json;
        try {
            json = answer.body().length == 0 ? JSON.createObjectNode() : JSON.readTree(answer.body());
        } catch (IOException e) {
            json = JSON.createObjectNode();
        }
        if (answer.ok()) {
            return json;
        }
        String code = answer.response().firstMatchingHeader("x-amzn-ErrorType").orElse("");
        if (code.isEmpty()) {
            String type = json.path("__type").asText("");
            code = type.substring(type.indexOf('#') + 1);
        }
        code = code.isEmpty() ? "HTTP " + answer.status() : code.replaceFirst(":.*$", "");
        String message = json.has("message") ? json.path("message").asText() : json.path("Message").asText("");
        throw AwsServiceException.builder()
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage(message).serviceName(serviceName)
                        .sdkHttpResponse(answer.response()).build())
                .statusCode(answer.status())
                .message(code + (message.isEmpty() ? "" : ": " + message))
                .build();
    }

    @Override
    public String toString() {
        return serviceName + "[" + service.endpoint().getHost() + "]";
    }
}
