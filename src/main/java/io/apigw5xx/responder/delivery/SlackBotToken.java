package io.apigw5xx.responder.delivery;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The Slack app's bot token ({@code xoxb-…}) from a Secrets Manager secret — the bare token, or JSON with a
 * {@code botToken} (or {@code token}) key — read once ({@link CachedSecret}). The token is a credential:
 * it appears in no log line, result or {@link #toString()}.
 */
public final class SlackBotToken {

    /** Slack's token shape, loosely: a prefix, a dash, then URL-safe characters. Whitespace would break the header. */
    private static final Pattern TOKEN = Pattern.compile("xox[a-z]-[A-Za-z0-9-]+");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final CachedSecret<String> secret;

    private SlackBotToken(String description, Supplier<String> read) {
        this.secret = new CachedSecret<>(description, read, SlackBotToken::parse, SlackCredentialException::new);
    }

    public static SlackBotToken secretsManager(SecretsManagerSecrets secrets, String secretId) {
        Objects.requireNonNull(secrets, "secrets");
        return new SlackBotToken("Secrets Manager secret " + secretId, CachedSecret.secretsManager(secrets, secretId));
    }

    /** A token known up front (tests, the stand-in). */
    public static SlackBotToken fixed(String token) {
        String checked = parse(token, "the given token");
        return new SlackBotToken("a fixed token", () -> checked);
    }

    /** The token; throws {@link SlackCredentialException} naming the source, never the value. */
    public String get() {
        return secret.get();
    }

    static String parse(String raw, String description) {
        if (raw == null || raw.isBlank()) {
            throw new SlackCredentialException(description + " is empty");
        }
        String text = raw.strip();
        if (text.startsWith("{")) {
            try {
                JsonNode node = JSON.readTree(text);
                JsonNode token = node.hasNonNull("botToken") ? node.get("botToken") : node.path("token");
                if (!token.isTextual()) {
                    throw new SlackCredentialException(description + " is JSON without a string \"botToken\" field");
                }
                text = token.asText().strip();
            } catch (JsonProcessingException e) {
                throw new SlackCredentialException(description + " starts with '{' but is not valid JSON");
            }
        }
        if (!TOKEN.matcher(text).matches()) {
            throw new SlackCredentialException(description + " does not hold a Slack token (xoxb-…)");
        }
        return text;
    }

    @Override
    public String toString() {
        return "SlackBotToken[" + secret.description() + "]";
    }
}
