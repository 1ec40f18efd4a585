package io.apigw5xx.responder.deploy;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.apigw5xx.responder.JsonMappers;
import io.apigw5xx.responder.handler.SnapStartPriming;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.core.client.builder.SdkSyncClientBuilder;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.apigatewayv2.ApiGatewayV2Client;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataRequest;
import software.amazon.awssdk.services.cloudwatch.model.Metric;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;
import software.amazon.awssdk.services.cloudwatch.model.MetricStat;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.ssm.SsmClient;

/**
 * Stand-in for bench-coldstart until the real handler exists: builds the ten SDK clients the responder uses
 * (UrlConnectionHttpClient, region and endpoint from the environment) and answers each event with one
 * GetMetricData call. Registers {@link SnapStartPriming} with an offline primer, like the real handler should.
 */
public final class BenchHandler implements RequestStreamHandler {

    private final ObjectMapper mapper = JsonMappers.create();
    private final CloudWatchClient cloudWatch;
    private final List<Object> otherClients;
    private final SnapStartPriming priming;

    public BenchHandler() {
        cloudWatch = configure(CloudWatchClient.builder()).build();
        otherClients = List.of(configure(CloudWatchLogsClient.builder()).build(),
                configure(CloudTrailClient.builder()).build(), configure(ApiGatewayClient.builder()).build(),
                configure(ApiGatewayV2Client.builder()).build(), configure(LambdaClient.builder()).build(),
                configure(SnsClient.builder()).build(), configure(DynamoDbClient.builder()).build(),
                configure(SsmClient.builder()).build(), configure(SecretsManagerClient.builder()).build());
        priming = SnapStartPriming.register(this::primeOffline);
    }

    private static <B extends software.amazon.awssdk.awscore.client.builder.AwsClientBuilder<B, ?>
            & SdkSyncClientBuilder<B, ?>> B configure(B builder) {
        builder.region(Region.of(System.getenv().getOrDefault("AWS_REGION", "us-east-1")))
                .httpClientBuilder(UrlConnectionHttpClient.builder());
        Optional.ofNullable(System.getenv("AWS_ENDPOINT_URL")).map(URI::create).ifPresent(builder::endpointOverride);
        return builder;
    }

    /** Offline: the JSON parse and the request object of the first invocation, no network. */
    private void primeOffline() {
        try {
            mapper.readTree("{\"Records\":[{\"Sns\":{\"Message\":\"{}\"}}]}");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        request(Instant.EPOCH).toBuilder().build();
    }

    private static GetMetricDataRequest request(Instant end) {
        return GetMetricDataRequest.builder().startTime(end.minusSeconds(3600)).endTime(end)
                .metricDataQueries(MetricDataQuery.builder().id("e5xx").metricStat(MetricStat.builder()
                        .metric(Metric.builder().namespace("AWS/ApiGateway").metricName("5XXError").build())
                        .period(60).stat("Sum").build()).build()).build();
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        JsonNode event = mapper.readTree(input);
        int points = cloudWatch.getMetricData(request(Instant.now())).metricDataResults().size();
        mapper.writeValue(output, mapper.createObjectNode().put("status", "investigated")
                .put("records", event.path("Records").size()).put("series", points)
                .put("clients", otherClients.size() + 1).put("primed", priming != null));
    }
}
