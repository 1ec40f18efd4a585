package io.apigw5xx.responder.evidence.aws;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
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
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The managed policies on the targets' execution roles (IAM ListAttachedRolePolicies, GetPolicy as signed query
 * calls) against moto; a WireMock proxy in front of it counts the IAM calls and answers with IAM's XML errors.
 */
@ExtendWith(MotoServer.Extension.class)
class ManagedPolicyStampsIT {

    private static final String AWS_MANAGED = "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole";

    private WireMockServer iam;
    private Instant before;
    private Instant after;
    private String policyArn;

    @BeforeEach
    void seed(MotoServer moto) {
        moto.reset();
        before = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(1);
        try (MotoAccount account = new MotoAccount(moto.endpoint())) {
            String shared = account.createRole("mp-shared");
            String own = account.createRole("mp-own");
            policyArn = account.createPolicy("orders-table", "dynamodb:GetItem");
            account.attachRolePolicy("mp-shared", policyArn);
            account.createFunction("orders", shared, 10);
            account.createFunction("billing", shared, 10);
            account.createFunction("audit", own, 10);
            account.createRestApi("mp-api", "prod", Map.of(
                    "POST /orders", MotoAccount.lambdaIntegrationUri(MotoAccount.functionArn("orders")),
                    "POST /billing", MotoAccount.lambdaIntegrationUri(MotoAccount.functionArn("billing")),
                    "POST /audit", MotoAccount.lambdaIntegrationUri(MotoAccount.functionArn("audit"))));
        }
        after = Instant.now().plusSeconds(1);
        iam = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        iam.start();
        iam.stubFor(any(anyUrl()).atPriority(10).willReturn(aResponse().proxiedFrom(moto.endpoint().toString())));
    }

    @AfterEach
    void stop() {
        iam.stop();
    }

    @Test
    void eachRoleIsListedOnce_andOnlyCustomerManagedPoliciesAreRead(MotoServer moto) {
        // moto loads no AWS-managed policies: mp-own's list answers as IAM would with one attached
        iam.stubFor(post(urlEqualTo("/")).atPriority(1).withRequestBody(containing("RoleName=mp-own")).willReturn(aResponse()
                .withStatus(200).withHeader("Content-Type", "text/xml").withBody(
                        "<ListAttachedRolePoliciesResponse xmlns=\"https://iam.amazonaws.com/doc/2010-05-08/\"><ListAttachedRolePoliciesResult>"
                        + "<AttachedPolicies><member><PolicyName>AWSLambdaBasicExecutionRole</PolicyName><PolicyArn>" + AWS_MANAGED
                        + "</PolicyArn></member></AttachedPolicies><IsTruncated>false</IsTruncated></ListAttachedRolePoliciesResult>"
                        + "<ResponseMetadata><RequestId>7a1c</RequestId></ResponseMetadata></ListAttachedRolePoliciesResponse>")));
        SourceResult<Topology> result = read(moto);

        assertThat(result.gaps()).isEmpty();
        assertThat(result.value().stamps().managedPolicies()).singleElement().satisfies(p -> {
            assertThat(p.role()).isEqualTo("mp-shared");
            assertThat(p.policyArn()).isEqualTo(policyArn);
            assertThat(p.defaultVersionId()).isEqualTo("v1");
            assertThat(p.updateDate()).isBetween(before, after);
        });
        // two roles among three targets: two lists; one GetPolicy (the AWS-managed policy is listed, not read)
        iam.verify(2, postRequestedFor(urlEqualTo("/")).withRequestBody(containing("Action=ListAttachedRolePolicies")));
        iam.verify(1, postRequestedFor(urlEqualTo("/")).withRequestBody(containing("Action=GetPolicy")));
        iam.verify(1, postRequestedFor(urlEqualTo("/")).withHeader("Authorization", containing("/us-east-1/iam/aws4_request"))
                .withRequestBody(containing("Action=GetPolicy")));
    }

    @Test
    void aDeniedListOrAThrottledGetPolicyIsANamedGap_andTheRestGoesOn(MotoServer moto) {
        iam.stubFor(post(urlEqualTo("/")).atPriority(1).withRequestBody(containing("RoleName=mp-own"))
                .willReturn(xml(403, "Sender", "AccessDenied",
                        "User: arn:aws:sts::123456789012:assumed-role/responder is not authorized to perform: iam:ListAttachedRolePolicies")));
        iam.stubFor(post(urlEqualTo("/")).atPriority(1).withRequestBody(containing("Action=GetPolicy"))
                .willReturn(xml(400, "Sender", "Throttling", "Rate exceeded")));

        SourceResult<Topology> result = read(moto);

        assertThat(result.value().stamps().managedPolicies()).isEmpty();
        assertThat(result.value().stamps().deploymentCreated()).isNotNull();
        assertThat(result.value().lambdaTargets()).extracting(LambdaTarget::functionName)
                .containsExactlyInAnyOrder("orders", "billing", "audit");
        assertThat(result.value().lambdaTargets()).allSatisfy(t -> assertThat(t.lastModified()).isNotNull());
        assertThat(result.gaps()).hasSize(2).allSatisfy(g -> assertThat(g.source()).isEqualTo(EvidenceSource.TOPOLOGY));
        assertThat(result.gaps()).anySatisfy(g -> {
            assertThat(g.reason()).isEqualTo(GapReason.ACCESS_DENIED);
            assertThat(g.detail()).contains("iam:ListAttachedRolePolicies mp-own").contains("could not be read").contains("AccessDenied");
        });
        assertThat(result.gaps()).anySatisfy(g -> {
            assertThat(g.reason()).isEqualTo(GapReason.THROTTLED);
            assertThat(g.detail()).contains("iam:GetPolicy " + policyArn).contains("Throttling");
        });
    }

    @Test
    void aHungIamRead_isAGapOfItsOwn_andTheRestOfTheTopologyIsThere(MotoServer moto) {
        // Longer than two attempts at the signed calls' socket timeout, shorter than the topology deadline (10 s):
        // without the timeout the read would succeed late and no gap would be named.
        iam.stubFor(post(urlEqualTo("/")).atPriority(1).withRequestBody(containing("RoleName=mp-own"))
                .willReturn(aResponse().withFixedDelay(7_000).withStatus(200).withBody(
                        "<ListAttachedRolePoliciesResponse xmlns=\"https://iam.amazonaws.com/doc/2010-05-08/\"><ListAttachedRolePoliciesResult>"
                                + "<AttachedPolicies/><IsTruncated>false</IsTruncated></ListAttachedRolePoliciesResult></ListAttachedRolePoliciesResponse>")));

        SourceResult<Topology> result = read(moto);

        assertThat(result.value().lambdaTargets()).extracting(LambdaTarget::functionName)
                .containsExactlyInAnyOrder("orders", "billing", "audit");
        assertThat(result.value().stamps().deploymentCreated()).isNotNull();
        assertThat(result.gaps()).singleElement().satisfies(g -> {
            assertThat(g.reason()).isEqualTo(GapReason.TIMEOUT);
            assertThat(g.detail()).contains("iam:ListAttachedRolePolicies mp-own");
        });
    }

    private SourceResult<Topology> read(MotoServer moto) {
        try (AwsClients clients = EvidenceFixtures.clients(moto.endpoint(), moto.endpoint())
                .endpoint(AwsClients.Service.IAM, URI.create(iam.baseUrl())).build()) {
            Instant at = Instant.now();
            Incident incident = new Incident(TriggerSource.CLI, MotoAccount.ACCOUNT, MotoAccount.REGION, ApiRef.restByName("mp-api"),
                    "prod", null, at, TimeWindow.around(at));
            SourceResult<Topology> result = new TopologyAdapter(clients.apiGateway(), clients.apiGatewayV2(), clients.lambda(),
                    clients.iamPolicies(), Clock.systemUTC()).topology(incident, Instant.now().plusSeconds(10));
            return result;
        }
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder xml(int status, String type, String code, String message) {
        return aResponse().withStatus(status).withHeader("Content-Type", "text/xml").withBody(
                "<ErrorResponse xmlns=\"https://iam.amazonaws.com/doc/2010-05-08/\"><Error><Type>" + type + "</Type><Code>" + code
                        + "</Code><Message>" + message + "</Message></Error><RequestId>4f1e</RequestId></ErrorResponse>");
    }
}
