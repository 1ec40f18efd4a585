package io.apigw5xx.responder.evidence.aws;

import io.apigw5xx.responder.InBackground;
import io.apigw5xx.responder.SignedAwsCall;
import io.apigw5xx.responder.evidence.CallMeter;
import io.apigw5xx.responder.evidence.EvidenceSource;
import java.net.URI;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.apigatewayv2.ApiGatewayV2Client;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;

/**
 * Every SDK client the evidence adapters use, built once (a Lambda container and the CLI each keep one
 * instance: client construction is most of a cold start). One UrlConnectionHttpClient is shared.
 *
 * <p>Each client counts the HTTP attempts it sends (retries included: they are AWS calls too), which is
 * how {@link #snapshot()} reports calls per evidence source.
 */
public final class AwsClients implements CallMeter, AutoCloseable {

    /** The services the adapters talk to; tests point one of them elsewhere to inject failures. */
    public enum Service { CLOUDWATCH, CLOUDTRAIL, LOGS, APIGATEWAY, APIGATEWAYV2, LAMBDA, IAM }

    /** IAM changes are recorded by CloudTrail in us-east-1 whatever the API's region. */
    static final Region IAM_EVENTS_REGION = Region.US_EAST_1;

    private final Region region;
    private final SdkHttpClient http;
    private final Map<EvidenceSource, AtomicInteger> calls = new EnumMap<>(EvidenceSource.class);
    private final CloudWatchClient cloudWatch;
    private final CloudTrailClient cloudTrail;
    private final CloudTrailClient globalCloudTrail;
    private final CloudWatchLogsClient logs;
    private final ApiGatewayClient apiGateway;
    private final ApiGatewayV2Client apiGatewayV2;
    private final LambdaReads lambda;
    private final IamPolicies iamPolicies;
    private final SdkHttpClient signedHttp;
    static final java.time.Duration SIGNED_CALL_TIMEOUT = java.time.Duration.ofSeconds(2);

    private AwsClients(Builder b) {
        this.region = Objects.requireNonNull(b.region, "region");
        this.http = UrlConnectionHttpClient.builder().build();
        // A signed call has no SDK call timeout: its HTTP client's limits are what stop a hung IAM or Lambda read,
        // which must become a named gap, not hold up the whole topology until its deadline (two attempts: about 4 s).
        this.signedHttp = UrlConnectionHttpClient.builder()
                .connectionTimeout(SIGNED_CALL_TIMEOUT).socketTimeout(SIGNED_CALL_TIMEOUT).build();
        for (EvidenceSource s : EvidenceSource.values()) {
            calls.put(s, new AtomicInteger());
        }
        // Building a client is mostly loading its service's classes (100-150 ms each on a cold JVM) and the
        // services share none of those, so they are built side by side. Platform threads: class
        // initialisation pins a virtual thread to its carrier on Java 21.
        try (ExecutorService builders = Executors.newThreadPerTaskExecutor(
                Thread.ofPlatform().name("aws-client-", 0).daemon().factory())) {
            Future<CloudWatchClient> cw = builders.submit(() ->
                    configure(CloudWatchClient.builder(), b, Service.CLOUDWATCH, EvidenceSource.METRICS, region).build());
            Future<CloudTrailClient> ct = builders.submit(() ->
                    configure(CloudTrailClient.builder(), b, Service.CLOUDTRAIL, EvidenceSource.CHANGES, region).build());
            Future<CloudTrailClient> globalCt = region.equals(IAM_EVENTS_REGION) ? ct : builders.submit(() ->
                    configure(CloudTrailClient.builder(), b, Service.CLOUDTRAIL, EvidenceSource.CHANGES, IAM_EVENTS_REGION).build());
            Future<CloudWatchLogsClient> lg = builders.submit(() ->
                    configure(CloudWatchLogsClient.builder(), b, Service.LOGS, EvidenceSource.LOGS, region).build());
            Future<ApiGatewayClient> ag = builders.submit(() ->
                    configure(ApiGatewayClient.builder(), b, Service.APIGATEWAY, EvidenceSource.TOPOLOGY, region).build());
            Future<ApiGatewayV2Client> ag2 = builders.submit(() ->
                    configure(ApiGatewayV2Client.builder(), b, Service.APIGATEWAYV2, EvidenceSource.TOPOLOGY, region).build());
            cloudWatch = built(cw);
            cloudTrail = built(ct);
            globalCloudTrail = built(globalCt);
            logs = built(lg);
            apiGateway = built(ag);
            apiGatewayV2 = built(ag2);
        }
        AtomicInteger topologyCalls = calls.get(EvidenceSource.TOPOLOGY);
        List<Runnable> hooks = List.copyOf(b.beforeSignedCall);
        Runnable topologyCall = () -> {
            topologyCalls.incrementAndGet();
            hooks.forEach(Runnable::run);
        };
        iamPolicies = new IamPolicies(iamCall(b, topologyCall));
        URI lambdaEndpoint = b.endpoints.getOrDefault(Service.LAMBDA, b.endpoint);
        lambda = new LambdaReads(new SignedAwsCall(signedHttp, b.credentials, "lambda", region, lambdaEndpoint != null
                ? lambdaEndpoint : URI.create("https://lambda." + region.id() + "." + SignedAwsCall.dnsSuffix(region)), topologyCall));
    }

    /**
     * IAM is global: one endpoint per partition, signed for its home region (us-east-1 in the aws partition).
     * A signed call rather than the IAM SDK module, which would add several MB to the jar for two reads.
     */
    private SignedAwsCall iamCall(Builder b, Runnable beforeTransmission) {
        String partition = region.metadata() == null ? "aws" : region.metadata().partition().id();
        Region signing = switch (partition) {
            case "aws-cn" -> Region.CN_NORTH_1;
            case "aws-us-gov" -> Region.US_GOV_WEST_1;
            default -> Region.US_EAST_1;
        };
        URI endpoint = b.endpoints.getOrDefault(Service.IAM, b.endpoint);
        if (endpoint == null) {
            endpoint = URI.create(switch (partition) {
                case "aws-cn" -> "https://iam.cn-north-1.amazonaws.com.cn";
                case "aws-us-gov" -> "https://iam.us-gov.amazonaws.com";
                default -> "https://iam." + SignedAwsCall.dnsSuffix(signing);
            });
        }
        return new SignedAwsCall(signedHttp, b.credentials, "iam", signing, endpoint, beforeTransmission);
    }

    private static <C> C built(Future<C> client) {
        try {
            return client.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while building the AWS clients", e);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Clients for {@code region} with the default credential chain; honours {@code AWS_ENDPOINT_URL} (the
     * variable the AWS CLI and SDKs use to point at an emulator) when it is set.
     */
    public static AwsClients forRegion(String region) {
        Builder b = builder().region(region);
        String endpoint = System.getenv("AWS_ENDPOINT_URL");
        if (endpoint != null && !endpoint.isBlank()) {
            b.endpoint(URI.create(endpoint.trim()));
        }
        return b.build();
    }

    private <B extends AwsClientBuilder<B, ?>> B configure(B builder, Builder b, Service service, EvidenceSource source,
            Region clientRegion) {
        AtomicInteger counter = calls.get(source);
        ClientOverrideConfiguration.Builder override = ClientOverrideConfiguration.builder()
                .addExecutionInterceptor(new CountingInterceptor(counter));
        b.interceptors.forEach(override::addExecutionInterceptor);
        builder.region(clientRegion)
                .credentialsProvider(b.credentials)
                .overrideConfiguration(override.build());
        if (builder instanceof software.amazon.awssdk.core.client.builder.SdkSyncClientBuilder<?, ?> sync) {
            sync.httpClient(http);
        }
        URI endpoint = b.endpoints.getOrDefault(service, b.endpoint);
        if (endpoint != null) {
            builder.endpointOverride(endpoint);
        }
        return builder;
    }

    public Region region() {
        return region;
    }

    public CloudWatchClient cloudWatch() {
        return cloudWatch;
    }

    public CloudTrailClient cloudTrail() {
        return cloudTrail;
    }

    /** The CloudTrail client for us-east-1, where IAM events are recorded. */
    public CloudTrailClient globalCloudTrail() {
        return globalCloudTrail;
    }

    public CloudWatchLogsClient logs() {
        return logs;
    }

    public ApiGatewayClient apiGateway() {
        return apiGateway;
    }

    public ApiGatewayV2Client apiGatewayV2() {
        return apiGatewayV2;
    }

    /** Lambda's reads of the targets (signed calls, counted as topology calls). */
    public LambdaReads lambda() {
        return lambda;
    }

    /** Managed policies on execution roles (IAM, counted as topology calls). */
    public IamPolicies iamPolicies() {
        return iamPolicies;
    }

    @Override
    public Map<EvidenceSource, Integer> snapshot() {
        Map<EvidenceSource, Integer> copy = new EnumMap<>(EvidenceSource.class);
        calls.forEach((source, count) -> copy.put(source, count.get()));
        return copy;
    }

    @Override
    public void close() {
        cloudWatch.close();
        cloudTrail.close();
        if (globalCloudTrail != cloudTrail) {
            globalCloudTrail.close();
        }
        logs.close();
        apiGateway.close();
        apiGatewayV2.close();
        http.close();
        signedHttp.close();
    }

    private record CountingInterceptor(AtomicInteger counter) implements ExecutionInterceptor {
        @Override
        public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
            counter.incrementAndGet();
        }
    }

    public static final class Builder {
        private Region region;
        private URI endpoint;
        private final Map<Service, URI> endpoints = new EnumMap<>(Service.class);
        private AwsCredentialsProvider credentials = DefaultCredentialsProvider.builder().build();
        private final List<ExecutionInterceptor> interceptors = new ArrayList<>();
        private final List<Runnable> beforeSignedCall = new ArrayList<>();

        private Builder() {}

        public Builder region(String region) {
            this.region = Region.of(region);
            return this;
        }

        /** Points every client at one endpoint (moto, LocalStack); null for the real AWS endpoints. */
        public Builder endpoint(URI endpoint) {
            this.endpoint = endpoint;
            return this;
        }

        /** Points one service elsewhere (tests put WireMock in front of CloudTrail or a failing service). */
        public Builder endpoint(Service service, URI endpoint) {
            endpoints.put(service, endpoint);
            return this;
        }

        public Builder credentials(AwsCredentialsProvider credentials) {
            this.credentials = credentials;
            return this;
        }

        /** Extra interceptors on every client (the benchmark's latency model). */
        public Builder interceptor(ExecutionInterceptor interceptor) {
            interceptors.add(interceptor);
            return this;
        }

        /** Run before each call made without an SDK client (IAM): the benchmark's latency model for those. */
        public Builder beforeSignedCall(Runnable hook) {
            beforeSignedCall.add(hook);
            return this;
        }

        public AwsClients build() {
            return new AwsClients(this);
        }

        /** Starts building on a background thread ({@link InBackground}); a failure to build is thrown by {@code get()}. */
        public InBackground<AwsClients> buildInBackground() {
            return InBackground.start("aws-clients", this::build);
        }
    }
}
