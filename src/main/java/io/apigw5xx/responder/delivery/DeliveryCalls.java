package io.apigw5xx.responder.delivery;

import io.apigw5xx.responder.AwsJsonCall;
import io.apigw5xx.responder.AwsQueryCall;
import io.apigw5xx.responder.SignedAwsCall;
import java.net.URI;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.regions.Region;

/**
 * The delivery calls made without an SDK module (SNS Publish, SQS SendMessage, Secrets Manager GetSecretValue,
 * SSM GetParameter): each service's protocol and API version in one place, over one HTTP client, one credentials
 * provider and one region. The HTTP client's socket timeouts are the only time limit of a signed call, so give it
 * short ones (delivery runs inside the seconds kept back after evidence gathering).
 */
public record DeliveryCalls(SdkHttpClient http, AwsCredentialsProvider credentials, Region region,
                            Optional<URI> endpointOverride) {

    /** Tries per call (after throttling, a 5xx or no answer), like the SDK clients' two attempts within 4 s. */
    static final int ATTEMPTS = 2;

    public DeliveryCalls {
        Objects.requireNonNull(http, "http");
        Objects.requireNonNull(credentials, "credentials");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(endpointOverride, "endpointOverride");
    }

    public SnsPublisher snsPublisher(String topicArn) {
        return new SnsPublisher(new AwsQueryCall(signed("sns"), SnsPublisher.API_VERSION, "SNS", ATTEMPTS), topicArn);
    }

    public RecheckScheduler recheckScheduler(String queueUrl, com.fasterxml.jackson.databind.ObjectMapper json,
                                             java.time.Clock clock) {
        return new RecheckScheduler(new AwsJsonCall(signed("sqs"), "1.0", "SQS", ATTEMPTS), queueUrl, json, clock);
    }

    public SecretsManagerSecrets secretsManager() {
        return SecretsManagerSecrets.regional(http, credentials, region, endpointOverride);
    }

    public ParameterStore parameterStore() {
        return new ParameterStore(http, credentials, region, endpointOverride);
    }

    private SignedAwsCall signed(String service) {
        return SignedAwsCall.regional(http, credentials, service, region, endpointOverride);
    }
}
