package io.apigw5xx.responder.evidence.aws;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.apigw5xx.responder.evidence.EvidenceSource;
import io.apigw5xx.responder.evidence.GapReason;
import io.apigw5xx.responder.evidence.LambdaTarget;
import io.apigw5xx.responder.evidence.SourceResult;
import io.apigw5xx.responder.evidence.Topology;
import io.apigw5xx.responder.incident.ApiRef;
import io.apigw5xx.responder.incident.Incident;
import io.apigw5xx.responder.incident.TimeWindow;
import io.apigw5xx.responder.incident.TriggerSource;
import io.apigw5xx.responder.testing.MotoAccount;
import io.apigw5xx.responder.testing.MotoServer;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Lambda reads that fail must not read as evidence: Lambda sits behind WireMock, which fails chosen
 * GetFunction/GetPolicy calls the way AWS would and passes every other call through to moto.
 */
@ExtendWith(MotoServer.Extension.class)
class TopologyLambdaReadsIT {

    private static final String FUNCTIONS = "/2015-03-31/functions/";

    @Test
    void topology_lambdaReadsFail_marksThemUnknownAndOnlyNotFoundMeansMissing(MotoServer moto) {
        moto.reset();
        Map<String, String> routes = new LinkedHashMap<>();
        try (MotoAccount account = new MotoAccount(moto.endpoint())) {
            String role = account.createRole("t-role");
            account.createFunction("orders-v2", role, 10);
            account.createFunction("payments", role, 10);
            account.createFunction("slow", role, 10);
            // "orders" does not exist; its name is a prefix of "orders-v2", whose GetFunction fails and is read first.
            for (String fn : new String[] {"orders-v2", "orders", "payments", "slow"}) {
                routes.put("POST /" + fn, MotoAccount.lambdaIntegrationUri(MotoAccount.functionArn(fn)));
            }
            String apiId = account.createRestApi("t-api", "prod", routes);
            account.allowApiGateway("orders-v2", null, apiId);
            account.allowApiGateway("slow", null, apiId);
        }
        WireMockServer lambda = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        lambda.start();
        try {
            lambda.stubFor(any(anyUrl()).atPriority(10).willReturn(aResponse().proxiedFrom(moto.endpoint().toString())));
            lambda.stubFor(get(urlPathEqualTo(FUNCTIONS + "orders-v2")).atPriority(1).willReturn(json(429,
                    "TooManyRequestsException", "Rate exceeded")));
            lambda.stubFor(get(urlPathEqualTo(FUNCTIONS + "payments/policy")).atPriority(1).willReturn(json(403,
                    "AccessDeniedException", "User is not authorized to perform lambda:GetPolicy")));
            lambda.stubFor(get(urlPathEqualTo(FUNCTIONS + "slow")).atPriority(1).willReturn(aResponse()
                    .proxiedFrom(moto.endpoint().toString()).withFixedDelay(15_000)));

            Instant at = Instant.now();
            Incident incident = new Incident(TriggerSource.CLI, MotoAccount.ACCOUNT, MotoAccount.REGION, ApiRef.restByName("t-api"),
                    "prod", null, at, TimeWindow.around(at));
            SourceResult<Topology> result;
            try (AwsClients clients = EvidenceFixtures.clients(moto.endpoint(), moto.endpoint())
                    .endpoint(AwsClients.Service.LAMBDA, URI.create(lambda.baseUrl())).build()) {
                result = new TopologyAdapter(clients.apiGateway(), clients.apiGatewayV2(), clients.lambda(), Clock.systemUTC())
                        .topology(incident, Instant.now().plusSeconds(6));
            }

            Map<String, LambdaTarget> targets = result.value().lambdaTargets().stream()
                    .collect(Collectors.toMap(LambdaTarget::functionName, Function.identity()));
            assertThat(targets.get("orders")).as("ResourceNotFound: missing, and that is known")
                    .extracting(LambdaTarget::exists, LambdaTarget::configUnknown).containsExactly(false, false);
            assertThat(targets.get("orders-v2")).as("GetFunction throttled: unknown, assumed existing")
                    .extracting(LambdaTarget::exists, LambdaTarget::configUnknown, LambdaTarget::policyUnknown)
                    .containsExactly(true, true, false);
            assertThat(targets.get("orders-v2").policy()).contains("apigateway.amazonaws.com");
            assertThat(targets.get("payments")).as("GetPolicy denied: policy unknown, configuration read")
                    .extracting(LambdaTarget::exists, LambdaTarget::configUnknown, LambdaTarget::policyUnknown, LambdaTarget::policy)
                    .containsExactly(true, false, true, null);
            assertThat(targets.get("payments").timeoutSeconds()).isEqualTo(10);
            assertThat(targets.get("slow")).as("GetFunction past the deadline: unknown, assumed existing")
                    .extracting(LambdaTarget::exists, LambdaTarget::configUnknown).containsExactly(true, true);
            assertThat(result.gaps()).allSatisfy(g -> assertThat(g.source()).isEqualTo(EvidenceSource.TOPOLOGY));
            assertThat(result.gaps()).anySatisfy(g -> {
                assertThat(g.reason()).isEqualTo(GapReason.THROTTLED);
                assertThat(g.detail()).startsWith("lambda:GetFunction orders-v2");
            }).anySatisfy(g -> {
                assertThat(g.reason()).isEqualTo(GapReason.ACCESS_DENIED);
                assertThat(g.detail()).startsWith("lambda:GetPolicy payments");
            }).anySatisfy(g -> {
                assertThat(g.reason()).isEqualTo(GapReason.TIMEOUT);
                assertThat(g.detail()).contains("lambda:GetFunction").contains("slow");
            });
        } finally {
            lambda.stop();
        }
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(int status, String code, String message) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withHeader("x-amzn-ErrorType", code)
                .withBody("{\"Type\":\"User\",\"message\":\"" + message + "\"}");
    }
}
