package io.apigw5xx.responder.frontdoor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** What a route answers: a status and a JSON body (every route speaks JSON, Slack included). */
public record HttpReply(int status, JsonNode body) {

    public static HttpReply json(int status, JsonNode body) {
        return new HttpReply(status, body);
    }

    /** {@code {"error": reason}}: a refusal with the one-line reason a caller needs, never exception text. */
    public static HttpReply error(int status, String reason) {
        return new HttpReply(status, JsonNodeFactory.instance.objectNode().put("error", reason));
    }

    /** A Slack message only the person who asked sees (slash command replies, refusals). */
    public static HttpReply ephemeral(String text) {
        ObjectNode body = JsonNodeFactory.instance.objectNode().put("response_type", "ephemeral").put("text", text);
        return new HttpReply(200, body);
    }
}
