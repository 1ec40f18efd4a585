package io.apigw5xx.responder.analysis;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.apigw5xx.responder.evidence.Authorizer;
import io.apigw5xx.responder.evidence.Integration;
import io.apigw5xx.responder.evidence.LambdaTarget;
import io.apigw5xx.responder.evidence.Topology;
import io.apigw5xx.responder.incident.ApiType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Misconfigurations visible in the topology alone (runbooks 003/004): a Lambda integration not called with
 * POST, a target whose resource policy does not let this API invoke it, a Lambda timeout above the
 * integration timeout, a stage variable naming a function that does not exist, a private integration
 * without a VPC link. Each check either yields a {@link Problem} or a clean line.
 */
public final class StaticChecks {

    static final int REST_DEFAULT_TIMEOUT_MS = 29_000;
    static final int HTTP_DEFAULT_TIMEOUT_MS = 30_000;
    private static final Pattern STAGE_VARIABLE = Pattern.compile("\\$\\{stageVariables\\.([A-Za-z0-9_]+)}");
    private static final Pattern PRIVATE_HOST = Pattern.compile(
            "^https?://(10\\.|192\\.168\\.|172\\.(1[6-9]|2\\d|3[01])\\.|[^/]*\\.internal\\b|[^/]*\\.local\\b)");

    /**
     * @param fatal   every request on that route fails because of it (as opposed to "fails when slow")
     * @param command what to run to confirm or fix it
     */
    public record Problem(String check, String summary, String resource, boolean fatal, String command) {}

    public record Result(List<Problem> problems, List<String> clean) {}

    private final ObjectMapper mapper;

    public StaticChecks(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public Result run(Topology t) {
        List<Problem> problems = new ArrayList<>();
        List<String> clean = new ArrayList<>();
        if (t == null) {
            return new Result(problems, clean);
        }
        int before;
        before = problems.size();
        for (Integration i : t.integrations()) {
            if (isLambda(i) && t.apiType() == ApiType.REST && i.integrationHttpMethod() != null
                    && !"POST".equalsIgnoreCase(i.integrationHttpMethod())) {
                problems.add(new Problem("integration-method",
                        "Lambda integration of " + i.route() + " calls Lambda with " + i.integrationHttpMethod()
                                + " (Lambda is only invoked with POST)", i.route(), true,
                        "aws apigateway get-integration --rest-api-id " + t.apiId() + " --resource-id <resource-id> --http-method "
                                + method(i.route())));
            }
        }
        if (problems.size() == before && t.integrations().stream().anyMatch(StaticChecks::isLambda)) {
            clean.add("Lambda integrations call Lambda with POST");
        }

        before = problems.size();
        // a policy GetPolicy could not read proves nothing either way: say so instead of judging it
        Set<String> policyUnread = new TreeSet<>();
        for (Integration i : t.integrations()) {
            String fn = resolveFunction(i, t.stageVariables());
            if (isLambda(i) && fn != null) {
                LambdaTarget target = target(t, fn);
                if (target != null && target.policyUnknown()) {
                    policyUnread.add(fn);
                } else if (target != null && (target.exists() || target.configUnknown()) && !allows(target.policy(), executePath(t, i.route()))) {
                    problems.add(new Problem("invoke-permission",
                            fn + "'s resource policy does not let API " + t.apiId() + " invoke it for " + i.route(), fn, true,
                            "aws lambda get-policy --function-name " + fn + qualifierArg(target)));
                }
            }
        }
        for (Authorizer a : t.authorizers()) {
            LambdaTarget target = a.lambdaFunction() == null ? null : target(t, a.lambdaFunction());
            if (target != null && target.policyUnknown()) {
                policyUnread.add(a.lambdaFunction());
            } else if (target != null && (target.exists() || target.configUnknown()) && !allows(target.policy(), t.apiId() + "/authorizers/" + a.id())) {
                problems.add(new Problem("invoke-permission",
                        "authorizer " + a.name() + " (" + a.lambdaFunction() + ") does not let API " + t.apiId() + " invoke it",
                        a.lambdaFunction(), true, "aws lambda get-policy --function-name " + a.lambdaFunction()));
            }
        }
        boolean anyPolicyRead = t.lambdaTargets().stream().anyMatch(l -> !l.policyUnknown());
        if (problems.size() == before && anyPolicyRead) {
            clean.add((policyUnread.isEmpty() ? "every Lambda target's" : "every readable Lambda target's")
                    + " resource policy lets API " + t.apiId() + " invoke it");
        }
        for (String fn : policyUnread) {
            clean.add("not checked: " + fn + "'s resource policy could not be read, so whether API " + t.apiId()
                    + " may invoke it is unknown (aws lambda get-policy --function-name " + fn + ")");
        }

        before = problems.size();
        int limit = t.apiType() == ApiType.HTTP ? HTTP_DEFAULT_TIMEOUT_MS : REST_DEFAULT_TIMEOUT_MS;
        for (Integration i : t.integrations()) {
            String fn = resolveFunction(i, t.stageVariables());
            LambdaTarget target = fn == null ? null : target(t, fn);
            if (target != null && target.configUnknown()) {
                continue;
            }
            int integrationTimeout = i.timeoutMillis() != null ? i.timeoutMillis() : limit;
            if (target != null && target.timeoutSeconds() != null && target.timeoutSeconds() * 1000L > integrationTimeout) {
                problems.add(new Problem("timeout-order",
                        fn + " may run " + target.timeoutSeconds() + " s but " + i.route() + " gives up after "
                                + integrationTimeout + " ms: slow calls become 504s while the function keeps running",
                        fn, false, "aws lambda get-function-configuration --function-name " + fn
                                + " --query '{Timeout:Timeout,MemorySize:MemorySize}'"));
            }
        }
        List<String> configUnread = t.lambdaTargets().stream().filter(LambdaTarget::configUnknown)
                .map(LambdaTarget::functionName).distinct().sorted().toList();
        boolean anyConfigRead = configUnread.size() < t.lambdaTargets().size();
        if (problems.size() == before && anyConfigRead) {
            clean.add("Lambda timeouts are within the integration timeouts");
        }

        before = problems.size();
        for (Integration i : t.integrations()) {
            if (i.uri() == null) {
                continue;
            }
            Matcher m = STAGE_VARIABLE.matcher(i.uri());
            while (m.find()) {
                String var = m.group(1);
                String value = t.stageVariables().get(var);
                if (value == null) {
                    problems.add(new Problem("stage-variable", i.route() + " uses stage variable " + var
                            + " which stage " + t.stage() + " does not define", i.route(), true,
                            stageCommand(t)));
                }
            }
        }
        for (LambdaTarget target : t.lambdaTargets()) {
            if (!target.exists() && !target.configUnknown()) {
                problems.add(new Problem("missing-function", "Lambda function " + target.functionName()
                        + (target.qualifier() != null ? ":" + target.qualifier() : "")
                        + " named by the integration does not exist", target.functionName(), true,
                        "aws lambda get-function --function-name " + target.functionName() + qualifierArg(target)));
            }
        }
        if (problems.size() == before && anyConfigRead) {
            clean.add("every function the integrations name exists");
        }
        for (String fn : configUnread) {
            clean.add("not checked: " + fn + "'s configuration could not be read, so whether it exists and its timeout"
                    + " are unknown (aws lambda get-function-configuration --function-name " + fn + ")");
        }

        before = problems.size();
        for (Integration i : t.integrations()) {
            boolean vpcLink = "VPC_LINK".equalsIgnoreCase(i.connectionType());
            if (vpcLink && (i.connectionId() == null || i.connectionId().isBlank())) {
                problems.add(new Problem("vpc-link", i.route() + " is a private integration without a VPC link id",
                        i.route(), true, stageCommand(t)));
            } else if (!vpcLink && i.uri() != null && PRIVATE_HOST.matcher(i.uri()).find()) {
                problems.add(new Problem("vpc-link", i.route() + " points at private address " + i.uri()
                        + " without a VPC link", i.route(), true, stageCommand(t)));
            }
        }
        if (problems.size() == before && t.integrations().stream().anyMatch(i -> i.type() != null && i.type().startsWith("HTTP"))) {
            clean.add("HTTP integrations reach public endpoints or use a VPC link");
        }
        return new Result(problems, clean);
    }

    static boolean isLambda(Integration i) {
        return i.lambdaFunction() != null || (i.uri() != null && i.uri().contains(":lambda:path/"));
    }

    private static String resolveFunction(Integration i, Map<String, String> vars) {
        if (i.lambdaFunction() == null) {
            return null;
        }
        Matcher m = STAGE_VARIABLE.matcher(i.lambdaFunction());
        return m.find() ? vars.get(m.group(1)) : i.lambdaFunction();
    }

    private static LambdaTarget target(Topology t, String function) {
        return t.lambdaTargets().stream().filter(l -> l.functionName().equals(function)).findFirst().orElse(null);
    }

    /**
     * Does the policy allow apigateway.amazonaws.com to invoke for this execute-api path
     * ({@code apiId/stage/METHOD/path} or {@code apiId/authorizers/id})? A statement without a SourceArn
     * condition allows any API.
     */
    boolean allows(String policy, String executePath) {
        if (policy == null || policy.isBlank()) {
            return false;
        }
        try {
            JsonNode statements = mapper.readTree(policy).path("Statement");
            for (JsonNode s : statements.isArray() ? statements : List.of(statements)) {
                if (!"Allow".equals(s.path("Effect").asText())) {
                    continue;
                }
                String principal = s.path("Principal").path("Service").asText(s.path("Principal").asText());
                String action = s.path("Action").asText();
                if (!principal.contains("apigateway.amazonaws.com") || !(action.equals("lambda:InvokeFunction") || action.equals("lambda:*"))) {
                    continue;
                }
                List<String> arns = s.path("Condition").findValues("AWS:SourceArn").stream()
                        .map(JsonNode::asText).toList();
                if (arns.isEmpty()) {
                    return true;
                }
                for (String arn : arns) {
                    String tail = arn.substring(arn.lastIndexOf(':') + 1);
                    if (glob(tail).matcher(executePath).matches()) {
                        return true;
                    }
                }
            }
            return false;
        } catch (Exception notAPolicy) {
            // an unreadable policy is reported as not allowing: the command shows what it really says
            return false;
        }
    }

    /**
     * Would a statement with this principal and SourceArn let the API invoke the function for at least one route
     * that calls it? A null SourceArn allows any API; the principal must be API Gateway's.
     */
    public static boolean grantCovers(String principal, String sourceArn, Topology t, String function) {
        if (principal == null || !principal.contains("apigateway.amazonaws.com")) {
            return false;
        }
        if (sourceArn == null) {
            return true;
        }
        String tail = sourceArn.substring(sourceArn.lastIndexOf(':') + 1);
        if (t == null) {
            return false;
        }
        Pattern p = glob(tail);
        return t.integrations().stream().filter(i -> function.equals(i.lambdaFunction()))
                .anyMatch(i -> p.matcher(executePath(t, i.route())).matches())
                || t.authorizers().stream().filter(a -> function.equals(a.lambdaFunction()))
                .anyMatch(a -> p.matcher(t.apiId() + "/authorizers/" + a.id()).matches());
    }

    private static Pattern glob(String s) {
        StringBuilder re = new StringBuilder();
        for (char c : s.toCharArray()) {
            re.append(c == '*' ? ".*" : c == '?' ? "." : Pattern.quote(String.valueOf(c)));
        }
        return Pattern.compile(re.toString());
    }

    /**
     * The execute-api resource API Gateway invokes the function as: REST {@code apiId/stage/METHOD/path};
     * HTTP {@code apiId/stage/<route key>}, the route key with its space dropped ({@code GET /orders} →
     * {@code GET/orders}) and {@code $default} kept literally, which the console's {@code apiId/*}{@code /$default}
     * permission matches.
     */
    static String executePath(Topology t, String route) {
        String prefix = t.apiId() + "/" + t.stage() + "/";
        if (t.apiType() == ApiType.HTTP && route.indexOf(' ') < 0) {
            return prefix + route;
        }
        return prefix + method(route) + path(route);
    }

    static String method(String route) {
        int space = route.indexOf(' ');
        return space < 0 ? "ANY" : route.substring(0, space);
    }

    static String path(String route) {
        int space = route.indexOf(' ');
        return space < 0 ? "/" : route.substring(space + 1);
    }

    private static String qualifierArg(LambdaTarget t) {
        return t.qualifier() == null ? "" : " --qualifier " + t.qualifier();
    }

    private static String stageCommand(Topology t) {
        return t.apiType() == ApiType.HTTP
                ? "aws apigatewayv2 get-stage --api-id " + t.apiId() + " --stage-name " + t.stage()
                : "aws apigateway get-stage --rest-api-id " + t.apiId() + " --stage-name " + t.stage();
    }
}
