package io.apigw5xx.responder.frontdoor;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every environment variable the front door reads, checked once at init: a misconfigured deployment fails there
 * with one message listing every problem (secret values are never read here, only where they live).
 *
 * @param responderFunctionArn the responder's alias ARN, the one function this front door invokes
 * @param responseUrlPrefix    interaction response URLs are only posted to under this prefix (Slack's hooks host)
 * @param invokeTimeout        how long the asynchronous invoke may take (Lambda answers 202 in milliseconds; the
 *                             runtime tests raise it because the emulator runs the responder synchronously)
 */
public record FrontDoorConfig(
        String region,
        String responderFunctionArn,
        Optional<String> incidentTable,
        Optional<String> slackSigningSecretArn,
        SlackAllowList allowList,
        String responseUrlPrefix,
        Optional<URI> lambdaEndpoint,
        Optional<URI> dynamoDbEndpoint,
        Optional<URI> secretsManagerEndpoint,
        java.time.Duration invokeTimeout) {

    public static final String REGION = "AWS_REGION";
    public static final String RESPONDER_FUNCTION_ARN = "RESPONDER_FUNCTION_ARN";
    public static final String INCIDENT_TABLE = "INCIDENT_TABLE";
    public static final String SLACK_SIGNING_SECRET_ARN = "SLACK_SIGNING_SECRET_ARN";
    public static final String SLACK_ALLOWED_TEAM_IDS = "SLACK_ALLOWED_TEAM_IDS";
    public static final String SLACK_ALLOWED_CHANNEL_IDS = "SLACK_ALLOWED_CHANNEL_IDS";
    public static final String SLACK_RESPONSE_URL_PREFIX = "SLACK_RESPONSE_URL_PREFIX";
    public static final String DEFAULT_RESPONSE_URL_PREFIX = "https://hooks.slack.com/";
    public static final String RESPONDER_INVOKE_TIMEOUT_MS = "RESPONDER_INVOKE_TIMEOUT_MS";
    /** Within Slack's 3 seconds, with room for the response_url post. */
    public static final java.time.Duration DEFAULT_INVOKE_TIMEOUT = java.time.Duration.ofMillis(1500);

    public static FrontDoorConfig fromEnvironment(Map<String, String> env) {
        List<String> problems = new ArrayList<>();
        Optional<String> region = value(env, REGION);
        if (region.isEmpty()) {
            problems.add(REGION + " is not set (Lambda sets it)");
        }
        Optional<String> function = value(env, RESPONDER_FUNCTION_ARN);
        if (function.isEmpty()) {
            problems.add(RESPONDER_FUNCTION_ARN + " is not set (the responder's alias ARN)");
        }
        String prefix = value(env, SLACK_RESPONSE_URL_PREFIX).orElse(DEFAULT_RESPONSE_URL_PREFIX);
        if (!prefix.endsWith("/") || !(prefix.startsWith("https://") || prefix.startsWith("http://127.0.0.1:"))) {
            problems.add(SLACK_RESPONSE_URL_PREFIX + " must be an https:// prefix ending in / (or http://127.0.0.1:PORT/ in tests)");
        }
        Optional<URI> all = url(env, "AWS_ENDPOINT_URL", problems);
        Optional<URI> lambda = url(env, "AWS_ENDPOINT_URL_LAMBDA", problems).or(() -> all);
        Optional<URI> dynamo = url(env, "AWS_ENDPOINT_URL_DYNAMODB", problems).or(() -> all);
        Optional<URI> secrets = url(env, "AWS_ENDPOINT_URL_SECRETS_MANAGER", problems).or(() -> all);
        java.time.Duration invokeTimeout = DEFAULT_INVOKE_TIMEOUT;
        Optional<String> timeout = value(env, RESPONDER_INVOKE_TIMEOUT_MS);
        if (timeout.isPresent()) {
            try {
                invokeTimeout = java.time.Duration.ofMillis(Long.parseLong(timeout.get()));
            } catch (NumberFormatException e) {
                problems.add(RESPONDER_INVOKE_TIMEOUT_MS + " must be a number of milliseconds");
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("invalid front door configuration: " + String.join("; ", problems));
        }
        return new FrontDoorConfig(region.get(), function.get(), value(env, INCIDENT_TABLE),
                value(env, SLACK_SIGNING_SECRET_ARN),
                SlackAllowList.parse(env.get(SLACK_ALLOWED_TEAM_IDS), env.get(SLACK_ALLOWED_CHANNEL_IDS)),
                prefix, lambda, dynamo, secrets, invokeTimeout);
    }

    private static Optional<String> value(Map<String, String> env, String name) {
        String v = env.get(name);
        return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.strip());
    }

    private static Optional<URI> url(Map<String, String> env, String name, List<String> problems) {
        Optional<String> v = value(env, name);
        if (v.isEmpty()) {
            return Optional.empty();
        }
        try {
            URI uri = URI.create(v.get());
            if (uri.getScheme() != null && uri.getHost() != null) {
                return Optional.of(uri);
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        problems.add(name + " is not an http(s) URL");
        return Optional.empty();
    }
}
