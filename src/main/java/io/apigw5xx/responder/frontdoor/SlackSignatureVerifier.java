package io.apigw5xx.responder.frontdoor;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Slack's request signing, version 0: {@code X-Slack-Signature} = {@code v0=} + hex HMAC-SHA256, keyed with the
 * app's signing secret, of {@code v0:<X-Slack-Request-Timestamp>:<raw body>}. A request is accepted only when the
 * timestamp is within {@link #MAX_SKEW} of now (either way), the signature matches (compared in constant time)
 * and the same signature was not accepted before. Written here rather than taken from Slack's SDK, whose verifier
 * compares with {@code String.equals}, lets future timestamps through and pulls in OkHttp and Kotlin.
 */
public final class SlackSignatureVerifier {

    public static final Duration MAX_SKEW = Duration.ofMinutes(5);
    static final String TIMESTAMP_HEADER = "x-slack-request-timestamp";
    static final String SIGNATURE_HEADER = "x-slack-signature";

    /** Why a request was refused, or empty when it passed. Reasons never contain the secret or the signature. */
    public record Verdict(Optional<String> refusal) {
        static Verdict ok() {
            return new Verdict(Optional.empty());
        }

        static Verdict refused(String reason) {
            return new Verdict(Optional.of(reason));
        }

        public boolean accepted() {
            return refusal.isEmpty();
        }
    }

    private final Supplier<String> signingSecret;
    private final Clock clock;
    private final ReplayGuard replays;

    /** {@code signingSecret} is asked on every request; pass a cached one ({@link SigningSecret}). */
    public SlackSignatureVerifier(Supplier<String> signingSecret, Clock clock) {
        this.signingSecret = Objects.requireNonNull(signingSecret, "signingSecret");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.replays = new ReplayGuard(MAX_SKEW.multipliedBy(2), 10_000);
    }

    public Verdict verify(HttpCall call) {
        Optional<String> timestamp = call.header(TIMESTAMP_HEADER);
        Optional<String> signature = call.header(SIGNATURE_HEADER);
        if (timestamp.isEmpty() || signature.isEmpty()) {
            return Verdict.refused("not signed by Slack: X-Slack-Request-Timestamp or X-Slack-Signature is missing");
        }
        Instant sent;
        try {
            sent = Instant.ofEpochSecond(Long.parseLong(timestamp.get().strip()));
        } catch (NumberFormatException | java.time.DateTimeException e) {
            return Verdict.refused("X-Slack-Request-Timestamp is not a number of seconds");
        }
        Instant now = clock.instant();
        if (Duration.between(sent, now).abs().compareTo(MAX_SKEW) > 0) {
            return Verdict.refused("X-Slack-Request-Timestamp is more than " + MAX_SKEW.toMinutes()
                    + " minutes from now (stale or replayed request, or a wrong clock)");
        }
        String given = signature.get().strip();
        if (!given.startsWith("v0=")) {
            return Verdict.refused("X-Slack-Signature is not a v0 signature");
        }
        byte[] expected = ("v0=" + hmacHex(signingSecret.get(), timestamp.get().strip(), call.body()))
                .getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, given.getBytes(StandardCharsets.US_ASCII))) {
            return Verdict.refused("X-Slack-Signature does not match the body");
        }
        if (!replays.firstTime(given, sent, now)) {
            return Verdict.refused("replayed request: this signature was already accepted");
        }
        return Verdict.ok();
    }

    /** Lower-case hex HMAC-SHA256 of {@code v0:timestamp:body}. */
    static String hmacHex(String secret, String timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update(("v0:" + timestamp + ":").getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
