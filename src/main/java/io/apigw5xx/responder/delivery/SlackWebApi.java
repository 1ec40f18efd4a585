package io.apigw5xx.responder.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Slack's Web API with a bot token, on plain java.net.http (the official SDK was measured and not adopted;
 * see the README). {@code POST <base><method>} with {@code Authorization: Bearer}; JSON bodies as
 * {@code application/json; charset=utf-8}, form bodies for the methods that take only forms
 * ({@code files.getUploadURLExternal}). Slack answers failures mostly as HTTP 200 with
 * {@code {"ok":false,"error":"…"}}; those are final and returned with a fix a person can apply. 429 waits for
 * Retry-After and 5xx is retried, within the deadline ({@link SlackHttp}). The token is in no log line or result.
 */
public final class SlackWebApi {

    public static final URI SLACK_API = URI.create("https://slack.com/api/");

    /**
     * Slack's answer to one call: {@code ok} with its body, or the error code ({@code error}; "http_NNN" or
     * "no_answer" when Slack sent no JSON) and a one-line {@code detail} that says what to do about it.
     */
    public record Response(boolean ok, String error, JsonNode body, int attempts, String detail) {
        public String text(String field) {
            return body == null ? null : body.path(field).asText(null);
        }
    }

    private static final System.Logger LOG = System.getLogger(SlackWebApi.class.getName());

    private final SlackHttp http;
    private final URI base;
    private final SlackBotToken token;
    private final ObjectMapper json;

    /** @param base {@link #SLACK_API}, or a stand-in's URL ending in "/" */
    public SlackWebApi(HttpClient http, URI base, SlackBotToken token, ObjectMapper json, Clock clock) {
        this(() -> http, base, token, json, clock);
    }

    /** {@code http}: a client that may still be building; the first call waits for it. */
    public SlackWebApi(Supplier<HttpClient> http, URI base, SlackBotToken token, ObjectMapper json, Clock clock) {
        this.http = new SlackHttp(http, clock);
        this.base = Objects.requireNonNull(base, "base");
        this.token = Objects.requireNonNull(token, "token");
        this.json = Objects.requireNonNull(json, "json");
    }

    /** A method that takes JSON (chat.postMessage, chat.update, files.completeUploadExternal). */
    public Response call(String method, ObjectNode body, Instant deadline) {
        return exchange(method, "application/json; charset=utf-8", body.toString(), deadline);
    }

    /** A method that takes only a form body (files.getUploadURLExternal). */
    public Response callForm(String method, Map<String, String> form, Instant deadline) {
        String body = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        // No charset parameter: Slack warns "superfluous_charset" on form bodies that carry one.
        return exchange(method, "application/x-www-form-urlencoded", body, deadline);
    }

    /**
     * Step 2 of the external upload: the raw bytes to the URL {@code files.getUploadURLExternal} returned,
     * without the token (the URL itself authorises). HTTP 200 is success, anything else a failure.
     */
    public Response upload(String uploadUrl, byte[] bytes, Instant deadline) {
        URI url;
        try {
            url = URI.create(uploadUrl);
        } catch (IllegalArgumentException e) {
            return failed("upload", "bad_upload_url", 0, "Slack returned an upload URL that is not a URL");
        }
        SlackHttp.Exchange x = http.send(HttpRequest.newBuilder(url)
                .header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)), deadline, "the file upload");
        if (!x.answered()) {
            return failed("upload", "no_answer", x.attempts(), x.failure());
        }
        if (x.status() != 200) {
            return failed("upload", "http_" + x.status(), x.attempts(), "upload URL answered " + x.status() + " "
                    + SlackHttp.reason(x.body()));
        }
        return new Response(true, null, null, x.attempts(), "uploaded " + bytes.length + " bytes");
    }

    private Response exchange(String method, String contentType, String body, Instant deadline) {
        HttpRequest.Builder request;
        try {
            request = HttpRequest.newBuilder(base.resolve(method))
                    .header("Authorization", "Bearer " + token.get())
                    .header("Content-Type", contentType)
                    .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        } catch (SlackCredentialException e) {
            return failed(method, "token_unavailable", 0, "bot token unavailable: " + e.getMessage());
        }
        SlackHttp.Exchange x = http.send(request, deadline, method);
        if (!x.answered()) {
            return failed(method, x.status() == 429 ? "ratelimited" : "no_answer", x.attempts(), x.failure());
        }
        JsonNode answer;
        try {
            answer = json.readTree(x.body() == null ? "" : x.body());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            answer = null;
        }
        if (answer == null || !answer.isObject()) {
            return failed(method, "http_" + x.status(), x.attempts(), method + " answered " + x.status() + " "
                    + SlackHttp.reason(x.body()) + " (not JSON)");
        }
        if (answer.path("ok").asBoolean(false)) {
            return new Response(true, null, answer, x.attempts(), method + " ok");
        }
        String error = answer.path("error").asText("unknown_error");
        return failed(method, error, x.attempts(), method + " failed: " + error + detail(answer) + " — " + fix(error));
    }

    /** Slack's own extra detail: the scopes missing_scope names, the messages invalid_blocks carries. */
    private static String detail(JsonNode answer) {
        StringBuilder b = new StringBuilder();
        if (answer.hasNonNull("needed")) {
            b.append(" (needed: ").append(answer.get("needed").asText()).append(", provided: ")
                    .append(answer.path("provided").asText("?")).append(')');
        }
        JsonNode messages = answer.path("response_metadata").path("messages");
        if (messages.isArray() && !messages.isEmpty()) {
            b.append(" (").append(SlackHttp.reason(messages.get(0).asText())).append(')');
        }
        return b.toString();
    }

    /** What a person does about each error Slack documents for these methods. */
    static String fix(String error) {
        return switch (error) {
            case "not_in_channel" -> "invite the bot to the channel (/invite @<app name>), or add the chat:write.public scope";
            case "channel_not_found" -> "set SLACK_CHANNEL to a channel ID (C…) the bot can see; for a private channel invite the bot";
            case "is_archived" -> "the channel is archived: unarchive it or set SLACK_CHANNEL to another channel";
            case "invalid_auth", "not_authed", "token_revoked", "account_inactive", "token_expired" ->
                    "the bot token in the secret is wrong or revoked: reinstall the app and store its new xoxb- token";
            case "missing_scope" -> "add the missing scope (chat:write for messages, files:write for the graph) and reinstall the app";
            case "ratelimited", "rate_limited" -> "Slack's rate limit: the post waited as long as the delivery budget allowed";
            case "invalid_blocks", "invalid_blocks_format", "msg_blocks_too_long" -> "the message was rejected as built: a bug, please report it";
            case "file_uploads_disabled" -> "file uploads are disabled in this workspace: the graph cannot be attached";
            default -> "see Slack's documentation for this error";
        };
    }

    private static Response failed(String method, String error, int attempts, String detail) {
        LOG.log(System.Logger.Level.ERROR, "Slack {0} failed after {1} attempt(s): {2}", method, attempts, detail);
        return new Response(false, error, null, attempts, detail);
    }
}
