package io.apigw5xx.responder.analysis.scenarios;

import static io.apigw5xx.responder.analysis.scenarios.ScenarioKit.FN;
import static io.apigw5xx.responder.analysis.scenarios.ScenarioKit.FN_ROLE;
import static io.apigw5xx.responder.analysis.scenarios.ScenarioKit.REGION;
import static io.apigw5xx.responder.analysis.scenarios.ScenarioKit.ACCOUNT;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.apigw5xx.responder.evidence.Authorizer;
import io.apigw5xx.responder.evidence.BundleCodec;
import io.apigw5xx.responder.evidence.ConfigStamps;
import io.apigw5xx.responder.evidence.EvidenceBundle;
import io.apigw5xx.responder.evidence.EvidenceSource;
import io.apigw5xx.responder.evidence.Gap;
import io.apigw5xx.responder.evidence.GapReason;
import io.apigw5xx.responder.evidence.Integration;
import io.apigw5xx.responder.evidence.LambdaTarget;
import io.apigw5xx.responder.evidence.Topology;
import io.apigw5xx.responder.incident.ApiType;
import io.apigw5xx.responder.trigger.TriggerOutcome;
import io.apigw5xx.responder.trigger.TriggerParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntToDoubleFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Writes the scenario catalogue ({@code src/test/resources/scenarios/*.json}) and the demo bundle. Run on
 * purpose only: {@code ./mvnw -o test -Dtest=ScenarioCatalogueWriter -Dscenarios.write=true}. The files are
 * committed; new scenarios can be written by hand in the same format without touching this class.
 */
class ScenarioCatalogueWriter {

    private static final Path OUT = Path.of("src/test/resources/scenarios");
    private static final String SSO = "AWSReservedSSO_PlatformAdmin_0123456789abcdef";
    private static final String TF = "platform-terraform";

    @Test
    @EnabledIfSystemProperty(named = "scenarios.write", matches = "true")
    void writeCatalogue() throws Exception {
        Files.createDirectories(OUT);
        List<ScenarioKit> all = new ArrayList<>();
        all.add(restDeployRegression());
        all.add(httpDeployRegression());
        all.add(restLambdaTimeout());
        all.add(restLambdaTimeoutLowered());
        all.add(restIntegrationTimeoutLowered());
        all.add(restGradualLatency());
        all.add(restInvokePermissionRemoved());
        all.add(restResourcePolicyNarrowed());
        all.add(restExecutionRoleDetached());
        all.add(httpIntegrationTargetChanged());
        all.add(restMappingTemplateDeployed());
        all.add(restThrottlingLowered());
        all.add(httpThrottlingCloudTrailGap());
        all.add(restMalformedProxy());
        all.add(restHttpBackendDown());
        all.add(restDownstreamIntermittent());
        all.add(restAuthorizerUpdated());
        all.add(restStaticGetMethod());
        all.add(restStaticStageVariable());
        all.add(restStaticNoVpcLink());
        all.add(restCompetingChanges());
        all.add(httpUnrelatedIamUnknown());
        all.add(restDeploy20MinBefore());
        all.add(httpTinyTraffic());
        all.add(restAlarmRecovering());
        all.add(httpLambdaTimeoutNoisy());
        all.add(httpDefaultRouteLiveDelay());
        all.add(alarmTimeDeployVersionStamp());
        all.add(alarmTimeAliasMoveFirstLogStream());
        all.add(alarmTimeStageRedeployMapping());
        all.add(alarmTimeHttpAutoDeployMissingFunction());
        all.add(alarmTimePermissionRemoved());
        all.add(alarmTimeLatestDeployUnqualified());
        all.add(alarmTimeDecoyOtherAlias());
        all.add(alarmTimeLambdaTimeoutReadOnlyNoise());
        all.add(alarmTimeThrottlingAtLimit());
        all.add(alarmTimeBackendDownHarmlessTag());
        all.add(alarmTimeUnknownLogsOff());
        all.add(alarmTimeDeployCloudTrailListed());
        all.add(alarmTimeMalformedAfterDeploy());
        all.add(alarmTimePartialOnsetPlateau());
        all.add(alarmTimeSlowRamp());
        all.add(alarmTimeAuthorizerFailing());
        all.add(alarmTimeExecutionRolePolicyTimestamp());
        all.add(harmlessDescriptionDoesNotHideDeploy());
        for (ScenarioKit k : all) {
            ObjectNode node = k.scenario(k.alarmAt);
            Files.writeString(OUT.resolve(k.name + ".json"), k.json.writerWithDefaultPrettyPrinter().writeValueAsString(node) + "\n");
        }
        writeDemo(restDeployRegression());
    }

    private static void writeDemo(ScenarioKit k) throws Exception {
        TriggerOutcome outcome = new TriggerParser(REGION).parse(k.trigger.toString());
        if (!(outcome instanceof TriggerOutcome.Investigate investigate)) {
            throw new IllegalStateException("demo trigger not investigated: " + outcome);
        }
        EvidenceBundle bundle = EvidenceBundle.of(investigate.incident(), k.evidence(k.alarmAt));
        Path demo = Path.of("src/main/resources/demo/demo-incident.json");
        Files.createDirectories(demo.getParent());
        Files.writeString(demo, new BundleCodec().write(bundle) + "\n");
    }

    // ------------------------------------------------------------------ helpers

    static IntToDoubleFunction from(int onset, double before, double after) {
        return k -> k >= onset ? after : before;
    }

    static IntToDoubleFunction flat(double v) {
        return k -> v;
    }

    private static ScenarioKit kit(String name, String description, ApiType type, String alarmAt, long seed, int evaluationPeriods,
                                   double threshold) {
        ScenarioKit k = new ScenarioKit(name, description, type, Instant.parse(alarmAt), seed);
        k.evaluationPeriods = evaluationPeriods;
        k.alarmThreshold = threshold;
        return k;
    }

    /** Lambda errors per minute = the API's 5xx that minute times {@code share}. */
    private static IntToDoubleFunction lambdaErrors(ScenarioKit k, int onset, double share) {
        return m -> m >= onset ? k.errorsAt(m) * share : 0;
    }

    private static void npeLines(ScenarioKit k, String fn, int fromMinute, int toMinute, int perMinute, boolean executionLog) {
        String message = "Cannot invoke \"com.example.orders.Order.getCustomerId()\" because \"order\" is null";
        k.everyMinute(fromMinute, toMinute, perMinute, (t, id) -> {
            k.javaException(fn, t, id, "java.lang.NullPointerException", message,
                    "com.example.orders.OrderValidator.validate(OrderValidator.java:57)");
            if (executionLog) {
                String apiReq = k.requestId();
                k.executionLog(t.plusMillis(6), apiReq, "Lambda execution failed with status 200 due to customer function error: "
                        + message + ". Lambda request id: " + id);
                k.executionLog(t.plusMillis(7), apiReq, "Method completed with status: 502");
            }
        });
    }

    // ------------------------------------------------------------------ scenarios

    // ------------------------------------------------------------------ issue 14: read at alarm time, config timestamps

    private static final String NPE = "Cannot invoke \"com.example.orders.Order.getCustomerId()\" because \"order\" is null";

    /** A read-only call an engineer makes while looking: noise that is never a change. */
    private static void lookingAround(ScenarioKit k, Instant t, String session) {
        ObjectNode req = k.json.createObjectNode();
        req.put("functionName", FN);
        k.trail("GetFunction20150331v2", "lambda.amazonaws.com", t, SSO, session, "aws-cli/2.22.10", req, null, "AWS::Lambda::Function", FN);
    }

    static ScenarioKit alarmTimeDeployVersionStamp() {
        ScenarioKit k = kit("alarm-time-rest-deploy-version-timestamp",
                "Read 35 s after the alarm. CI deploys orders-handler version 43 and moves alias live 40 s before the onset; CloudTrail "
                        + "does not list the calls yet. GetFunction shows version 43 modified then, and the NullPointerExceptions come from "
                        + "[43] log streams only.", ApiType.REST, "2026-05-04T10:21:30.000Z", 4301, 2, 20);
        k.traffic(flat(1200), from(-3, 0.0008, 0.2), Set.of());
        k.lambda(FN, flat(1), lambdaErrors(k, -3, 1), flat(0), flat(300), 0.01);
        k.apiLatency(flat(320));
        k.ordersTopology("43", 10, null, null);
        k.versionDeploy(FN, "live", "42", "43", k.at(-4, 20), k.at(-4, 45), "gha-deploy-9901", -12);
        npeLines(k, FN, -3, -1, 3, true);
        k.snsAlarm("orders-api-prod-5xx", k.errorsAt(-1));
        k.atAlarmTime(35);
        return k.expect("LAMBDA_DEPLOY_REGRESSION", "CRITICAL", "CONSTANT", "MEDIUM", List.of(), List.of());
    }

    static ScenarioKit alarmTimeAliasMoveFirstLogStream() {
        ScenarioKit k = kit("alarm-time-rest-alias-move-first-log-stream",
                "Read 40 s after the alarm. Someone points alias live at version 44, built a day ago (its LastModified is old); an alias move "
                        + "has no timestamp and CloudTrail is behind. The first [44] log stream appears at the onset, and the errors are there.",
                ApiType.REST, "2026-05-05T14:02:10.000Z", 4402, 2, 20);
        k.traffic(flat(900), from(-3, 0.0005, 0.25), Set.of());
        k.lambda(FN, flat(1), lambdaErrors(k, -3, 1), flat(0), flat(260), 0.01);
        k.apiLatency(flat(280));
        k.ordersTopology("44", 10, null, null);
        k.targetModified(FN, Instant.parse("2026-05-04T09:12:44.120Z"), "44");
        k.updateAlias(FN, "live", "44", k.at(-4, 2), SSO, "sam.lee@example.com");
        k.logVersions("41", "44", k.at(-4, 5));
        k.okLines(FN, -15, -1, 1);
        k.everyMinute(-3, -1, 3, (t, id) -> k.javaException(FN, t, id, "java.lang.IllegalArgumentException",
                "No enum constant com.example.orders.Channel.PARTNER", "com.example.orders.Channel.valueOf(Channel.java:12)"));
        k.snsAlarm("orders-api-prod-5xx", k.errorsAt(-1));
        k.atAlarmTime(40);
        return k.expect("LAMBDA_DEPLOY_REGRESSION", "CRITICAL", "CONSTANT", "MEDIUM", List.of(), List.of());
    }

    static ScenarioKit alarmTimeStageRedeployMapping() {
        ScenarioKit k = kit("alarm-time-rest-stage-redeploy-mapping-template",
                "Read 30 s after the alarm. A deployment 'OPS-2291' goes to stage prod 20 s before the onset with a broken request "
                        + "template; API Gateway cannot transform requests. Only the deployment's createdDate shows it.",
                ApiType.REST, "2026-05-06T08:44:50.000Z", 2291, 3, 50);
        k.traffic(flat(800), from(-3, 0.0008, 0.55), Set.of());
        k.lambda(FN, from(-3, 1, 0.45), flat(0), flat(0), flat(150), 0.01);
        k.apiLatency(from(-3, 170, 20));
        k.ordersTopology("42", 10, null, null);
        k.createDeployment(k.at(-4, 40), "ci-deploy-role", "gha-deploy-9933");
        k.stamps(k.at(-4, 41), "r0abc9", k.at(-4, 40), "OPS-2291", null);
        k.everyMinute(-3, -1, 3, (t, id) -> {
            k.executionLog(t, id, "Execution failed due to configuration error: Unable to transform request");
            k.executionLog(t.plusMillis(1), id, "Method completed with status: 500");
        });
        k.snsAlarm("orders-api-prod-5xx", k.errorsAt(-1));
        k.atAlarmTime(30);
        return k.expect("API_CONFIG_CHANGE", "CRITICAL", "CONSTANT", "MEDIUM", List.of(), List.of());
    }

    static ScenarioKit alarmTimeHttpAutoDeployMissingFunction() {
        ScenarioKit k = kit("alarm-time-http-auto-deploy-missing-function",
                "Read 45 s after the alarm. An edit on the HTTP API (auto-deploy) points POST /orders at orders-handler-v2, which does not "
                        + "exist; the new deployment's CreatedDate is the only change evidence yet.",
                ApiType.HTTP, "2026-05-07T19:30:05.000Z", 7002, 2, 100);
        k.traffic(flat(1000), from(-2, 0.001, 0.55), Set.of());
        k.lambda(FN, from(-2, 1, 0.45), flat(0), flat(0), flat(200), 0.01);
        k.apiLatency(from(-2, 220, 30));
        k.ordersTopology("42", 10, null, null);
        Topology t = k.topology;
        Integration post = new Integration("POST /orders", "AWS_PROXY", ScenarioKit.functionArn("orders-handler-v2"), null, 30000,
                "INTERNET", null, "orders-handler-v2", null);
        LambdaTarget missing = new LambdaTarget("orders-handler-v2", null, ScenarioKit.functionArn("orders-handler-v2"), false,
                null, null, null, null, null, null, null, null, false, false);
        k.topology = new Topology(t.apiType(), t.apiId(), t.apiName(), t.stage(), "a8d7f6", Map.of(), false, t.accessLogDestination(),
                List.of(post, t.integrations().get(1)), List.of(), List.of(t.lambdaTargets().getFirst(), missing), null, null, List.of());
        k.stamps(k.at(-3, 20), "a8d7f6", k.at(-3, 19), "Automatic deployment triggered by changes to the Api configuration", true);
        k.everyMinute(-2, -1, 3, (t2, id) -> k.accessLog(t2, "POST", "/orders", 500, "404", 11,
                "Function not found: " + ScenarioKit.functionArn("orders-handler-v2"), "Internal Server Error", "-", "-"));
        k.snsAlarm("orders-http-api-prod-5xx", k.errorsAt(-1));
        k.atAlarmTime(45);
        return k.expect("API_CONFIG_CHANGE", "CRITICAL", "CONSTANT", "MEDIUM", List.of("STATIC_MISCONFIGURATION"), List.of())
                .maxConfidence("MEDIUM");
    }

    static ScenarioKit alarmTimePermissionRemoved() {
        ScenarioKit k = kit("alarm-time-rest-permission-removed",
                "Read 30 s after the alarm. The statement letting API Gateway invoke orders-handler:live for POST /orders is removed a "
                        + "minute before the onset. A resource policy has no timestamp and CloudTrail is behind: only the policy as it is now, "
                        + "the clean minutes before the onset and API Gateway's 'Invalid permissions' lines tell.",
                ApiType.REST, "2026-05-08T11:11:40.000Z", 8101, 3, 100);
        k.traffic(flat(1200), from(-3, 0.0008, 0.6), Set.of());
        k.lambda(FN, from(-3, 1, 0.4), flat(0), flat(0), flat(300), 0.01);
        k.apiLatency(from(-3, 320, 40));
        k.ordersTopology("42", 10, null, k.policy(FN, "live", k.apiId + "/*/GET/orders/*"));
        ObjectNode req = k.json.createObjectNode();
        req.put("functionName", FN);
        req.put("statementId", "apigw-" + k.apiId + "-0");
        req.put("qualifier", "live");
        k.trail("RemovePermission20150331v2", "lambda.amazonaws.com", k.at(-4, 30), SSO, "jane.doe@example.com", "AWS Internal",
                req, null, "AWS::Lambda::Function", FN);
        invalidPermissionLines(k, -3);
        k.snsAlarm("orders-api-prod-5xx", k.errorsAt(-1));
        k.atAlarmTime(30);
        return k.expect("INVOKE_PERMISSION_REMOVED", "CRITICAL", "CONSTANT", "MEDIUM", List.of("STATIC_MISCONFIGURATION"), List.of())
                .maxConfidence("MEDIUM");
    }

    static ScenarioKit alarmTimeLatestDeployUnqualified() {
        ScenarioKit k = kit("alarm-time-http-latest-deploy-unqualified",
                "Read 50 s after the alarm. The HTTP API calls orders-handler without a qualifier ($LATEST); a console code edit lands 2 "
                        + "minutes before the onset. Only $LATEST's LastModified shows it, the [$LATEST] streams cannot tell old code from new: "
                        + "MEDIUM until CloudTrail names who did it.",
                ApiType.HTTP, "2026-05-09T06:55:20.000Z", 9001, 2, 30);
        k.traffic(flat(700), from(-3, 0.001, 0.12), Set.of());
        k.lambda(FN, flat(1), lambdaErrors(k, -3, 1), flat(0), flat(240), 0.01);
        k.apiLatency(flat(260));
        k.ordersTopology("$LATEST", 10, null, null);
        Topology t = k.topology;
        k.topology = new Topology(t.apiType(), t.apiId(), t.apiName(), t.stage(), t.deploymentId(), Map.of(), false, t.accessLogDestination(),
                List.of(k.lambdaIntegration("POST /orders", FN, null, 30000), k.lambdaIntegration("GET /orders/{id}", FN, null, 30000)),
                List.of(), List.of(k.target(FN, null, "$LATEST", 10, null, k.policy(FN, null, k.apiId + "/*/*/orders", k.apiId + "/*/*/orders/*"))),
                null, null, List.of());
        k.targetModified(FN, k.at(-5, 2), "$LATEST");
        k.logVersions("$LATEST", "$LATEST", k.at(-60, 0));
        k.everyMinute(-3, -1, 2, (t2, id) -> {
            k.javaException(FN, t2, id, "java.lang.ClassCastException", "class java.lang.Integer cannot be cast to class java.lang.String",
                    "com.example.orders.Handler.parse(Handler.java:77)");
            k.accessLog(t2.plusMillis(8), "POST", "/orders", 500, "200", 95, "The Lambda function returned the following error",
                    "Internal Server Error", "-", id);
        });
        k.eventBridgeAlarm("orders-http-api-prod-5xx", k.errorsAt(-1));
        k.atAlarmTime(50);
        return k.expect("LAMBDA_DEPLOY_REGRESSION", "HIGH", "CONSTANT", "MEDIUM", List.of(), List.of()).maxConfidence("MEDIUM");
    }

    static ScenarioKit alarmTimeDecoyOtherAlias() {
        Set<Integer> bad = Set.of(-13, -11, -8, -6, -3, -1);
        ScenarioKit k = kit("alarm-time-rest-downstream-decoy-other-alias",
                "Read 40 s after the alarm. The payment provider times out now and then; 9 minutes earlier CI moved alias staging of the "
                        + "same function (the API calls live) - a decoy CloudTrail already lists.",
                ApiType.REST, "2026-05-10T16:40:40.000Z", 1010, 1, 30);
        k.traffic(flat(1000), m -> bad.contains(m) ? 0.07 : 0.0008, Set.of());
        k.lambda(FN, flat(1), m -> bad.contains(m) ? k.errorsAt(m) : 0, flat(0), m -> bad.contains(m) ? 10000 : 600, 0.03);
        k.apiLatency(m -> bad.contains(m) ? 10040 : 640);
        k.ordersTopology("42", 30, null, null);
        String decoy = k.updateAlias(FN, "staging", "45", k.at(-9, 15), "ci-deploy-role", "gha-deploy-9950").eventId();
        lookingAround(k, k.at(-7, 30), "oncall@example.com");
        for (int m : bad) {
            k.everyMinute(m, m, 2, (t, id) -> k.javaException(FN, t, id, "java.net.SocketTimeoutException", "Read timed out (payments.example.net)",
                    "com.example.orders.PaymentClient.charge(PaymentClient.java:48)"));
        }
        k.alarmAction("orders-api-prod-5xx", k.errorsAt(-1));
        k.atAlarmTime(40);
        return k.expect("DOWNSTREAM_DEPENDENCY", "HIGH", "INTERMITTENT", "MEDIUM", List.of("LAMBDA_TIMEOUT", "INTEGRATION_TIMEOUT"),
                List.of(decoy));
    }

    static ScenarioKit alarmTimeLambdaTimeoutReadOnlyNoise() {
        ScenarioKit k = kit("alarm-time-rest-lambda-timeout-read-only-noise",
                "Read 30 s after the alarm. No change; orders-handler (5 s timeout) starts timing out. Two engineers look around with Get "
                        + "calls in the minute before the onset - read-only, never a change.",
                ApiType.REST, "2026-05-11T02:05:30.000Z", 1105, 3, 20);
        k.traffic(flat(650), from(-4, 0.0005, 0.09), Set.of());
        k.lambda(FN, flat(1), lambdaErrors(k, -4, 1), flat(0), from(-4, 900, 5000), 0.02);
        k.apiLatency(from(-4, 950, 5020));
        k.ordersTopology("42", 5, null, null);
        lookingAround(k, k.at(-11, 10), "oncall@example.com");
        ObjectNode req = k.json.createObjectNode();
        req.put("restApiId", k.apiId);
        req.put("stageName", "prod");
        k.apigw("GetStage", k.at(-10, 40), SSO, "dev@example.com", req, null);
        timeoutLines(k, FN, -4, -1, 2, 5.0, true);
        k.snsAlarm("orders-api-prod-5xx", k.errorsAt(-1));
        k.atAlarmTime(30);
        return k.expect("LAMBDA_TIMEOUT", "HIGH", "CONSTANT", "HIGH", List.of("DOWNSTREAM_DEPENDENCY"), List.of());
    }

    static ScenarioKit alarmTimeThrottlingAtLimit() {
        ScenarioKit k = kit("alarm-time-http-throttling-at-reserved-limit",
                "Read 35 s after the alarm. A marketing push doubles traffic; orders-handler sits at its reserved concurrency of 20 and "
                        + "Lambda throttles. No change anywhere.",
                ApiType.HTTP, "2026-05-12T12:00:35.000Z", 1212, 2, 50);
        k.traffic(m -> m >= -4 ? 2600 : 1300, from(-4, 0.0005, 0.18), Set.of());
        k.lambda(FN, flat(1), flat(0), m -> m >= -4 ? k.errorsAt(m) : 0, flat(700), 0.015);
        k.concurrencyCap(FN, -4, 20);
        k.apiLatency(flat(720));
        k.ordersTopology("42", 10, 20, null);
        k.everyMinute(-4, -1, 3, (t, id) -> k.accessLog(t, "POST", "/orders", 500, "429", 4, "Rate Exceeded.", "Internal Server Error",
                "-", "-"));
        k.eventBridgeAlarm("orders-http-api-prod-5xx", k.errorsAt(-1));
        k.atAlarmTime(35);
        return k.expect("THROTTLING", "CRITICAL", "CONSTANT", "HIGH", List.of(), List.of());
    }

    static ScenarioKit alarmTimeBackendDownHarmlessTag() {
        ScenarioKit k = kit("alarm-time-rest-backend-down-harmless-description",
                "Read 30 s after the alarm. The inventory service behind GET /inventory/{sku} answers 503; 6 minutes before the alarm "
                        + "someone edited the stage's description - harmless, on the path, and listed.",
                ApiType.REST, "2026-05-13T21:31:30.000Z", 1313, 3, 100);
        k.traffic(flat(1000), from(-3, 0.0005, 0.4), Set.of());
        k.lambda(FN, from(-3, 0.6, 0.6), flat(0), flat(0), flat(200), 0.01);
        k.apiLatency(from(-3, 180, 6));
        k.ordersTopology("42", 10, null, null);
        Topology t = k.topology;
        Integration inventory = new Integration("GET /inventory/{sku}", "HTTP_PROXY", "https://inventory.example.com/v1/stock/{sku}", "GET",
                29000, "INTERNET", null, null, null);
        k.topology = new Topology(t.apiType(), t.apiId(), t.apiName(), t.stage(), t.deploymentId(), Map.of(), true, t.accessLogDestination(),
                List.of(t.integrations().get(0), t.integrations().get(1), inventory), List.of(), t.lambdaTargets(), null, null, List.of());
        ObjectNode req = k.json.createObjectNode();
        req.put("restApiId", k.apiId);
        req.put("stageName", "prod");
        req.putArray("patchOperations").add(k.patch("replace", "/description", "runbook: https://wiki.example.com/orders"));
        String harmless = k.apigw("UpdateStage", k.at(-6, 0), SSO, "jane.doe@example.com", req, null).eventId();
        k.everyMinute(-3, -1, 2, (t2, id) -> {
            k.executionLog(t2, id, "Received response. Status: 503, Integration latency: 4 ms");
            k.executionLog(t2.plusMillis(1), id, "Method completed with status: 503");
        });
        k.snsAlarm("orders-api-prod-5xx", k.errorsAt(-1));
        k.atAlarmTime(30);
        return k.expect("HTTP_BACKEND_UNAVAILABLE", "CRITICAL", "CONSTANT", "MEDIUM", List.of(), List.of(harmless));
    }

    static ScenarioKit alarmTimeUnknownLogsOff() {
        ScenarioKit k = kit("alarm-time-rest-unknown-logs-off-cloudtrail-denied",
                "Read 30 s after the alarm. 5xx without any signature: execution logging is off, CloudTrail is denied to the function, and "
                        + "the Lambda target does not fail. Nothing can be named: UNKNOWN, saying what was missing.",
                ApiType.REST, "2026-05-14T04:44:30.000Z", 1414, 2, 30);
        k.traffic(flat(900), from(-3, 0.0008, 0.09), Set.of());
        k.lambda(FN, flat(1), flat(0), flat(0), flat(210), 0.01);
        k.apiLatency(flat(230));
        k.ordersTopology("42", 10, null, null);
        Topology t = k.topology;
        k.topology = new Topology(t.apiType(), t.apiId(), t.apiName(), t.stage(), t.deploymentId(), Map.of(), false, null,
                t.integrations(), List.of(), t.lambdaTargets(), null, null, List.of());
        k.gaps.add(new Gap(EvidenceSource.CHANGES, GapReason.ACCESS_DENIED, "cloudtrail:LookupEvents: User is not authorized to perform cloudtrail:LookupEvents"));
        k.snsAlarm("orders-api-prod-5xx", k.errorsAt(-1));
        k.atAlarmTime(30);
        return k.expect("UNKNOWN", "HIGH", null, null, List.of(), List.of());
    }

    static ScenarioKit alarmTimeDeployCloudTrailListed() {
        ScenarioKit k = kit("alarm-time-rest-deploy-cloudtrail-listed",
                "Read 40 s after the alarm. The deploy was 9 minutes ago and the errors began 4 minutes after it: CloudTrail already lists "
                        + "it, and the version's LastModified agrees - one change, with its actor.",
                ApiType.REST, "2026-05-15T13:13:40.000Z", 1515, 2, 20);
        k.traffic(flat(1100), from(-5, 0.0008, 0.16), Set.of());
        k.lambda(FN, flat(1), lambdaErrors(k, -5, 1), flat(0), flat(300), 0.01);
        k.apiLatency(flat(320));
        k.ordersTopology("46", 10, null, null);
        k.versionDeploy(FN, "live", "45", "46", k.at(-9, 5), k.at(-9, 30), "gha-deploy-9977", -14);
        npeLines(k, FN, -5, -1, 2, true);
        k.snsAlarm("orders-api-prod-5xx", k.errorsAt(-1));
        k.atAlarmTime(40);
        return k.expect("LAMBDA_DEPLOY_REGRESSION", "CRITICAL", "CONSTANT", "HIGH", List.of(), List.of());
    }

    static ScenarioKit alarmTimeMalformedAfterDeploy() {
        ScenarioKit k = kit("alarm-time-rest-malformed-response-after-deploy",
                "Read 30 s after the alarm. Version 47 returns its body as an object; API Gateway reports 'Malformed Lambda proxy response'. "
                        + "The deploy shows only in the version's LastModified.",
                ApiType.REST, "2026-05-16T09:09:30.000Z", 1616, 3, 50);
        k.traffic(flat(800), from(-3, 0.0008, 0.5), Set.of());
        k.lambda(FN, flat(1), flat(0), flat(0), flat(120), 0.01);
        k.apiLatency(flat(140));
        k.ordersTopology("47", 10, null, null);
        k.deploy(FN, "live", "47", k.at(-4, 50), "gha-deploy-9988");
        k.targetModified(FN, k.at(-4, 51), "47");
        k.everyMinute(-3, -1, 3, (t, id) -> {
            k.executionLog(t, id, "Endpoint response body before transformations: {\"statusCode\":200,\"body\":{\"orderId\":\"o-1\"}}");
            k.executionLog(t.plusMillis(1), id, "Execution failed due to configuration error: Malformed Lambda proxy response");
            k.executionLog(t.plusMillis(2), id, "Method completed with status: 502");
        });
        k.snsAlarm("orders-api-prod-5xx", k.errorsAt(-1));
        k.atAlarmTime(30);
        return k.expect("MALFORMED_PROXY_RESPONSE", "CRITICAL", "CONSTANT", "HIGH", List.of("LAMBDA_DEPLOY_REGRESSION"), List.of());
    }

    static ScenarioKit alarmTimePartialOnsetPlateau() {
        ScenarioKit k = kit("alarm-time-rest-partial-onset-minute-plateau",
                "Read 30 s after the alarm. The errors begin 40 s into a minute (a partial first minute) and then hold a flat 30 % for 9 "
                        + "minutes: a step, CONSTANT, not GRADUAL. The deploy 12 minutes ago is listed; the version's logs fail.",
                ApiType.REST, "2026-05-17T17:17:30.000Z", 1717, 5, 50);
        k.traffic(flat(1000), m -> m == -10 ? 0.1 : m > -10 ? 0.3 : 0.0008, Set.of());
        k.lambda(FN, flat(1), lambdaErrors(k, -10, 1), flat(0), flat(300), 0.01);
        k.apiLatency(flat(320));
        k.ordersTopology("48", 10, null, null);
        k.versionDeploy(FN, "live", "47", "48", k.at(-12, 30), k.at(-10, 40), "gha-deploy-9999", -16);
        npeLines(k, FN, -9, -1, 2, true);
        k.snsAlarm("orders-api-prod-5xx", k.errorsAt(-1));
        k.atAlarmTime(30);
        return k.expect("LAMBDA_DEPLOY_REGRESSION", "CRITICAL", "CONSTANT", "MEDIUM", List.of(), List.of());
    }

    static ScenarioKit alarmTimeSlowRamp() {
        ScenarioKit k = kit("alarm-time-rest-slow-ramp-under-threshold",
                "Read 30 s after the alarm. A report query grows slower; 504s ramp up from 1 % for 6 minutes under the alarm's 60-errors "
                        + "threshold before crossing it. The ramp belongs to the episode: GRADUAL, onset at its start.",
                ApiType.REST, "2026-05-18T22:22:30.000Z", 1818, 1, 60);
        double[] rates = {0.01, 0.015, 0.022, 0.03, 0.04, 0.05, 0.065, 0.08, 0.1, 0.12};
        k.traffic(flat(1000), m -> m >= -10 ? rates[m + 10] : 0.0005, Set.of());
        k.lambda(FN, flat(1), flat(0), flat(0), m -> m < -12 ? 2000 : Math.min(60000, 2000 + (m + 12) * 2600), 0.2);
        k.apiLatency(m -> m < -12 ? 2000 : Math.min(29000, 2000 + (m + 12) * 2600));
        k.ordersTopology("42", 60, null, null);
        for (int m = -10; m <= -1; m++) {
            k.everyMinute(m, m, 1 + (m + 10) / 3, (t, id) -> {
                k.executionLog(t, id, "Execution failed due to a timeout error");
                k.executionLog(t.plusMillis(1), id, "Method completed with status: 504");
            });
        }
        k.snsAlarm("orders-api-prod-5xx", k.errorsAt(-1));
        k.atAlarmTime(30);
        return k.expect("INTEGRATION_TIMEOUT", "HIGH", "GRADUAL", "MEDIUM", List.of("STATIC_MISCONFIGURATION", "DOWNSTREAM_DEPENDENCY"), List.of());
    }

    static ScenarioKit alarmTimeAuthorizerFailing() {
        ScenarioKit k = kit("alarm-time-rest-authorizer-function-failing",
                "Read 30 s after the alarm. The JWT authorizer function fails (its key store times out); API Gateway answers 500 with "
                        + "AUTHORIZER_FAILURE. No change; a deploy of an unrelated function is in the window.",
                ApiType.REST, "2026-05-19T07:07:30.000Z", 1919, 3, 50);
        k.traffic(flat(1000), from(-3, 0.0008, 0.35), Set.of());
        k.lambda(FN, from(-3, 1, 0.65), flat(0), flat(0), flat(200), 0.01);
        k.lambda("orders-authz", flat(1), m -> m >= -3 ? k.errorsAt(m) : 0, flat(0), flat(900), 0.01);
        k.apiLatency(flat(220));
        k.ordersTopology("42", 10, null, null);
        Topology t = k.topology;
        Authorizer jwt = new Authorizer("q1w2e3", "jwt-authorizer", "TOKEN", k.lambdaUri("orders-authz", null), "orders-authz");
        List<LambdaTarget> targets = new ArrayList<>(t.lambdaTargets());
        targets.add(k.target("orders-authz", null, "$LATEST", 5, null, k.policy("orders-authz", null, k.apiId + "/authorizers/q1w2e3")));
        k.topology = new Topology(t.apiType(), t.apiId(), t.apiName(), t.stage(), t.deploymentId(), Map.of(), true, t.accessLogDestination(),
                t.integrations(), List.of(jwt), targets, null, null, List.of());
        String decoy = k.deploy("reports-exporter", "live", "12", k.at(-9, 0), "gha-deploy-9191").getLast().eventId();
        k.everyMinute(-3, -1, 3, (t2, id) -> {
            k.executionLog(t2, id, "Execution failed due to configuration error: Authorizer error");
            k.executionLog(t2.plusMillis(1), id, "Method completed with status: 500");
        });
        k.snsAlarm("orders-api-prod-5xx", k.errorsAt(-1));
        k.atAlarmTime(30);
        return k.expect("AUTHORIZER_FAILURE", "CRITICAL", "CONSTANT", "HIGH", List.of(), List.of(decoy));
    }

    static ScenarioKit alarmTimeExecutionRolePolicyTimestamp() {
        ScenarioKit k = kit("alarm-time-rest-execution-role-managed-policy-timestamp",
                "Read 30 s after the alarm. A new version of the managed policy on orders-handler-role drops dynamodb:PutItem 2 minutes "
                        + "before the onset; IAM's UpdateDate shows it, CloudTrail does not yet. The function logs AccessDenied.",
                ApiType.REST, "2026-05-20T15:15:30.000Z", 2020, 2, 50);
        k.traffic(flat(1100), from(-3, 0.0008, 0.5), Set.of());
        k.lambda(FN, flat(1), lambdaErrors(k, -3, 1), flat(0), flat(180), 0.01);
        k.apiLatency(flat(200));
        k.ordersTopology("42", 10, null, null);
        k.topology = k.topology.withStamps(new ConfigStamps(null, "k3l9zq", Instant.parse("2026-05-19T10:00:00Z"), null, null,
                List.of(new ConfigStamps.ManagedPolicy(FN_ROLE, "arn:aws:iam::" + ACCOUNT + ":policy/orders-table-write", "v4", k.at(-5, 10)))));
        k.everyMinute(-3, -1, 3, (t, id) -> k.javaException(FN, t, id, "software.amazon.awssdk.services.dynamodb.model.DynamoDbException",
                "User: arn:aws:sts::" + ACCOUNT + ":assumed-role/" + FN_ROLE + "/orders-handler is not authorized to perform: dynamodb:PutItem "
                        + "(Service: DynamoDb, Status Code: 400, Request ID: X1) AccessDeniedException",
                "com.example.orders.OrderStore.put(OrderStore.java:33)"));
        k.snsAlarm("orders-api-prod-5xx", k.errorsAt(-1));
        k.atAlarmTime(30);
        return k.expect("EXECUTION_ROLE_CHANGED", "CRITICAL", "CONSTANT", "MEDIUM", List.of(), List.of());
    }

    static ScenarioKit harmlessDescriptionDoesNotHideDeploy() {
        ScenarioKit k = kit("rest-harmless-description-does-not-hide-deploy",
                "A deploy 14 minutes before the onset breaks orders-handler; a minute before the onset someone edits orders-handler's "
                        + "description. The tag-and-description edit is on the path but harmless: the widened search still finds the deploy.",
                ApiType.REST, "2026-05-21T18:30:20.000Z", 2121, 3, 20);
        k.traffic(flat(1000), from(-4, 0.0008, 0.2), Set.of());
        k.lambda(FN, flat(1), lambdaErrors(k, -4, 1), flat(0), flat(300), 0.01);
        k.apiLatency(flat(320));
        k.ordersTopology("49", 10, null, null);
        k.deploy(FN, "live", "49", k.at(-18, 0), "gha-deploy-9292");
        ObjectNode req = k.json.createObjectNode();
        req.put("functionName", FN);
        req.put("description", "orders API handler (owner: team-orders)");
        String harmless = k.trail("UpdateFunctionConfiguration20150331v2", "lambda.amazonaws.com", k.at(-5, 10), SSO, "jane.doe@example.com",
                "AWS Internal", req, k.functionConfig(FN, null, 10), "AWS::Lambda::Function", FN).eventId();
        npeLines(k, FN, -4, -1, 2, true);
        k.snsAlarm("orders-api-prod-5xx", k.errorsAt(-1));
        return k.expect("LAMBDA_DEPLOY_REGRESSION", "CRITICAL", "CONSTANT", "MEDIUM", List.of(), List.of(harmless));
    }

    static ScenarioKit restDeployRegression() {
        ScenarioKit k = kit("rest-lambda-deploy-regression",
                "CI deploys orders-handler version 42 (UpdateFunctionCode, PublishVersion, UpdateAlias live) at 09:38; two minutes later 18% "
                        + "of requests get 502 from NullPointerExceptions. An IAM change to an unrelated analytics role lands in between.",
                ApiType.REST, "2026-03-14T09:42:17.481Z", 42, 2, 5);
        k.traffic(flat(1150), from(-2, 0.0008, 0.18), Set.of());
        k.lambda(FN, flat(1), lambdaErrors(k, -2, 1), flat(0), from(-2, 310, 420), 0.01);
        k.apiLatency(from(-2, 340, 460));
        k.ordersTopology("42", 10, null, null);
        k.deploy(FN, "live", "42", k.at(-4, 5), "gha-deploy-8812");
        String iam = k.iamRolePolicy("PutRolePolicy", "analytics-etl-role", "raw-bucket-read", k.at(-3, 41), SSO, "alice@example.com").eventId();
        npeLines(k, FN, -2, -1, 3, true);
        k.snsAlarm("orders-api-prod-5xx", k.errorsAt(-1));
        return k.expect("LAMBDA_DEPLOY_REGRESSION", "CRITICAL", "CONSTANT", "HIGH", List.of(), List.of(iam));
    }

    static ScenarioKit httpDeployRegression() {
        ScenarioKit k = kit("http-lambda-deploy-regression",
                "HTTP API: orders-handler alias live moves to version 17; Lambda errors and 500s (9%) begin two minutes later.",
                ApiType.HTTP, "2026-03-17T14:06:52.118Z", 17, 4, 40);
        k.traffic(flat(900), from(-4, 0.001, 0.09), Set.of());
        k.lambda(FN, flat(1), lambdaErrors(k, -4, 1), flat(0), flat(250), 0.01);
        k.apiLatency(flat(280));
        k.ordersTopology("17", 10, null, null);
        k.deploy(FN, "live", "17", k.at(-6, 40), "gha-deploy-9120");
        k.everyMinute(-4, -1, 2, (t, id) -> {
            k.javaException(FN, t, id, "java.lang.IllegalStateException", "Unknown currency code: null",
                    "com.example.orders.Pricing.convert(Pricing.java:88)");
            k.accessLog(t.plusMillis(8), "POST", "/orders", 500, "200", 91,
                    "The Lambda function returned the following error: Unknown currency code: null", "Internal Server Error", "-", id);
        });
        k.eventBridgeAlarm("orders-http-api-prod-5xx", k.errorsAt(-1));
        return k.expect("LAMBDA_DEPLOY_REGRESSION", "HIGH", "CONSTANT", "HIGH", List.of(), List.of());
    }

    private static void timeoutLines(ScenarioKit k, String fn, int from, int to, int perMinute, double seconds, boolean executionLog) {
        k.everyMinute(from, to, perMinute, (t, id) -> {
            String ts = t.toString();
            k.lambdaLog(fn, t, ts + " " + id + " Task timed out after " + String.format("%.2f", seconds + 0.01) + " seconds");
            k.lambdaLog(fn, t.plusMillis(1), "END RequestId: " + id);
            k.lambdaLog(fn, t.plusMillis(2), "REPORT RequestId: " + id + "\tDuration: " + (int) (seconds * 1000 + 10)
                    + ".00 ms\tBilled Duration: " + (int) (seconds * 1000 + 10) + " ms\tMemory Size: 1024 MB\tMax Memory Used: 311 MB\tStatus: timeout");
            if (executionLog) {
                String apiReq = k.requestId();
                k.executionLog(t.plusMillis(5), apiReq, "Lambda execution failed with status 200 due to customer function error: " + ts + " " + id
                        + " Task timed out after " + String.format("%.2f", seconds + 0.01) + " seconds. Lambda request id: " + id);
                k.executionLog(t.plusMillis(6), apiReq, "Method completed with status: 502");
            }
        });
    }

    static ScenarioKit restLambdaTimeout() {
        ScenarioKit k = kit("rest-lambda-timeout-no-change",
                "No change anywhere; orders-handler (6 s timeout) starts timing out on 7% of requests; API Gateway answers 502.",
                ApiType.REST, "2026-03-18T03:12:40.007Z", 3, 5, 20);
        k.traffic(flat(700), from(-5, 0.0005, 0.07), Set.of());
        k.lambda(FN, flat(1), lambdaErrors(k, -5, 1), flat(0), from(-5, 850, 6000), 0.02);
        k.apiLatency(from(-5, 900, 6020));
        k.ordersTopology("39", 6, null, null);
        timeoutLines(k, FN, -5, -1, 2, 6.0, true);
        k.alarmAction("orders-api-prod-5xx", k.errorsAt(-1));
        return k.expect("LAMBDA_TIMEOUT", "HIGH", "CONSTANT", "HIGH", List.of("DOWNSTREAM_DEPENDENCY"), List.of());
    }

    static ScenarioKit restLambdaTimeoutLowered() {
        ScenarioKit k = kit("rest-lambda-timeout-lowered",
                "An engineer sets orders-handler's timeout from 30 s to 3 s in the console; a minute later 22% of requests time out (502).",
                ApiType.REST, "2026-03-19T16:20:05.900Z", 4, 4, 50);
        k.traffic(flat(1300), from(-4, 0.001, 0.22), Set.of());
        k.lambda(FN, flat(1), lambdaErrors(k, -4, 1), flat(0), from(-4, 2400, 3000), 0.05);
        k.apiLatency(from(-4, 2500, 3040));
        k.ordersTopology("42", 3, null, null);
        ObjectNode req = k.json.createObjectNode();
        req.put("functionName", FN);
        req.put("timeout", 3);
        k.trail("UpdateFunctionConfiguration20150331v2", "lambda.amazonaws.com", k.at(-5, 12), SSO, "jane.doe@example.com",
                "AWS Internal", req, k.functionConfig(FN, null, 3), "AWS::Lambda::Function", FN);
        timeoutLines(k, FN, -4, -1, 3, 3.0, true);
        k.snsAlarm("orders-api-prod-5xx", k.errorsAt(-1));
        return k.expect("LAMBDA_TIMEOUT", "CRITICAL", "CONSTANT", "HIGH", List.of(), List.of());
    }

    static ScenarioKit restIntegrationTimeoutLowered() {
        ScenarioKit k = kit("rest-integration-timeout-lowered",
                "UpdateIntegration sets POST /orders timeoutInMillis to 3000 and a deployment ships it; slow requests now get 504.",
                ApiType.REST, "2026-03-20T11:02:33.250Z", 5, 5, 30);
        k.traffic(flat(1000), from(-5, 0.0005, 0.12), Set.of());
        k.lambda(FN, flat(1), flat(0), flat(0), from(-5, 3900, 4100), 0.04);
        k.apiLatency(from(-5, 2900, 3000));
        k.ordersTopology("42", 10, null, null);
        Integration post = k.lambdaIntegration("POST /orders", FN, "live", 3000);
        Topology t = k.topology;
        k.topology = new Topology(t.apiType(), t.apiId(), t.apiName(), t.stage(), "p9r2tm", t.stageVariables(), true, t.accessLogDestination(),
                List.of(post, t.integrations().get(1)), t.authorizers(), t.lambdaTargets(), null, null, List.of());
        ObjectNode req = k.json.createObjectNode();
        req.put("restApiId", k.apiId);
        req.put("resourceId", "k7x2pq");
        req.put("httpMethod", "POST");
        req.put("template", false);
        req.putObject("updateIntegrationInput").putArray("patchOperations").add(k.patch("replace", "/timeoutInMillis", "3000"));
        k.apigw("UpdateIntegration", k.at(-7, 41), SSO, "jane.doe@example.com", req, null);
        k.createDeployment(k.at(-6, 2), SSO, "jane.doe@example.com");
        k.everyMinute(-5, -1, 2, (t2, id) -> {
            k.executionLog(t2, id, "Execution failed due to a timeout error");
            k.executionLog(t2.plusMillis(1), id, "Method completed with status: 504");
        });
        k.snsAlarm("orders-api-prod-5xx", k.errorsAt(-1));
        return k.expect("INTEGRATION_TIMEOUT", "HIGH", "CONSTANT", "HIGH", List.of("API_CONFIG_CHANGE", "STATIC_MISCONFIGURATION"), List.of());
    }

    static ScenarioKit restGradualLatency() {
        ScenarioKit k = kit("rest-gradual-latency-504",
                "No change; orders-handler gets slower over 25 minutes (a growing table scan) until requests pass the 29 s integration "
                        + "timeout and 504s climb. The function's 60 s timeout hides it from Lambda Errors.",
                ApiType.REST, "2026-03-21T20:45:10.000Z", 6, 1, 100);
        double[] rates = {0.01, 0.02, 0.04, 0.06, 0.08, 0.09, 0.11, 0.12};
        k.traffic(flat(950), m -> m >= -8 ? rates[m + 8] : 0.0005, Set.of());
        IntToDoubleFunction latency = m -> m < -25 ? 1800 : Math.min(29000, 1800 + (m + 25) * 1600);
        k.lambda(FN, flat(1), flat(0), flat(0), m -> m < -25 ? 1800 : Math.min(60000, 1800 + (m + 25) * 2100), 0.2);
        k.apiLatency(latency);
        k.ordersTopology("40", 60, null, null);
        for (int m = -8; m <= -1; m++) {
            int minute = m;
            k.everyMinute(m, m, 1 + (m + 8) / 3, (t, id) -> {
                k.executionLog(t, id, "Execution failed due to a timeout error");
                k.executionLog(t.plusMillis(1), id, "Method completed with status: 504");
            });
        }
        k.snsAlarm("orders-api-prod-5xx", k.errorsAt(-1));
        return k.expect("INTEGRATION_TIMEOUT", "HIGH", "GRADUAL", "MEDIUM", List.of("STATIC_MISCONFIGURATION", "DOWNSTREAM_DEPENDENCY"), List.of());
    }

    private static void invalidPermissionLines(ScenarioKit k, int from) {
        k.everyMinute(from, -1, 3, (t, id) -> {
            k.executionLog(t, id, "Execution failed due to configuration error: Invalid permissions on Lambda function");
            k.executionLog(t.plusMillis(1), id, "Method completed with status: 500");
        });
    }

    static ScenarioKit restInvokePermissionRemoved() {
        ScenarioKit k = kit("rest-invoke-permission-removed",
                "Someone removes the statement that lets API Gateway invoke orders-handler:live for POST /orders; every POST gets 500.",
                ApiType.REST, "2026-03-22T10:15:44.600Z", 7, 3, 100);
        k.traffic(flat(1200), from(-3, 0.0008, 0.64), Set.of());
        k.lambda(FN, from(-3, 1, 0.36), flat(0), flat(0), flat(300), 0.01);
        k.apiLatency(from(-3, 320, 40));
        k.ordersTopology("42", 10, null, k.policy(FN, "live", k.apiId + "/*/GET/orders/*"));
        ObjectNode req = k.json.createObjectNode();
        req.put("functionName", FN);
        req.put("statementId", "apigw-" + k.apiId + "-0");
        req.put("qualifier", "live");
        k.trail("RemovePermission20150331v2", "lambda.amazonaws.com", k.at(-4, 30), SSO, "jane.doe@example.com", "AWS Internal",
                req, null, "AWS::Lambda::Function", FN);
        invalidPermissionLines(k, -3);
        k.snsAlarm("orders-api-prod-5xx", k.errorsAt(-1));
        return k.expect("INVOKE_PERMISSION_REMOVED", "CRITICAL", "CONSTANT", "HIGH", List.of("STATIC_MISCONFIGURATION"), List.of());
    }

    static ScenarioKit restResourcePolicyNarrowed() {
        ScenarioKit k = kit("rest-resource-policy-narrowed",
                "Terraform replaces orders-handler's resource policy with one scoped to GET /orders/*; POST /orders is refused (500).",
                ApiType.REST, "2026-03-23T08:31:02.010Z", 8, 2, 100);
        k.traffic(flat(1200), from(-2, 0.0008, 0.6), Set.of());
        k.lambda(FN, from(-2, 1, 0.4), flat(0), flat(0), flat(300), 0.01);
        k.apiLatency(from(-2, 320, 40));
        String narrowed = k.apiId + "/prod/GET/orders/*";
        k.ordersTopology("42", 10, null, k.policy(FN, "live", narrowed));
        ObjectNode rm = k.json.createObjectNode();
        rm.put("functionName", FN);
        rm.put("statementId", "AllowExecutionFromAPIGateway");
        rm.put("qualifier", "live");
        k.trail("RemovePermission20150331v2", "lambda.amazonaws.com", k.at(-3, 10), TF, "tf-apply-3391", ScenarioKit.TERRAFORM, rm, null,
                "AWS::Lambda::Function", FN);
        ObjectNode add = k.json.createObjectNode();
        add.put("functionName", FN);
        add.put("statementId", "AllowExecutionFromAPIGateway");
        add.put("action", "lambda:InvokeFunction");
        add.put("principal", "apigateway.amazonaws.com");
        add.put("sourceArn", "arn:aws:execute-api:" + REGION + ":" + ACCOUNT + ":" + narrowed);
        add.put("qualifier", "live");
        ObjectNode resp = k.json.createObjectNode();
        resp.put("statement", "{\"Sid\":\"AllowExecutionFromAPIGateway\",\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"apigateway.amazonaws.com\"},"
                + "\"Action\":\"lambda:InvokeFunction\",\"Resource\":\"" + ScenarioKit.functionArn(FN) + ":live\",\"Condition\":{\"ArnLike\":{\"AWS:SourceArn\":\"arn:aws:execute-api:"
                + REGION + ":" + ACCOUNT + ":" + narrowed + "\"}}}");
        k.trail("AddPermission20150331v2", "lambda.amazonaws.com", k.at(-3, 14), TF, "tf-apply-3391", ScenarioKit.TERRAFORM, add, resp,
                "AWS::Lambda::Function", FN);
        invalidPermissionLines(k, -2);
        k.snsAlarm("orders-api-prod-5xx", k.errorsAt(-1));
        return k.expect("RESOURCE_POLICY_CHANGE", "CRITICAL", "CONSTANT", "HIGH",
                List.of("STATIC_MISCONFIGURATION", "INVOKE_PERMISSION_REMOVED"), List.of());
    }

    static ScenarioKit restExecutionRoleDetached() {
        ScenarioKit k = kit("rest-execution-role-policy-detached",
                "Terraform detaches the DynamoDB write policy from orders-handler-role; PutItem is denied and POST /orders fails (502).",
                ApiType.REST, "2026-03-24T13:55:31.700Z", 9, 2, 100);
        k.traffic(flat(1100), from(-2, 0.0008, 0.55), Set.of());
        k.lambda(FN, flat(1), lambdaErrors(k, -2, 1), flat(0), flat(180), 0.01);
        k.apiLatency(flat(200));
        k.ordersTopology("42", 10, null, null);
        k.iamRolePolicy("DetachRolePolicy", FN_ROLE, "arn:aws:iam::" + ACCOUNT + ":policy/orders-table-write", k.at(-3, 50), TF, "tf-apply-3402");
        String msg = "User: arn:aws:sts::" + ACCOUNT + ":assumed-role/" + FN_ROLE + "/" + FN + " is not authorized to perform: dynamodb:PutItem on resource: "
                + "arn:aws:dynamodb:" + REGION + ":" + ACCOUNT + ":table/orders because no identity-based policy allows the dynamodb:PutItem action "
                + "(Service: DynamoDb, Status Code: 400, Request ID: 8JQ4V0C6B5N1M2L3K4J5H6G7F8D9S0A1QWERTYUIOPASDFGH)";
        k.everyMinute(-2, -1, 3, (t, id) -> {
            k.javaException(FN, t, id, "software.amazon.awssdk.services.dynamodb.model.DynamoDbException", msg,
                    "com.example.orders.OrderRepository.save(OrderRepository.java:33)");
            String apiReq = k.requestId();
            k.executionLog(t.plusMillis(6), apiReq, "Lambda execution failed with status 200 due to customer function error: " + msg
                    + ". Lambda request id: " + id);
            k.executionLog(t.plusMillis(7), apiReq, "Method completed with status: 502");
        });
        k.snsAlarm("orders-api-prod-5xx", k.errorsAt(-1));
        return k.expect("EXECUTION_ROLE_CHANGED", "CRITICAL", "CONSTANT", "HIGH", List.of(), List.of());
    }

    static ScenarioKit httpIntegrationTargetChanged() {
        ScenarioKit k = kit("http-integration-target-changed",
                "HTTP API with auto-deploy: UpdateIntegration points POST /orders at orders-handler-staging, which does not exist in this "
                        + "account; POSTs fail with 500 at once.",
                ApiType.HTTP, "2026-03-25T09:12:45.300Z", 10, 2, 100);
        k.traffic(flat(1000), from(-2, 0.001, 0.6), Set.of());
        k.lambda(FN, from(-2, 1, 0.4), flat(0), flat(0), flat(200), 0.01);
        k.apiLatency(from(-2, 220, 30));
        k.ordersTopology("42", 10, null, null);
        Topology t = k.topology;
        Integration post = new Integration("POST /orders", "AWS_PROXY", ScenarioKit.functionArn("orders-handler-staging"), null, 30000,
                "INTERNET", null, "orders-handler-staging", null);
        LambdaTarget missing = new LambdaTarget("orders-handler-staging", null, ScenarioKit.functionArn("orders-handler-staging"), false,
                null, null, null, null, null, null, null, null, false, false);
        k.topology = new Topology(t.apiType(), t.apiId(), t.apiName(), t.stage(), t.deploymentId(), Map.of(), false, t.accessLogDestination(),
                List.of(post, t.integrations().get(1)), List.of(), List.of(t.lambdaTargets().getFirst(), missing), null, null, List.of());
        ObjectNode req = k.json.createObjectNode();
        req.put("apiId", k.apiId);
        req.put("integrationId", "4f2k9sd");
        req.put("integrationUri", ScenarioKit.functionArn("orders-handler-staging"));
        ObjectNode resp = k.json.createObjectNode();
        resp.put("integrationId", "4f2k9sd");
        resp.put("integrationType", "AWS_PROXY");
        resp.put("integrationUri", ScenarioKit.functionArn("orders-handler-staging"));
        resp.put("payloadFormatVersion", "2.0");
        resp.put("timeoutInMillis", 30000);
        k.apigw("UpdateIntegration", k.at(-3, 20), SSO, "sam.lee@example.com", req, resp);
        k.everyMinute(-2, -1, 3, (t2, id) -> k.accessLog(t2, "POST", "/orders", 500, "404", 12,
                "Function not found: " + ScenarioKit.functionArn("orders-handler-staging"), "Internal Server Error", "-", "-"));
        k.snsAlarm("orders-http-api-prod-5xx", k.errorsAt(-1));
        return k.expect("API_CONFIG_CHANGE", "CRITICAL", "CONSTANT", "HIGH", List.of("STATIC_MISCONFIGURATION"), List.of());
    }

    static ScenarioKit restMappingTemplateDeployed() {
        ScenarioKit k = kit("rest-mapping-template-deployed",
                "A new request mapping template on the non-proxy POST /orders integration is deployed; API Gateway cannot transform "
                        + "requests and answers 500 before calling Lambda.",
                ApiType.REST, "2026-03-26T15:40:12.000Z", 11, 3, 100);
        k.traffic(flat(800), from(-3, 0.001, 0.58), Set.of());
        k.lambda(FN, from(-3, 1, 0.42), flat(0), flat(0), flat(150), 0.01);
        k.apiLatency(from(-3, 160, 20));
        k.ordersTopology("42", 10, null, null);
        Topology t = k.topology;
        Integration post = new Integration("POST /orders", "AWS", k.lambdaUri(FN, "live"), "POST", 29000, "INTERNET", null, FN, "live");
        k.topology = new Topology(t.apiType(), t.apiId(), t.apiName(), t.stage(), "w8e7r6", Map.of(), true, t.accessLogDestination(),
                List.of(post, t.integrations().get(1)), List.of(), t.lambdaTargets(), null, null, List.of());
        ObjectNode req = k.json.createObjectNode();
        req.put("restApiId", k.apiId);
        req.put("resourceId", "k7x2pq");
        req.put("httpMethod", "POST");
        req.putObject("updateIntegrationInput").putArray("patchOperations").add(k.patch("replace", "/requestTemplates/application~1json",
                "{\"order\": $input.json('$.order'), \"customer\": \"$context.authorizer.claims.sub\"}"));
        k.apigw("UpdateIntegration", k.at(-4, 5), "ci-deploy-role", "gha-deploy-9310", req, null);
        k.createDeployment(k.at(-4, 40), "ci-deploy-role", "gha-deploy-9310");
        k.everyMinute(-3, -1, 3, (t2, id) -> {
            k.executionLog(t2, id, "Execution failed due to configuration error: Unable to transform request");
            k.executionLog(t2.plusMillis(1), id, "Method completed with status: 500");
        });
        k.alarmAction("orders-api-prod-5xx", k.errorsAt(-1));
        return k.expect("API_CONFIG_CHANGE", "CRITICAL", "CONSTANT", "HIGH", List.of(), List.of());
    }

    static ScenarioKit restThrottlingLowered() {
        ScenarioKit k = kit("rest-throttling-concurrency-lowered",
                "Reserved concurrency of orders-handler is set to 5; Lambda throttles (429) and API Gateway answers 500 to 40% of requests.",
                ApiType.REST, "2026-03-27T12:05:50.000Z", 12, 3, 100);
        k.traffic(flat(1500), from(-3, 0.0005, 0.4), Set.of());
        k.lambda(FN, flat(1), flat(0), m -> m >= -3 ? k.errorsAt(m) : 0, flat(400), 0.02);
        k.concurrencyCap(FN, -3, 5);
        k.apiLatency(flat(420));
        k.ordersTopology("42", 10, 5, null);
        ObjectNode req = k.json.createObjectNode();
        req.put("functionName", FN);
        req.put("reservedConcurrentExecutions", 5);
        ObjectNode resp = k.json.createObjectNode();
        resp.put("reservedConcurrentExecutions", 5);
        k.trail("PutFunctionConcurrency20171031", "lambda.amazonaws.com", k.at(-4, 0), SSO, "jane.doe@example.com", "AWS Internal", req, resp,
                "AWS::Lambda::Function", FN);
        k.everyMinute(-3, -1, 3, (t, id) -> {
            k.executionLog(t, id, "Lambda invocation failed with status: 429. Lambda request id: " + k.requestId());
            k.executionLog(t.plusMillis(1), id, "Execution failed due to configuration error: Rate Exceeded.");
            k.executionLog(t.plusMillis(2), id, "Method completed with status: 500");
        });
        k.snsAlarm("orders-api-prod-5xx", k.errorsAt(-1));
        return k.expect("THROTTLING", "CRITICAL", "CONSTANT", "HIGH", List.of(), List.of());
    }

    static ScenarioKit httpThrottlingCloudTrailGap() {
        ScenarioKit k = kit("http-throttling-cloudtrail-gap",
                "CloudTrail cannot be read (AccessDenied), yet the metrics are conclusive: a traffic surge pins orders-handler at its "
                        + "reserved concurrency of 50 and throttled invocations become 500s.",
                ApiType.HTTP, "2026-03-28T18:30:21.000Z", 13, 3, 100);
        k.traffic(from(-4, 1000, 3100), from(-4, 0.001, 0.3), Set.of());
        k.lambda(FN, flat(1), flat(0), m -> m >= -4 ? k.errorsAt(m) : 0, flat(900), 0.016);
        k.concurrencyCap(FN, -4, 50);
        k.apiLatency(flat(950));
        k.ordersTopology("42", 10, 50, null);
        k.gaps.add(new Gap(EvidenceSource.CHANGES, GapReason.ACCESS_DENIED, "User: arn:aws:sts::" + ACCOUNT
                + ":assumed-role/apigw-5xx-responder-role/apigw-5xx-responder is not authorized to perform: cloudtrail:LookupEvents"));
        k.everyMinute(-4, -1, 3, (t, id) -> k.accessLog(t, "POST", "/orders", 500, "429", 4, "Rate Exceeded.", "Internal Server Error", "-", "-"));
        k.eventBridgeAlarm("orders-http-api-prod-5xx", k.errorsAt(-1));
        return k.expect("THROTTLING", "CRITICAL", "CONSTANT", "HIGH", List.of(), List.of());
    }

    static ScenarioKit restMalformedProxy() {
        ScenarioKit k = kit("rest-malformed-proxy-response",
                "No change; a backfill job starts reading legacy orders whose handler path returns the body as a JSON object instead of "
                        + "a string. API Gateway reports a malformed proxy response (502) while Lambda Errors stay at zero.",
                ApiType.REST, "2026-03-29T07:14:09.000Z", 14, 4, 30);
        k.traffic(flat(1100), from(-4, 0.0005, 0.08), Set.of());
        k.lambda(FN, flat(1), flat(0), flat(0), flat(120), 0.01);
        k.apiLatency(flat(140));
        k.ordersTopology("42", 10, null, null);
        k.everyMinute(-4, -1, 2, (t, id) -> {
            k.executionLog(t, id, "Endpoint response body before transformations: {\"statusCode\":200,\"body\":{\"orderId\":\"o-77120\",\"legacy\":true}}");
            k.executionLog(t.plusMillis(1), id, "Execution failed due to configuration error: Malformed Lambda proxy response");
            k.executionLog(t.plusMillis(2), id, "Method completed with status: 502");
        });
        k.snsAlarm("orders-api-prod-5xx", k.errorsAt(-1));
        return k.expect("MALFORMED_PROXY_RESPONSE", "HIGH", "CONSTANT", "HIGH", List.of(), List.of());
    }

    static ScenarioKit restHttpBackendDown() {
        ScenarioKit k = kit("rest-http-backend-down",
                "No change; the inventory service behind the HTTP_PROXY integration of GET /inventory/{sku} answers 503 to every call.",
                ApiType.REST, "2026-03-30T22:08:40.000Z", 15, 4, 100);
        k.traffic(flat(1000), from(-4, 0.0005, 0.4), Set.of());
        k.lambda(FN, from(-4, 0.6, 0.6), flat(0), flat(0), flat(200), 0.01);
        k.apiLatency(from(-4, 180, 6));
        k.ordersTopology("42", 10, null, null);
        Topology t = k.topology;
        Integration inventory = new Integration("GET /inventory/{sku}", "HTTP_PROXY", "https://inventory.example.com/v1/stock/{sku}", "GET",
                29000, "INTERNET", null, null, null);
        k.topology = new Topology(t.apiType(), t.apiId(), t.apiName(), t.stage(), t.deploymentId(), Map.of(), true, t.accessLogDestination(),
                List.of(t.integrations().get(0), t.integrations().get(1), inventory), List.of(), t.lambdaTargets(), null, null, List.of());
        k.everyMinute(-4, -1, 2, (t2, id) -> {
            k.executionLog(t2, id, "Sending request to https://inventory.example.com/v1/stock/SKU-" + (1000 + k.random.nextInt(8999)));
            k.executionLog(t2.plusMillis(4), id, "Received response. Status: 503, Integration latency: 4 ms");
            k.executionLog(t2.plusMillis(5), id, "Method completed with status: 503");
        });
        k.snsAlarm("orders-api-prod-5xx", k.errorsAt(-1));
        return k.expect("HTTP_BACKEND_UNAVAILABLE", "CRITICAL", "CONSTANT", "HIGH", List.of(), List.of());
    }

    static ScenarioKit restDownstreamIntermittent() {
        Set<Integer> bad = Set.of(-14, -12, -10, -7, -5, -2, -1);
        ScenarioKit k = kit("rest-downstream-intermittent",
                "No change; the payment provider orders-handler calls times out now and then. Failing minutes alternate with clean ones.",
                ApiType.REST, "2026-03-31T17:33:03.000Z", 16, 2, 50);
        k.traffic(flat(1000), m -> bad.contains(m) ? 0.08 : 0.0008, Set.of());
        k.lambda(FN, flat(1), m -> bad.contains(m) ? k.errorsAt(m) : 0, flat(0), m -> bad.contains(m) ? 10000 : 600, 0.03);
        k.apiLatency(m -> bad.contains(m) ? 10020 : 620);
        k.ordersTopology("42", 15, null, null);
        String msg = "Unable to execute HTTP request: Read timed out";
        for (int m : bad) {
            k.everyMinute(m, m, 2, (t, id) -> {
                k.javaException(FN, t, id, "software.amazon.awssdk.core.exception.SdkClientException", msg + " (payments.example.net)",
                        "com.example.orders.PaymentClient.charge(PaymentClient.java:72)");
                String apiReq = k.requestId();
                k.executionLog(t.plusMillis(6), apiReq, "Lambda execution failed with status 200 due to customer function error: " + msg
                        + ". Lambda request id: " + id);
                k.executionLog(t.plusMillis(7), apiReq, "Method completed with status: 502");
            });
        }
        k.snsAlarm("orders-api-prod-5xx", k.errorsAt(-1));
        return k.expect("DOWNSTREAM_DEPENDENCY", "HIGH", "INTERMITTENT", "HIGH", List.of(), List.of());
    }

    static ScenarioKit restAuthorizerUpdated() {
        ScenarioKit k = kit("rest-authorizer-updated",
                "UpdateAuthorizer points the JWT authorizer at orders-authz-v2, which API Gateway may not invoke; a deployment ships it and "
                        + "every request fails with AUTHORIZER_CONFIGURATION_ERROR (500).",
                ApiType.REST, "2026-04-01T10:10:10.000Z", 17, 2, 100);
        k.traffic(flat(900), from(-2, 0.0008, 0.97), Set.of());
        k.lambda(FN, from(-2, 1, 0.03), flat(0), flat(0), flat(200), 0.01);
        k.apiLatency(from(-2, 210, 15));
        k.ordersTopology("42", 10, null, null);
        Topology t = k.topology;
        Authorizer jwt = new Authorizer("q1w2e3", "jwt-authorizer", "TOKEN",
                "arn:aws:apigateway:" + REGION + ":lambda:path/2015-03-31/functions/" + ScenarioKit.functionArn("orders-authz-v2") + "/invocations",
                "orders-authz-v2");
        LambdaTarget authz = k.target("orders-authz-v2", null, "3", 5, null, null);
        k.topology = new Topology(t.apiType(), t.apiId(), t.apiName(), t.stage(), "z5x6c7", Map.of(), true, t.accessLogDestination(),
                t.integrations(), List.of(jwt), List.of(t.lambdaTargets().getFirst(), authz), null, null, List.of());
        ObjectNode req = k.json.createObjectNode();
        req.put("restApiId", k.apiId);
        req.put("authorizerId", "q1w2e3");
        req.putObject("updateAuthorizerInput").putArray("patchOperations").add(k.patch("replace", "/authorizerUri", jwt.uri()));
        k.apigw("UpdateAuthorizer", k.at(-3, 12), "ci-deploy-role", "gha-deploy-9412", req, null);
        k.createDeployment(k.at(-3, 40), "ci-deploy-role", "gha-deploy-9412");
        k.everyMinute(-2, -1, 3, (t2, id) -> {
            k.executionLog(t2, id, "Execution failed due to configuration error: Authorizer error");
            k.executionLog(t2.plusMillis(1), id, "Method completed with status: 500");
            k.accessLog(t2.plusMillis(2), "POST", "/orders", 500, "-", 0, "-", "null", "AUTHORIZER_CONFIGURATION_ERROR", "-");
        });
        k.alarmAction("orders-api-prod-5xx", k.errorsAt(-1));
        return k.expect("AUTHORIZER_FAILURE", "CRITICAL", "CONSTANT", "HIGH", List.of("API_CONFIG_CHANGE", "STATIC_MISCONFIGURATION"), List.of());
    }

    static ScenarioKit restStaticGetMethod() {
        ScenarioKit k = kit("rest-static-get-method",
                "Manual run: the new POST /orders/{id}/refund route was deployed hours ago with integrationHttpMethod GET on a Lambda "
                        + "integration; the mobile release starts calling it and every call fails.",
                ApiType.REST, "2026-04-02T09:30:00.000Z", 18, 1, 5);
        k.traffic(flat(1000), from(-6, 0.0006, 0.3), Set.of());
        k.lambda(FN, from(-6, 1, 0.7), flat(0), flat(0), flat(200), 0.01);
        k.apiLatency(flat(210));
        k.ordersTopology("42", 10, null, null);
        Topology t = k.topology;
        Integration refund = new Integration("POST /orders/{id}/refund", "AWS_PROXY", k.lambdaUri(FN, "live"), "GET", 29000, "INTERNET", null, FN, "live");
        k.topology = new Topology(t.apiType(), t.apiId(), t.apiName(), t.stage(), t.deploymentId(), Map.of(), true, t.accessLogDestination(),
                List.of(t.integrations().get(0), t.integrations().get(1), refund), List.of(), t.lambdaTargets(), null, null, List.of());
        k.everyMinute(-6, -1, 2, (t2, id) -> {
            k.executionLog(t2, id, "Lambda invocation failed with status: 403. Lambda request id: " + k.requestId());
            k.executionLog(t2.plusMillis(1), id, "Method completed with status: 500");
        });
        k.stamps(k.at(-190, 31), k.topology.deploymentId(), k.at(-190, 30), "refund route", null);
        k.manual(k.alarmAt);
        return k.expect("STATIC_MISCONFIGURATION", "CRITICAL", "CONSTANT", "HIGH", List.of(), List.of());
    }

    static ScenarioKit restStaticStageVariable() {
        ScenarioKit k = kit("rest-static-stage-variable-missing-function",
                "Manual run: GET /orders/{id}/invoice calls ${stageVariables.invoiceFunction}, which names invoice-renderer-canary, a "
                        + "function that does not exist. The stage variable was set 40 minutes ago; traffic to the route began 5 minutes ago.",
                ApiType.REST, "2026-04-03T11:00:00.000Z", 19, 1, 5);
        k.traffic(flat(1000), from(-5, 0.0006, 0.2), Set.of());
        k.lambda(FN, from(-5, 1, 0.8), flat(0), flat(0), flat(200), 0.01);
        k.apiLatency(flat(210));
        k.ordersTopology("42", 10, null, null);
        Topology t = k.topology;
        Integration invoice = new Integration("GET /orders/{id}/invoice", "AWS_PROXY",
                "arn:aws:apigateway:" + REGION + ":lambda:path/2015-03-31/functions/arn:aws:lambda:" + REGION + ":" + ACCOUNT
                        + ":function:${stageVariables.invoiceFunction}/invocations", "POST", 29000, "INTERNET", null, "invoice-renderer-canary", null);
        LambdaTarget missing = new LambdaTarget("invoice-renderer-canary", null, ScenarioKit.functionArn("invoice-renderer-canary"), false,
                null, null, null, null, null, null, null, null, false, false);
        k.topology = new Topology(t.apiType(), t.apiId(), t.apiName(), t.stage(), t.deploymentId(), Map.of("invoiceFunction", "invoice-renderer-canary"),
                true, t.accessLogDestination(), List.of(t.integrations().get(0), t.integrations().get(1), invoice), List.of(),
                List.of(t.lambdaTargets().getFirst(), missing), null, null, List.of());
        ObjectNode req = k.json.createObjectNode();
        req.put("restApiId", k.apiId);
        req.put("stageName", k.stage);
        req.putObject("updateStageInput").putArray("patchOperations").add(k.patch("replace", "/variables/invoiceFunction", "invoice-renderer-canary"));
        k.apigw("UpdateStage", k.at(-40, 30), SSO, "sam.lee@example.com", req, null);
        k.everyMinute(-5, -1, 2, (t2, id) -> {
            k.executionLog(t2, id, "Lambda invocation failed with status: 404. Lambda request id: " + k.requestId());
            k.executionLog(t2.plusMillis(1), id, "Execution failed due to configuration error: Invalid stage variable value: invoice-renderer-canary");
            k.executionLog(t2.plusMillis(2), id, "Method completed with status: 500");
        });
        k.stamps(k.at(-40, 5), k.topology.deploymentId(), k.at(-210, 0), null, null);
        k.manual(k.alarmAt);
        return k.expect("STATIC_MISCONFIGURATION", "CRITICAL", "CONSTANT", "HIGH", List.of(), List.of());
    }

    static ScenarioKit restStaticNoVpcLink() {
        ScenarioKit k = kit("rest-static-private-integration-no-vpc-link",
                "The new GET /stock/{sku} route proxies to a private address (10.0.12.34) without a VPC link; it fails from the first call.",
                ApiType.REST, "2026-04-04T14:25:31.000Z", 20, 5, 20);
        k.traffic(flat(1000), from(-5, 0.0006, 0.25), Set.of());
        k.lambda(FN, from(-5, 1, 0.75), flat(0), flat(0), flat(200), 0.01);
        k.apiLatency(flat(210));
        k.ordersTopology("42", 10, null, null);
        Topology t = k.topology;
        Integration stock = new Integration("GET /stock/{sku}", "HTTP_PROXY", "http://10.0.12.34:8080/stock/{sku}", "GET", 29000, "INTERNET", null, null, null);
        k.topology = new Topology(t.apiType(), t.apiId(), t.apiName(), t.stage(), t.deploymentId(), Map.of(), true, t.accessLogDestination(),
                List.of(t.integrations().get(0), t.integrations().get(1), stock), List.of(), t.lambdaTargets(), null, null, List.of());
        k.everyMinute(-5, -1, 2, (t2, id) -> {
            k.executionLog(t2, id, "Execution failed due to configuration error: Invalid endpoint address");
            k.executionLog(t2.plusMillis(1), id, "Method completed with status: 500");
        });
        k.stamps(k.at(-150, 12), k.topology.deploymentId(), k.at(-150, 11), "stock route", null);
        k.snsAlarm("orders-api-prod-5xx", k.errorsAt(-1));
        return k.expect("STATIC_MISCONFIGURATION", "CRITICAL", "CONSTANT", "HIGH", List.of("HTTP_BACKEND_UNAVAILABLE"), List.of());
    }

    static ScenarioKit restCompetingChanges() {
        ScenarioKit k = kit("rest-competing-changes-one-on-path",
                "Three changes within five minutes: an orders-handler deploy (on the path), a reports-exporter deploy and an UpdateStage on "
                        + "another API (both elsewhere, the stage update being the latest). orders-handler starts throwing.",
                ApiType.REST, "2026-04-05T16:45:12.000Z", 21, 3, 50);
        k.traffic(flat(1000), from(-3, 0.0008, 0.16), Set.of());
        k.lambda(FN, flat(1), lambdaErrors(k, -3, 1), flat(0), flat(250), 0.01);
        k.apiLatency(flat(260));
        k.ordersTopology("58", 10, null, null);
        k.deploy(FN, "live", "58", k.at(-5, 20), "gha-deploy-9533");
        String other = k.deploy("reports-exporter", "live", "12", k.at(-5, 50), "gha-deploy-9534").getFirst().eventId();
        ObjectNode req = k.json.createObjectNode();
        req.put("restApiId", "m3n4b5v6c7");
        req.put("stageName", "prod");
        req.putObject("updateStageInput").putArray("patchOperations").add(k.patch("replace", "/*/*/throttling/rateLimit", "200"));
        String stageChange = k.apigw("UpdateStage", k.at(-4, 30), SSO, "sam.lee@example.com", req, null).eventId();
        npeLines(k, FN, -3, -1, 2, true);
        k.snsAlarm("orders-api-prod-5xx", k.errorsAt(-1));
        return k.expect("LAMBDA_DEPLOY_REGRESSION", "CRITICAL", "CONSTANT", "HIGH", List.of(), List.of(other, stageChange));
    }

    static ScenarioKit httpUnrelatedIamUnknown() {
        ScenarioKit k = kit("http-unrelated-iam-change-unknown",
                "An IAM policy is attached to data-lake-reader two minutes before 6% of requests to the legacy HTTP backend start failing. "
                        + "The role has nothing to do with the API, and without access logs nothing says why: the honest answer is UNKNOWN.",
                ApiType.HTTP, "2026-04-06T05:50:45.000Z", 22, 4, 30);
        k.traffic(flat(1000), from(-4, 0.001, 0.06), Set.of());
        k.apiLatency(flat(300));
        k.topology = new Topology(ApiType.HTTP, k.apiId, k.apiName, k.stage, "d4f5g6", Map.of(), false, null,
                List.of(new Integration("ANY /{proxy+}", "HTTP_PROXY", "https://legacy-orders.example.com/{proxy}", "ANY", 30000, "INTERNET",
                        null, null, null)), List.of(), List.of(), null, null, List.of());
        k.gaps.add(new Gap(EvidenceSource.LOGS, GapReason.NOT_ENABLED, "stage prod has no access log destination"));
        String iam = k.iamRolePolicy("AttachRolePolicy", "data-lake-reader", "arn:aws:iam::aws:policy/AmazonAthenaFullAccess", k.at(-6, 2),
                SSO, "alice@example.com").eventId();
        k.snsAlarm("orders-http-api-prod-5xx", k.errorsAt(-1));
        return k.expect("UNKNOWN", "HIGH", "CONSTANT", null, List.of(), List.of(iam));
    }

    static ScenarioKit restDeploy20MinBefore() {
        ScenarioKit k = kit("rest-deploy-20-min-before-onset",
                "orders-handler version 43 ships 20 minutes before the errors: its new code path only runs once a 20-minute cache "
                        + "expires. Nothing changed in the last 5 minutes; the widened window finds the deploy.",
                ApiType.REST, "2026-04-07T13:31:40.000Z", 23, 4, 50);
        k.traffic(flat(1000), from(-4, 0.0008, 0.12), Set.of());
        k.lambda(FN, flat(1), lambdaErrors(k, -4, 1), flat(0), flat(230), 0.01);
        k.apiLatency(flat(240));
        k.ordersTopology("43", 10, null, null);
        k.deploy(FN, "live", "43", k.at(-24, 10), "gha-deploy-9650");
        k.everyMinute(-4, -1, 2, (t, id) -> k.javaException(FN, t, id, "java.lang.ClassCastException",
                "class java.lang.String cannot be cast to class java.lang.Long", "com.example.orders.PriceCache.load(PriceCache.java:19)"));
        k.snsAlarm("orders-api-prod-5xx", k.errorsAt(-1));
        return k.expect("LAMBDA_DEPLOY_REGRESSION", "HIGH", "CONSTANT", "MEDIUM", List.of(), List.of());
    }

    static ScenarioKit httpTinyTraffic() {
        ScenarioKit k = kit("http-tiny-traffic",
                "An internal admin HTTP API with 3 requests a minute: after a deploy one or two requests a minute fail. 50% looks "
                        + "critical but the sample is too small to be sure; confidence stays at MEDIUM.",
                ApiType.HTTP, "2026-04-08T02:12:33.000Z", 24, 2, 0);
        k.traffic(flat(3), from(-2, 0, 0.5), Set.of(-40, -33, -21, -17, -9));
        k.lambda(FN, flat(1), lambdaErrors(k, -2, 1), flat(0), flat(300), 0.34);
        k.ordersTopology("9", 10, null, null);
        k.deploy(FN, "live", "9", k.at(-4, 30), "gha-deploy-9702");
        k.everyMinute(-2, -1, 1, (t, id) -> k.javaException(FN, t, id, "java.lang.IllegalArgumentException",
                "No enum constant com.example.admin.Role.AUDITOR", "com.example.admin.Handler.parseRole(Handler.java:64)"));
        k.snsAlarm("orders-http-api-prod-5xx", k.errorsAt(-1));
        return k.expect("LAMBDA_DEPLOY_REGRESSION", "LOW", "CONSTANT", "MEDIUM", List.of(), List.of());
    }

    static ScenarioKit restAlarmRecovering() {
        ScenarioKit k = kit("rest-alarm-recovering",
                "Manual re-run after the on-call engineer rolled live back to version 41: the errors that began with version 42 stopped "
                        + "three minutes ago. The deploy is still the cause; the rollback is not blamed.",
                ApiType.REST, "2026-04-09T10:20:00.000Z", 25, 1, 5);
        k.traffic(flat(1000), m -> m >= -8 && m <= -4 ? 0.25 : 0.0008, Set.of());
        k.lambda(FN, flat(1), m -> m >= -8 && m <= -4 ? k.errorsAt(m) : 0, flat(0), flat(250), 0.01);
        k.apiLatency(flat(260));
        k.ordersTopology("41", 10, null, null);
        k.deploy(FN, "live", "42", k.at(-10, 5), "gha-deploy-9801");
        String rollback = k.updateAlias(FN, "live", "41", k.at(-4, 30), SSO, "jane.doe@example.com").eventId();
        npeLines(k, FN, -8, -4, 2, true);
        k.manual(k.alarmAt);
        return k.expect("LAMBDA_DEPLOY_REGRESSION", "CRITICAL", "CONSTANT", "HIGH", List.of(), List.of(rollback));
    }

    static ScenarioKit httpLambdaTimeoutNoisy() {
        ScenarioKit k = kit("http-lambda-timeout-noisy-baseline",
                "HTTP API with a steady background of a few 5xx a minute, a one-minute blip 20 minutes earlier and missing datapoints; "
                        + "then orders-handler (5 s timeout) starts timing out on 6% of requests.",
                ApiType.HTTP, "2026-04-10T19:44:18.000Z", 26, 5, 60);
        k.traffic(flat(2000), m -> m == -20 ? 0.03 : m >= -5 ? 0.06 : 0.003, Set.of(-31, -30, -12));
        k.lambda(FN, flat(1), m -> m >= -5 ? k.errorsAt(m) : m == -20 ? k.errorsAt(m) : 2, flat(0), from(-5, 1200, 5000), 0.01);
        k.apiLatency(from(-5, 1250, 5030));
        k.ordersTopology("42", 5, null, null);
        timeoutLines(k, FN, -5, -1, 2, 5.0, false);
        k.everyMinute(-5, -1, 2, (t, id) -> k.accessLog(t, "POST", "/orders", 500, "200", 5010,
                "The Lambda function returned the following error: Task timed out after 5.01 seconds", "Internal Server Error", "-", id));
        k.snsAlarm("orders-http-api-prod-5xx", k.errorsAt(-1));
        return k.expect("LAMBDA_TIMEOUT", "HIGH", "CONSTANT", "HIGH", List.of(), List.of());
    }

    /**
     * The everyday live case two false alarms used to hide: an HTTP API whose only route is {@code $default}
     * (the console's permission is {@code apiId/*}{@code /$default}) investigated 40 s after the alarm, so the
     * CloudTrail adapter adds its delivery-delay notice. Neither may be read as a problem.
     */
    static ScenarioKit httpDefaultRouteLiveDelay() {
        ScenarioKit k = kit("http-default-route-live-delay",
                "HTTP API with only a $default route (permission apiId/*/$default) and CloudTrail's delivery-delay notice; orders-handler "
                        + "alias live moves to version 18 and 7% of requests get 500s two minutes later.",
                ApiType.HTTP, "2026-04-09T11:21:07.000Z", 18, 3, 30);
        k.traffic(flat(800), from(-3, 0.001, 0.07), Set.of());
        k.lambda(FN, flat(1), lambdaErrors(k, -3, 1), flat(0), flat(230), 0.01);
        k.apiLatency(flat(260));
        k.topology = new Topology(ApiType.HTTP, k.apiId, k.apiName, k.stage, "p7d2ws", Map.of(), false,
                "arn:aws:logs:" + REGION + ":" + ACCOUNT + ":log-group:/aws/apigateway/" + k.apiName + "-access",
                List.of(k.lambdaIntegration("$default", FN, "live", 30000)), List.of(),
                List.of(k.target(FN, "live", "18", 10, null, k.policy(FN, "live", k.apiId + "/*/$default"))), null, null, List.of());
        k.deploy(FN, "live", "18", k.at(-5, 12), "gha-deploy-9311");
        k.gaps.add(new Gap(EvidenceSource.CHANGES, GapReason.INCOMPLETE, "delivery delay: CloudTrail delivers events about 5 (up to 15)"
                + " minutes late; changes made after " + k.minute(-14) + " may not be listed yet"));
        k.everyMinute(-3, -1, 2, (t, id) -> {
            k.javaException(FN, t, id, "java.lang.IllegalArgumentException", "Unsupported shipping zone: null",
                    "com.example.orders.Shipping.quote(Shipping.java:41)");
            k.accessLog(t.plusMillis(8), "POST", "/orders", 500, "200", 77,
                    "The Lambda function returned the following error: Unsupported shipping zone: null", "Internal Server Error", "-", id);
        });
        k.eventBridgeAlarm("orders-http-api-prod-5xx", k.errorsAt(-1));
        return k.expect("LAMBDA_DEPLOY_REGRESSION", "HIGH", "CONSTANT", "HIGH", List.of(), List.of());
    }
}
