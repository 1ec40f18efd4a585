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
        String policyArn) {

    public TypedChange {
        patches = patches == null ? List.of() : List.copyOf(patches);
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
        return s.toString();
    }
}
