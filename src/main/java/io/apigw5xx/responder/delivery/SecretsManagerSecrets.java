package io.apigw5xx.responder.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import io.apigw5xx.responder.AwsJsonCall;
import io.apigw5xx.responder.SignedAwsCall;
import java.net.URI;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.regions.Region;
import java.util.Objects;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * Secrets Manager's GetSecretValue as one signed AWS JSON 1.1 call (the Slack webhook URL, the bot token, the front
 * door's signing secret). The Secrets Manager SDK module would serve the same read at 0.7 MB of jar (issue 13).
 * Errors are the SDK's exceptions (e.g. {@code ResourceNotFoundException}, {@code AccessDeniedException}); no
 * message ever carries the value.
 */
public final class SecretsManagerSecrets {

    private static final int ATTEMPTS = 2;

    private static final String TARGET = "secretsmanager.GetSecretValue";
    private final AwsJsonCall secretsManager;

    public SecretsManagerSecrets(AwsJsonCall secretsManager) {
        this.secretsManager = Objects.requireNonNull(secretsManager, "secretsManager");
    }

    /**
     * Reads from the regional endpoint, or {@code endpointOverride} (an emulator). The HTTP client's socket
     * timeouts are the call's only time limit: give it short ones.
     */
    public static SecretsManagerSecrets regional(SdkHttpClient http, AwsCredentialsProvider credentials, Region region,
                                                 Optional<URI> endpointOverride) {
        return new SecretsManagerSecrets(new AwsJsonCall(
                SignedAwsCall.regional(http, credentials, "secretsmanager", region, endpointOverride),
                "1.1", "Secrets Manager", ATTEMPTS));
    }

    /** The current version's SecretString. {@code secretId}: the secret's ARN or name. */
    public String secretString(String secretId) {
        JsonNode value = secretsManager.call(TARGET, AwsJsonCall.body().put("SecretId", secretId)).path("SecretString");
        if (!value.isTextual()) {
            throw SdkClientException.create("Secrets Manager secret " + secretId + " has no SecretString (binary secrets are not read)");
        }
        return value.asText();
    }

    @Override
    public String toString() {
        return "SecretsManagerSecrets[" + secretsManager.service().endpoint().getHost() + "]";
    }
}
