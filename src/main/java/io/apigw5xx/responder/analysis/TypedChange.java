package io.apigw5xx.responder.analysis;

import java.time.Instant;
import java.util.List;

/**
 * A CloudTrail record read into the facts the rules need: who changed what, which resource, when.
 * Fields that do not apply to the operation are null.
 *
 * @param eventName  the operation without Lambda's API-version suffix ({@code UpdateFunctionCode})
 * @param actor      the session name of an assumed role ({@code gha-deploy-8812}), else the IAM user name
 * @param failed     the call returned an error: nothing changed, never blamed
 * @param qualifier  the alias a Lambda alias/permission call names
 * @param version    the Lambda version the change produced or pointed an alias at
 * @param patches    API Gateway patch operations as {@code op path=value}
 * @param sourceArn  AddPermission's SourceArn condition
 * @param origin     where the change was seen: a CloudTrail record, the resource's own timestamp, or both
 * @param detail     what the resource's timestamp adds ("deployment r0abc 'OPS-2291'"), or null
 */
public record TypedChange(
        String eventId,
        Instant time,
        String eventName,
        String eventSource,
        ChangeKind kind,
        String actor,
        boolean failed,
        String functionName,
        String qualifier,
        String version,
        String roleName,
        String apiId,
        String stageName,
        String resourceId,
        String httpMethod,
        List<Patch> patches,
        String principal,
        String sourceArn,
        String webAcl,
        Integer timeoutSeconds,
        Integer reservedConcurrency,
        String newRole,
        String policyArn,
        ChangeOrigin origin,
        String detail) {

    public TypedChange {
        patches = patches == null ? List.of() : List.copyOf(patches);
        origin = origin == null ? ChangeOrigin.CLOUDTRAIL : origin;
    }

    /** A CloudTrail change (the shape every rule and test has used since version 1). */
    public TypedChange(String eventId, Instant time, String eventName, String eventSource, ChangeKind kind, String actor,
                       boolean failed, String functionName, String qualifier, String version, String roleName, String apiId,
                       String stageName, String resourceId, String httpMethod, List<Patch> patches, String principal,
                       String sourceArn, String webAcl, Integer timeoutSeconds, Integer reservedConcurrency, String newRole,
                       String policyArn) {
        this(eventId, time, eventName, eventSource, kind, actor, failed, functionName, qualifier, version, roleName, apiId,
                stageName, resourceId, httpMethod, patches, principal, sourceArn, webAcl, timeoutSeconds, reservedConcurrency,
                newRole, policyArn, ChangeOrigin.CLOUDTRAIL, null);
    }

    /** Only a resource's own timestamp shows it: nobody is known to have made it. */
    public boolean actorUnknown() {
        return origin == ChangeOrigin.RESOURCE_TIMESTAMP;
    }

    public TypedChange withTime(Instant t) {
        return new TypedChange(eventId, t, eventName, eventSource, kind, actor, failed, functionName, qualifier, version, roleName,
                apiId, stageName, resourceId, httpMethod, patches, principal, sourceArn, webAcl, timeoutSeconds, reservedConcurrency,
                newRole, policyArn, origin, detail);
    }

    /** The CloudTrail record of a change a resource timestamp also shows: one item, the actor kept, the detail added. */
    public TypedChange confirmedBy(TypedChange stamp) {
        return new TypedChange(eventId, time, eventName, eventSource, kind, actor, failed, functionName, qualifier,
                version != null ? version : stamp.version(), roleName, apiId, stageName, resourceId, httpMethod, patches, principal,
                sourceArn, webAcl, timeoutSeconds, reservedConcurrency, newRole, policyArn, ChangeOrigin.BOTH,
                stamp.detail() != null ? stamp.detail() : detail);
    }

    public record Patch(String op, String path, String value) {
        @Override
        public String toString() {
            return op + " " + path + (value == null ? "" : "=" + value);
        }
    }

    public boolean patches(String pathPrefix) {
        return patches.stream().anyMatch(p -> p.path() != null && p.path().startsWith(pathPrefix));
    }

    public String patchValue(String pathPrefix) {
        return patches.stream().filter(p -> p.path() != null && p.path().startsWith(pathPrefix))
                .map(Patch::value).findFirst().orElse(null);
    }

    /** "UpdateAlias orders-handler:live → 42": one line for evidence lists. */
    public String describe() {
        StringBuilder s = new StringBuilder(eventName);
        String target = functionName != null ? functionName : roleName != null ? "role " + roleName
                : apiId != null ? "API " + apiId : webAcl != null ? "web ACL " + webAcl : null;
        if (target != null) {
            s.append(' ').append(target);
        }
        if (qualifier != null && functionName != null) {
            s.append(':').append(qualifier);
        }
        if (version != null) {
            s.append(kind == ChangeKind.LAMBDA_ALIAS ? " → version " : " version ").append(version);
        }
        if (policyArn != null) {
            s.append(" (").append(policyArn.substring(policyArn.lastIndexOf('/') + 1)).append(')');
        }
        if (!patches.isEmpty()) {
            s.append(" [").append(String.join(", ", patches.stream().map(Patch::toString).toList())).append(']');
        }
        if (timeoutSeconds != null) {
            s.append(" timeout=").append(timeoutSeconds).append('s');
        }
        if (reservedConcurrency != null) {
            s.append(" reserved concurrency=").append(reservedConcurrency);
        }
        if (sourceArn != null) {
            s.append(" source ").append(sourceArn);
        }
        if (detail != null && origin != ChangeOrigin.CLOUDTRAIL) {
            s.append(" (").append(detail).append(')');
        }
        return s.toString();
    }
}
