package io.apigw5xx.responder.evidence.aws;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.apigw5xx.responder.evidence.aws.EvidenceFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import io.apigw5xx.responder.evidence.BundleCodec;
import io.apigw5xx.responder.evidence.Evidence;
import io.apigw5xx.responder.evidence.EvidenceBundle;
import io.apigw5xx.responder.evidence.EvidenceSource;
import io.apigw5xx.responder.evidence.GapReason;
import io.apigw5xx.responder.incident.Incident;
import io.apigw5xx.responder.testing.CloudTrailStub;
import io.apigw5xx.responder.testing.MotoAccount;
import io.apigw5xx.responder.testing.MotoServer;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every source × every failure mode, injected at the AWS boundary: a WireMock server answering as the failing
 * service would (AccessDenied, throttling on every attempt, an answer slower than the deadline), or moto
 * with the resource simply absent. In each case the other sources' evidence still arrives, the gap names
 * the source and reason, and the evidence still makes a valid bundle.
 */
@ExtendWith(MotoServer.Extension.class)
class EvidenceFailureMatrixIT {

    enum Failure { ACCESS_DENIED, THROTTLED, SLOWER_THAN_DEADLINE, MISSING }

    private static final Duration DEADLINE = Duration.ofSeconds(10);
    private static CloudTrailStub cloudTrail;
    private static WireMockServer faulty;

    @BeforeAll
    static void start() {
        cloudTrail = new CloudTrailStub();
        faulty = new WireMockServer(wireMockConfig().bindAddress("127.0.0.1").dynamicPort());
        faulty.start();
    }

    @AfterAll
    static void stop() {
        cloudTrail.close();
        faulty.stop();
    }

    static Stream<Arguments> cases() {
        List<Arguments> cases = new ArrayList<>();
        for (EvidenceSource source : EvidenceSource.values()) {
            for (Failure failure : Failure.values()) {
                cases.add(Arguments.of(source, failure));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void gather_oneSourceFails_othersArriveAndGapIsNamed(EvidenceSource failing, Failure failure, MotoServer moto) {
        moto.reset();
        cloudTrail.reset();
        faulty.resetAll();
        Instant at = Instant.now();
        AwsClients.Builder builder = clients(moto.endpoint(), cloudTrail.endpoint());
        String apiId;
        try (MotoAccount account = new MotoAccount(moto.endpoint())) {
            boolean missing = failure == Failure.MISSING;
            apiId = seedRestIncident(account, at, !(missing && failing == EvidenceSource.METRICS), !(missing && failing == EvidenceSource.LOGS));
        }
        seedChanges(cloudTrail, apiId, at);
        inject(failing, failure, builder);
        Incident incident = restIncident(at);

        Evidence evidence;
        Instant started = Instant.now();
        try (AwsClients clients = builder.build()) {
            evidence = new AwsEvidenceGatherer(clients, Clock.systemUTC()).gather(incident, started.plus(DEADLINE));
        }
        Duration took = Duration.between(started, Instant.now());

        assertThat(took).isLessThan(DEADLINE.plusSeconds(2));
        assertThat(evidence.gaps()).as("gaps %s", evidence.gaps())
                .anySatisfy(g -> {
                    assertThat(g.source()).isEqualTo(failing);
                    assertThat(g.reason()).isEqualTo(expectedReason(failing, failure));
                    assertThat(g.detail()).isNotBlank();
                });
        if (failing != EvidenceSource.TOPOLOGY) {
            assertThat(evidence.topology()).isNotNull();
            assertThat(evidence.topology().lambdaTargets()).hasSize(2);
        } else {
            assertThat(evidence.topology()).isNull();
        }
        if (failing != EvidenceSource.METRICS) {
            assertThat(evidence.metrics()).anySatisfy(s -> {
                assertThat(s.metricName()).isEqualTo("5XXError");
                assertThat(s.points()).isNotEmpty();
            });
        }
        if (failing != EvidenceSource.CHANGES && failing != EvidenceSource.TOPOLOGY) {
            assertThat(evidence.changes()).extracting(c -> c.eventName()).contains("UpdateFunctionCode20150331v2");
        }
        if (failing != EvidenceSource.LOGS && failing != EvidenceSource.TOPOLOGY) {
            assertThat(evidence.logs()).extracting(l -> l.message()).contains(TIMED_OUT);
        }
        if (failing == EvidenceSource.TOPOLOGY) {
            // Without the API's configuration the Lambda targets are unknown: changes and logs say what they lack.
            assertThat(evidence.gaps()).anySatisfy(g -> assertThat(g.source()).isEqualTo(EvidenceSource.CHANGES));
            assertThat(evidence.gaps()).anySatisfy(g -> assertThat(g.source()).isEqualTo(EvidenceSource.LOGS));
        }
        // A report is still produced from this evidence: it makes a valid bundle.
        BundleCodec codec = new BundleCodec();
        EvidenceBundle bundle = codec.read(codec.write(EvidenceBundle.of(incident, evidence)), "matrix");
        assertThat(bundle.evidence().gaps()).isEqualTo(evidence.gaps());
    }

    private static GapReason expectedReason(EvidenceSource source, Failure failure) {
        return switch (failure) {
            case ACCESS_DENIED -> GapReason.ACCESS_DENIED;
            case THROTTLED -> GapReason.THROTTLED;
            case SLOWER_THAN_DEADLINE -> GapReason.TIMEOUT;
            case MISSING -> source == EvidenceSource.CHANGES ? GapReason.NOT_ENABLED : GapReason.NOT_FOUND;
        };
    }

    private static void inject(EvidenceSource source, Failure failure, AwsClients.Builder builder) {
        URI faultyEndpoint = URI.create("http://127.0.0.1:" + faulty.port());
        boolean xml = source == EvidenceSource.METRICS; // CloudWatch speaks the AWS query protocol
        if (source == EvidenceSource.CHANGES) {
            switch (failure) {
                case ACCESS_DENIED -> cloudTrail.failAll(400, "AccessDeniedException", "User is not authorized to perform cloudtrail:LookupEvents");
                case THROTTLED -> cloudTrail.failAll(400, "ThrottlingException", "Rate exceeded");
                case SLOWER_THAN_DEADLINE -> cloudTrail.delayAll((int) DEADLINE.plusSeconds(10).toMillis());
                case MISSING -> cloudTrail.failAll(400, "OperationNotPermittedException", "Event history is not available for this account");
            }
            return;
        }
        if (failure == Failure.MISSING && source != EvidenceSource.TOPOLOGY) {
            return; // metrics and logs: moto simply has no datapoints / no log groups (seeded that way)
        }
        ResponseDefinitionBuilder response = switch (failure) {
            case ACCESS_DENIED -> error(403, xml ? "AccessDenied" : "AccessDeniedException", "User is not authorized", xml);
            case THROTTLED -> error(xml ? 400 : 429, xml ? "Throttling" : "TooManyRequestsException", "Rate exceeded", xml);
            case SLOWER_THAN_DEADLINE -> error(200, "", "", xml).withBody(xml ? "<GetMetricDataResponse/>" : "{}")
                    .withFixedDelay((int) DEADLINE.plusSeconds(10).toMillis());
            case MISSING -> error(404, "NotFoundException", "Invalid API identifier specified", false);
        };
        faulty.stubFor(any(anyUrl()).willReturn(response));
        builder.endpoint(switch (source) {
            case METRICS -> AwsClients.Service.CLOUDWATCH;
            case LOGS -> AwsClients.Service.LOGS;
            case TOPOLOGY -> AwsClients.Service.APIGATEWAY;
            case CHANGES -> AwsClients.Service.CLOUDTRAIL;
        }, faultyEndpoint);
    }

    private static ResponseDefinitionBuilder error(int status, String code, String message, boolean xml) {
        if (xml) {
            return aResponse().withStatus(status).withHeader("Content-Type", "text/xml")
                    .withBody("<ErrorResponse xmlns=\"http://monitoring.amazonaws.com/doc/2010-08-01/\"><Error><Type>Sender</Type><Code>"
                            + code + "</Code><Message>" + message + "</Message></Error><RequestId>r-1</RequestId></ErrorResponse>");
        }
        return aResponse().withStatus(status).withHeader("Content-Type", "application/x-amz-json-1.1")
                .withHeader("x-amzn-ErrorType", code).withBody("{\"__type\":\"" + code + "\",\"message\":\"" + message + "\"}");
    }
}
