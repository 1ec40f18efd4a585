package io.apigw5xx.responder.analysis;

import io.apigw5xx.responder.evidence.Authorizer;
import io.apigw5xx.responder.evidence.Evidence;
import io.apigw5xx.responder.evidence.Integration;
import io.apigw5xx.responder.evidence.LambdaTarget;
import io.apigw5xx.responder.evidence.LogEvent;
import io.apigw5xx.responder.evidence.MetricSeries;
import io.apigw5xx.responder.evidence.Topology;
import io.apigw5xx.responder.incident.Incident;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The resources a request to the failing stage goes through: the API and stage, its integrations, their
 * Lambda targets (with aliases), authorizer functions, the targets' execution roles, the resource policy and
 * the attached WAF web ACL. A change is only ever blamed when {@link #touches} says it is on this path.
 *
 * <p>Without a topology the path falls back to what the evidence shows: the functions whose metrics or log
 * groups were gathered for this API.
 */
public final class FailingPath {

    private final String apiId;
    private final String apiName;
    private final String stage;
    private final Map<String, String> functionRoles = new LinkedHashMap<>();
    private final Set<String> functions = new TreeSet<>();
    private final Set<String> authorizerFunctions = new TreeSet<>();
    private final Set<String> roles = new TreeSet<>();
    private final Map<String, LambdaTarget> targets = new LinkedHashMap<>();
    /** The qualifiers each function is called with ("" = unqualified, i.e. $LATEST); absent = not known. */
    private final Map<String, Set<String>> qualifiers = new LinkedHashMap<>();
    /** The versions those qualifiers resolve to (alias → version, a version qualifier itself). */
    private final Map<String, Set<String>> versions = new LinkedHashMap<>();
    private final String webAcl;

    public FailingPath(Incident incident, Evidence evidence) {
        Topology t = evidence.topology();
        this.apiId = t != null && t.apiId() != null ? t.apiId() : incident.api().id();
        this.apiName = t != null && t.apiName() != null ? t.apiName() : incident.api().name();
        this.stage = incident.stage();
        if (t != null) {
            for (Integration i : t.integrations()) {
                if (i.lambdaFunction() != null) {
                    functions.add(i.lambdaFunction());
                    String q = i.lambdaQualifier() == null || i.lambdaQualifier().equals("$LATEST") ? "" : i.lambdaQualifier();
                    qualifiers.computeIfAbsent(i.lambdaFunction(), k -> new TreeSet<>()).add(q);
                    if (q.matches("\\d+")) {
                        versions.computeIfAbsent(i.lambdaFunction(), k -> new TreeSet<>()).add(q);
                    }
                }
            }
            for (Authorizer a : t.authorizers()) {
                if (a.lambdaFunction() != null) {
                    functions.add(a.lambdaFunction());
                    authorizerFunctions.add(a.lambdaFunction());
                }
            }
            for (LambdaTarget target : t.lambdaTargets()) {
                functions.add(target.functionName());
                targets.putIfAbsent(target.functionName(), target);
                if (target.version() != null && !target.version().equals("$LATEST")) {
                    versions.computeIfAbsent(target.functionName(), k -> new TreeSet<>()).add(target.version());
                }
                target.routedVersions().forEach(v -> versions.computeIfAbsent(target.functionName(), k -> new TreeSet<>()).add(v));
                if (target.role() != null) {
                    String role = roleName(target.role());
                    roles.add(role);
                    functionRoles.put(target.functionName(), role);
                }
            }
            this.webAcl = t.webAclArn();
        } else {
            this.webAcl = null;
            for (MetricSeries s : evidence.metrics()) {
                if (MetricView.LAMBDA_NAMESPACE.equals(s.namespace()) && s.dimension("FunctionName") != null) {
                    functions.add(s.dimension("FunctionName"));
                }
            }
            for (LogEvent e : evidence.logs()) {
                String f = LogSignals.functionOf(e);
                if (f != null) {
                    functions.add(f);
                }
            }
        }
    }

    public String apiId() {
        return apiId;
    }

    public String apiName() {
        return apiName;
    }

    public String stage() {
        return stage;
    }

    public Set<String> functions() {
        return functions;
    }

    public boolean isAuthorizer(String function) {
        return authorizerFunctions.contains(function);
    }

    public Set<String> integrationFunctions() {
        Set<String> s = new TreeSet<>(functions);
        s.removeAll(authorizerFunctions);
        return s;
    }

    public LambdaTarget target(String function) {
        return targets.get(function);
    }

    public String roleOf(String function) {
        return functionRoles.get(function);
    }

    /** Is this change on the failing path? Failed calls changed nothing and are never on it. */
    public boolean touches(TypedChange c) {
        if (c.failed()) {
            return false;
        }
        return switch (c.kind()) {
            case LAMBDA_CODE, LAMBDA_CONFIG, LAMBDA_VERSION_PUBLISHED, LAMBDA_ALIAS, LAMBDA_PERMISSION_ADDED,
                 LAMBDA_PERMISSION_REMOVED, LAMBDA_CONCURRENCY, LAMBDA_DELETED ->
                    c.functionName() != null && functions.contains(c.functionName()) && reachesCalledQualifier(c);
            case METADATA -> c.functionName() != null ? functions.contains(c.functionName()) : sameApi(c);
            case IAM_ROLE -> c.roleName() != null && roles.contains(c.roleName());
            case API_STAGE, API_DEPLOYMENT -> sameApi(c) && (c.stageName() == null || c.stageName().equals(stage));
            case API_INTEGRATION, API_AUTHORIZER, API_ROUTE_OR_METHOD, API_RESOURCE_POLICY, API_OTHER -> sameApi(c);
            case WAF -> webAcl != null && c.webAcl() != null && (webAcl.equals(c.webAcl()) || webAcl.contains("/" + c.webAcl() + "/"));
            case OTHER -> false;
        };
    }

    /**
     * Alias precision: a Lambda change reaches the path only where it touches what the integration calls. An
     * alias update or alias-scoped permission on another alias is off the path; a version the called alias does
     * not route to is off the path; a {@code $LATEST} edit (code or configuration without a new version) reaches
     * only unqualified integrations. Without knowing the qualifiers (no topology, authorizers) every change to
     * the function counts.
     */
    private boolean reachesCalledQualifier(TypedChange c) {
        Set<String> called = qualifiers.get(c.functionName());
        if (called == null || called.isEmpty() || isAuthorizer(c.functionName())) {
            return true;
        }
        Set<String> live = versions.getOrDefault(c.functionName(), Set.of());
        return switch (c.kind()) {
            case LAMBDA_ALIAS -> c.qualifier() == null || called.contains(c.qualifier());
            case LAMBDA_VERSION_PUBLISHED -> c.version() == null || live.contains(c.version()) || called.contains(c.version());
            case LAMBDA_CODE, LAMBDA_CONFIG -> called.contains("")
                    || (c.version() != null && (live.contains(c.version()) || called.contains(c.version())));
            case LAMBDA_PERMISSION_ADDED, LAMBDA_PERMISSION_REMOVED, LAMBDA_CONCURRENCY, LAMBDA_DELETED ->
                    c.qualifier() == null || called.contains(c.qualifier()) || live.contains(c.qualifier());
            default -> true;
        };
    }

    /** The qualifiers the API calls this function with ("" = unqualified); empty when not known. */
    public Set<String> qualifiersOf(String function) {
        return qualifiers.getOrDefault(function, Set.of());
    }

    /** Why this change is on the path, for the evidence line. */
    public String why(TypedChange c) {
        return switch (c.kind()) {
            case IAM_ROLE -> c.roleName() + " is the execution role of "
                    + functionRoles.entrySet().stream().filter(e -> e.getValue().equals(c.roleName()))
                    .map(Map.Entry::getKey).findFirst().orElse("a target function");
            case WAF -> "the web ACL is attached to " + apiName + "/" + stage;
            default -> c.functionName() != null
                    ? c.functionName() + (isAuthorizer(c.functionName()) ? " is the API's authorizer" : " serves " + label())
                    : "it changes " + label();
        };
    }

    public String label() {
        return (apiName != null ? apiName : apiId) + "/" + stage;
    }

    private boolean sameApi(TypedChange c) {
        return apiId != null && apiId.equals(c.apiId());
    }

    static String roleName(String roleArn) {
        return roleArn.substring(roleArn.lastIndexOf('/') + 1);
    }
}
