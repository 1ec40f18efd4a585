package io.apigw5xx.responder.evidence.aws;

import static io.apigw5xx.responder.evidence.aws.EvidenceFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.apigw5xx.responder.evidence.ChangeEvent;
import io.apigw5xx.responder.evidence.Evidence;
import io.apigw5xx.responder.evidence.EvidenceSource;
import io.apigw5xx.responder.evidence.GapReason;
import io.apigw5xx.responder.evidence.Integration;
import io.apigw5xx.responder.evidence.LambdaTarget;
import io.apigw5xx.responder.evidence.LogEvent;
import io.apigw5xx.responder.evidence.MetricPoint;
import io.apigw5xx.responder.evidence.MetricSeries;
import io.apigw5xx.responder.incident.ApiRef;
import io.apigw5xx.responder.incident.ApiType;
import io.apigw5xx.responder.incident.Incident;
import io.apigw5xx.responder.incident.TimeWindow;
import io.apigw5xx.responder.incident.TriggerSource;
import io.apigw5xx.responder.testing.CloudTrailStub;
import io.apigw5xx.responder.testing.MotoAccount;
import io.apigw5xx.responder.testing.MotoServer;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(MotoServer.Extension.class)
class AwsEvidenceGathererIT {

    private static CloudTrailStub cloudTrail;
    private MotoAccount account;
    private AwsClients clients;

    @BeforeAll
    static void startCloudTrail() {
        cloudTrail = new CloudTrailStub();
    }

    @AfterAll
    static void stopCloudTrail() {
        cloudTrail.close();
    }

    @BeforeEach
    void freshAccount(MotoServer moto) {
        moto.reset();
        cloudTrail.reset();
        account = new MotoAccount(moto.endpoint());
        clients = clients(moto.endpoint(), cloudTrail.endpoint()).build();
    }

    @org.junit.jupiter.api.AfterEach
    void close() {
        account.close();
        clients.close();
    }

    @Test
    void gather_seededRestIncident_returnsEvidenceFromAllFourSources() {
        Instant at = Instant.now();
        String apiId = seedRestIncident(account, at);
        seedChanges(cloudTrail, apiId, at);
        cloudTrail.throttleOnce("lambda.amazonaws.com");

        Evidence evidence = new AwsEvidenceGatherer(clients, Clock.systemUTC()).gather(restIncident(at), Instant.now().plusSeconds(20));

        // topology: name resolved to id, alias and stage variable followed to their functions
        assertThat(evidence.topology()).isNotNull();
        assertThat(evidence.topology().apiId()).isEqualTo(apiId);
        assertThat(evidence.topology().executionLogging()).isTrue();
        assertThat(evidence.topology().accessLogDestination()).endsWith(ACCESS_LOG_GROUP);
        assertThat(evidence.topology().integrations()).extracting(Integration::route, Integration::lambdaFunction, Integration::lambdaQualifier)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("POST /orders", ORDERS, "live"),
                        org.assertj.core.groups.Tuple.tuple("GET /payments", PAYMENTS, null));
        LambdaTarget orders = evidence.topology().lambdaTargets().stream().filter(t -> t.functionName().equals(ORDERS)).findFirst().orElseThrow();
        assertThat(orders.exists()).isTrue();
        assertThat(orders.timeoutSeconds()).isEqualTo(29);
        assertThat(orders.version()).isEqualTo("1");
        assertThat(orders.role()).endsWith("role/" + ROLE);
        assertThat(orders.policy()).contains("apigateway.amazonaws.com");

        // metrics: found by namespace + metric + stat + FunctionName, as the analyzer looks them up
        MetricSeries errors = evidence.metrics().stream().filter(s -> s.is("AWS/Lambda", "Errors", "Sum") && ORDERS.equals(s.dimension("FunctionName")))
                .findFirst().orElseThrow();
        assertThat(errors.points()).extracting(MetricPoint::value).containsSubsequence(4.0, 11.0, 17.0);
        MetricSeries fiveXx = evidence.metrics().stream().filter(s -> s.is("AWS/ApiGateway", "5XXError", "Sum")).findFirst().orElseThrow();
        assertThat(fiveXx.dimensions()).isEqualTo(Map.of("ApiName", API_NAME, "Stage", STAGE));
        assertThat(fiveXx.points()).extracting(MetricPoint::value).contains(17.0);

        // changes: paginated, throttled once and retried, filtered to the failing path, records verbatim
        assertThat(evidence.changes()).extracting(ChangeEvent::eventName)
                .containsExactly("DetachRolePolicy", "UpdateFunctionCode20150331v2", "UpdateAlias20150331", "CreateDeployment");
        assertThat(evidence.changes()).allSatisfy(c -> assertThat(c.cloudTrailEvent()).contains("\"eventID\":\"" + c.eventId() + "\""));
        assertThat(cloudTrail.requests("lambda.amazonaws.com")).isEqualTo(4); // 3 pages + 1 throttled attempt
        assertThat(evidence.gaps()).anySatisfy(g -> {
            assertThat(g.source()).isEqualTo(EvidenceSource.CHANGES);
            assertThat(g.reason()).isEqualTo(GapReason.INCOMPLETE);
            assertThat(g.detail()).contains("may not be listed yet");
        });

        // logs: error lines from the Lambda, execution and access log groups; healthy lines left out
        assertThat(evidence.logs()).extracting(LogEvent::message)
                .contains(TIMED_OUT, "(c0475a28) Execution failed due to a timeout error", "{\"status\":\"504\"}")
                .noneMatch(m -> m.startsWith("START"))
                .doesNotContain("{\"status\":\"200\"}");
        assertThat(evidence.logs()).filteredOn(l -> l.message().equals(TIMED_OUT)).extracting(LogEvent::logGroup)
                .containsExactly("/aws/lambda/" + ORDERS);

        assertThat(evidence.gaps()).noneMatch(g -> g.reason() != GapReason.INCOMPLETE);
        assertThat(evidence.awsCalls()).containsKeys(EvidenceSource.values());
        assertThat(evidence.awsCalls().get(EvidenceSource.CHANGES)).isEqualTo(cloudTrail.server().getAllServeEvents().size());
        // moto 5.2.5 answers a p99 query with HTTP 500 (TypeError in its GetMetricData): the SDK makes 4 attempts,
        // then the adapter asks once more without percentiles and says so. Against CloudWatch this is 1 call.
        assertThat(evidence.awsCalls().get(EvidenceSource.METRICS)).isEqualTo(5);
        assertThat(evidence.gaps()).anySatisfy(g -> assertThat(g.detail()).startsWith("percentile statistics dropped"));
    }

    @Test
    void gather_httpApiById_readsRoutesIntegrationsAndTargets() {
        Instant at = Instant.now();
        String role = account.createRole("http-role");
        account.createFunction("quotes-handler", role, 15);
        String apiId = account.createHttpApi("quotes", "live", Map.of("GET /quotes", MotoAccount.functionArn("quotes-handler")));
        account.allowApiGateway("quotes-handler", null, apiId);
        account.putMetric("AWS/ApiGateway", "5xx", Map.of("ApiId", apiId, "Stage", "live"), at, 1, 2, 3);
        account.putLogLines("/aws/lambda/quotes-handler", "s1", at.minusSeconds(60), java.util.List.of("ERROR boom: java.lang.IllegalStateException"));
        Incident incident = new Incident(TriggerSource.CLI, null, MotoAccount.REGION, ApiRef.http(apiId), "live", null, at, TimeWindow.around(at));

        Evidence evidence = new AwsEvidenceGatherer(clients, Clock.systemUTC()).gather(incident, Instant.now().plusSeconds(20));

        assertThat(evidence.topology().apiType()).isEqualTo(ApiType.HTTP);
        assertThat(evidence.topology().integrations()).singleElement().satisfies(i -> {
            assertThat(i.route()).isEqualTo("GET /quotes");
            assertThat(i.lambdaFunction()).isEqualTo("quotes-handler");
            assertThat(i.timeoutMillis()).isEqualTo(30_000);
        });
        assertThat(evidence.topology().lambdaTargets()).singleElement().satisfies(t -> assertThat(t.timeoutSeconds()).isEqualTo(15));
        assertThat(evidence.metrics()).filteredOn(s -> s.is("AWS/ApiGateway", "5xx", "Sum")).singleElement()
                .satisfies(s -> assertThat(s.points()).extracting(MetricPoint::value).containsExactly(1.0, 2.0, 3.0));
        assertThat(evidence.logs()).extracting(LogEvent::message).containsExactly("ERROR boom: java.lang.IllegalStateException");
        assertThat(evidence.gaps()).anySatisfy(g -> {
            assertThat(g.source()).isEqualTo(EvidenceSource.LOGS);
            assertThat(g.reason()).isEqualTo(GapReason.NOT_ENABLED);
        });
    }

}
