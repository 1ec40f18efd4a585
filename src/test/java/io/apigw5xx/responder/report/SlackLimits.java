package io.apigw5xx.responder.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** Asserts a webhook payload against Slack's published Block Kit limits (reference/limits.md). */
final class SlackLimits {

    private SlackLimits() {}

    static void assertWithin(JsonNode payload) {
        assertThat(payload.path("text").asText()).isNotBlank();
        List<JsonNode> blocks = new ArrayList<>();
        payload.path("blocks").forEach(blocks::add);
        payload.path("attachments").forEach(a -> a.path("blocks").forEach(blocks::add));
        assertThat(blocks).hasSizeBetween(1, 50);
        for (JsonNode b : blocks) {
            String type = b.path("type").asText();
            assertThat(type).isIn("header", "section", "divider", "context", "actions");
            switch (type) {
                case "header" -> {
                    assertThat(b.path("text").path("type").asText()).isEqualTo("plain_text");
                    assertThat(b.path("text").path("text").asText()).hasSizeBetween(1, 150);
                }
                case "section" -> {
                    assertThat(b.path("text").path("type").asText()).isEqualTo("mrkdwn");
                    assertThat(b.path("text").path("text").asText()).hasSizeBetween(1, 3000);
                    assertThat(b.path("fields").size()).isLessThanOrEqualTo(10);
                    b.path("fields").forEach(f -> assertThat(f.path("text").asText()).hasSizeBetween(1, 2000));
                }
                case "context" -> {
                    assertThat(b.path("elements").size()).isBetween(1, 10);
                    b.path("elements").forEach(e -> assertThat(e.path("text").asText()).isNotEmpty());
                }
                default -> { }
            }
        }
    }

    /** Every mrkdwn / plain_text string in the payload. */
    static List<String> texts(JsonNode payload) {
        List<String> out = new ArrayList<>();
        collect(payload, out);
        return out;
    }

    private static void collect(JsonNode n, List<String> out) {
        if (n.isObject() && n.has("text") && n.get("text").isTextual()) {
            out.add(n.get("text").asText());
        }
        n.forEach(child -> collect(child, out));
    }
}
