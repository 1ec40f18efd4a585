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
 * @param stamps               the stage's, its deployment's and the execution roles' managed policies' own
 *                             timestamps; null = not read (bundles from before they were read)
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
        List<String> notes,
        ConfigStamps stamps) {

    /** A topology without config timestamps (version 1 bundles, tests that do not need them). */
    public Topology(ApiType apiType, String apiId, String apiName, String stage, String deploymentId, Map<String, String> stageVariables,
                    boolean executionLogging, String accessLogDestination, List<Integration> integrations, List<Authorizer> authorizers,
                    List<LambdaTarget> lambdaTargets, String resourcePolicy, String webAclArn, List<String> notes) {
        this(apiType, apiId, apiName, stage, deploymentId, stageVariables, executionLogging, accessLogDestination, integrations,
                authorizers, lambdaTargets, resourcePolicy, webAclArn, notes, null);
    }

    public Topology withStamps(ConfigStamps s) {
        return new Topology(apiType, apiId, apiName, stage, deploymentId, stageVariables, executionLogging, accessLogDestination,
                integrations, authorizers, lambdaTargets, resourcePolicy, webAclArn, notes, s);
    }

    public Topology withLambdaTargets(List<LambdaTarget> targets) {
        return new Topology(apiType, apiId, apiName, stage, deploymentId, stageVariables, executionLogging, accessLogDestination,
                integrations, authorizers, targets, resourcePolicy, webAclArn, notes, stamps);
    }

    public Topology {
        stageVariables = stageVariables == null ? Map.of() : Map.copyOf(stageVariables);
        integrations = integrations == null ? List.of() : List.copyOf(integrations);
        authorizers = authorizers == null ? List.of() : List.copyOf(authorizers);
        lambdaTargets = lambdaTargets == null ? List.of() : List.copyOf(lambdaTargets);
        notes = notes == null ? List.of() : List.copyOf(notes);
    }
}
