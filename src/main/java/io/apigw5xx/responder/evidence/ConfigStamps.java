package io.apigw5xx.responder.evidence;

import java.time.Instant;
import java.util.List;

/**
 * The failing path's own "last changed" times, read at once (no CloudTrail delay) by the topology adapter.
 * Lambda targets carry theirs in {@link LambdaTarget}. Any field may be null: not read, or not offered by the
 * API (reference/config-timestamps.md). Inline role policies and Lambda resource policies carry no timestamp.
 *
 * @param stageLastUpdated      REST {@code lastUpdatedDate} / HTTP {@code LastUpdatedDate} of the failing stage
 * @param deploymentId          the deployment the stage serves
 * @param deploymentCreated     that deployment's {@code createdDate}
 * @param deploymentDescription its description (often a ticket or commit), or null
 * @param autoDeploy            HTTP APIs: whether the stage deploys every edit by itself
 * @param managedPolicies       managed policies attached to the targets' execution roles, with their UpdateDate
 */
public record ConfigStamps(
        Instant stageLastUpdated,
        String deploymentId,
        Instant deploymentCreated,
        String deploymentDescription,
        Boolean autoDeploy,
        List<ManagedPolicy> managedPolicies) {

    public ConfigStamps {
        managedPolicies = managedPolicies == null ? List.of() : List.copyOf(managedPolicies);
    }

    /**
     * @param role       the execution role it is attached to (name)
     * @param updateDate when its newest version was created (IAM GetPolicy UpdateDate)
     */
    public record ManagedPolicy(String role, String policyArn, String defaultVersionId, Instant updateDate) {}
}
