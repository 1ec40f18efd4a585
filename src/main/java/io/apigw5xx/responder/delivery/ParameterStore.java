package io.apigw5xx.responder.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import io.apigw5xx.responder.AwsJsonCall;
import io.apigw5xx.responder.SignedAwsCall;
import java.net.URI;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
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
 * answer came. Throttling, 5xx and I/O failures are tried up to three times ({@link AwsJsonCall}).
 */
public final class ParameterStore {

    private static final String TARGET = "AmazonSSM.GetParameter";
    private static final int ATTEMPTS = 3;

    private final AwsJsonCall ssm;

    /** {@code endpointOverride}: an emulator (AWS_ENDPOINT_URL); empty for SSM's regional endpoint. */
    public ParameterStore(SdkHttpClient http, AwsCredentialsProvider credentials, Region region,
                          Optional<URI> endpointOverride) {
        Objects.requireNonNull(region, "region");
        this.ssm = new AwsJsonCall(SignedAwsCall.regional(http, credentials, "ssm", region, endpointOverride),
                "1.1", "SSM", ATTEMPTS);
    }

    /** The parameter's value, SecureString decrypted. {@code name}: its name or ARN. */
    public String getDecrypted(String name) {
        return value(ssm.call(TARGET, AwsJsonCall.body().put("Name", name).put("WithDecryption", true)));
    }

    private static String value(JsonNode response) {
        JsonNode value = response.path("Parameter").path("Value");
        if (!value.isTextual()) {
            throw SdkClientException.create("SSM GetParameter answered without Parameter.Value");
        }
        return value.asText();
    }

    @Override
    public String toString() {
        return "ParameterStore[" + ssm.service().endpoint().getHost() + "]";
    }
}
