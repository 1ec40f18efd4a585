package io.apigw5xx.responder.handler;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.apigw5xx.responder.InBackground;
import io.apigw5xx.responder.JsonMappers;
import io.apigw5xx.responder.analysis.Analyzer;
import io.apigw5xx.responder.analysis.RunbookAnalyzer;
import io.apigw5xx.responder.delivery.ChannelDelivery;
import io.apigw5xx.responder.delivery.DeliveryCalls;
import io.apigw5xx.responder.delivery.Delivery;
import io.apigw5xx.responder.delivery.EmfMetrics;
import io.apigw5xx.responder.delivery.IncidentLedger;
import io.apigw5xx.responder.delivery.MetricGraph;
import io.apigw5xx.responder.delivery.RecheckScheduler;
import io.apigw5xx.responder.delivery.SlackApp;
import io.apigw5xx.responder.delivery.SlackBotToken;
import io.apigw5xx.responder.delivery.SlackWebApi;
import io.apigw5xx.responder.delivery.SlackWebhook;
import io.apigw5xx.responder.delivery.WebhookUrlProvider;
import io.apigw5xx.responder.evidence.aws.AwsClients;
import io.apigw5xx.responder.evidence.aws.AwsEvidenceGatherer;
import io.apigw5xx.responder.report.FindingsJson;
import io.apigw5xx.responder.trigger.TriggerParser;
import io.apigw5xx.responder.trigger.aws.CloudWatchAlarmDirectory;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The one place that builds the object graph: plain constructors, once per Lambda container (SDK clients
 * included), from the environment. Channels whose configuration is absent are left out, not faked.
 */
record Wiring(ResponderConfig config, Clock clock, ObjectMapper json, Responder responder, Runnable primer) {

    /** How long the ledger keeps an investigation: long enough for "N incidents in 7 days" and follow-ups. */
    static final Duration HISTORY_RETENTION = Duration.ofDays(30);
    static final Duration DELIVERY_CALL_TIMEOUT = Duration.ofSeconds(4);
    static final Duration DELIVERY_ATTEMPT_TIMEOUT = Duration.ofSeconds(2);

    /** The Lambda function's graph, for a configuration already read from its environment. */
    static Wiring fromEnvironment(ResponderConfig config) {
        JsonLogHandler.install(InvocationLog.to(System.out, Clock.systemUTC()));
        AwsClients.Builder evidenceClients = AwsClients.builder()
                .region(config.region())
                .endpoint(config.endpointUrl().orElse(null));
        config.cloudTrailEndpointUrl().ifPresent(url -> evidenceClients.endpoint(AwsClients.Service.CLOUDTRAIL, url));
        // Building the clients is the largest part of a cold start and is mostly class loading; the rest of the
        // graph (Jackson, the analyzer, delivery) loads other classes, so they all go side by side, and each is
        // waited for where it is first used: the ledger client at the claim, the evidence clients when gathering
        // starts, the Slack and graph clients at delivery.
        return create(config, evidenceClients.buildInBackground(), Clock.systemUTC());
    }

    /** Tests pass their own evidence clients (CloudTrail on WireMock, the rest on moto). */
    static Wiring create(ResponderConfig config, AwsClients evidenceClients, Clock clock) {
        return create(config, () -> evidenceClients, clock);
    }

    private static Wiring create(ResponderConfig config, Supplier<AwsClients> evidenceClients, Clock clock) {
        List<Supplier<?>> building = new ArrayList<>(List.of(evidenceClients));
        ObjectMapper json = JsonMappers.create();
        // Delivery runs inside the few seconds kept back after evidence gathering: a slow AWS answer must give up in
        // time for the other channels, not hang on defaults (the signed calls have no other time limit).
        SdkHttpClient http = UrlConnectionHttpClient.builder()
                .connectionTimeout(DELIVERY_ATTEMPT_TIMEOUT).socketTimeout(DELIVERY_ATTEMPT_TIMEOUT).build();
        DeliveryCalls signed = new DeliveryCalls(http, DefaultCredentialsProvider.builder().build(), Region.of(config.region()),
                config.endpointUrl());
        EmfMetrics metrics = new EmfMetrics(System.out, EmfMetrics.DEFAULT_NAMESPACE, clock, json);
        // Only a function that posts to Slack builds the Slack client (TLS set-up is a good part of it); without
        // Slack configured nothing below takes it.
        Supplier<java.net.http.HttpClient> slackHttp = config.slackBotTokenSecretArn().isPresent()
                || config.slackWebhookSecretArn().isPresent() || config.slackWebhookParameter().isPresent()
                ? building(building, "slack-http", SlackWebhook::defaultHttpClient) : null;
        SlackApp slackApp = config.slackBotTokenSecretArn()
                .map(secret -> new SlackApp(new SlackWebApi(slackHttp, config.slackApiUrl(),
                        SlackBotToken.secretsManager(signed.secretsManager(), secret), json, clock),
                        config.slackChannel().orElseThrow(), metrics, json))
                .orElse(null);
        // The graph is a Slack app feature: a webhook cannot carry a PNG.
        MetricGraph graph = slackApp != null && config.slackGraph()
                ? new MetricGraph(building(building, "cloudwatch-graph-client",
                        () -> client(CloudWatchClient.builder(), config, http)).as(CloudWatchClient.class)) : null;
        RecheckScheduler recheck = config.recheckQueueUrl()
                .map(url -> signed.recheckScheduler(url, json, clock))
                .orElse(null);
        Delivery delivery = new ChannelDelivery(
                config.incidentTable()
                        .map(table -> new IncidentLedger(building(building, "dynamodb-client",
                                () -> client(DynamoDbClient.builder(), config, http)).as(DynamoDbClient.class), table,
                                new FindingsJson(json), clock, HISTORY_RETENTION))
                        .orElse(null),
                webhookUrl(config, signed)
                        .map(url -> new SlackWebhook(slackHttp, url, clock))
                        .orElse(null),
                slackApp, graph, recheck,
                config.findingsTopicArn()
                        .map(topic -> signed.snsPublisher(topic))
                        .orElse(null),
                metrics, json, clock, config.deliveryReserve());

        // A composite alarm's children are read with the evidence CloudWatch client, taken when first needed.
        TriggerParser parser = new TriggerParser(config.region(),
                new CloudWatchAlarmDirectory(() -> evidenceClients.get().cloudWatch(), config.region()));
        Analyzer analyzer = new RunbookAnalyzer();
        Responder responder = new Responder(parser, AwsEvidenceGatherer.onceBuilt(evidenceClients, clock), analyzer, delivery,
                metrics, clock, InvocationLog.to(System.out, clock));
        OfflinePrimer offline = new OfflinePrimer(parser, analyzer, json);
        // A SnapStart snapshot must hold the finished clients, not a build in progress.
        return new Wiring(config, clock, json, responder, () -> {
            building.forEach(Supplier::get);
            offline.run();
        });
    }

    private static <T> InBackground<T> building(List<Supplier<?>> building, String name, Supplier<T> build) {
        InBackground<T> value = InBackground.start(name, build);
        building.add(value);
        return value;
    }

    private static java.util.Optional<WebhookUrlProvider> webhookUrl(ResponderConfig config, DeliveryCalls signed) {
        if (config.slackWebhookSecretArn().isPresent()) {
            return java.util.Optional.of(WebhookUrlProvider.secretsManager(signed.secretsManager(),
                    config.slackWebhookSecretArn().get()));
        }
        return config.slackWebhookParameter().map(name -> WebhookUrlProvider.parameterStore(signed.parameterStore(), name));
    }

    private static <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C client(
            B builder, ResponderConfig config, SdkHttpClient http) {
        builder.region(Region.of(config.region()))
                .credentialsProvider(DefaultCredentialsProvider.builder().build())
                .httpClient(http)
                // Delivery runs inside the few seconds kept back after evidence gathering: a slow SNS or
                // DynamoDB call must give up in time for the other channel, not hang on SDK defaults.
                .overrideConfiguration(o -> o.apiCallTimeout(DELIVERY_CALL_TIMEOUT).apiCallAttemptTimeout(DELIVERY_ATTEMPT_TIMEOUT));
        config.endpointUrl().ifPresent(builder::endpointOverride);
        return builder.build();
    }
}
