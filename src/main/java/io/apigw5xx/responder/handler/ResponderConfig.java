package io.apigw5xx.responder.handler;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every environment variable the function reads, read once and checked up front: a misconfigured
 * deployment fails at init with one message listing every problem, not halfway through an incident.
 *
 * @param evidenceBudget  the longest evidence gathering may take, however much time Lambda has left
 * @param deliveryReserve time kept back from Lambda's remaining time for analysis and delivery
 */
public record ResponderConfig(
        String region,
        Optional<String> findingsTopicArn,
        Optional<String> slackWebhookSecretArn,
        Optional<String> slackWebhookParameter,
        Optional<String> incidentTable,
        Optional<String> slackBotTokenSecretArn,
        Optional<String> slackChannel,
        URI slackApiUrl,
        boolean slackGraph,
        Optional<String> recheckQueueUrl,
        Optional<URI> endpointUrl,
        Optional<URI> cloudTrailEndpointUrl,
        Duration evidenceBudget,
        Duration deliveryReserve) {

    public static final String REGION = "AWS_REGION";
    public static final String FINDINGS_TOPIC_ARN = "FINDINGS_TOPIC_ARN";
    public static final String SLACK_WEBHOOK_SECRET_ARN = "SLACK_WEBHOOK_SECRET_ARN";
    public static final String SLACK_WEBHOOK_PARAMETER = "SLACK_WEBHOOK_PARAMETER";
    public static final String INCIDENT_TABLE = "INCIDENT_TABLE";
    /** Slack app mode: the bot token's secret and the channel id first reports go to (both or neither). */
    public static final String SLACK_BOT_TOKEN_SECRET_ARN = "SLACK_BOT_TOKEN_SECRET_ARN";
    public static final String SLACK_CHANNEL = "SLACK_CHANNEL";
    /** Where the Web API is (tests point it at a stand-in); https://slack.com/api/ by default. */
    public static final String SLACK_API_URL = "SLACK_API_URL";
    /** "false" leaves the graph out of Slack app reports (no GetMetricWidgetImage call). */
    public static final String SLACK_GRAPH = "SLACK_GRAPH";
    /** The re-check queue (SQS, DelaySeconds): absent = no automatic re-check. */
    public static final String RECHECK_QUEUE_URL = "RECHECK_QUEUE_URL";
    public static final String ENDPOINT_URL = "AWS_ENDPOINT_URL";
    /** The SDKs' service-specific form; CloudTrail alone, because no emulator here implements LookupEvents. */
    public static final String CLOUDTRAIL_ENDPOINT_URL = "AWS_ENDPOINT_URL_CLOUDTRAIL";
    public static final String EVIDENCE_BUDGET_SECONDS = "EVIDENCE_BUDGET_SECONDS";
    public static final String DELIVERY_RESERVE_SECONDS = "DELIVERY_RESERVE_SECONDS";

    public static ResponderConfig fromEnvironment(Map<String, String> env) {
        List<String> problems = new ArrayList<>();
        String region = value(env, REGION).orElse(null);
        if (region == null) {
            problems.add(REGION + " is not set (Lambda sets it; on a laptop export AWS_REGION=us-east-1)");
        }
        Optional<String> secret = value(env, SLACK_WEBHOOK_SECRET_ARN);
        Optional<String> parameter = value(env, SLACK_WEBHOOK_PARAMETER);
        if (secret.isPresent() && parameter.isPresent()) {
            problems.add("set only one of " + SLACK_WEBHOOK_SECRET_ARN + " and " + SLACK_WEBHOOK_PARAMETER);
        }
        value(env, FINDINGS_TOPIC_ARN).filter(arn -> !arn.startsWith("arn:"))
                .ifPresent(arn -> problems.add(FINDINGS_TOPIC_ARN + " must be an SNS topic ARN (arn:aws:sns:...)"));
        Optional<String> botToken = value(env, SLACK_BOT_TOKEN_SECRET_ARN);
        Optional<String> channel = value(env, SLACK_CHANNEL);
        if (botToken.isPresent() != channel.isPresent()) {
            problems.add("Slack app mode needs both " + SLACK_BOT_TOKEN_SECRET_ARN + " and " + SLACK_CHANNEL);
        }
        if (botToken.isPresent() && (secret.isPresent() || parameter.isPresent())) {
            problems.add("set either the Slack app (" + SLACK_BOT_TOKEN_SECRET_ARN + ") or an incoming webhook, not both");
        }
        channel.filter(c -> !c.matches("[A-Z0-9]{2,40}"))
                .ifPresent(c -> problems.add(SLACK_CHANNEL + " must be a channel id such as C0123ABC (channel details → bottom), not a name"));
        URI slackApi = url(env, SLACK_API_URL, problems).orElse(URI.create("https://slack.com/api/"));
        if (!slackApi.toString().endsWith("/")) {
            slackApi = URI.create(slackApi + "/");
        }
        boolean graph = !value(env, SLACK_GRAPH).map(v -> v.equalsIgnoreCase("false")).orElse(false);
        Optional<URI> endpoint = url(env, ENDPOINT_URL, problems);
        Optional<URI> cloudTrailEndpoint = url(env, CLOUDTRAIL_ENDPOINT_URL, problems);
        Duration budget = seconds(env, EVIDENCE_BUDGET_SECONDS, 20, problems);
        Duration reserve = seconds(env, DELIVERY_RESERVE_SECONDS, 8, problems);
        if (!problems.isEmpty()) {
            throw new IllegalStateException("invalid configuration: " + String.join("; ", problems));
        }
        return new ResponderConfig(region, value(env, FINDINGS_TOPIC_ARN), secret, parameter,
                value(env, INCIDENT_TABLE), botToken, channel, slackApi, graph, value(env, RECHECK_QUEUE_URL),
                endpoint, cloudTrailEndpoint, budget, reserve);
    }

    /** The evidence deadline for an invocation that has {@code remaining} time left, starting {@code now}. */
    public java.time.Instant evidenceDeadline(java.time.Instant now, Duration remaining) {
        Duration usable = remaining.minus(deliveryReserve);
        Duration budget = usable.compareTo(evidenceBudget) < 0 ? usable : evidenceBudget;
        // Even with almost no time left, give the sources a moment: a thin report beats none.
        Duration floor = Duration.ofSeconds(1);
        return now.plus(budget.compareTo(floor) < 0 ? floor : budget);
    }

    /**
     * The latest a report may still go out for an invocation that has {@code remaining} time left: its end,
     * less a margin for the response and the last log lines, never before the evidence deadline.
     */
    public java.time.Instant deliveryDeadline(java.time.Instant now, Duration remaining) {
        java.time.Instant end = now.plus(remaining).minus(DELIVERY_MARGIN);
        java.time.Instant evidence = evidenceDeadline(now, remaining);
        return end.isAfter(evidence) ? end : evidence;
    }

    /** Time kept after delivery for the response, the EMF lines and the log line that says what happened. */
    static final Duration DELIVERY_MARGIN = Duration.ofSeconds(2);

    private static Optional<URI> url(Map<String, String> env, String name, List<String> problems) {
        try {
            return value(env, name).map(URI::create);
        } catch (IllegalArgumentException e) {
            problems.add(name + " is not a URL");
            return Optional.empty();
        }
    }

    private static Optional<String> value(Map<String, String> env, String name) {
        return Optional.ofNullable(env.get(name)).map(String::trim).filter(v -> !v.isEmpty());
    }

    private static Duration seconds(Map<String, String> env, String name, int defaultSeconds, List<String> problems) {
        Optional<String> raw = value(env, name);
        if (raw.isEmpty()) {
            return Duration.ofSeconds(defaultSeconds);
        }
        try {
            int seconds = Integer.parseInt(raw.get());
            if (seconds <= 0 || seconds > 900) {
                problems.add(name + " must be between 1 and 900 seconds, was " + seconds);
            }
            return Duration.ofSeconds(seconds);
        } catch (NumberFormatException e) {
            problems.add(name + " must be a whole number of seconds, was '" + raw.get() + "'");
            return Duration.ofSeconds(defaultSeconds);
        }
    }
}
