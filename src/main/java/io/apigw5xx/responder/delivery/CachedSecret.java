package io.apigw5xx.responder.delivery;

import java.util.function.Function;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * A credential read once and kept for the container's life (it rarely changes and every read costs a call);
 * a failed read is not cached, so the next report tries again. The value never appears in a message: errors
 * name only where it comes from ({@code description}).
 *
 * @param <T> the parsed credential (a webhook URL, a bot token)
 */
final class CachedSecret<T> {

    /** Turns the raw secret text into the credential, or throws with a reason naming the source, never the value. */
    interface Parser<T> {
        T parse(String raw, String description);
    }

    private final String description;
    private final Supplier<String> read;
    private final Parser<T> parser;
    private final Function<String, RuntimeException> failure;
    private volatile T cached;

    CachedSecret(String description, Supplier<String> read, Parser<T> parser, Function<String, RuntimeException> failure) {
        this.description = description;
        this.read = read;
        this.parser = parser;
        this.failure = failure;
    }

    static Supplier<String> secretsManager(SecretsManagerSecrets secrets, String secretId) {
        return () -> secrets.secretString(secretId);
    }

    T get() {
        T value = cached;
        if (value != null) {
            return value;
        }
        synchronized (this) {
            if (cached == null) {
                String raw;
                try {
                    raw = read.get();
                } catch (SdkException e) {
                    // SDK messages name the resource and the error code, not the secret value.
                    RuntimeException f = failure.apply("could not read " + description + ": " + e.getMessage());
                    f.initCause(e);
                    throw f;
                }
                cached = parser.parse(raw, description);
            }
            return cached;
        }
    }

    String description() {
        return description;
    }
}
