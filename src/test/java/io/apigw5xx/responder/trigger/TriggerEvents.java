package io.apigw5xx.responder.trigger;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.apigw5xx.responder.JsonMappers;
import io.apigw5xx.responder.incident.Incident;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

/** The sample events in {@code events/} (the worktree top), and ways to derive variants from them. */
final class TriggerEvents {

    static final Path DIR = Path.of("events");
    static final String[] FILES = {
        "sns-alarm-rest.json", "sns-alarm-http-api.json", "eventbridge-alarm.json",
        "alarm-action.json", "manual-rerun.json", "sns-ok.json",
        "sns-alarm-rest-api-wide.json", "eventbridge-alarm-http-api-wide.json", "sns-alarm-per-method.json",
        "sns-alarm-metric-math-rate.json", "eventbridge-alarm-anomaly.json", "eventbridge-alarm-composite.json",
        "sqs-sns-alarm.json"
    };
    static final ObjectMapper JSON = JsonMappers.create();

    private TriggerEvents() {}

    static String text(String file) {
        try {
            return Files.readString(DIR.resolve(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ObjectNode load(String file) {
        return (ObjectNode) tree(text(file));
    }

    static JsonNode tree(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    static String json(JsonNode node) {
        return node.toString();
    }

    static ObjectNode snsRecord(ObjectNode envelope) {
        return (ObjectNode) envelope.get("Records").get(0);
    }

    /** The alarm notification inside an SNS sample, parsed. */
    static ObjectNode snsMessage(ObjectNode envelope) {
        return (ObjectNode) tree(snsRecord(envelope).get("Sns").get("Message").textValue());
    }

    /** {@code file}'s SNS envelope with its alarm notification changed by {@code edit}. */
    static String snsWith(String file, Consumer<ObjectNode> edit) {
        ObjectNode envelope = load(file);
        ObjectNode message = snsMessage(envelope);
        edit.accept(message);
        ((ObjectNode) snsRecord(envelope).get("Sns")).put("Message", json(message));
        return json(envelope);
    }

    static String with(String file, Consumer<ObjectNode> edit) {
        ObjectNode event = load(file);
        edit.accept(event);
        return json(event);
    }

    static Incident investigated(TriggerOutcome outcome) {
        assertThat(outcome).isInstanceOf(TriggerOutcome.Investigate.class);
        return ((TriggerOutcome.Investigate) outcome).incident();
    }

    static Incident resolved(TriggerOutcome outcome) {
        assertThat(outcome).isInstanceOf(TriggerOutcome.Resolved.class);
        return ((TriggerOutcome.Resolved) outcome).incident();
    }

    static String refusal(TriggerOutcome outcome) {
        assertThat(outcome).isInstanceOf(TriggerOutcome.Refused.class);
        String reason = ((TriggerOutcome.Refused) outcome).reason();
        assertThat(reason).isNotBlank().doesNotContain("\n").doesNotStartWith("internal error");
        return reason;
    }

    static String ignoredReason(TriggerOutcome outcome) {
        assertThat(outcome).isInstanceOf(TriggerOutcome.Ignored.class);
        return ((TriggerOutcome.Ignored) outcome).reason();
    }
}
