package io.apigw5xx.responder.frontdoor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The Slack app's signing secret, read on first use and kept for the container's life (the secret string is
 * the secret itself, or JSON with a {@code signingSecret} key). A failed read is not cached. Never logged:
 * {@link #toString()} names only where it comes from.
 */
public final class SigningSecret implements Supplier<String> {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String source;
    private final Supplier<String> read;
    private volatile String cached;

    public SigningSecret(String source, Supplier<String> read) {
        this.source = Objects.requireNonNull(source, "source");
        this.read = Objects.requireNonNull(read, "read");
    }

    @Override
    public String get() {
        String secret = cached;
        if (secret == null) {
            synchronized (this) {
                if (cached == null) {
                    cached = parse(read.get());
                }
                secret = cached;
            }
        }
        return secret;
    }

    private String parse(String raw) {
        if (raw == null || raw.isBlank()) {
            throw new IllegalStateException(source + " is empty");
        }
        String text = raw.strip();
        if (text.startsWith("{")) {
            try {
                JsonNode value = JSON.readTree(text).path("signingSecret");
                if (!value.isTextual() || value.asText().isBlank()) {
                    throw new IllegalStateException(source + " is JSON without a string \"signingSecret\" field");
                }
                return value.asText().strip();
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException(source + " starts with '{' but is not valid JSON");
            }
        }
        return text;
    }

    @Override
    public String toString() {
        return "SigningSecret[" + source + "]";
    }
}
