package io.apigw5xx.responder.evidence.aws;

import com.fasterxml.jackson.databind.JsonNode;
import io.apigw5xx.responder.AwsJsonCall;
import io.apigw5xx.responder.SignedAwsCall;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Lambda's three reads of a target function - GetFunction, GetPolicy, GetAlias - as signed REST-JSON GETs over
 * {@link SignedAwsCall}: the Lambda SDK module would be 2.6 MB of the jar (model classes for every Lambda
 * operation) for these three (issue 13). Errors come out as the SDK's exceptions ({@link AwsJsonCall#json}:
 * Lambda's error code and status, e.g. 404 {@code ResourceNotFoundException}), so the adapter treats them as it
 * treated the client's.
 */
public final class LambdaReads {

    /** What the topology reads of a function's configuration ({@code GetFunction}). */
    public record Function(String functionArn, Integer timeout, Integer memorySize, String role, String version,
                           String lastModified, String codeSha256, String lastUpdateStatus, Integer reservedConcurrency) {}

    /** An alias's version and weighted routing ({@code GetAlias}). */
    public record Alias(String functionVersion, Map<String, Double> additionalVersionWeights) {}

    private static final String API = "/2015-03-31/functions/";
    private static final int ATTEMPTS = 2;

    private final SignedAwsCall lambda;

    LambdaReads(SignedAwsCall lambda) {
        this.lambda = Objects.requireNonNull(lambda, "lambda");
    }

    /** GetFunction of {@code name} (a name or ARN) at {@code qualifier} (a version or alias; null for $LATEST). */
    public Function function(String name, String qualifier) {
        JsonNode r = read("GetFunction", API + enc(name), qualifier);
        JsonNode c = r.path("Configuration");
        return new Function(text(c, "FunctionArn"), integer(c, "Timeout"), integer(c, "MemorySize"), text(c, "Role"),
                text(c, "Version"), text(c, "LastModified"), text(c, "CodeSha256"), text(c, "LastUpdateStatus"),
                integer(r.path("Concurrency"), "ReservedConcurrentExecutions"));
    }

    /** The resource policy's JSON text (GetPolicy). */
    public String policy(String name, String qualifier) {
        return text(read("GetPolicy", API + enc(name) + "/policy", qualifier), "Policy");
    }

    /** GetAlias of {@code alias} on {@code name}. */
    public Alias alias(String name, String alias) {
        JsonNode r = read("GetAlias", API + enc(name) + "/aliases/" + enc(alias), null);
        JsonNode weights = r.path("RoutingConfig").path("AdditionalVersionWeights");
        Map<String, Double> routing = null;
        if (weights.isObject()) {
            routing = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> w : weights.properties()) {
                routing.put(w.getKey(), w.getValue().asDouble());
            }
        }
        return new Alias(text(r, "FunctionVersion"), routing);
    }

    private JsonNode read(String operation, String path, String qualifier) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("Qualifier", qualifier);
        return SignedAwsCall.retried(ATTEMPTS, "Lambda " + operation, () -> AwsJsonCall.json(lambda.get(path, query), "Lambda"));
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.path(field);
        return v.isValueNode() && !v.isNull() ? v.asText() : null;
    }

    private static Integer integer(JsonNode node, String field) {
        JsonNode v = node.path(field);
        return v.isNumber() ? v.asInt() : null;
    }

    private static String enc(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
