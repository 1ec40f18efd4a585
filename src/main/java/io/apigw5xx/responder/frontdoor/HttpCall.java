package io.apigw5xx.responder.frontdoor;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One HTTP request as the routes see it, whatever carried it (an HTTP API v2 event through
 * aws-serverless-java-container, or a test).
 *
 * @param headers   header names lower-case (HTTP APIs send them so; lookups here are case-insensitive anyway)
 * @param body      the raw body bytes, already base64-decoded: Slack signs exactly these
 * @param iamCaller the caller's ARN when API Gateway authorised the request with AWS_IAM, else empty
 */
public record HttpCall(String method, String path, Map<String, String> query, Map<String, String> headers, byte[] body,
                       Optional<String> iamCaller) {

    public HttpCall {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        query = Map.copyOf(query);
        TreeMap<String, String> h = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach((k, v) -> h.put(k.toLowerCase(Locale.ROOT), v));
        headers = java.util.Collections.unmodifiableMap(h);
        body = body == null ? new byte[0] : body;
        iamCaller = iamCaller == null ? Optional.empty() : iamCaller;
    }

    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name));
    }

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }
}
