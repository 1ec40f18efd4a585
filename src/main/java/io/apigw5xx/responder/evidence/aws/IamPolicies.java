package io.apigw5xx.responder.evidence.aws;

import io.apigw5xx.responder.SignedAwsCall;
import io.apigw5xx.responder.evidence.ConfigStamps.ManagedPolicy;
import io.apigw5xx.responder.evidence.EvidenceSource;
import io.apigw5xx.responder.evidence.Gap;
import io.apigw5xx.responder.evidence.GapReason;
import java.io.ByteArrayInputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
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

    private final SignedAwsCall iam;

    public IamPolicies(SignedAwsCall iam) {
        this.iam = iam;
    }

    /**
     * The customer-managed policies attached to {@code roleName}. A failed list is thrown (the caller names the
     * gap); a policy whose GetPolicy fails is left out and named in {@code gaps}.
     */
    List<ManagedPolicy> attached(String roleName, CallDeadline calls, List<Gap> gaps) {
        List<String> arns = new ArrayList<>();
        String marker = null;
        do {
            String body = "Action=ListAttachedRolePolicies&Version=" + VERSION + "&RoleName=" + enc(roleName)
                    + (marker == null ? "" : "&Marker=" + enc(marker));
            Element result = call("iam:ListAttachedRolePolicies " + roleName
                    + " (the managed policies' update times could not be read)", body, calls);
            NodeList members = result.getElementsByTagName("PolicyArn");
            for (int i = 0; i < members.getLength(); i++) {
                arns.add(members.item(i).getTextContent().trim());
            }
            marker = "true".equals(text(result, "IsTruncated")) ? text(result, "Marker") : null;
        } while (marker != null && !marker.isEmpty());
        List<String> customer = arns.stream().filter(arn -> !isAwsManaged(arn)).toList();
        if (customer.isEmpty()) {
            return List.of();
        }
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<ManagedPolicy>> reads = customer.stream().map(arn -> executor.submit(() -> {
                Element policy = call("iam:GetPolicy " + arn + " (its update time could not be read)", "Action=GetPolicy&Version=" + VERSION + "&PolicyArn=" + enc(arn), calls);
                return new ManagedPolicy(roleName, arn, text(policy, "DefaultVersionId"), instant(text(policy, "UpdateDate")));
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
    private Element call(String name, String body, CallDeadline calls) {
        if (calls.passed()) {
            throw new io.apigw5xx.responder.evidence.EvidenceUnavailableException(GapReason.TIMEOUT,
                    name + ": deadline " + calls.deadline() + " passed before the call");
        }
        try {
            return SignedAwsCall.retried(ATTEMPTS, name, () -> {
                SignedAwsCall.Answer answer = iam.post("application/x-www-form-urlencoded; charset=utf-8", Map.of(),
                        body.getBytes(StandardCharsets.UTF_8));
                Document xml = parse(answer.body());
                if (answer.ok() && xml != null) {
                    NodeList children = xml.getDocumentElement().getChildNodes();
                    for (int i = 0; i < children.getLength(); i++) {
                        if (children.item(i) instanceof Element e && e.getTagName().endsWith("Result")) {
                            return e;
                        }
                    }
                    throw SdkClientException.create(name + " answered without a result element");
                }
                // <ErrorResponse><Error><Type/><Code/><Message/></Error></ErrorResponse>
                String code = xml == null ? null : text(xml.getDocumentElement(), "Code");
                String message = xml == null ? "" : String.valueOf(text(xml.getDocumentElement(), "Message"));
                code = code == null ? "HTTP " + answer.status() : code;
                throw AwsServiceException.builder()
                        .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage(message).serviceName("IAM")
                                .sdkHttpResponse(answer.response()).build())
                        .statusCode(answer.status()).message(code + ": " + message).build();
            });
        } catch (SdkException e) {
            throw AwsFailures.unavailable(name, e);
        }
    }

    private static Document parse(byte[] body) {
        if (body.length == 0) {
            return null;
        }
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setExpandEntityReferences(false);
            return factory.newDocumentBuilder().parse(new ByteArrayInputStream(body));
        } catch (Exception e) {
            return null;
        }
    }

    private static String text(Element parent, String tag) {
        NodeList nodes = parent.getElementsByTagName(tag);
        return nodes.getLength() == 0 ? null : nodes.item(0).getTextContent().trim();
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

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
