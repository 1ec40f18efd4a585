package io.apigw5xx.responder.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.RegionMetadata;

/**
 * SSM Parameter Store's GetParameter (decrypted) as one SigV4-signed AWS JSON 1.1 request over the SDK's HTTP
 * client. The SSM SDK module would serve the same call but is 6.3 MB of the 37 MB jar (model classes for every
 * SSM operation), the largest single part of it, for this one read of the Slack webhook URL.
 *
 * <p>Errors come out as the SDK's own exceptions: {@link AwsServiceException} with AWS's error code (e.g.
 * {@code ParameterNotFound}, {@code AccessDeniedException}) and status, {@link SdkClientException} when no
 * answer came. Throttling, 5xx and I/O failures are tried up to three times.
 */
public final class ParameterStore {

    private static final String TARGET = "AmazonSSM.GetParameter";
    private static final int ATTEMPTS = 3;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SdkHttpClient http;
    private final AwsCredentialsProvider credentials;
    private final Region region;
    private final URI endpoint;
    private final AwsV4HttpSigner signer = AwsV4HttpSigner.create();

    /** {@code endpointOverride}: an emulator (AWS_ENDPOINT_URL); empty for SSM's regional endpoint. */
    public ParameterStore(SdkHttpClient http, AwsCredentialsProvider credentials, Region region,
                          Optional<URI> endpointOverride) {
        this.http = Objects.requireNonNull(http, "http");
        this.credentials = Objects.requireNonNull(credentials, "credentials");
        this.region = Objects.requireNonNull(region, "region");
        this.endpoint = endpointOverride.orElseGet(() -> URI.create("https://ssm." + region.id() + "." + dnsSuffix(region)));
    }

    private static String dnsSuffix(Region region) {
        RegionMetadata metadata = region.metadata();
        return metadata == null ? "amazonaws.com" : metadata.partition().dnsSuffix();
    }

    /** The parameter's value, SecureString decrypted. {@code name}: its name or ARN. */
    public String getDecrypted(String name) {
        byte[] body = JSON.createObjectNode().put("Name", name).put("WithDecryption", true).toString()
                .getBytes(StandardCharsets.UTF_8);
        RuntimeException last = null;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try {
                return value(call(body));
            } catch (AwsServiceException e) {
                if (!e.isThrottlingException() && e.statusCode() < 500) {
                    throw e;
                }
                last = e;
            } catch (SdkClientException e) {
                last = e;
            }
            pause(attempt);
        }
        throw last;
    }

    private static String value(JsonNode response) {
        JsonNode value = response.path("Parameter").path("Value");
        if (!value.isTextual()) {
            throw SdkClientException.create("SSM GetParameter answered without Parameter.Value");
        }
        return value.asText();
    }

    private JsonNode call(byte[] body) {
        SdkHttpRequest request = SdkHttpRequest.builder().method(SdkHttpMethod.POST).uri(endpoint)
                .encodedPath(endpoint.getRawPath() == null || endpoint.getRawPath().isEmpty() ? "/" : endpoint.getRawPath())
                .putHeader("Content-Type", "application/x-amz-json-1.1")
                .putHeader("X-Amz-Target", TARGET)
                .build();
        SignedRequest signed = signer.sign(r -> r.identity(credentials.resolveCredentials())
                .request(request)
                .payload(ContentStreamProvider.fromByteArray(body))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "ssm")
                .putProperty(AwsV4HttpSigner.REGION_NAME, region.id()));
        HttpExecuteResponse response;
        byte[] answer;
        try {
            response = http.prepareRequest(HttpExecuteRequest.builder().request(signed.request())
                    .contentStreamProvider(signed.payload().orElse(null)).build()).call();
            try (InputStream in = response.responseBody().map(InputStream.class::cast).orElse(InputStream.nullInputStream())) {
                answer = in.readAllBytes();
            }
        } catch (IOException e) {
            throw SdkClientException.create("SSM GetParameter: no answer from " + endpoint.getHost() + ": " + e.getMessage(), e);
        }
        int status = response.httpResponse().statusCode();
        JsonNode json;
        try {
            json = answer.length == 0 ? JSON.createObjectNode() : JSON.readTree(answer);
        } catch (IOException e) {
            json = JSON.createObjectNode();
        }
        if (status / 100 == 2) {
            return json;
        }
        // AWS JSON errors: {"__type": "[namespace#]Code", "message"|"Message": "..."}; never the request.
        String type = json.path("__type").asText("");
        String code = type.isEmpty() ? "HTTP " + status : type.substring(type.indexOf('#') + 1);
        String message = json.has("message") ? json.path("message").asText() : json.path("Message").asText("");
        throw AwsServiceException.builder()
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage(message).serviceName("SSM")
                        .sdkHttpResponse(response.httpResponse()).build())
                .statusCode(status)
                .message(code + (message.isEmpty() ? "" : ": " + message))
                .build();
    }

    private static void pause(int attempt) {
        if (attempt < ATTEMPTS) {
            try {
                Thread.sleep(100L << attempt);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw SdkClientException.create("interrupted between SSM GetParameter attempts", e);
            }
        }
    }

    @Override
    public String toString() {
        return "ParameterStore[" + endpoint.getHost() + "]";
    }
}
