package io.apigw5xx.responder.evidence;

/**
 * A Lambda function an integration or authorizer invokes, as Lambda describes it now.
 *
 * @param qualifier           the alias or version the API invokes, or null for $LATEST
 * @param exists              false when GetFunctionConfiguration said ResourceNotFound
 * @param version             the version the qualifier resolves to (alias → version), or null
 * @param reservedConcurrency null when the function has none
 * @param policy              the function's resource policy JSON verbatim (GetPolicy), null when it has none
 * @param configUnknown       GetFunction failed for a reason other than "not found" (throttled, denied, timed
 *                            out): {@code exists} and the configuration fields say nothing
 * @param policyUnknown       GetPolicy failed for a reason other than "no policy": a null {@code policy} does
 *                            not mean the API may not invoke the function
 */
public record LambdaTarget(
        String functionName,
        String qualifier,
        String functionArn,
        boolean exists,
        Integer timeoutSeconds,
        Integer memoryMb,
        Integer reservedConcurrency,
        String role,
        String version,
        String lastModified,
        String codeSha256,
        String policy,
        boolean configUnknown,
        boolean policyUnknown,
        String lastUpdateStatus,
        java.util.Map<String, Double> routingWeights) {

    public LambdaTarget {
        routingWeights = routingWeights == null ? java.util.Map.of() : java.util.Map.copyOf(routingWeights);
    }

    /** A target as version 1 bundles describe it (no update status, no routing). */
    public LambdaTarget(String functionName, String qualifier, String functionArn, boolean exists, Integer timeoutSeconds,
                        Integer memoryMb, Integer reservedConcurrency, String role, String version, String lastModified,
                        String codeSha256, String policy, boolean configUnknown, boolean policyUnknown) {
        this(functionName, qualifier, functionArn, exists, timeoutSeconds, memoryMb, reservedConcurrency, role, version,
                lastModified, codeSha256, policy, configUnknown, policyUnknown, null, null);
    }

    /** The extra versions the alias sends a share of traffic to. */
    public java.util.Set<String> routedVersions() {
        return routingWeights.keySet();
    }
}
