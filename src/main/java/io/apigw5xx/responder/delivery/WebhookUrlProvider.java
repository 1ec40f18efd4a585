package io.apigw5xx.responder.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Where the Slack webhook URL comes from: a Secrets Manager secret (the bare URL, or JSON with a {@code url}
 * key) or an SSM SecureString parameter, read once ({@link CachedSecret}). The URL is never logged, and
 * {@link #toString()} shows only where it comes from.
 */
public final class WebhookUrlProvider {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final CachedSecret<URI> secret;

    private WebhookUrlProvider(String description, Supplier<String> read) {
        this.secret = new CachedSecret<>(description, read, WebhookUrlProvider::parse, WebhookUrlException::new);
    }

    /** {@code secretId}: the secret's ARN or name. */
    public static WebhookUrlProvider secretsManager(SecretsManagerSecrets secrets, String secretId) {
        Objects.requireNonNull(secrets, "secrets");
        return new WebhookUrlProvider("Secrets Manager secret " + secretId, CachedSecret.secretsManager(secrets, secretId));
    }

    /** {@code name}: the parameter's name or ARN; SecureString values are decrypted. */
    public static WebhookUrlProvider parameterStore(ParameterStore store, String name) {
        Objects.requireNonNull(store, "store");
        return new WebhookUrlProvider("SSM parameter " + name, () -> store.getDecrypted(name));
    }

    /** A URL known up front (the CLI, tests). */
    public static WebhookUrlProvider fixed(URI url) {
        URI checked = parse(url.toString(), "the given URL");
        return new WebhookUrlProvider("a fixed URL", () -> checked.toString());
    }

    /** The webhook URL; throws {@link WebhookUrlException} with a reason that names the source, never the value. */
    public URI get() {
        return secret.get();
    }

    static URI parse(String raw, String description) {
        if (raw == null || raw.isBlank()) {
            throw new WebhookUrlException(description + " is empty");
        }
        String text = raw.strip();
        if (text.startsWith("{")) {
            try {
                JsonNode node = JSON.readTree(text);
                JsonNode url = node.hasNonNull("url") ? node.get("url") : node.path("webhookUrl");
                if (!url.isTextual()) {
                    throw new WebhookUrlException(description + " is JSON without a string \"url\" field");
                }
                text = url.asText().strip();
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new WebhookUrlException(description + " starts with '{' but is not valid JSON");
            }
        }
        URI uri;
        try {
            uri = URI.create(text);
        } catch (IllegalArgumentException e) {
            throw new WebhookUrlException(description + " does not hold a valid URL");
        }
        if (uri.getScheme() == null || !(uri.getScheme().equals("https") || uri.getScheme().equals("http"))
                || uri.getHost() == null) {
            throw new WebhookUrlException(description + " does not hold an http(s) URL with a host");
        }
        return uri;
    }

    @Override
    public String toString() {
        return "WebhookUrlProvider[" + secret.description() + "]";
    }
}
