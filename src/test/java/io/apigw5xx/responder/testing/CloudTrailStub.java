package io.apigw5xx.responder.testing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * CloudTrail LookupEvents (which moto does not implement) served by WireMock on 127.0.0.1 in the AWS JSON 1.1
 * wire format: POST /, {@code X-Amz-Target: com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101.LookupEvents}, content type
 * {@code application/x-amz-json-1.1}, timestamps as epoch seconds, CloudTrailEvent as a JSON string.
 */
public final class CloudTrailStub implements AutoCloseable {

    /** What SDK v2 sends (its marshaller); the short "CloudTrail_20131101.LookupEvents" in some docs is not what goes on the wire. */
    public static final String TARGET = "com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101.LookupEvents";
    public static final String CONTENT_TYPE = "application/x-amz-json-1.1";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final WireMockServer server;

    public CloudTrailStub() {
        server = new WireMockServer(wireMockConfig().bindAddress("127.0.0.1").dynamicPort());
        server.start();
        reset();
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.port());
    }

    public WireMockServer server() {
        return server;
    }

    /** Forgets stubs; any event source without events answers an empty page. */
    public void reset() {
        server.resetAll();
        server.stubFor(lookup().atPriority(10).willReturn(ok("{\"Events\":[]}")));
    }

    /** Serves {@code events} for {@code eventSource} newest first, {@code pageSize} per page, linked by NextToken. */
    public void events(String eventSource, int pageSize, List<ObjectNode> events) {
        List<ObjectNode> newestFirst = events.stream()
                .sorted((a, b) -> Double.compare(b.get("EventTime").asDouble(), a.get("EventTime").asDouble())).toList();
        int pages = Math.max(1, (newestFirst.size() + pageSize - 1) / pageSize);
        for (int p = 0; p < pages; p++) {
            ObjectNode body = JSON.createObjectNode();
            ArrayNode array = body.putArray("Events");
            newestFirst.subList(p * pageSize, Math.min(newestFirst.size(), (p + 1) * pageSize)).forEach(array::add);
            if (p + 1 < pages) {
                body.put("NextToken", token(eventSource, p + 1));
            }
            MappingBuilder mapping = lookup().withRequestBody(matchingJsonPath("$.LookupAttributes[0].AttributeValue", equalTo(eventSource)));
            mapping = p == 0 ? mapping.atPriority(5) : mapping.withRequestBody(matchingJsonPath("$.NextToken", equalTo(token(eventSource, p)))).atPriority(1);
            server.stubFor(mapping.willReturn(ok(body.toString())));
        }
    }

    /** The first request for {@code eventSource} is throttled (HTTP 400 ThrottlingException); later ones get the stubbed pages. */
    public void throttleOnce(String eventSource) {
        server.stubFor(lookup().inScenario("throttle " + eventSource).whenScenarioStateIs(Scenario.STARTED)
                .withRequestBody(matchingJsonPath("$.LookupAttributes[0].AttributeValue", equalTo(eventSource)))
                .atPriority(0).willReturn(error(400, "ThrottlingException", "Rate exceeded")).willSetStateTo("served"));
    }

    /** Every request fails this way (HTTP status + AWS error code). */
    public void failAll(int status, String errorCode, String message) {
        server.stubFor(lookup().atPriority(0).willReturn(error(status, errorCode, message)));
    }

    /** Every request for {@code eventSource} fails this way; other event sources are served as stubbed. */
    public void failSource(String eventSource, int status, String errorCode, String message) {
        server.stubFor(lookup().withRequestBody(matchingJsonPath("$.LookupAttributes[0].AttributeValue", equalTo(eventSource)))
                .atPriority(0).willReturn(error(status, errorCode, message)));
    }

    /** Every request answers an empty page after {@code millis}. */
    public void delayAll(int millis) {
        server.stubFor(lookup().atPriority(0).willReturn(ok("{\"Events\":[]}").withFixedDelay(millis)));
    }

    public int requests(String eventSource) {
        return server.countRequestsMatching(postRequestedFor(urlEqualTo("/"))
                .withRequestBody(matchingJsonPath("$.LookupAttributes[0].AttributeValue", equalTo(eventSource))).build()).getCount();
    }

    /**
     * A LookupEvents summary with its CloudTrail record. {@code requestParameters} is the record's
     * requestParameters object as JSON.
     */
    public static ObjectNode event(String eventSource, String eventName, Instant time, String username, String resourceType,
            String resourceName, String requestParameters, boolean readOnly) {
        try {
            ObjectNode record = JSON.createObjectNode();
            String id = UUID.randomUUID().toString();
            record.put("eventVersion", "1.09");
            ObjectNode identity = record.putObject("userIdentity");
            identity.put("type", "AssumedRole");
            identity.put("arn", "arn:aws:sts::" + MotoAccount.ACCOUNT + ":assumed-role/ci-deploy-role/" + username);
            identity.put("accountId", MotoAccount.ACCOUNT);
            record.put("eventTime", time.toString());
            record.put("eventSource", eventSource);
            record.put("eventName", eventName);
            record.put("awsRegion", MotoAccount.REGION);
            record.put("sourceIPAddress", "203.0.113.24");
            record.put("userAgent", "aws-cli/2.22.10");
            record.set("requestParameters", JSON.readTree(requestParameters));
            record.putNull("responseElements");
            record.put("requestID", UUID.randomUUID().toString());
            record.put("eventID", id);
            record.put("readOnly", readOnly);
            record.put("eventType", "AwsApiCall");
            record.put("managementEvent", true);
            record.put("recipientAccountId", MotoAccount.ACCOUNT);
            record.put("eventCategory", "Management");

            ObjectNode summary = JSON.createObjectNode();
            summary.put("EventId", id);
            summary.put("EventName", eventName);
            summary.put("ReadOnly", Boolean.toString(readOnly));
            summary.put("AccessKeyId", "ASIAEXAMPLEKEYID1234");
            summary.put("EventTime", time.getEpochSecond() + time.getNano() / 1e9);
            summary.put("EventSource", eventSource);
            summary.put("Username", username);
            ArrayNode resources = summary.putArray("Resources");
            if (resourceName != null) {
                resources.addObject().put("ResourceType", resourceType).put("ResourceName", resourceName);
            }
            summary.put("CloudTrailEvent", JSON.writeValueAsString(record));
            return summary;
        } catch (Exception e) {
            throw new IllegalArgumentException("bad requestParameters JSON: " + requestParameters, e);
        }
    }

    private static MappingBuilder lookup() {
        return post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo(TARGET));
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder ok(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", CONTENT_TYPE)
                .withHeader("x-amzn-RequestId", UUID.randomUUID().toString()).withBody(body);
    }

    static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder error(int status, String code, String message) {
        return aResponse().withStatus(status).withHeader("Content-Type", CONTENT_TYPE).withHeader("x-amzn-ErrorType", code)
                .withHeader("x-amzn-RequestId", UUID.randomUUID().toString())
                .withBody("{\"__type\":\"" + code + "\",\"message\":\"" + message + "\"}");
    }

    private static String token(String eventSource, int page) {
        return java.util.Base64.getEncoder().encodeToString((eventSource + "#" + page).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    @Override
    public void close() {
        server.stop();
    }
}
