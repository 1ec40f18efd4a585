package io.apigw5xx.responder;

import java.io.ByteArrayInputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * One operation of a service that speaks the AWS Query protocol (form-encoded {@code Action}, {@code Version}
 * and parameters; an XML answer), over {@link SignedAwsCall}: IAM's policy reads and SNS Publish, whose SDK
 * modules would cost several MB of jar for one or two calls (issue 13).
 *
 * <p>Errors come out as the SDK's own exceptions: {@link AwsServiceException} with the error's code and status,
 * {@link SdkClientException} when no answer or no result came.
 */
public final class AwsQueryCall {

    private final SignedAwsCall service;
    private final String version;
    private final String serviceName;
    private final int attempts;

    /** {@code version}: the API version the service expects (IAM 2010-05-08, SNS 2010-03-31). */
    public AwsQueryCall(SignedAwsCall service, String version, String serviceName, int attempts) {
        this.service = Objects.requireNonNull(service, "service");
        this.version = Objects.requireNonNull(version, "version");
        this.serviceName = Objects.requireNonNull(serviceName, "serviceName");
        this.attempts = attempts;
    }

    /**
     * Calls {@code action} with {@code parameters} (in the order given; flattened names such as
     * {@code MessageAttributes.entry.1.Name} as the API defines them) and returns its {@code <ActionResult>}.
     */
    public Element call(String action, Map<String, String> parameters) {
        String body = "Action=" + enc(action) + "&Version=" + enc(version)
                + parameters.entrySet().stream().map(e -> "&" + enc(e.getKey()) + "=" + enc(e.getValue()))
                .collect(Collectors.joining());
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return SignedAwsCall.retried(attempts, serviceName + " " + action, () -> once(action, bytes));
    }

    public SignedAwsCall service() {
        return service;
    }

    /** The trimmed text of the first {@code tag} under {@code parent}, or null. */
    public static String text(Element parent, String tag) {
        NodeList nodes = parent.getElementsByTagName(tag);
        return nodes.getLength() == 0 ? null : nodes.item(0).getTextContent().trim();
    }

    private Element once(String action, byte[] body) {
        SignedAwsCall.Answer answer = service.post("application/x-www-form-urlencoded; charset=utf-8", Map.of(), body);
        Document xml = parse(answer.body());
        if (answer.ok() && xml != null) {
            NodeList children = xml.getDocumentElement().getChildNodes();
            for (int i = 0; i < children.getLength(); i++) {
                if (children.item(i) instanceof Element e && e.getTagName().endsWith("Result")) {
                    return e;
                }
            }
            throw SdkClientException.create(serviceName + " " + action + " answered without a result element");
        }
        // <ErrorResponse><Error><Type/><Code/><Message/></Error></ErrorResponse>
        String code = xml == null ? null : text(xml.getDocumentElement(), "Code");
        String message = xml == null ? "" : String.valueOf(text(xml.getDocumentElement(), "Message"));
        code = code == null ? "HTTP " + answer.status() : code;
        throw AwsServiceException.builder()
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage(message).serviceName(serviceName)
                        .sdkHttpResponse(answer.response()).build())
                .statusCode(answer.status()).message(code + ": " + message).build();
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

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return serviceName + "[" + service.endpoint().getHost() + "]";
    }
}
