package io.apigw5xx.responder.frontdoor;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.apigw5xx.responder.JsonMappers;
import io.apigw5xx.responder.handler.InvocationLog;
import io.apigw5xx.responder.handler.SnapStartPriming;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The handler with aws-serverless-java-container in between: real HTTP API v2 events in, proxy responses out. */
class FrontDoorHandlerTest {

    private final ObjectMapper json = JsonMappers.create();
    private final List<JsonNode> started = new ArrayList<>();
    private final List<String> log = new ArrayList<>();

    private FrontDoorHandler handler(InvestigationStarter starter, IncidentHistory history) {
        FrontDoorConfig config = new FrontDoorConfig("us-east-1", "fn", Optional.of("t"), Optional.of("arn"), SlackAllowList.allowAll(),
                FrontDoorConfig.DEFAULT_RESPONSE_URL_PREFIX, Optional.empty(), Optional.empty(), Optional.empty(),
                FrontDoorConfig.DEFAULT_INVOKE_TIMEOUT);
        Clock clock = Clock.systemUTC();
        return new FrontDoorHandler(FrontDoorWiring.create(config, starter, history, () -> "not-the-sample-secret",
                (url, text) -> { }, json, clock, new InvocationLog(log::add, clock)));
    }

    private FrontDoorHandler recordingHandler() {
        return handler(event -> {
            try {
                started.add(json.readTree(event));
            } catch (java.io.IOException e) {
                throw new AssertionError(e);
            }
            return "req-1";
        }, null);
    }

    private JsonNode send(FrontDoorHandler handler, byte[] event) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(event), out, null);
        return json.readTree(out.toByteArray());
    }

    private static byte[] sample(String name) throws Exception {
        return Files.readAllBytes(Path.of("events", "frontdoor", name));
    }

    @Test
    void investigationsSample_iamCallerFromAuthorizerContext_202AndEventCarriesIt() throws Exception {
        JsonNode response = send(recordingHandler(), sample("investigations.json"));

        assertThat(response.path("statusCode").asInt()).as(response.toString()).isEqualTo(202);
        JsonNode body = json.readTree(response.path("body").asText());
        assertThat(body.path("requestId").asText()).isEqualTo("req-1");
        assertThat(started).singleElement().satisfies(e -> assertThat(body.path("id").asText())
                .isEqualTo(IncidentIds.ofInvestigation(e.path("investigationId").asText(), Instant.parse(e.path("at").asText()))));
        assertThat(started).singleElement().satisfies(e -> {
            assertThat(e.path("requestedBy").asText()).isEqualTo("iam:arn:aws:sts::123456789012:assumed-role/OnCall/alice");
            assertThat(e.path("apiName").asText()).isEqualTo("orders-api");
        });
    }

    @Test
    void unsignedSample_base64FormBody_is401JsonAndInvokesNothing() throws Exception {
        JsonNode response = send(recordingHandler(), sample("slack-command-unsigned.json"));

        assertThat(response.path("statusCode").asInt()).isEqualTo(401);
        assertThat(response.path("headers").toString()).contains("application/json");
        assertThat(json.readTree(response.path("body").asText()).path("error").asText()).contains("not signed by Slack");
        assertThat(started).isEmpty();
    }

    @Test
    void signedSample_withAnotherSecret_is401() throws Exception {
        ObjectNode event = (ObjectNode) json.readTree(sample("slack-command.json"));
        ((ObjectNode) event.path("headers")).put("x-slack-request-timestamp", Long.toString(Instant.now().getEpochSecond()));

        JsonNode response = send(recordingHandler(), json.writeValueAsBytes(event));

        assertThat(response.path("statusCode").asInt()).isEqualTo(401);
        assertThat(started).isEmpty();
    }

    @Test
    void queryString_reachesTheRoute() throws Exception {
        List<String> asked = new ArrayList<>();
        FrontDoorHandler h = handler(e -> "x", new IncidentHistory() {
            @Override
            public List<ObjectNode> recent(String api, String stage, int limit) {
                asked.add(api + "/" + stage + "/" + limit);
                return List.of();
            }

            @Override
            public Optional<ObjectNode> byId(String id) {
                asked.add(id);
                return Optional.empty();
            }
        });

        assertThat(send(h, sample("incidents-list.json")).path("statusCode").asInt()).isEqualTo(200);
        assertThat(send(h, sample("incident-get.json")).path("statusCode").asInt()).isEqualTo(404);
        assertThat(asked).hasSize(2).first().isEqualTo("orders-api/prod/10");
        assertThat(asked.get(1)).startsWith("YXJuOmF3czpjbG91ZHdhdGNo");
    }

    @Test
    void snapStartPrimer_runsOfflineAndCallsNoPort() {
        System.setProperty(SnapStartPriming.PRIME_AT_INIT_PROPERTY, "true");
        try {
            handler(e -> {
                throw new AssertionError("the primer must not invoke the responder");
            }, null);
        } finally {
            System.clearProperty(SnapStartPriming.PRIME_AT_INIT_PROPERTY);
        }
        assertThat(log).anyMatch(l -> l.contains("Slack request refused"));
    }
}
