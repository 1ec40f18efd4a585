package io.apigw5xx.responder.evidence.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.apigw5xx.responder.evidence.ChangeEvent;
import io.apigw5xx.responder.evidence.EvidenceSource;
import io.apigw5xx.responder.evidence.EvidenceUnavailableException;
import io.apigw5xx.responder.evidence.GapReason;
import io.apigw5xx.responder.evidence.LambdaTarget;
import io.apigw5xx.responder.evidence.SourceResult;
import io.apigw5xx.responder.evidence.Topology;
import io.apigw5xx.responder.incident.ApiRef;
import io.apigw5xx.responder.incident.ApiType;
import io.apigw5xx.responder.incident.Incident;
import io.apigw5xx.responder.incident.TimeWindow;
import io.apigw5xx.responder.incident.TriggerSource;
import io.apigw5xx.responder.testing.CloudTrailStub;
import io.apigw5xx.responder.testing.MotoAccount;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;

/** CloudTrailChangesAdapter against LookupEvents served by WireMock (moto does not implement it). */
class CloudTrailChangesAdapterIT {

    private static final String FN = "orders-handler";
    private static final String ROLE = "orders-role";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static CloudTrailStub stub;
    private static CloudTrailClient client;

    @BeforeAll
    static void start() {
        stub = new CloudTrailStub();
        client = CloudTrailClient.builder().region(Region.US_EAST_1).endpointOverride(stub.endpoint())
                .httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing"))).build();
    }

    @AfterAll
    static void stop() {
        client.close();
        stub.close();
    }

    @BeforeEach
    void reset() {
        stub.reset();
    }

    @Test
    void changes_iamLookupDenied_keepsOtherSourcesChangesAndNamesTheGap() {
        Instant at = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        stub.events("lambda.amazonaws.com", 50, List.of(CloudTrailStub.event("lambda.amazonaws.com", "UpdateFunctionCode20150331v2",
                at.minus(4, ChronoUnit.MINUTES), "deploy", "AWS::Lambda::Function", FN, "{\"functionName\":\"" + FN + "\"}", false)));
        stub.failSource("iam.amazonaws.com", 400, "AccessDeniedException", "User is not authorized to perform cloudtrail:LookupEvents");

        SourceResult<List<ChangeEvent>> result = adapter().changes(incident(at), topology(), Instant.now().plusSeconds(10));

        assertThat(result.value()).extracting(ChangeEvent::eventName).containsExactly("UpdateFunctionCode20150331v2");
        assertThat(result.gaps()).anySatisfy(g -> {
            assertThat(g.source()).isEqualTo(EvidenceSource.CHANGES);
            assertThat(g.reason()).isEqualTo(GapReason.ACCESS_DENIED);
            assertThat(g.detail()).startsWith("iam.amazonaws.com: ").contains("AccessDeniedException");
        });
    }

    @Test
    void changes_everySourceFails_throwsUnavailable() {
        stub.failAll(400, "ThrottlingException", "Rate exceeded");
        Instant at = Instant.now();

        assertThatThrownBy(() -> adapter().changes(incident(at), topology(), Instant.now().plusSeconds(10)))
                .isInstanceOfSatisfying(EvidenceUnavailableException.class, e -> assertThat(e.reason()).isEqualTo(GapReason.THROTTLED));
    }

    @Test
    void changes_anyIncident_readsFromThirtyMinutesBeforeWindowStartToItsEnd() throws Exception {
        Instant at = Instant.now().minus(2, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        Incident incident = incident(at);

        adapter().changes(incident, topology(), Instant.now().plusSeconds(10));

        List<ServeEvent> requests = stub.server().getAllServeEvents();
        assertThat(requests).isNotEmpty();
        for (ServeEvent request : requests) {
            JsonNode body = JSON.readTree(request.getRequest().getBodyAsString());
            assertThat(Instant.ofEpochSecond(body.get("StartTime").asLong()))
                    .isEqualTo(incident.window().from().minus(Duration.ofMinutes(30)));
            assertThat(Instant.ofEpochSecond(body.get("EndTime").asLong())).isEqualTo(incident.window().to());
        }
    }

    @Test
    void changes_windowYoungerThanDeliveryDelay_notesItWithTheDeliveryDelayPrefix() {
        SourceResult<List<ChangeEvent>> result = adapter().changes(incident(Instant.now()), topology(), Instant.now().plusSeconds(10));

        assertThat(result.gaps()).filteredOn(g -> g.reason() == GapReason.INCOMPLETE && g.detail().contains("CloudTrail delivers"))
                .singleElement().satisfies(g -> assertThat(g.detail()).startsWith("delivery delay:"));
    }

    private static CloudTrailChangesAdapter adapter() {
        return new CloudTrailChangesAdapter(client, client, MotoAccount.REGION, Clock.systemUTC());
    }

    private static Incident incident(Instant at) {
        return new Incident(TriggerSource.CLI, MotoAccount.ACCOUNT, MotoAccount.REGION, ApiRef.restByName("orders-api"), "prod", null, at,
                TimeWindow.around(at));
    }

    /** One Lambda target with a role: the adapter reads API Gateway, Lambda and IAM events. */
    private static Topology topology() {
        LambdaTarget target = new LambdaTarget(FN, null, MotoAccount.functionArn(FN), true, 29, 512, null,
                "arn:aws:iam::" + MotoAccount.ACCOUNT + ":role/" + ROLE, "1", null, null, null, false, false);
        return new Topology(ApiType.REST, "a1b2c3d4e5", "orders-api", "prod", "dep1", null, false, null, List.of(), List.of(),
                List.of(target), null, null, List.of());
    }
}
