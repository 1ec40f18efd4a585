package io.apigw5xx.responder.evidence.aws;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import io.apigw5xx.responder.evidence.EvidenceSource;
import io.apigw5xx.responder.evidence.EvidenceUnavailableException;
import io.apigw5xx.responder.evidence.GapReason;
import io.apigw5xx.responder.evidence.LambdaTarget;
import io.apigw5xx.responder.evidence.LogEvent;
import io.apigw5xx.responder.evidence.SourceResult;
import io.apigw5xx.responder.evidence.Topology;
import io.apigw5xx.responder.incident.ApiRef;
import io.apigw5xx.responder.incident.ApiType;
import io.apigw5xx.responder.incident.Incident;
import io.apigw5xx.responder.incident.TimeWindow;
import io.apigw5xx.responder.incident.TriggerSource;
import io.apigw5xx.responder.testing.MotoAccount;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;

/** LogsAdapter against CloudWatch Logs served by WireMock (AWS JSON 1.1), for answers moto does not give. */
class LogsAdapterIT {

    private static WireMockServer logs;
    private static CloudWatchLogsClient client;

    @BeforeAll
    static void start() {
        logs = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        logs.start();
        client = CloudWatchLogsClient.builder().region(Region.US_EAST_1).endpointOverride(URI.create(logs.baseUrl()))
                .httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing"))).build();
    }

    @AfterAll
    static void stop() {
        client.close();
        logs.stop();
    }

    @BeforeEach
    void reset() {
        logs.resetAll();
        logs.stubFor(call("StartQuery").willReturn(json(200, "{\"queryId\":\"q-1\"}")));
        logs.stubFor(call("StopQuery").willReturn(json(200, "{\"success\":true}")));
    }

    @Test
    void logs_getQueryResultsFails_stopsTheQuery() {
        logs.stubFor(call("GetQueryResults").willReturn(json(400,
                "{\"__type\":\"AccessDeniedException\",\"message\":\"not authorized to perform logs:GetQueryResults\"}")));

        assertThatThrownBy(() -> adapter().logs(incident(), topology(2), Instant.now().plusSeconds(10)))
                .isInstanceOfSatisfying(EvidenceUnavailableException.class,
                        e -> assertThat(e.reason()).isEqualTo(GapReason.ACCESS_DENIED));
        logs.verify(1, postRequestedFor(urlEqualTo("/")).withHeader("X-Amz-Target", containing("StopQuery"))
                .withRequestBody(matchingJsonPath("$.queryId", equalTo("q-1"))));
    }

    @Test
    void logs_moreGroupsThanOneQueryTakes_queriesFiftyAndNamesTheRest() {
        logs.stubFor(call("GetQueryResults").willReturn(json(200, "{\"status\":\"Complete\",\"results\":[]}")));

        SourceResult<List<LogEvent>> result = adapter().logs(incident(), topology(52), Instant.now().plusSeconds(10));

        assertThat(result.gaps()).anySatisfy(g -> {
            assertThat(g.source()).isEqualTo(EvidenceSource.LOGS);
            assertThat(g.reason()).isEqualTo(GapReason.INCOMPLETE);
            assertThat(g.detail()).startsWith("queried 50 of 52 log groups").contains("/aws/lambda/fn-50", "/aws/lambda/fn-51")
                    .doesNotContain("/aws/lambda/fn-49");
        });
        logs.verify(postRequestedFor(urlEqualTo("/")).withHeader("X-Amz-Target", containing("StartQuery"))
                .withRequestBody(matchingJsonPath("$.logGroupNames.size()", equalTo("50"))));
    }

    private static LogsAdapter adapter() {
        return new LogsAdapter(client, Clock.systemUTC());
    }

    private static Incident incident() {
        Instant at = Instant.now().minus(10, ChronoUnit.MINUTES);
        return new Incident(TriggerSource.CLI, MotoAccount.ACCOUNT, MotoAccount.REGION, ApiRef.restByName("orders-api"), "prod", null,
                at, TimeWindow.around(at));
    }

    /** {@code functions} Lambda targets fn-0, fn-1, ...: one log group each. */
    private static Topology topology(int functions) {
        List<LambdaTarget> targets = IntStream.range(0, functions).mapToObj(i -> new LambdaTarget("fn-" + i, null,
                MotoAccount.functionArn("fn-" + i), true, 10, 128, null, null, "1", null, null, null, false, false)).toList();
        return new Topology(ApiType.REST, "a1b2c3d4e5", "orders-api", "prod", "dep1", null, false, null, List.of(), List.of(), targets,
                null, null, List.of());
    }

    private static com.github.tomakehurst.wiremock.client.MappingBuilder call(String operation) {
        return post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo("Logs_20140328." + operation));
    }

    private static ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/x-amz-json-1.1").withBody(body);
    }
}
