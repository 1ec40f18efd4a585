package io.apigw5xx.responder.analysis;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.apigw5xx.responder.evidence.ChangeEvent;
import io.apigw5xx.responder.evidence.ChangeResource;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads the verbatim CloudTrail record of a {@link ChangeEvent} into a {@link TypedChange}. When the record
 * is missing or not JSON the LookupEvents summary (name, time, username, resources) still gives a usable,
 * if thinner, change. Lambda event names are matched without their API-version suffix
 * ({@code UpdateFunctionCode20150331v2} → {@code UpdateFunctionCode}).
 */
public final class ChangeInterpreter {

    private final ObjectMapper mapper;

    public ChangeInterpreter(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /**
     * A read-only call (Get*, List*, Describe*, ... or {@code "readOnly": true} in the record) changed nothing and
     * is never a change, whatever the adapter that listed it filtered or not.
     */
    public boolean readOnly(ChangeEvent event) {
        JsonNode record = parse(event.cloudTrailEvent());
        if (record.path("readOnly").isBoolean()) {
            return record.path("readOnly").asBoolean();
        }
        if ("true".equalsIgnoreCase(text(record, "readOnly"))) {
            return true;
        }
        return event.eventName() != null && READ_ONLY_NAME.matcher(baseName(event.eventName())).lookingAt();
    }

    private static final java.util.regex.Pattern READ_ONLY_NAME =
            java.util.regex.Pattern.compile("(Get|List|Describe|Head|Lookup|Search|BatchGet|Test|Simulate|Decode|Generate)[A-Z]");

    public TypedChange interpret(ChangeEvent event) {
        JsonNode record = parse(event.cloudTrailEvent());
        JsonNode req = record.path("requestParameters");
        JsonNode resp = record.path("responseElements");
        String name = baseName(event.eventName());
        String source = event.eventSource();
        ChangeKind kind = metadataOnly(name, req) ? ChangeKind.METADATA : kind(source, name, req);

        String function = functionName(text(req, "functionName"));
        if (function == null && source.startsWith("lambda")) {
            function = event.resources().stream()
                    .filter(r -> r.resourceType() != null && r.resourceType().startsWith("AWS::Lambda"))
                    .map(ChangeResource::resourceName).map(ChangeInterpreter::functionName).findFirst().orElse(null);
        }
        String qualifier = firstNonNull(text(req, "qualifier"), kind == ChangeKind.LAMBDA_ALIAS ? text(req, "name") : null);
        if (qualifier == null && text(req, "functionName") != null) {
            qualifier = qualifierOf(text(req, "functionName"));
        }
        String version = switch (kind) {
            case LAMBDA_ALIAS -> firstNonNull(text(req, "functionVersion"), text(resp, "functionVersion"));
            case LAMBDA_CODE, LAMBDA_VERSION_PUBLISHED, LAMBDA_CONFIG -> {
                String v = text(resp, "version");
                yield "$LATEST".equals(v) ? null : v;
            }
            default -> null;
        };
        String apiId = firstNonNull(text(req, "restApiId"), text(req, "apiId"));
        String stage = firstNonNull(text(req, "stageName"), text(req.path("createDeploymentInput"), "stageName"));
        return new TypedChange(
                event.eventId() != null ? event.eventId() : text(record, "eventID"),
                event.eventTime(),
                name,
                source,
                kind,
                actor(record, event.username()),
                record.hasNonNull("errorCode"),
                function,
                qualifier,
                version,
                text(req, "roleName"),
                apiId,
                stage,
                text(req, "resourceId"),
                text(req, "httpMethod"),
                patches(req),
                text(req, "principal"),
                text(req, "sourceArn"),
                source.startsWith("waf") ? firstNonNull(text(req, "webACLArn"), text(req, "name")) : null,
                req.path("timeout").isNumber() ? req.path("timeout").asInt() : null,
                req.path("reservedConcurrentExecutions").isNumber() ? req.path("reservedConcurrentExecutions").asInt() : null,
                kind == ChangeKind.LAMBDA_CONFIG ? text(req, "role") : null,
                text(req, "policyArn"));
    }

    static ChangeKind kind(String source, String name, JsonNode req) {
        if (source.startsWith("lambda")) {
            return switch (name) {
                case "UpdateFunctionCode" -> ChangeKind.LAMBDA_CODE;
                case "UpdateFunctionConfiguration" -> ChangeKind.LAMBDA_CONFIG;
                case "PublishVersion" -> ChangeKind.LAMBDA_VERSION_PUBLISHED;
                case "CreateAlias", "UpdateAlias", "DeleteAlias" -> ChangeKind.LAMBDA_ALIAS;
                case "AddPermission" -> ChangeKind.LAMBDA_PERMISSION_ADDED;
                case "RemovePermission" -> ChangeKind.LAMBDA_PERMISSION_REMOVED;
                case "PutFunctionConcurrency", "DeleteFunctionConcurrency", "PutProvisionedConcurrencyConfig",
                     "DeleteProvisionedConcurrencyConfig" -> ChangeKind.LAMBDA_CONCURRENCY;
                case "DeleteFunction" -> ChangeKind.LAMBDA_DELETED;
                default -> ChangeKind.OTHER;
            };
        }
        if (source.startsWith("apigateway")) {
            if (name.contains("Authorizer")) {
                return ChangeKind.API_AUTHORIZER;
            }
            if (name.contains("Integration")) {
                return ChangeKind.API_INTEGRATION;
            }
            if (name.contains("Deployment")) {
                return ChangeKind.API_DEPLOYMENT;
            }
            if (name.contains("Stage")) {
                return ChangeKind.API_STAGE;
            }
            if (name.contains("Route") || name.contains("Method") || name.contains("Resource")) {
                return ChangeKind.API_ROUTE_OR_METHOD;
            }
            if ((name.equals("UpdateRestApi") || name.equals("UpdateApi")) && hasPatch(req, "/policy")) {
                return ChangeKind.API_RESOURCE_POLICY;
            }
            return ChangeKind.API_OTHER;
        }
        if (source.startsWith("iam")) {
            return name.contains("Role") || name.contains("PolicyVersion") ? ChangeKind.IAM_ROLE : ChangeKind.OTHER;
        }
        if (source.startsWith("waf")) {
            return ChangeKind.WAF;
        }
        return ChangeKind.OTHER;
    }

    /**
     * Tags and descriptions: TagResource/UntagResource and the like, a Lambda configuration or alias update
     * that only sets the description, an API Gateway update whose every patch is a description or a tag.
     */
    static boolean metadataOnly(String name, JsonNode req) {
        if (name.startsWith("Tag") || name.startsWith("Untag")) {
            return true;
        }
        if (name.equals("UpdateFunctionConfiguration") || name.equals("UpdateAlias")) {
            if (!req.isObject() || !req.has("description")) {
                return false;
            }
            var fields = req.fieldNames();
            while (fields.hasNext()) {
                String f = fields.next();
                if (!Set.of("functionName", "description", "revisionId", "name").contains(f)) {
                    return false;
                }
            }
            return true;
        }
        if (name.startsWith("Update")) {
            List<TypedChange.Patch> patches = patches(req);
            if (!patches.isEmpty()) {
                return patches.stream().allMatch(p -> p.path() != null
                        && (p.path().equals("/description") || p.path().startsWith("/tags")));
            }
            // HTTP APIs (apigatewayv2) send fields, not patches: only identifiers plus a description or tags
            if (!req.isObject() || !(req.has("description") || req.has("tags"))) {
                return false;
            }
            var fields = req.fieldNames();
            while (fields.hasNext()) {
                if (!Set.of("apiId", "restApiId", "stageName", "description", "tags").contains(fields.next())) {
                    return false;
                }
            }
            return true;
        }
        return false;
    }

    /** Lambda names carry an API version: UpdateFunctionCode20150331v2, AddPermission20150331. */
    static String baseName(String eventName) {
        return eventName.replaceFirst("\\d{8}(v\\d+)?$", "");
    }

    /** functionName may be a name, a partial ARN or a full ARN, with or without a qualifier. */
    static String functionName(String raw) {
        if (raw == null) {
            return null;
        }
        if (raw.startsWith("arn:")) {
            String[] parts = raw.split(":");
            return parts.length > 6 ? parts[6] : raw;
        }
        int colon = raw.indexOf(':');
        return colon < 0 ? raw : raw.substring(0, colon);
    }

    static String qualifierOf(String raw) {
        if (raw.startsWith("arn:")) {
            String[] parts = raw.split(":");
            return parts.length > 7 ? parts[7] : null;
        }
        int colon = raw.indexOf(':');
        return colon < 0 ? null : raw.substring(colon + 1);
    }

    /** For roles the person or pipeline is the session name at the end of assumed-role/<role>/<session>. */
    static String actor(JsonNode record, String username) {
        JsonNode id = record.path("userIdentity");
        String arn = text(id, "arn");
        if (arn != null && arn.contains(":assumed-role/")) {
            return arn.substring(arn.lastIndexOf('/') + 1);
        }
        return firstNonNull(text(id, "userName"), username, arn, text(id, "invokedBy"));
    }

    /** The patch body's nesting is not certain (reference/changes.md): search requestParameters for it. */
    static List<TypedChange.Patch> patches(JsonNode req) {
        List<TypedChange.Patch> out = new ArrayList<>();
        for (JsonNode ops : req.findValues("patchOperations")) {
            for (JsonNode op : ops) {
                out.add(new TypedChange.Patch(text(op, "op"), text(op, "path"), text(op, "value")));
            }
        }
        return out;
    }

    private static boolean hasPatch(JsonNode req, String path) {
        return patches(req).stream().anyMatch(p -> p.path() != null && p.path().startsWith(path))
                || req.has("policy");
    }

    private JsonNode parse(String json) {
        if (json == null || json.isBlank()) {
            return MissingNode.getInstance();
        }
        try {
            return mapper.readTree(json);
        } catch (Exception e) {
            // the summary fields still identify the change; the record is optional detail
            return MissingNode.getInstance();
        }
    }

    static String text(JsonNode node, String field) {
        JsonNode v = node.path(field);
        return v.isValueNode() && !v.isNull() ? v.asText() : null;
    }

    @SafeVarargs
    static <T> T firstNonNull(T... values) {
        for (T v : values) {
            if (v != null) {
                return v;
            }
        }
        return null;
    }
}
