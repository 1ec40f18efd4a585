package io.apigw5xx.responder.evidence.aws;

import io.apigw5xx.responder.AwsQueryCall;
import io.apigw5xx.responder.SignedAwsCall;
import io.apigw5xx.responder.evidence.ConfigStamps.ManagedPolicy;
import io.apigw5xx.responder.evidence.EvidenceSource;
import io.apigw5xx.responder.evidence.Gap;
import io.apigw5xx.responder.evidence.GapReason;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * The managed policies attached to an execution role, with the time their newest version was created: IAM
 * ListAttachedRolePolicies, then GetPolicy per customer-managed policy (query protocol, XML answers), as signed
 * calls over the SDK's HTTP client. The IAM SDK module would serve these two calls at several MB of jar (issue 13).
 *
 * <p>AWS-managed policies ({@code arn:aws:iam::aws:policy/...}) are listed but not read: AWS revises them
 * rarely, not as part of anyone's deploy, and a role usually carries one or two of them, so reading them would
 * spend one call each on a timestamp that almost never explains an incident. Inline role policies and Lambda
 * resource policies have no timestamp at all (reference/config-timestamps.md §5); only CloudTrail shows their
 * changes.
 */
public final class IamPolicies {

    private static final String VERSION = "2010-05-08";
    private static final int ATTEMPTS = 2;

    private final AwsQueryCall iam;

    public IamPolicies(SignedAwsCall iam) {
        this.iam = new AwsQueryCall(iam, VERSION, "IAM", ATTEMPTS);
    }

    /**
     * The customer-managed policies attached to {@code roleName}. A failed list is thrown (the caller names the
     * gap); a policy whose GetPolicy fails is left out and named in {@code gaps}.
     */
    List<ManagedPolicy> attached(String roleName, CallDeadline calls, List<Gap> gaps) {
        List<String> arns = new ArrayList<>();
        String marker = null;
        do {
            Map<String, String> parameters = new LinkedHashMap<>();
            parameters.put("RoleName", roleName);
            if (marker != null) {
                parameters.put("Marker", marker);
            }
            Element result = call("iam:ListAttachedRolePolicies " + roleName
                    + " (the managed policies' update times could not be read)", "ListAttachedRolePolicies", parameters, calls);
            NodeList members = result.getElementsByTagName("PolicyArn");
            for (int i = 0; i < members.getLength(); i++) {
                arns.add(members.item(i).getTextContent().trim());
            }
            marker = "true".equals(AwsQueryCall.text(result, "IsTruncated")) ? AwsQueryCall.text(result, "Marker") : null;
        } while (marker != null && !marker.isEmpty());
        List<String> customer = arns.stream().filter(arn -> !isAwsManaged(arn)).toList();
        if (customer.isEmpty()) {
            return List.of();
        }
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<ManagedPolicy>> reads = customer.stream().map(arn -> executor.submit(() -> {
                Element policy = call("iam:GetPolicy " + arn + " (its update time could not be read)", "GetPolicy", Map.of("PolicyArn", arn), calls);
                return new ManagedPolicy(roleName, arn, AwsQueryCall.text(policy, "DefaultVersionId"), instant(AwsQueryCall.text(policy, "UpdateDate")));
            })).toList();
            List<ManagedPolicy> policies = new ArrayList<>();
            for (int i = 0; i < reads.size(); i++) {
                try {
                    policies.add(reads.get(i).get());
                } catch (ExecutionException e) {
                    gaps.add(e.getCause() instanceof io.apigw5xx.responder.evidence.EvidenceUnavailableException u
                            ? u.toGap(EvidenceSource.TOPOLOGY)
                            : new Gap(EvidenceSource.TOPOLOGY, GapReason.ERROR, "iam:GetPolicy " + customer.get(i) + ": " + e.getCause()));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    gaps.add(new Gap(EvidenceSource.TOPOLOGY, GapReason.TIMEOUT, "iam:GetPolicy " + customer.get(i) + ": interrupted"));
                }
            }
            return policies;
        }
    }

    /** {@code arn:<partition>:iam::aws:policy/...}: owned and revised by AWS. */
    static boolean isAwsManaged(String policyArn) {
        return policyArn.matches("arn:[^:]+:iam::aws:policy/.*");
    }

    /** The call's {@code <...Result>} element; an IAM error becomes the SDK's exception, then a named gap. */
    private Element call(String name, String action, Map<String, String> parameters, CallDeadline calls) {
        if (calls.passed()) {
            throw new io.apigw5xx.responder.evidence.EvidenceUnavailableException(GapReason.TIMEOUT,
                    name + ": deadline " + calls.deadline() + " passed before the call");
        }
        try {
            return iam.call(action, parameters);
        } catch (SdkException e) {
            throw AwsFailures.unavailable(name, e);
        }
    }

    private static Instant instant(String iso) {
        if (iso == null) {
            return null;
        }
        try {
            return Instant.parse(iso);
        } catch (DateTimeParseException e) {
            return java.time.OffsetDateTime.parse(iso).toInstant();
        }
    }

}
