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
import io.apigw5xx.responder.evidence.StageNarrowing;
import io.apigw5xx.responder.incident.AlarmScope;
import io.apigw5xx.responder.incident.StageRate;
import java.time.temporal.ChronoUnit;
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

    /**
     * An API-wide alarm through the real adapters: the gatherer lists the stages (one call), reads every stage's
     * 5xx and Count (one GetMetricData call), investigates the stage carrying the errors and keeps the others'
     * rates; the whole investigation costs at most 2 AWS calls more than the same API alarmed per stage.
     */
    @org.junit.jupiter.api.Nested
    class ApiWideNarrowing {

        @Test
        void narrow_restApiWithThreeStages_investigatesTheFailingOneAndKeepsTheOthersRates() {
            Instant at = Instant.now();
            String apiId = seedApiWithStages(at);
            seedChanges(cloudTrail, apiId, at);
            AwsEvidenceGatherer gatherer = new AwsEvidenceGatherer(clients, Clock.systemUTC());

            StageNarrowing narrowing = gatherer.narrow(apiWide(ApiRef.restByName(API_NAME), at), Instant.now().plusSeconds(20));

            Incident narrowed = narrowing.incident();
            assertThat(narrowed.stage()).isEqualTo("prod");
            assertThat(narrowed.api()).isEqualTo(new ApiRef(io.apigw5xx.responder.incident.ApiType.REST, API_NAME, apiId));
            assertThat(narrowed.scope().allStages()).isTrue();
            assertThat(narrowed.scope().stageRates()).extracting(StageRate::stage, StageRate::errors, StageRate::requests)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("prod", 32L, 500L),
                            org.assertj.core.groups.Tuple.tuple("beta", 2L, 500L),
                            org.assertj.core.groups.Tuple.tuple("dev", 0L, null));
            assertThat(narrowed.scope().summary()).isEqualTo("alarm covers every stage; failing: prod 6.4 %, beta 0.4 %; no errors: dev");
            assertThat(narrowing.awsCalls()).containsExactlyInAnyOrderEntriesOf(Map.of(EvidenceSource.TOPOLOGY, 2, EvidenceSource.METRICS, 1));
            assertThat(narrowing.gaps()).isEmpty();
        }

        @Test
        void narrowThenGather_costsAtMostTwoCallsMoreThanTheSameApiAlarmedPerStage() {
            Instant at = Instant.now();
            String apiId = seedApiWithStages(at);
            seedChanges(cloudTrail, apiId, at);
            AwsEvidenceGatherer gatherer = new AwsEvidenceGatherer(clients, Clock.systemUTC());

            Evidence perStage = gatherer.gather(restIncident(at), Instant.now().plusSeconds(20));
            cloudTrail.reset();
            seedChanges(cloudTrail, apiId, at);
            StageNarrowing narrowing = gatherer.narrow(apiWide(ApiRef.restByName(API_NAME), at), Instant.now().plusSeconds(20));
            Evidence apiWide = narrowing.addTo(gatherer.gather(narrowing.incident(), Instant.now().plusSeconds(20)));

            int topologyAndMetrics = calls(perStage, EvidenceSource.TOPOLOGY) + calls(perStage, EvidenceSource.METRICS);
            int narrowedTopologyAndMetrics = calls(apiWide, EvidenceSource.TOPOLOGY) + calls(apiWide, EvidenceSource.METRICS);
            System.out.printf("API-wide narrowing: per-stage alarm %s, API-wide alarm %s (topology+metrics %d vs %d)%n",
                    perStage.awsCalls(), apiWide.awsCalls(), topologyAndMetrics, narrowedTopologyAndMetrics);
            assertThat(narrowedTopologyAndMetrics - topologyAndMetrics).isEqualTo(2);
            // CloudTrail pages depend only on the API; Logs Insights polls depend on the emulator's timing, not the alarm.
            assertThat(calls(apiWide, EvidenceSource.CHANGES)).isEqualTo(calls(perStage, EvidenceSource.CHANGES));
            assertThat(apiWide.topology().stage()).isEqualTo("prod");
            assertThat(apiWide.topology().apiId()).isEqualTo(apiId);
        }

        @Test
        void narrow_httpApiById_listsItsStagesWithApiGatewayV2() {
            Instant at = Instant.now();
            String role = account.createRole("http-role");
            account.createFunction("quotes-handler", role, 15);
            String apiId = account.createHttpApi("quotes", "live", Map.of("GET /quotes", MotoAccount.functionArn("quotes-handler")));
            Instant minute = at.truncatedTo(ChronoUnit.MINUTES);
            account.putMetric("AWS/ApiGateway", "5xx", Map.of("ApiId", apiId, "Stage", "live"), minute, 1, 2, 3);
            account.putMetric("AWS/ApiGateway", "Count", Map.of("ApiId", apiId, "Stage", "live"), minute, 10, 10, 10);

            StageNarrowing narrowing = new AwsEvidenceGatherer(clients, Clock.systemUTC())
                    .narrow(apiWide(ApiRef.http(apiId), at), Instant.now().plusSeconds(20));

            assertThat(narrowing.incident().stage()).isEqualTo("live");
            assertThat(narrowing.incident().scope().summary()).isEqualTo("alarm covers every stage; failing: live 20.0 %");
        }

        @Test
        void narrow_noSuchApi_staysApiWideWithTheReasonAsAGap() {
            Instant at = Instant.now();

            StageNarrowing narrowing = new AwsEvidenceGatherer(clients, Clock.systemUTC())
                    .narrow(apiWide(ApiRef.restByName("no-such-api"), at), Instant.now().plusSeconds(20));

            assertThat(narrowing.incident().stageUnknown()).isTrue();
            assertThat(narrowing.gaps()).singleElement().satisfies(g -> {
                assertThat(g.source()).isEqualTo(EvidenceSource.TOPOLOGY);
                assertThat(g.detail()).contains("no REST API named 'no-such-api'");
            });
        }

        /** The seeded REST incident on prod, plus beta (a few errors) and dev (no traffic). */
        private String seedApiWithStages(Instant at) {
            String apiId = seedRestIncident(account, at);
            account.deployStage(apiId, "beta");
            account.deployStage(apiId, "dev");
            account.putMetric("AWS/ApiGateway", "5XXError", Map.of("ApiName", API_NAME, "Stage", "beta"), at.truncatedTo(ChronoUnit.MINUTES),
                    0, 1, 0, 1, 0);
            account.putMetric("AWS/ApiGateway", "Count", Map.of("ApiName", API_NAME, "Stage", "beta"), at.truncatedTo(ChronoUnit.MINUTES),
                    100, 100, 100, 100, 100);
            return apiId;
        }

        private static Incident apiWide(ApiRef api, Instant at) {
            return new Incident(TriggerSource.SNS, MotoAccount.ACCOUNT, MotoAccount.REGION, api, Incident.ALL_STAGES, null, at,
                    TimeWindow.around(at), AlarmScope.apiWide());
        }

        private static int calls(Evidence evidence, EvidenceSource source) {
            return evidence.awsCalls().getOrDefault(source, 0);
        }
    }
}
