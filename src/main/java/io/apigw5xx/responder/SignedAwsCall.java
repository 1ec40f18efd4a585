package io.apigw5xx.responder;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.RegionMetadata;

/**
 * One SigV4-signed POST over the SDK's HTTP client, for the few AWS calls whose SDK module would cost more jar than
 * the call is worth (SSM GetParameter, Secrets Manager GetSecretValue, SQS SendMessage, SNS Publish, IAM's policy
 * reads: reference/build-notes.md, issue 13). {@link AwsJsonCall} and {@link AwsQueryCall} speak the protocols
 * on top; this class signs, sends and retries.
 */
public final class SignedAwsCall {

    /** What came back: status, body, headers. */
    public record Answer(int status, byte[] body, SdkHttpResponse response) {
        public boolean ok() {
            return status / 100 == 2;
        }
    }

    private final SdkHttpClient http;
    private final AwsCredentialsProvider credentials;
    private final String signingName;
    private final Region signingRegion;
    private final URI endpoint;
    private final Runnable beforeTransmission;
    private final AwsV4HttpSigner signer = AwsV4HttpSigner.create();

    /** {@code beforeTransmission}: run before each request goes out (call counting; a benchmark's latency model). */
    public SignedAwsCall(SdkHttpClient http, AwsCredentialsProvider credentials, String signingName, Region signingRegion,
                         URI endpoint, Runnable beforeTransmission) {
        this.http = Objects.requireNonNull(http, "http");
        this.credentials = Objects.requireNonNull(credentials, "credentials");
        this.signingName = Objects.requireNonNull(signingName, "signingName");
        this.signingRegion = Objects.requireNonNull(signingRegion, "signingRegion");
        this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
        this.beforeTransmission = beforeTransmission == null ? () -> {} : beforeTransmission;
    }

    /**
     * A call to {@code service}'s regional endpoint ({@code https://<service>.<region>.<dns suffix>}, the signing
     * name being the endpoint prefix as for SSM, SNS, SQS and Secrets Manager), or to {@code endpointOverride}
     * (an emulator) when given.
     */
    public static SignedAwsCall regional(SdkHttpClient http, AwsCredentialsProvider credentials, String service,
                                         Region region, java.util.Optional<URI> endpointOverride) {
        return new SignedAwsCall(http, credentials, service, region, endpointOverride.orElseGet(() ->
                URI.create("https://" + service + "." + region.id() + "." + dnsSuffix(region))), null);
    }

    /** The partition's DNS suffix for {@code region} ({@code amazonaws.com}, {@code amazonaws.com.cn}, ...). */
    public static String dnsSuffix(Region region) {
        RegionMetadata metadata = region.metadata();
        return metadata == null ? "amazonaws.com" : metadata.partition().dnsSuffix();
    }

    public URI endpoint() {
        return endpoint;
    }

    /** Signs and sends one POST; {@link SdkClientException} when no answer came. */
    public Answer post(String contentType, Map<String, String> headers, byte[] body) {
        SdkHttpRequest.Builder request = SdkHttpRequest.builder().method(SdkHttpMethod.POST).uri(endpoint)
                .encodedPath(endpoint.getRawPath() == null || endpoint.getRawPath().isEmpty() ? "/" : endpoint.getRawPath())
                .putHeader("Content-Type", contentType);
        headers.forEach(request::putHeader);
        return send(request, body);
    }

    /**
     * Signs and sends one GET of {@code encodedPath} (already URL-encoded, appended to the endpoint's path) with
     * {@code query} (raw values; null values left out), as REST-JSON services such as Lambda take their reads.
     */
    public Answer get(String encodedPath, Map<String, String> query) {
        String base = endpoint.getRawPath() == null ? "" : endpoint.getRawPath().replaceAll("/$", "");
        SdkHttpRequest.Builder request = SdkHttpRequest.builder().method(SdkHttpMethod.GET).uri(endpoint)
                .encodedPath(base + encodedPath);
        query.forEach((k, v) -> {
            if (v != null) {
                request.putRawQueryParameter(k, v);
            }
        });
        // No payload at all: a GET with an (empty) body stream would be sent as a POST by HttpURLConnection.
        return send(request, null);
    }

    private Answer send(SdkHttpRequest.Builder request, byte[] body) {
        SignedRequest signed = signer.sign(r -> {
            r.identity(credentials.resolveCredentials())
                    .request(request.build())
                    .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, signingName)
                    .putProperty(AwsV4HttpSigner.REGION_NAME, signingRegion.id());
            if (body != null) {
                r.payload(ContentStreamProvider.fromByteArray(body));
            }
        });
        beforeTransmission.run();
        try {
            HttpExecuteResponse response = http.prepareRequest(HttpExecuteRequest.builder().request(signed.request())
                    .contentStreamProvider(signed.payload().orElse(null)).build()).call();
            try (InputStream in = response.responseBody().map(InputStream.class::cast).orElse(InputStream.nullInputStream())) {
                return new Answer(response.httpResponse().statusCode(), in.readAllBytes(), response.httpResponse());
            }
        } catch (IOException e) {
            throw SdkClientException.create(signingName + ": no answer from " + endpoint.getHost() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Runs {@code call} up to {@code attempts} times: again after throttling, a 5xx or no answer (200, 400 ms
     * apart); any other error at once.
     */
    public static <T> T retried(int attempts, String what, Supplier<T> call) {
        RuntimeException last = null;
        for (int attempt = 1; attempt <= attempts; attempt++) {
            try {
                return call.get();
            } catch (AwsServiceException e) {
                if (!e.isThrottlingException() && e.statusCode() < 500) {
                    throw e;
                }
                last = e;
            } catch (SdkClientException e) {
                last = e;
            }
            if (attempt < attempts) {
                try {
                    Thread.sleep(100L << attempt);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw SdkClientException.create("interrupted between " + what + " attempts", e);
                }
            }
        }
        throw last;
    }
}
