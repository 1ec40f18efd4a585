package io.apigw5xx.responder.evidence;

import io.apigw5xx.responder.incident.ApiType;
import java.util.List;
import java.util.Map;

/**
 * The API's current configuration: what the failing path is made of.
 *
 * @param accessLogDestination the access log group ARN, or null when access logging is off
 * @param executionLogging     REST only: whether execution logs go to API-Gateway-Execution-Logs_{id}/{stage}
 * @param resourcePolicy       REST resource policy JSON verbatim, or null
 * @param webAclArn            the WAF web ACL on the stage, or null
 * @param notes                facts worth reporting, such as "2 REST APIs are named orders-api"
 */
public record Topology(
        ApiType apiType,
        String apiId,
        String apiName,
        String stage,
        String deploymentId,
        Map<String, String> stageVariables,
        boolean executionLogging,
        String accessLogDestination,
        List<Integration> integrations,
        List<Authorizer> authorizers,
        List<LambdaTarget> lambdaTargets,
        String resourcePolicy,
        String webAclArn,
        List<String> notes) {

    public Topology {
        stageVariables = stageVariables == null ? Map.of() : Map.copyOf(stageVariables);
        integrations = integrations == null ? List.of() : List.copyOf(integrations);
        authorizers = authorizers == null ? List.of() : List.copyOf(authorizers);
        lambdaTargets = lambdaTargets == null ? List.of() : List.copyOf(lambdaTargets);
        notes = notes == null ? List.of() : List.copyOf(notes);
    }
}
