package io.apigw5xx.responder.evidence.aws;

import io.apigw5xx.responder.incident.ApiRef;
import io.apigw5xx.responder.incident.Incident;
import io.apigw5xx.responder.incident.TimeWindow;
import io.apigw5xx.responder.incident.TriggerSource;
import io.apigw5xx.responder.testing.CloudTrailStub;
import io.apigw5xx.responder.testing.MotoAccount;
import java.net.URI;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/** A seeded "orders" incident: a REST API whose Lambda started timing out after a deploy. */
public final class EvidenceFixtures {

    public static final String API_NAME = "orders-api";
    public static final String STAGE = "prod";
    public static final String ORDERS = "orders-handler";
    static final String PAYMENTS = "payments-handler";
    static final String ROLE = "orders-role";
    static final String ACCESS_LOG_GROUP = "orders-api-access";
    static final String TIMED_OUT = "2026-03-14T09:41:58.312Z 3f1e2d4c Task timed out after 29.03 seconds";

    private EvidenceFixtures() {}

    /** Seeds the account and returns the REST API id. */
    public static String seedRestIncident(MotoAccount account, Instant at) {
        return seedRestIncident(account, at, true, true);
    }

    /** @param metrics false: no datapoints anywhere; @param logs false: no log group exists */
    static String seedRestIncident(MotoAccount account, Instant at, boolean metrics, boolean logs) {
        String role = account.createRole(ROLE);
        account.createFunction(ORDERS, role, 29);
        account.createFunction(PAYMENTS, role, 10);
        String version = account.publishVersion(ORDERS);
        account.createAlias(ORDERS, "live", version);
        Map<String, String> routes = new LinkedHashMap<>();
        routes.put("POST /orders", MotoAccount.lambdaIntegrationUri(MotoAccount.functionArn(ORDERS) + ":live"));
        routes.put("GET /payments", MotoAccount.lambdaIntegrationUri(MotoAccount.functionArn("${stageVariables.paymentsFn}")));
        String apiId = account.createRestApi(API_NAME, STAGE, routes);
        account.setStageVariable(apiId, STAGE, "paymentsFn", PAYMENTS);
        account.enableRestLogging(apiId, STAGE, ACCESS_LOG_GROUP);
        account.allowApiGateway(ORDERS, "live", apiId);
        account.allowApiGateway(PAYMENTS, null, apiId);

        if (logs) {
            seedLogs(account, apiId, at);
        }
        if (metrics) {
            seedMetrics(account, at);
        }
        return apiId;
    }

    static void seedLogs(MotoAccount account, String apiId, Instant at) {
        Instant first = at.minus(3, ChronoUnit.MINUTES);
        account.putLogLines("/aws/lambda/" + ORDERS, "2026/03/14/[1]abc", first, List.of(
                "START RequestId: 3f1e2d4c Version: 1",
                TIMED_OUT,
                "REPORT RequestId: 3f1e2d4c\tDuration: 29030.00 ms\tBilled Duration: 29030 ms\tMemory Size: 512 MB\tMax Memory Used: 311 MB\tStatus: timeout"));
        account.putLogLines("/aws/lambda/" + PAYMENTS, "2026/03/14/[$LATEST]def", first, List.of("START RequestId: 77 Version: $LATEST"));
        account.putLogLines("API-Gateway-Execution-Logs_" + apiId + "/" + STAGE, "exec-1", first, List.of(
                "(c0475a28) Execution failed due to a timeout error", "(c0475a28) Method completed with status: 504"));
        account.putLogLines(ACCESS_LOG_GROUP, "access-1", first, List.of("{\"status\":\"504\"}", "{\"status\":\"200\"}"));
    }

    static void seedMetrics(MotoAccount account, Instant at) {
        Instant lastMinute = at.truncatedTo(ChronoUnit.MINUTES);
        Map<String, String> api = Map.of("ApiName", API_NAME, "Stage", STAGE);
        account.putMetric("AWS/ApiGateway", "5XXError", api, lastMinute, 0, 0, 4, 11, 17);
        account.putMetric("AWS/ApiGateway", "Count", api, lastMinute, 100, 100, 100, 100, 100);
        account.putMetric("AWS/ApiGateway", "IntegrationLatency", api, lastMinute, 120, 130, 29000, 29000, 29000);
        account.putMetric("AWS/Lambda", "Errors", Map.of("FunctionName", ORDERS), lastMinute, 0, 0, 4, 11, 17);
    }

    public static void seedChanges(CloudTrailStub cloudTrail, String apiId, Instant at) {
        Instant deploy = at.minus(4, ChronoUnit.MINUTES);
        cloudTrail.events("lambda.amazonaws.com", 2, List.of(
                CloudTrailStub.event("lambda.amazonaws.com", "UpdateFunctionCode20150331v2", deploy, "gha-deploy-8812",
                        "AWS::Lambda::Function", ORDERS, "{\"functionName\":\"" + ORDERS + "\",\"publish\":true}", false),
                CloudTrailStub.event("lambda.amazonaws.com", "UpdateAlias20150331", deploy.plusSeconds(20), "gha-deploy-8812",
                        null, null, "{\"functionName\":\"" + MotoAccount.functionArn(ORDERS) + "\",\"name\":\"live\"}", false),
                CloudTrailStub.event("lambda.amazonaws.com", "UpdateFunctionCode20150331v2", deploy.minusSeconds(60), "someone",
                        "AWS::Lambda::Function", "orders-handler-v2", "{\"functionName\":\"orders-handler-v2\"}", false),
                CloudTrailStub.event("lambda.amazonaws.com", "GetFunction20150331v2", deploy.plusSeconds(5), "reader",
                        "AWS::Lambda::Function", ORDERS, "{\"functionName\":\"" + ORDERS + "\"}", true),
                CloudTrailStub.event("lambda.amazonaws.com", "UpdateFunctionConfiguration20150331v2", deploy.minusSeconds(300), "ops",
                        "AWS::Lambda::Function", "billing", "{\"functionName\":\"billing\"}", false)));
        cloudTrail.events("apigateway.amazonaws.com", 50, List.of(
                CloudTrailStub.event("apigateway.amazonaws.com", "CreateDeployment", deploy.plusSeconds(30), "gha-deploy-8812", null, null,
                        "{\"restApiId\":\"" + apiId + "\",\"createDeploymentInput\":{\"stageName\":\"prod\"}}", false),
                CloudTrailStub.event("apigateway.amazonaws.com", "CreateDeployment", deploy.plusSeconds(40), "other", null, null,
                        "{\"restApiId\":\"zzzzzzzzzz\",\"createDeploymentInput\":{\"stageName\":\"prod\"}}", false)));
        cloudTrail.events("iam.amazonaws.com", 50, List.of(
                CloudTrailStub.event("iam.amazonaws.com", "DetachRolePolicy", deploy.minusSeconds(120), "jane", null, null,
                        "{\"roleName\":\"" + ROLE + "\",\"policyArn\":\"arn:aws:iam::aws:policy/AmazonDynamoDBFullAccess\"}", false)));
    }

    static Incident restIncident(Instant at) {
        return new Incident(TriggerSource.CLI, MotoAccount.ACCOUNT, MotoAccount.REGION, ApiRef.restByName(API_NAME), STAGE, null, at,
                TimeWindow.around(at));
    }

    public static AwsClients.Builder clients(URI moto, URI cloudTrail) {
        return AwsClients.builder().region(MotoAccount.REGION).endpoint(moto)
                .endpoint(AwsClients.Service.CLOUDTRAIL, cloudTrail)
                .credentials(StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing")));
    }
}
