package io.apigw5xx.responder.evidence.aws;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.apigw5xx.responder.analysis.TimestampChanges;
import io.apigw5xx.responder.evidence.ConfigStamps;
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
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Config timestamps read by the topology adapter, with the real SDK clients against moto. Where moto lacks a call
 * (apigatewayv2 GetDeployment; its GetStage has no DeploymentId; apigateway GetStage has no lastUpdatedDate, see
 * reference/config-timestamps.md) a WireMock stand-in answers in the service's wire format and passes every
 * other call through to moto.
 */
@ExtendWith(MotoServer.Extension.class)
class ConfigTimestampsIT {

    @Test
    void restApi_readsTheDeploymentsCreatedDateAndEachTargetsLastModified(MotoServer moto) {
        moto.reset();
        Instant before = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(1);
        String apiId;
        try (MotoAccount account = new MotoAccount(moto.endpoint())) {
            String role = account.createRole("ts-role");
            account.createFunction("orders", role, 10);
            account.createFunction("billing", role, 10);
            account.publishVersion("billing");
            account.createAlias("billing", "live", "1");
            apiId = account.createRestApi("ts-api", "prod", Map.of(
                    "POST /orders", MotoAccount.lambdaIntegrationUri(MotoAccount.functionArn("orders")),
                    "POST /billing", MotoAccount.lambdaIntegrationUri(MotoAccount.functionArn("billing") + ":live")));
        }
        Instant after = Instant.now().plusSeconds(1);

        SourceResult<Topology> result;
        try (AwsClients clients = EvidenceFixtures.clients(moto.endpoint(), moto.endpoint()).build()) {
            result = new TopologyAdapter(clients.apiGateway(), clients.apiGatewayV2(), clients.lambda(), Clock.systemUTC())
                    .topology(incident(ApiRef.restByName("ts-api")), Instant.now().plusSeconds(10));
        }

        ConfigStamps stamps = result.value().stamps();
        assertThat(result.gaps()).isEmpty();
        assertThat(stamps).isNotNull();
        assertThat(stamps.deploymentId()).isEqualTo(result.value().deploymentId()).isNotNull();
        assertThat(stamps.deploymentCreated()).isBetween(before, after);
        LambdaTarget orders = target(result.value(), "orders");
        LambdaTarget billing = target(result.value(), "billing");
        assertThat(TimestampChanges.parseLambdaTime(orders.lastModified())).isBetween(before, after);
        assertThat(orders.lastUpdateStatus()).isEqualTo("Successful");
        assertThat(billing.version()).isEqualTo("1");
        assertThat(TimestampChanges.parseLambdaTime(billing.lastModified())).isBetween(before, after);
        assertThat(result.value().apiId()).isEqualTo(apiId);
    }

    @Test
    void httpApi_readsStageAndDeploymentThroughTheWireFormat_andADeniedReadIsANamedGap(MotoServer moto) {
        moto.reset();
        String apiId;
        try (MotoAccount account = new MotoAccount(moto.endpoint())) {
            String role = account.createRole("ts-role");
            account.createFunction("orders", role, 10);
            apiId = account.createHttpApi("ts-http", "prod", Map.of("POST /orders", MotoAccount.functionArn("orders")));
        }
        WireMockServer v2 = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        v2.start();
        try {
            v2.stubFor(any(anyUrl()).atPriority(10).willReturn(aResponse().proxiedFrom(moto.endpoint().toString())));
            // apigatewayv2 GetStage as AWS sends it (camelCase keys, ISO-8601 dates); moto's lacks deploymentId
            v2.stubFor(get(urlPathMatching("/v2/apis/" + apiId + "/stages/prod")).atPriority(1).willReturn(json(200,
                    "{\"stageName\":\"prod\",\"autoDeploy\":true,\"deploymentId\":\"dep123\",\"createdDate\":\"2026-03-14T08:00:00Z\","
                            + "\"lastUpdatedDate\":\"2026-03-14T09:38:02Z\",\"stageVariables\":{}}")));
            v2.stubFor(get(urlPathMatching("/v2/apis/" + apiId + "/deployments/dep123")).atPriority(1).willReturn(json(200,
                    "{\"deploymentId\":\"dep123\",\"autoDeployed\":true,\"deploymentStatus\":\"DEPLOYED\","
                            + "\"createdDate\":\"2026-03-14T09:38:01Z\",\"description\":\"Automatic deployment triggered by changes\"}")));

            Topology read = readHttp(moto, v2, apiId).value();
            assertThat(read.stamps().stageLastUpdated()).isEqualTo(Instant.parse("2026-03-14T09:38:02Z"));
            assertThat(read.stamps().deploymentCreated()).isEqualTo(Instant.parse("2026-03-14T09:38:01Z"));
            assertThat(read.stamps().autoDeploy()).isTrue();
            assertThat(read.stamps().deploymentDescription()).contains("Automatic deployment");

            v2.stubFor(get(urlPathMatching("/v2/apis/" + apiId + "/deployments/dep123")).atPriority(1).willReturn(aResponse()
                    .withStatus(403).withHeader("Content-Type", "application/json").withHeader("x-amzn-ErrorType", "AccessDeniedException")
                    .withBody("{\"message\":\"User is not authorized to perform: apigateway:GET\"}")));
            SourceResult<Topology> denied = readHttp(moto, v2, apiId);
            assertThat(denied.value().stamps().deploymentCreated()).isNull();
            assertThat(denied.value().stamps().stageLastUpdated()).isEqualTo(Instant.parse("2026-03-14T09:38:02Z"));
            assertThat(denied.value().lambdaTargets()).extracting(LambdaTarget::functionName).containsExactly("orders");
            assertThat(denied.gaps()).singleElement().satisfies(g -> {
                assertThat(g.source()).isEqualTo(EvidenceSource.TOPOLOGY);
                assertThat(g.reason()).isEqualTo(GapReason.ACCESS_DENIED);
                assertThat(g.detail()).contains("apigatewayv2:GetDeployment").contains("deployment's time could not be read");
            });
        } finally {
            v2.stop();
        }
    }

    private static SourceResult<Topology> readHttp(MotoServer moto, WireMockServer v2, String apiId) {
        try (AwsClients clients = EvidenceFixtures.clients(moto.endpoint(), moto.endpoint())
                .endpoint(AwsClients.Service.APIGATEWAYV2, URI.create(v2.baseUrl())).build()) {
            return new TopologyAdapter(clients.apiGateway(), clients.apiGatewayV2(), clients.lambda(), Clock.systemUTC())
                    .topology(incident(ApiRef.http(apiId)), Instant.now().plusSeconds(10));
        }
    }

    private static Incident incident(ApiRef api) {
        Instant at = Instant.now();
        return new Incident(TriggerSource.CLI, MotoAccount.ACCOUNT, MotoAccount.REGION, api, "prod", null, at, TimeWindow.around(at));
    }

    private static LambdaTarget target(Topology t, String fn) {
        return t.lambdaTargets().stream().filter(l -> l.functionName().equals(fn)).findFirst().orElseThrow();
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
    }
}
