package io.apigw5xx.responder.evidence.aws;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static io.apigw5xx.responder.evidence.aws.EvidenceFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.apigw5xx.responder.evidence.Evidence;
import io.apigw5xx.responder.evidence.EvidenceSource;
import io.apigw5xx.responder.evidence.GapReason;
import io.apigw5xx.responder.evidence.LogEvent;
import io.apigw5xx.responder.testing.CloudTrailStub;
import io.apigw5xx.responder.testing.MotoAccount;
import io.apigw5xx.responder.testing.MotoServer;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Evidence paths the main ITs do not reach: Logs Insights unavailable, two REST APIs with one name. */
@ExtendWith(MotoServer.Extension.class)
class EvidenceEdgeCasesIT {

    private static CloudTrailStub cloudTrail;
    private MotoAccount account;

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
    }

    @AfterEach
    void close(MotoServer moto) {
        account.close();
        moto.reset();
    }

    @Test
    void gather_logsInsightsNotOffered_fallsBackToFilterLogEventsAndSaysSo(MotoServer moto) {
        Instant at = Instant.now();
        seedRestIncident(account, at);
        // CloudWatch Logs in front of moto: StartQuery refused the way a partition without Insights would,
        // every other Logs call passed through to moto unchanged.
        WireMockServer logs = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        logs.start();
        try {
            logs.stubFor(post(urlEqualTo("/")).atPriority(1)
                    .withHeader("X-Amz-Target", containing("StartQuery"))
                    .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/x-amz-json-1.1")
                            .withBody("{\"__type\":\"InvalidOperationException\",\"message\":\"Logs Insights is not available here\"}")));
            logs.stubFor(any(anyUrl()).atPriority(10).willReturn(aResponse().proxiedFrom(moto.endpoint().toString())));

            try (AwsClients clients = clients(moto.endpoint(), cloudTrail.endpoint())
                    .endpoint(AwsClients.Service.LOGS, URI.create(logs.baseUrl())).build()) {
                Evidence evidence = new AwsEvidenceGatherer(clients, Clock.systemUTC())
                        .gather(restIncident(at), Instant.now().plusSeconds(20));

                assertThat(evidence.gaps()).anySatisfy(gap -> {
                    assertThat(gap.source()).isEqualTo(EvidenceSource.LOGS);
                    assertThat(gap.reason()).isEqualTo(GapReason.INCOMPLETE);
                    assertThat(gap.detail()).contains("Logs Insights unavailable").contains("FilterLogEvents");
                });
                assertThat(evidence.logs()).extracting(LogEvent::message).anyMatch(m -> m.contains("Task timed out"));
                logs.verify(postRequestedFor(urlEqualTo("/")).withHeader("X-Amz-Target", containing("FilterLogEvents")));
            }
        } finally {
            logs.stop();
        }
    }

    @Test
    void gather_twoRestApisShareTheName_usesTheOneWithTheStageAndNotesTheAmbiguity(MotoServer moto) {
        Instant at = Instant.now();
        String decoy = account.createRestApi(API_NAME, "staging",
                Map.of("POST /orders", MotoAccount.lambdaIntegrationUri(MotoAccount.functionArn("legacy-orders"))));
        String apiId = seedRestIncident(account, at);

        try (AwsClients clients = clients(moto.endpoint(), cloudTrail.endpoint()).build()) {
            Evidence evidence = new AwsEvidenceGatherer(clients, Clock.systemUTC())
                    .gather(restIncident(at), Instant.now().plusSeconds(20));

            assertThat(evidence.topology()).isNotNull();
            assertThat(evidence.topology().apiId()).isEqualTo(apiId).isNotEqualTo(decoy);
            assertThat(evidence.topology().notes()).anySatisfy(note ->
                    assertThat(note).contains("2 REST APIs are named '" + API_NAME + "'").contains(decoy).contains(apiId));
        }
    }
}
