package io.apigw5xx.responder.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import io.apigw5xx.responder.JsonMappers;
import io.apigw5xx.responder.evidence.Integration;
import io.apigw5xx.responder.evidence.LambdaTarget;
import io.apigw5xx.responder.evidence.Topology;
import io.apigw5xx.responder.incident.ApiType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StaticChecksTest {

    private static final String URI = "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:orders-handler:live/invocations";
    private static final String ALLOW_ALL = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"apigateway.amazonaws.com\"},"
            + "\"Action\":\"lambda:InvokeFunction\",\"Condition\":{\"ArnLike\":{\"AWS:SourceArn\":\"arn:aws:execute-api:us-east-1:123456789012:a1b2c3d4e5/*\"}}}]}";
    private static final String GET_ONLY = ALLOW_ALL.replace("a1b2c3d4e5/*", "a1b2c3d4e5/prod/GET/orders/*");

    private final StaticChecks checks = new StaticChecks(JsonMappers.create());

    private static Topology topology(List<Integration> integrations, Map<String, String> vars, LambdaTarget... targets) {
        return new Topology(ApiType.REST, "a1b2c3d4e5", "orders-api", "prod", "d1", vars, true, null, integrations, List.of(),
                List.of(targets), null, null, List.of());
    }

    private static Integration lambda(String route, String method, Integer timeout) {
        return new Integration(route, "AWS_PROXY", URI, method, timeout, "INTERNET", null, "orders-handler", "live");
    }

    private static LambdaTarget target(int timeout, String policy, boolean exists) {
        return new LambdaTarget("orders-handler", "live", null, exists, timeout, 1024, null, "arn:aws:iam::123456789012:role/orders-handler-role",
                "42", null, null, policy, false, false);
    }

    @Test
    void run_healthyTopology_reportsOnlyCleanLines() {
        StaticChecks.Result r = checks.run(topology(List.of(lambda("POST /orders", "POST", 29000)), Map.of(), target(10, ALLOW_ALL, true)));

        assertThat(r.problems()).isEmpty();
        assertThat(r.clean()).contains("Lambda integrations call Lambda with POST", "Lambda timeouts are within the integration timeouts");
    }

    @Test
    void run_lambdaIntegrationWithGet_isFatal() {
        StaticChecks.Result r = checks.run(topology(List.of(lambda("POST /refund", "GET", 29000)), Map.of(), target(10, ALLOW_ALL, true)));

        assertThat(r.problems()).singleElement().satisfies(p -> {
            assertThat(p.check()).isEqualTo("integration-method");
            assertThat(p.fatal()).isTrue();
        });
    }

    @Test
    void run_policyScopedToAnotherMethod_missesInvokePermission() {
        StaticChecks.Result r = checks.run(topology(List.of(lambda("POST /orders", "POST", 29000), lambda("GET /orders/{id}", "POST", 29000)),
                Map.of(), target(10, GET_ONLY, true)));

        assertThat(r.problems()).singleElement().satisfies(p -> {
            assertThat(p.check()).isEqualTo("invoke-permission");
            assertThat(p.summary()).contains("POST /orders");
            assertThat(p.command()).isEqualTo("aws lambda get-policy --function-name orders-handler --qualifier live");
        });
    }

    @Test
    void run_lambdaTimeoutAboveIntegrationTimeout_isNotFatal() {
        StaticChecks.Result r = checks.run(topology(List.of(lambda("POST /orders", "POST", 3000)), Map.of(), target(10, ALLOW_ALL, true)));

        assertThat(r.problems()).singleElement().satisfies(p -> {
            assertThat(p.check()).isEqualTo("timeout-order");
            assertThat(p.fatal()).isFalse();
        });
    }

    @Test
    void run_stageVariableUndefinedOrFunctionMissing_isReported() {
        Integration viaVariable = new Integration("GET /invoice", "AWS_PROXY", URI.replace("orders-handler:live", "${stageVariables.fn}"), "POST",
                null, "INTERNET", null, "orders-handler", null);
        StaticChecks.Result r = checks.run(topology(List.of(viaVariable), Map.of(), target(10, ALLOW_ALL, false)));

        assertThat(r.problems()).extracting(StaticChecks.Problem::check).containsExactly("stage-variable", "missing-function");
    }

    @Test
    void run_privateAddressWithoutVpcLink_isReported() {
        Integration privateHttp = new Integration("GET /stock", "HTTP_PROXY", "http://10.0.12.34:8080/stock", "GET", null, "INTERNET", null, null, null);
        Integration linked = new Integration("GET /stock2", "HTTP_PROXY", "http://10.0.12.35:8080/stock", "GET", null, "VPC_LINK", "vl-1", null, null);

        StaticChecks.Result r = checks.run(topology(List.of(privateHttp, linked), Map.of()));

        assertThat(r.problems()).singleElement().satisfies(p -> assertThat(p.resource()).isEqualTo("GET /stock"));
    }

    private static LambdaTarget unknown(boolean configUnknown, boolean policyUnknown) {
        return new LambdaTarget("orders-handler", "live", null, !configUnknown, configUnknown ? null : 10, null, null, null,
                null, null, null, policyUnknown ? null : ALLOW_ALL, configUnknown, policyUnknown);
    }

    @Test
    void run_policyUnknown_reportsNoInvokePermissionProblemButSaysItWasNotChecked() {
        StaticChecks.Result r = checks.run(topology(List.of(lambda("POST /orders", "POST", 29000)), Map.of(), unknown(false, true)));

        assertThat(r.problems()).isEmpty();
        assertThat(r.clean()).noneMatch(line -> line.contains("resource policy lets"))
                .anySatisfy(line -> assertThat(line).startsWith("not checked: orders-handler's resource policy could not be read"));
    }

    @Test
    void run_configUnknown_skipsMissingFunctionAndTimeoutChecks() {
        LambdaTarget staleTimeout = new LambdaTarget("orders-handler", "live", null, false, 900, null, null, null, null, null, null,
                ALLOW_ALL, true, false);
        StaticChecks.Result r = checks.run(topology(List.of(lambda("POST /orders", "POST", 3000)), Map.of(), staleTimeout));

        assertThat(r.problems()).isEmpty();
        assertThat(r.clean()).contains("every Lambda target's resource policy lets API a1b2c3d4e5 invoke it")
                .noneMatch(line -> line.equals("every function the integrations name exists"))
                .anySatisfy(line -> assertThat(line).startsWith("not checked: orders-handler's configuration could not be read"));
    }

    @Test
    void run_policyUnknownAuthorizer_isNotReportedAsDenying() {
        Topology base = topology(List.of(), Map.of(), unknown(false, true));
        Topology withAuthorizer = new Topology(base.apiType(), base.apiId(), base.apiName(), base.stage(), base.deploymentId(),
                base.stageVariables(), true, null, List.of(), List.of(new io.apigw5xx.responder.evidence.Authorizer("au1", "jwt-check",
                        "TOKEN", null, "orders-handler")), base.lambdaTargets(), null, null, List.of());

        StaticChecks.Result r = checks.run(withAuthorizer);

        assertThat(r.problems()).isEmpty();
        assertThat(r.clean()).anySatisfy(line -> assertThat(line).startsWith("not checked: orders-handler's resource policy"));
    }

    private static String policyFor(String sourceArnTail) {
        return ALLOW_ALL.replace("a1b2c3d4e5/*", sourceArnTail);
    }

    private static Topology http(String route, String policy) {
        return new Topology(ApiType.HTTP, "a1b2c3d4e5", "orders-http-api", "prod", "d1", Map.of(), true, null,
                List.of(lambda(route, "POST", 30000)), List.of(), List.of(target(10, policy, true)), null, null, List.of());
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource({
            "$default,    a1b2c3d4e5/*/$default",
            "$default,    a1b2c3d4e5/*/*",
            "$default,    a1b2c3d4e5/prod/$default",
            "GET /orders, a1b2c3d4e5/*/GET/orders",
            "GET /orders, a1b2c3d4e5/*/*/orders",
            "GET /orders, a1b2c3d4e5/*/*",
            "ANY /orders, a1b2c3d4e5/*/*/orders"})
    void run_httpRouteCoveredByPermission_isNotAProblem(String route, String sourceArnTail) {
        StaticChecks.Result r = checks.run(http(route, policyFor(sourceArnTail)));

        assertThat(r.problems()).isEmpty();
        assertThat(r.clean()).contains("every Lambda target's resource policy lets API a1b2c3d4e5 invoke it");
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource({
            "$default,    a1b2c3d4e5/*/GET/orders",
            "$default,    a1b2c3d4e5/staging/$default",
            "GET /orders, a1b2c3d4e5/*/$default",
            "GET /orders, a1b2c3d4e5/*/POST/orders",
            "GET /orders, zzzzzzzzzz/*/*"})
    void run_httpRouteNotCoveredByPermission_isAnInvokePermissionProblem(String route, String sourceArnTail) {
        StaticChecks.Result r = checks.run(http(route, policyFor(sourceArnTail)));

        assertThat(r.problems()).singleElement().satisfies(p -> assertThat(p.check()).isEqualTo("invoke-permission"));
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource({
            "GET /orders/{id}, a1b2c3d4e5/*/GET/orders/*, true",
            "GET /orders/{id}, a1b2c3d4e5/prod/GET/orders/{id}, true",
            "POST /orders,     a1b2c3d4e5/*/*/*, true",
            "GET /,            a1b2c3d4e5/*/GET/, true",
            "POST /orders,     a1b2c3d4e5/*/$default, false",
            "POST /orders,     a1b2c3d4e5/test/POST/orders, false"})
    void executePath_restRoute_matchesConsolePermissions(String route, String sourceArnTail, boolean allowed) {
        Topology t = topology(List.of(), Map.of());

        assertThat(StaticChecks.executePath(t, route)).startsWith("a1b2c3d4e5/prod/" + StaticChecks.method(route) + "/");
        assertThat(checks.allows(policyFor(sourceArnTail), StaticChecks.executePath(t, route))).isEqualTo(allowed);
    }
}
