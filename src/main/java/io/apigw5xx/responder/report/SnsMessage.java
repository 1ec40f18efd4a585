package io.apigw5xx.responder.report;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/**
 * A ready-to-publish SNS message: subject for e-mail, plain-text body, and String message attributes that
 * subscribers can filter on ({@code severity}, {@code apiId}, {@code topCause} ...). {@code findings} holds
 * the findings JSON when it fits.
 */
public record SnsMessage(String subject, String body, Map<String, String> attributes) {

    /** SNS counts message, subject and every attribute name, type and value towards this. */
    public static final int MAX_BYTES = 262_144;
    public static final int MAX_SUBJECT = 99;

    public SnsMessage {
        attributes = Map.copyOf(new TreeMap<>(attributes));
    }

    /** Bytes as SNS counts them against {@link #MAX_BYTES} (all attributes are of type "String"). */
    public int sizeBytes() {
        int size = utf8(body) + utf8(subject);
        for (Map.Entry<String, String> a : attributes.entrySet()) {
            size += utf8(a.getKey()) + "String".length() + utf8(a.getValue());
        }
        return size;
    }

    private static int utf8(String s) {
        return s == null ? 0 : s.getBytes(StandardCharsets.UTF_8).length;
    }
}
