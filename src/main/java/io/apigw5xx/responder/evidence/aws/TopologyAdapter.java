package io.apigw5xx.responder.evidence.aws;

import io.apigw5xx.responder.evidence.ApiStages;
import io.apigw5xx.responder.evidence.Authorizer;
import io.apigw5xx.responder.evidence.ConfigStamps;
import io.apigw5xx.responder.evidence.EvidenceSource;
import io.apigw5xx.responder.evidence.EvidenceUnavailableException;
import io.apigw5xx.responder.evidence.Gap;
import io.apigw5xx.responder.evidence.GapReason;
import io.apigw5xx.responder.evidence.Integration;
import io.apigw5xx.responder.evidence.LambdaTarget;
import io.apigw5xx.responder.evidence.SourceResult;
import io.apigw5xx.responder.evidence.Topology;
import io.apigw5xx.responder.evidence.TopologySource;
import io.apigw5xx.responder.incident.ApiRef;
import io.apigw5xx.responder.incident.ApiType;
import io.apigw5xx.responder.incident.Incident;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.apigateway.model.GetResourcesResponse;
import software.amazon.awssdk.services.apigateway.model.GetRestApisResponse;
import software.amazon.awssdk.services.apigateway.model.GetStageResponse;
import software.amazon.awssdk.services.apigateway.model.Method;
import software.amazon.awssdk.services.apigateway.model.MethodSetting;
import software.amazon.awssdk.services.apigateway.model.Resource;
import software.amazon.awssdk.services.apigateway.model.RestApi;
import software.amazon.awssdk.services.apigatewayv2.ApiGatewayV2Client;
import software.amazon.awssdk.services.apigatewayv2.model.GetApiResponse;
import software.amazon.awssdk.services.apigatewayv2.model.GetIntegrationsResponse;
import software.amazon.awssdk.services.apigatewayv2.model.GetRoutesResponse;
import software.amazon.awssdk.services.apigatewayv2.model.Route;

/**
 * Reads what the failing path is made of: REST (v1) or HTTP (v2) API, stage, integrations, authorizers,
 * and each Lambda target's configuration and resource policy. Lambda targets are read in parallel.
 *
 * <p>Call budget (REST): GetRestApis (only when the API is known by name) or GetRestApi, GetStage,
 * GetResources?embed=methods (integrations come embedded; GetIntegration only when one is missing),
 * GetAuthorizers only when a method uses one; then per target GetFunction (configuration, the version an
 * alias resolves to, reserved concurrency) and GetPolicy.
 *
 * <p>Config timestamps (issue 14, reference/config-timestamps.md): the stage's lastUpdatedDate comes with GetStage;
 * the stage's deployment (createdDate, description) costs one GetDeployment, read in parallel with the Lambda
 * targets; each target's LastModified and LastUpdateStatus come with its GetFunction. Each distinct execution
 * role is read as soon as the first GetFunction naming it answers, beside the other targets' reads: IAM
 * ListAttachedRolePolicies, then GetPolicy per customer-managed policy ({@link IamPolicies}); targets sharing a
 * role cost one list. A timestamp that cannot be read is a named gap and the rest goes on.
 */
public final class TopologyAdapter implements TopologySource {

    private static final String LATEST = "$LATEST";

    private final ApiGatewayClient rest;
    private final ApiGatewayV2Client http;
    private final LambdaReads lambda;
    private final IamPolicies iam;
    private final Clock clock;

    /** Without IAM reads: the execution roles' managed policies are not read. */
    public TopologyAdapter(ApiGatewayClient rest, ApiGatewayV2Client http, LambdaReads lambda, Clock clock) {
        this(rest, http, lambda, null, clock);
    }

    /** {@code iam}: reads the managed policies on the targets' execution roles; null not to read them. */
    public TopologyAdapter(ApiGatewayClient rest, ApiGatewayV2Client http, LambdaReads lambda, IamPolicies iam, Clock clock) {
        this.rest = rest;
        this.http = http;
        this.lambda = lambda;
        this.iam = iam;
        this.clock = clock;
    }

    @Override
    public SourceResult<Topology> topology(Incident incident, Instant deadline) {
        CallDeadline calls = new CallDeadline(deadline, clock);
        List<String> notes = new ArrayList<>();
        List<Gap> gaps = Collections.synchronizedList(new ArrayList<>());
        ApiRef api = incident.api();
        Topology apiOnly;
        if (api.type() == ApiType.HTTP && api.id() != null) {
            apiOnly = isHttpApi(api.id(), calls) ? httpApi(api.id(), incident.stage(), calls, notes)
                    : restApi(getRestApi(api.id(), calls), incident.stage(), calls, notes);
        } else if (api.id() != null) {
            RestApi restApi = justResolved(api.id());
            if (restApi == null) {
                restApi = findRestApi(api.id(), calls);
            }
            apiOnly = restApi != null ? restApi(restApi, incident.stage(), calls, notes)
                    : httpApi(api.id(), incident.stage(), calls, notes);
        } else {
            apiOnly = restApi(resolveByName(api.name(), incident.stage(), calls, notes), incident.stage(), calls, notes);
        }
        // The deployment's timestamp is read beside the Lambda targets, not after them.
        java.util.concurrent.CompletableFuture<ConfigStamps> stamps = new java.util.concurrent.CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            try {
                stamps.complete(withDeployment(apiOnly, calls, gaps));
            } catch (RuntimeException e) {
                stamps.complete(apiOnly.stamps());
            }
        });
        List<ConfigStamps.ManagedPolicy> managed = new ArrayList<>();
        List<LambdaTarget> targets = lambdaTargets(targetsOf(apiOnly), calls, gaps, managed);
        ConfigStamps read = stamps.join();
        ConfigStamps withPolicies = read == null || managed.isEmpty() ? read
                : new ConfigStamps(read.stageLastUpdated(), read.deploymentId(), read.deploymentCreated(),
                        read.deploymentDescription(), read.autoDeploy(), managed);
        Topology topology = new Topology(apiOnly.apiType(), apiOnly.apiId(), apiOnly.apiName(), apiOnly.stage(),
                apiOnly.deploymentId(), apiOnly.stageVariables(), apiOnly.executionLogging(), apiOnly.accessLogDestination(),
                apiOnly.integrations(), apiOnly.authorizers(), targets, apiOnly.resourcePolicy(), apiOnly.webAclArn(), notes,
                withPolicies);
        return new SourceResult<>(topology, gaps);
    }

    // ---- config timestamps ----

    /** The stage's deployment: createdDate and description (REST GetDeployment, HTTP GetDeployment). */
    private ConfigStamps withDeployment(Topology api, CallDeadline calls, List<Gap> gaps) {
        ConfigStamps s = api.stamps();
        if (s == null || api.deploymentId() == null) {
            return s;
        }
        String call = (api.apiType() == ApiType.HTTP ? "apigatewayv2" : "apigateway") + ":GetDeployment";
        try {
            if (api.apiType() == ApiType.HTTP) {
                var d = http.getDeployment(r -> r.apiId(api.apiId()).deploymentId(api.deploymentId())
                        .overrideConfiguration(calls.override(call)));
                return new ConfigStamps(s.stageLastUpdated(), api.deploymentId(), d.createdDate(), d.description(),
                        s.autoDeploy() != null ? s.autoDeploy() : d.autoDeployed(), List.of());
            }
            var d = rest.getDeployment(r -> r.restApiId(api.apiId()).deploymentId(api.deploymentId())
                    .overrideConfiguration(calls.override(call)));
            return new ConfigStamps(s.stageLastUpdated(), api.deploymentId(), d.createdDate(), d.description(), null, List.of());
        } catch (SdkException e) {
            if (!AwsFailures.isNotFound(e)) {
                gaps.add(AwsFailures.unavailable(call + " " + api.apiId() + "/" + api.deploymentId()
                        + " (the deployment's time could not be read)", e).toGap(EvidenceSource.TOPOLOGY));
            }
            return s;
        }
    }

    /**
     * The stages of an API-wide alarm's API: HTTP API → apigatewayv2:GetStages; REST API → GetStages, after the
     * GetRestApis name lookup the per-stage path makes as well (the resolved id then saves it later).
     */
    @Override
    public SourceResult<ApiStages> stages(Incident incident, Instant deadline) {
        CallDeadline calls = new CallDeadline(deadline, clock);
        ApiRef api = incident.api();
        if (api.type() == ApiType.HTTP && api.id() != null) {
            try {
                List<String> names = new ArrayList<>();
                String token = null;
                do {
                    var page = call("apigatewayv2:GetStages", calls, d -> http.getStages(r -> r.apiId(api.id()).maxResults("500")
                            .nextToken(d.position()).overrideConfiguration(d.override())), token);
                    page.items().forEach(st -> names.add(st.stageName()));
                    token = page.nextToken();
                } while (token != null && !token.isEmpty());
                return SourceResult.of(new ApiStages(api, names));
            } catch (EvidenceUnavailableException e) {
                if (e.reason() != GapReason.NOT_FOUND) {
                    throw e;
                }
                // not an HTTP API: a REST API's id, tried below
            }
        }
        RestApi restApi = api.id() != null ? getRestApi(api.id(), calls) : uniqueByName(api.name(), calls);
        List<String> names;
        try {
            names = rest.getStages(r -> r.restApiId(restApi.id()).overrideConfiguration(calls.override("apigateway:GetStages")))
                    .item().stream().map(software.amazon.awssdk.services.apigateway.model.Stage::stageName).toList();
        } catch (SdkException e) {
            throw AwsFailures.unavailable("apigateway:GetStages " + restApi.id(), e);
        }
        recentlyResolved = new Resolved(restApi, clock.instant());
        return SourceResult.of(new ApiStages(new ApiRef(ApiType.REST, restApi.name(), restApi.id()), names));
    }

    /**
     * The REST API {@link #stages} resolved moments ago, or null. Narrowing an API-wide alarm resolves the name
     * (GetRestApis, policy included) just before the chosen stage is read; reusing it keeps the API-wide path at
     * 2 calls more than a per-stage alarm (GetStages, the per-stage GetMetricData) instead of 3.
     */
    private RestApi justResolved(String id) {
        Resolved recent = recentlyResolved;
        return recent != null && recent.api().id().equals(id)
                && java.time.Duration.between(recent.at(), clock.instant()).compareTo(REUSE_RESOLVED) <= 0 ? recent.api() : null;
    }

    private record Resolved(RestApi api, Instant at) {}

    /** Long enough for one investigation's narrowing and topology; short enough that a changed policy is read anew. */
    private static final java.time.Duration REUSE_RESOLVED = java.time.Duration.ofSeconds(60);

    private volatile Resolved recentlyResolved;

    /** An API-wide REST alarm names the API; two APIs of that name share the metric, so neither can be chosen. */
    private RestApi uniqueByName(String name, CallDeadline calls) {
        List<RestApi> named = new ArrayList<>();
        String position = null;
        do {
            GetRestApisResponse page = call("apigateway:GetRestApis", calls,
                    d -> rest.getRestApis(r -> r.limit(500).position(d.position()).overrideConfiguration(d.override())), position);
            page.items().stream().filter(a -> name.equals(a.name())).forEach(named::add);
            position = page.position();
        } while (position != null && !position.isEmpty());
        if (named.size() == 1) {
            return named.getFirst();
        }
        throw new EvidenceUnavailableException(GapReason.NOT_FOUND, named.isEmpty()
                ? "no REST API named '" + name + "' in this account and region"
                : named.size() + " REST APIs are named '" + name + "' (" + String.join(", ", named.stream().map(RestApi::id).toList())
                        + ") and share its metrics: investigate each with --api-id");
    }

    // ---- REST APIs ----

    private RestApi resolveByName(String name, String stage, CallDeadline calls, List<String> notes) {
        List<RestApi> named = new ArrayList<>();
        String position = null;
        do {
            GetRestApisResponse page = call("apigateway:GetRestApis", calls,
                    d -> rest.getRestApis(r -> r.limit(500).position(d.position()).overrideConfiguration(d.override())),
                    position);
            page.items().stream().filter(a -> name.equals(a.name())).forEach(named::add);
            position = page.position();
        } while (position != null && !position.isEmpty());
        if (named.isEmpty()) {
            throw new EvidenceUnavailableException(GapReason.NOT_FOUND, "no REST API named '" + name + "' in this account and region");
        }
        if (named.size() == 1) {
            return named.getFirst();
        }
        // Names can repeat: pick the one that has the alarm's stage, and say so.
        List<String> ids = named.stream().map(RestApi::id).toList();
        for (RestApi candidate : named) {
            if (stageExists(candidate.id(), stage, calls)) {
                notes.add(named.size() + " REST APIs are named '" + name + "' (" + String.join(", ", ids) + "); using "
                        + candidate.id() + ", the first with stage '" + stage + "'");
                return candidate;
            }
        }
        throw new EvidenceUnavailableException(GapReason.NOT_FOUND, named.size() + " REST APIs are named '" + name + "' ("
                + String.join(", ", ids) + ") and none has stage '" + stage + "'");
    }

    private boolean stageExists(String apiId, String stage, CallDeadline calls) {
        try {
            rest.getStage(r -> r.restApiId(apiId).stageName(stage).overrideConfiguration(calls.override("apigateway:GetStage")));
            return true;
        } catch (SdkException e) {
            if (AwsFailures.isNotFound(e)) {
                return false;
            }
            throw AwsFailures.unavailable("apigateway:GetStage " + apiId + "/" + stage, e);
        }
    }

    private RestApi findRestApi(String id, CallDeadline calls) {
        try {
            var r = rest.getRestApi(b -> b.restApiId(id).overrideConfiguration(calls.override("apigateway:GetRestApi")));
            return RestApi.builder().id(r.id()).name(r.name()).policy(r.policy()).build();
        } catch (SdkException e) {
            if (AwsFailures.isNotFound(e)) {
                return null;
            }
            throw AwsFailures.unavailable("apigateway:GetRestApi " + id, e);
        }
    }

    private RestApi getRestApi(String id, CallDeadline calls) {
        RestApi api = findRestApi(id, calls);
        if (api == null) {
            throw new EvidenceUnavailableException(GapReason.NOT_FOUND, "no REST or HTTP API with id '" + id + "'");
        }
        return api;
    }

    private Topology restApi(RestApi api, String stageName, CallDeadline calls, List<String> notes) {
        GetStageResponse stage;
        try {
            stage = rest.getStage(r -> r.restApiId(api.id()).stageName(stageName).overrideConfiguration(calls.override("apigateway:GetStage")));
        } catch (SdkException e) {
            throw AwsFailures.unavailable("apigateway:GetStage " + api.id() + "/" + stageName, e);
        }
        Map<String, String> variables = stage.variables() == null ? Map.of() : stage.variables();
        List<Integration> integrations = new ArrayList<>();
        Set<String> authorizerIds = new LinkedHashSet<>();
        boolean usesAuthorizer = false;
        String position = null;
        do {
            GetResourcesResponse page = call("apigateway:GetResources", calls, d -> rest.getResources(r -> r.restApiId(api.id())
                    .embed("methods").limit(500).position(d.position()).overrideConfiguration(d.override())), position);
            for (Resource resource : page.items()) {
                if (resource.resourceMethods() == null) {
                    continue;
                }
                for (Map.Entry<String, Method> entry : new java.util.TreeMap<>(resource.resourceMethods()).entrySet()) {
                    Method method = entry.getValue();
                    String verb = method.httpMethod() != null ? method.httpMethod() : entry.getKey();
                    String type = method.authorizationType();
                    if ("CUSTOM".equals(type) || "COGNITO_USER_POOLS".equals(type)) {
                        usesAuthorizer = true;
                        if (method.authorizerId() != null) {
                            authorizerIds.add(method.authorizerId());
                        }
                    }
                    software.amazon.awssdk.services.apigateway.model.Integration integration = method.methodIntegration() != null
                            ? method.methodIntegration()
                            : restIntegration(api.id(), resource.id(), verb, calls);
                    if (integration != null) {
                        integrations.add(restIntegration(verb + " " + resource.path(), integration, variables, notes));
                    }
                }
            }
            position = page.position();
        } while (position != null && !position.isEmpty());

        List<Authorizer> authorizers = usesAuthorizer ? restAuthorizers(api.id(), variables, calls) : List.of();
        MethodSetting all = stage.methodSettings() == null ? null : stage.methodSettings().get("*/*");
        boolean executionLogging = all != null && all.loggingLevel() != null && !"OFF".equalsIgnoreCase(all.loggingLevel());
        String accessLog = stage.accessLogSettings() == null ? null : stage.accessLogSettings().destinationArn();
        return new Topology(ApiType.REST, api.id(), api.name(), stageName, stage.deploymentId(), variables, executionLogging,
                accessLog, integrations, authorizers, List.of(), api.policy(), stage.webAclArn(), notes,
                new ConfigStamps(stage.lastUpdatedDate(), stage.deploymentId(), null, null, null, List.of()));
    }

    private software.amazon.awssdk.services.apigateway.model.Integration restIntegration(String apiId, String resourceId,
            String verb, CallDeadline calls) {
        try {
            var r = rest.getIntegration(b -> b.restApiId(apiId).resourceId(resourceId).httpMethod(verb)
                    .overrideConfiguration(calls.override("apigateway:GetIntegration")));
            return software.amazon.awssdk.services.apigateway.model.Integration.builder().type(r.type()).uri(r.uri())
                    .httpMethod(r.httpMethod()).timeoutInMillis(r.timeoutInMillis()).connectionType(r.connectionType())
                    .connectionId(r.connectionId()).build();
        } catch (SdkException e) {
            if (AwsFailures.isNotFound(e)) {
                return null; // a method without an integration: nothing to call
            }
            throw AwsFailures.unavailable("apigateway:GetIntegration " + apiId + " " + verb, e);
        }
    }

    private static Integration restIntegration(String route, software.amazon.awssdk.services.apigateway.model.Integration i,
            Map<String, String> variables, List<String> notes) {
        LambdaUris.Target target = LambdaUris.parse(i.uri(), variables);
        noteUnresolved(route, target, notes);
        return new Integration(route, i.typeAsString(), i.uri(), i.httpMethod(), i.timeoutInMillis(),
                i.connectionTypeAsString(), i.connectionId(), target == null ? null : target.function(),
                target == null ? null : target.qualifier());
    }

    private List<Authorizer> restAuthorizers(String apiId, Map<String, String> variables, CallDeadline calls) {
        try {
            return rest.getAuthorizers(r -> r.restApiId(apiId).limit(500).overrideConfiguration(calls.override("apigateway:GetAuthorizers")))
                    .items().stream().map(a -> {
                        LambdaUris.Target t = LambdaUris.parse(a.authorizerUri(), variables);
                        return new Authorizer(a.id(), a.name(), a.typeAsString(), a.authorizerUri(), t == null ? null : t.function());
                    }).toList();
        } catch (SdkException e) {
            throw AwsFailures.unavailable("apigateway:GetAuthorizers " + apiId, e);
        }
    }

    // ---- HTTP APIs ----

    private boolean isHttpApi(String id, CallDeadline calls) {
        try {
            http.getApi(r -> r.apiId(id).overrideConfiguration(calls.override("apigatewayv2:GetApi")));
            return true;
        } catch (SdkException e) {
            if (AwsFailures.isNotFound(e)) {
                return false;
            }
            throw AwsFailures.unavailable("apigatewayv2:GetApi " + id, e);
        }
    }

    private Topology httpApi(String id, String stageName, CallDeadline calls, List<String> notes) {
        GetApiResponse api;
        software.amazon.awssdk.services.apigatewayv2.model.GetStageResponse stage;
        try {
            api = http.getApi(r -> r.apiId(id).overrideConfiguration(calls.override("apigatewayv2:GetApi")));
            stage = http.getStage(r -> r.apiId(id).stageName(stageName).overrideConfiguration(calls.override("apigatewayv2:GetStage")));
        } catch (SdkException e) {
            if (AwsFailures.isNotFound(e)) {
                throw new EvidenceUnavailableException(GapReason.NOT_FOUND, "no HTTP API '" + id + "' with stage '" + stageName
                        + "': " + AwsFailures.describe(e), e);
            }
            throw AwsFailures.unavailable("apigatewayv2:GetApi/GetStage " + id + "/" + stageName, e);
        }
        Map<String, String> variables = stage.stageVariables() == null ? Map.of() : stage.stageVariables();
        Map<String, software.amazon.awssdk.services.apigatewayv2.model.Integration> byId = new LinkedHashMap<>();
        String token = null;
        do {
            GetIntegrationsResponse page = call("apigatewayv2:GetIntegrations", calls, d -> http.getIntegrations(r -> r.apiId(id)
                    .maxResults("500").nextToken(d.position()).overrideConfiguration(d.override())), token);
            page.items().forEach(i -> byId.put(i.integrationId(), i));
            token = page.nextToken();
        } while (token != null && !token.isEmpty());
        List<Route> routes = new ArrayList<>();
        token = null;
        do {
            GetRoutesResponse page = call("apigatewayv2:GetRoutes", calls, d -> http.getRoutes(r -> r.apiId(id)
                    .maxResults("500").nextToken(d.position()).overrideConfiguration(d.override())), token);
            routes.addAll(page.items());
            token = page.nextToken();
        } while (token != null && !token.isEmpty());

        List<Integration> integrations = new ArrayList<>();
        boolean usesAuthorizer = false;
        for (Route route : routes) {
            if (route.authorizationType() != null && !"NONE".equals(route.authorizationTypeAsString())) {
                usesAuthorizer = true;
            }
            String target = route.target();
            var integration = target == null ? null : byId.get(target.replaceFirst("^integrations/", ""));
            if (integration == null) {
                continue;
            }
            LambdaUris.Target lambdaTarget = LambdaUris.parse(integration.integrationUri(), variables);
            noteUnresolved(route.routeKey(), lambdaTarget, notes);
            integrations.add(new Integration(route.routeKey(), integration.integrationTypeAsString(), integration.integrationUri(),
                    integration.integrationMethod(), integration.timeoutInMillis(), integration.connectionTypeAsString(),
                    integration.connectionId(), lambdaTarget == null ? null : lambdaTarget.function(),
                    lambdaTarget == null ? null : lambdaTarget.qualifier()));
        }
        List<Authorizer> authorizers = List.of();
        if (usesAuthorizer) {
            try {
                authorizers = http.getAuthorizers(r -> r.apiId(id).overrideConfiguration(calls.override("apigatewayv2:GetAuthorizers")))
                        .items().stream().map(a -> {
                            LambdaUris.Target t = LambdaUris.parse(a.authorizerUri(), variables);
                            return new Authorizer(a.authorizerId(), a.name(), a.authorizerTypeAsString(), a.authorizerUri(),
                                    t == null ? null : t.function());
                        }).toList();
            } catch (SdkException e) {
                throw AwsFailures.unavailable("apigatewayv2:GetAuthorizers " + id, e);
            }
        }
        String accessLog = stage.accessLogSettings() == null ? null : stage.accessLogSettings().destinationArn();
        return new Topology(ApiType.HTTP, id, api.name(), stageName, stage.deploymentId(), variables, false, accessLog,
                integrations, authorizers, List.of(), null, null, notes,
                new ConfigStamps(stage.lastUpdatedDate(), stage.deploymentId(), null, null, stage.autoDeploy(), List.of()));
    }

    private static void noteUnresolved(String route, LambdaUris.Target target, List<String> notes) {
        if (target != null && target.unresolvedVariable() != null) {
            notes.add(route + " names stage variable '" + target.unresolvedVariable() + "', which the stage does not define");
        }
    }

    // ---- Lambda targets ----

    private record TargetRef(String function, String qualifier) {}

    private static List<TargetRef> targetsOf(Topology api) {
        Set<TargetRef> refs = new LinkedHashSet<>();
        for (Integration i : api.integrations()) {
            if (i.lambdaFunction() != null && !i.lambdaFunction().contains("${")) {
                refs.add(new TargetRef(i.lambdaFunction(), i.lambdaQualifier()));
            }
        }
        for (Authorizer a : api.authorizers()) {
            if (a.lambdaFunction() != null && !a.lambdaFunction().contains("${")) {
                refs.add(new TargetRef(a.lambdaFunction(), null));
            }
        }
        return List.copyOf(refs);
    }

    private List<LambdaTarget> lambdaTargets(List<TargetRef> refs, CallDeadline calls, List<Gap> gaps,
            List<ConfigStamps.ManagedPolicy> managed) {
        if (refs.isEmpty()) {
            return List.of();
        }
        ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
        // execution role name → its managed policies, read once per role, started by the first GetFunction naming it
        Map<String, Future<List<ConfigStamps.ManagedPolicy>>> roles = new java.util.concurrent.ConcurrentHashMap<>();
        try {
            List<Future<LambdaReads.Function>> functions = new ArrayList<>();
            List<Future<String>> policies = new ArrayList<>();
            for (TargetRef ref : refs) {
                functions.add(executor.submit(() -> {
                    LambdaReads.Function function = getFunction(ref, calls);
                    String role = function == null ? null : roleName(function.role());
                    if (iam != null && role != null) {
                        roles.computeIfAbsent(role, r -> executor.submit(() -> iam.attached(r, calls, gaps)));
                    }
                    return function;
                }));
                policies.add(executor.submit(() -> getPolicy(ref, calls)));
            }
            List<LambdaTarget> targets = new ArrayList<>();
            for (int i = 0; i < refs.size(); i++) {
                TargetRef ref = refs.get(i);
                Read<LambdaReads.Function> function = join(functions.get(i), "lambda:GetFunction " + ref.function(), gaps);
                Read<String> policy = join(policies.get(i), "lambda:GetPolicy " + ref.function(), gaps);
                targets.add(toTarget(ref, function, policy, calls, gaps));
            }
            // all GetFunction reads are joined above, so every role's read has started
            roles.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(role -> {
                Read<List<ConfigStamps.ManagedPolicy>> read = join(role.getValue(), "iam:ListAttachedRolePolicies " + role.getKey()
                        + " (the managed policies' update times could not be read)", gaps);
                if (read.value() != null) {
                    managed.addAll(read.value());
                }
            });
            return targets;
        } finally {
            executor.shutdownNow();
        }
    }

    /** The role's name from its ARN ({@code arn:aws:iam::123:role/path/name} → {@code name}). */
    static String roleName(String roleArn) {
        if (roleArn == null || !roleArn.contains(":role/")) {
            return null;
        }
        return roleArn.substring(roleArn.lastIndexOf('/') + 1);
    }

    /** null when the function does not exist (that is evidence, not a gap). */
    private LambdaReads.Function getFunction(TargetRef ref, CallDeadline calls) {
        try {
            before("lambda:GetFunction " + ref.function(), calls);
            return lambda.function(ref.function(), ref.qualifier());
        } catch (SdkException e) {
            if (AwsFailures.isNotFound(e)) {
                return null;
            }
            throw AwsFailures.unavailable("lambda:GetFunction " + ref.function(), e);
        }
    }

    /** null when the function has no resource policy: then nothing may invoke it, which the analyzer reports. */
    private String getPolicy(TargetRef ref, CallDeadline calls) {
        try {
            before("lambda:GetPolicy " + ref.function(), calls);
            return lambda.policy(ref.function(), ref.qualifier());
        } catch (SdkException e) {
            if (AwsFailures.isNotFound(e)) {
                return null;
            }
            throw AwsFailures.unavailable("lambda:GetPolicy " + ref.function(), e);
        }
    }

    /**
     * What one parallel call gave: its value (null for "not found" / "no policy"), or {@code failed} when it
     * failed for any other reason, the deadline included; a gap then says why.
     */
    private record Read<T>(T value, boolean failed) {}

    private static <T> Read<T> join(Future<T> future, String call, List<Gap> gaps) {
        try {
            return new Read<>(future.get(), false);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof EvidenceUnavailableException unavailable) {
                gaps.add(unavailable.toGap(EvidenceSource.TOPOLOGY));
            } else {
                gaps.add(new Gap(EvidenceSource.TOPOLOGY, GapReason.ERROR, call + ": " + e.getCause()));
            }
            return new Read<>(null, true);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            gaps.add(new Gap(EvidenceSource.TOPOLOGY, GapReason.TIMEOUT, call + ": interrupted"));
            return new Read<>(null, true);
        }
    }

    private LambdaTarget toTarget(TargetRef ref, Read<LambdaReads.Function> read, Read<String> policy, CallDeadline calls,
            List<Gap> gaps) {
        if (read.failed()) {
            // The read failed (a gap says why): the function may well exist, and nothing is known of its configuration.
            return new LambdaTarget(ref.function(), ref.qualifier(), null, true, null, null, null, null, null, null, null,
                    policy.value(), true, policy.failed());
        }
        LambdaReads.Function function = read.value();
        if (function == null) {
            // A real ResourceNotFound: the function is gone, which is evidence.
            return new LambdaTarget(ref.function(), ref.qualifier(), null, false, null, null, null, null, null, null, null,
                    policy.value(), false, policy.failed());
        }
        LambdaReads.Function c = function;
        String version = c.version();
        Map<String, Double> routing = null;
        if (ref.qualifier() != null && !ref.qualifier().matches("\\d+") && (version == null || LATEST.equals(version))) {
            var alias = alias(ref, calls, gaps);
            version = alias == null ? null : alias.functionVersion();
            routing = alias == null ? null : alias.additionalVersionWeights();
        }
        Integer reserved = c.reservedConcurrency();
        return new LambdaTarget(ref.function(), ref.qualifier(), c.functionArn(), true, c.timeout(), c.memorySize(), reserved,
                c.role(), version, c.lastModified(), c.codeSha256(), policy.value(), false, policy.failed(),
                c.lastUpdateStatus(), routing);
    }

    private LambdaReads.Alias alias(TargetRef ref, CallDeadline calls, List<Gap> gaps) {
        try {
            before("lambda:GetAlias " + ref.function() + ":" + ref.qualifier(), calls);
            return lambda.alias(ref.function(), ref.qualifier());
        } catch (EvidenceUnavailableException e) {
            gaps.add(e.toGap(EvidenceSource.TOPOLOGY));
            return null;
        } catch (SdkException e) {
            gaps.add(AwsFailures.unavailable("lambda:GetAlias " + ref.function() + ":" + ref.qualifier(), e).toGap(EvidenceSource.TOPOLOGY));
            return null;
        }
    }

    /** A signed read has no SDK call timeout: one that would start after the deadline is a TIMEOUT gap instead. */
    private static void before(String call, CallDeadline calls) {
        if (calls.passed()) {
            throw new EvidenceUnavailableException(GapReason.TIMEOUT, call + ": deadline " + calls.deadline() + " passed before the call");
        }
    }

    // ---- paging helper ----

    /** One page request: the token/position to send and the per-call deadline override. */
    private record Page(String position, CallDeadline calls, String name) {
        java.util.function.Consumer<software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration.Builder> override() {
            return calls.override(name);
        }
    }

    private static <R> R call(String name, CallDeadline calls, java.util.function.Function<Page, R> request, String position) {
        try {
            return request.apply(new Page(position, calls, name));
        } catch (SdkException e) {
            throw AwsFailures.unavailable(name, e);
        }
    }
}
