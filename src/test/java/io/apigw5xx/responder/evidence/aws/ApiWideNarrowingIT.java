package io.apigw5xx.responder.evidence.aws;

import static io.apigw5xx.responder.evidence.aws.EvidenceFixtures.API_NAME;
import static io.apigw5xx.responder.evidence.aws.EvidenceFixtures.clients;
import static io.apigw5xx.responder.evidence.aws.EvidenceFixtures.restIncident;
import static io.apigw5xx.responder.evidence.aws.EvidenceFixtures.seedChanges;
import static io.apigw5xx.responder.evidence.aws.EvidenceFixtures.seedRestIncident;
import static org.assertj.core.api.Assertions.assertThat;

import io.apigw5xx.responder.evidence.Evidence;
import io.apigw5xx.responder.evidence.EvidenceSource;
import io.apigw5xx.responder.evidence.StageNarrowing;
import io.apigw5xx.responder.incident.AlarmScope;
import io.apigw5xx.responder.incident.ApiRef;
import io.apigw5xx.responder.incident.Incident;
import io.apigw5xx.responder.incident.StageRate;
import io.apigw5xx.responder.incident.TimeWindow;
import io.apigw5xx.responder.incident.TriggerSource;
import io.apigw5xx.responder.testing.CloudTrailStub;
import io.apigw5xx.responder.testing.MotoAccount;
import io.apigw5xx.responder.testing.MotoServer;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * An API-wide alarm through the real adapters against moto: the gatherer lists the stages (one call), reads every
 * stage's 5xx and Count (one GetMetricData call), investigates the stage carrying the errors and keeps the
 * others' rates; the whole investigation costs at most 2 AWS calls more than the same API alarmed per stage.
 */
@ExtendWith(MotoServer.Extension.class)
class ApiWideNarrowingIT {

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

    @AfterEach
    void close() {
        account.close();
        clients.close();
    }

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
