package io.apigw5xx.responder.frontdoor;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.apigw5xx.responder.InBackground;
import io.apigw5xx.responder.JsonMappers;
import io.apigw5xx.responder.delivery.SecretsManagerSecrets;
import io.apigw5xx.responder.frontdoor.aws.LambdaInvestigationStarter;
import io.apigw5xx.responder.frontdoor.aws.LedgerIncidentHistory;
import io.apigw5xx.responder.frontdoor.aws.SlackResponseUrl;
import io.apigw5xx.responder.handler.InvocationLog;
import io.apigw5xx.responder.trigger.TriggerParser;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.lambda.LambdaClient;

/**
 * The front door function's object graph (its counterpart of the responder's {@code handler.Wiring}: a second
 * function with its own jar, so its own one place): plain constructors, once per container, from the environment.
 */
public final class FrontDoorWiring {

    /** Slack gives 3 s for the whole answer: an AWS call that takes longer must fail, not hang. */
    static final Duration CALL_TIMEOUT = Duration.ofMillis(1500);
    static final Duration ATTEMPT_TIMEOUT = Duration.ofMillis(700);

    private FrontDoorWiring() {}

    public static FrontDoor fromEnvironment(java.util.Map<String, String> env) {
        return fromConfig(FrontDoorConfig.fromEnvironment(env));
    }

    /** The function's graph for a configuration already read from its environment. */
    public static FrontDoor fromConfig(FrontDoorConfig config) {
        ObjectMapper json = JsonMappers.create();
        Clock clock = Clock.systemUTC();
        InvocationLog log = InvocationLog.to(System.out, clock);
        SdkHttpClient http = UrlConnectionHttpClient.create();
        // Each client is built on its own thread from here on; a request waits only for the one it uses.
        Supplier<LambdaClient> lambda = InBackground.start("lambda-client",
                () -> client(LambdaClient.builder(), config, config.lambdaEndpoint(), http, config.invokeTimeout()));
        IncidentHistory history = config.incidentTable()
                .map(table -> {
                    Supplier<DynamoDbClient> ddb = InBackground.start("dynamodb-client",
                            () -> client(DynamoDbClient.builder(), config, config.dynamoDbEndpoint(), http, CALL_TIMEOUT));
                    return (IncidentHistory) new LedgerIncidentHistory(ddb, table, config.region(), json);
                })
                .orElse(null);
        SigningSecret secret = config.slackSigningSecretArn()
                .map(arn -> {
                    // One signed call with short socket timeouts: Slack's 3 s must hold even when Secrets Manager is slow.
                    SecretsManagerSecrets sm = SecretsManagerSecrets.regional(UrlConnectionHttpClient.builder()
                                    .connectionTimeout(ATTEMPT_TIMEOUT).socketTimeout(ATTEMPT_TIMEOUT).build(),
                            DefaultCredentialsProvider.builder().build(), Region.of(config.region()), config.secretsManagerEndpoint());
                    return new SigningSecret("Secrets Manager secret " + arn, () -> sm.secretString(arn));
                })
                .orElseGet(() -> new SigningSecret("no secret", () -> {
                    throw new IllegalStateException("no Slack signing secret is configured (" + FrontDoorConfig.SLACK_SIGNING_SECRET_ARN + ")");
                }));
        return create(config, new LambdaInvestigationStarter(lambda, config.responderFunctionArn()), history, secret,
                new SlackResponseUrl(json, log), json, clock, log);
    }

    /** Tests pass their own ports (a recording starter, an in-memory history, a fixed secret). */
    public static FrontDoor create(FrontDoorConfig config, InvestigationStarter starter, IncidentHistory history,
                                   java.util.function.Supplier<String> signingSecret, SlackReplies replies,
                                   ObjectMapper json, Clock clock, InvocationLog log) {
        RerunEvents events = new RerunEvents(new TriggerParser(config.region()), json);
        SlackRoutes slack = new SlackRoutes(new SlackSignatureVerifier(signingSecret, clock), config.allowList(), events,
                starter, replies, config.responseUrlPrefix(), json, clock, log);
        ApiRoutes api = new ApiRoutes(history, events, starter, json, log);
        return new FrontDoor(slack, api, log);
    }

    private static <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C client(
            B builder, FrontDoorConfig config, Optional<URI> endpoint, SdkHttpClient http, Duration callTimeout) {
        builder.region(Region.of(config.region()))
                .credentialsProvider(DefaultCredentialsProvider.builder().build())
                .httpClient(http)
                .overrideConfiguration(o -> o.apiCallTimeout(callTimeout)
                        .apiCallAttemptTimeout(callTimeout.compareTo(CALL_TIMEOUT) > 0 ? callTimeout : ATTEMPT_TIMEOUT));
        endpoint.ifPresent(builder::endpointOverride);
        return builder.build();
    }
}
