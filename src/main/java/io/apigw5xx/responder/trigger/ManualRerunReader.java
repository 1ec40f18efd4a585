package io.apigw5xx.responder.trigger;

import com.fasterxml.jackson.databind.JsonNode;
import io.apigw5xx.responder.incident.ApiRef;
import io.apigw5xx.responder.incident.ApiType;
import io.apigw5xx.responder.incident.Incident;
import io.apigw5xx.responder.incident.SlackThread;
import io.apigw5xx.responder.incident.TimeWindow;
import io.apigw5xx.responder.incident.TriggerSource;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Path (d): a person asks for an investigation (console test button, CLI):
 * {@code {"apiName"|"apiId", "stage", "region"?, "apiType"?, "at" | "from"+"to"}}.
 *
 * <p>{@code apiName} means a REST API (its 5XXError metric is keyed by name); {@code apiId} alone means an HTTP
 * API unless {@code apiType} says REST. {@code at} reads the usual window around that moment; {@code from}/
 * {@code to} read exactly that window, at most {@link #MAX_WINDOW} long because Logs Insights bills by bytes
 * scanned, with the moment of interest at {@code to} (or {@code at} when also given).
 *
 * <p>A re-run asked from Slack (the front door builds it from a button click) also carries
 * {@code "slackThread": {"channel": "C…", "ts": "1710409337.000200"}}, the thread the answer goes to, and
 * {@code "requestedBy"} (free text, e.g. {@code slack:U0123}); both stay on the Incident.
 *
 * <p>The front door also gives every re-run it starts an {@code "investigationId"} (a UUID): the responder keeps
 * the run on the ledger under that id, which is how the caller finds it again ({@code GET /incidents/{id}}).
 */
final class ManualRerunReader {

    static final Duration MAX_WINDOW = Duration.ofHours(24);

    private final String defaultRegion;

    /** @param defaultRegion used when the event names no region; may be null (then the event must name one) */
    ManualRerunReader(String defaultRegion) {
        this.defaultRegion = defaultRegion;
    }

    TriggerOutcome read(JsonNode root) {
        try {
            return new TriggerOutcome.Investigate(incident(root));
        } catch (TriggerRefusedException refused) {
            throw new TriggerRefusedException("manual re-run event: " + refused.getMessage());
        }
    }

    private Incident incident(JsonNode root) {
        Incident asked = investigation(root);
        SlackThread thread = slackThread(root);
        String requestedBy = requestedBy(root);
        return new Incident(asked.source(), asked.account(), asked.region(), asked.api(), asked.stage(), asked.alarm(),
                asked.at(), asked.window(), asked.scope(), thread, requestedBy, investigationId(root));
    }

    /** A UUID in its canonical 8-4-4-4-12 form; it becomes part of a ledger key, so nothing else gets through. */
    private static final Pattern UUID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    private static String investigationId(JsonNode root) {
        String id = EventFields.optionalText(root, "investigationId", "");
        if (id == null) {
            return null;
        }
        String canonical = id.strip().toLowerCase(Locale.ROOT);
        if (!UUID.matcher(canonical).matches()) {
            throw new TriggerRefusedException("investigationId " + EventFields.quote(id)
                    + " is not a UUID such as 3f2b8c1e-7d4a-4e5f-9a10-2b3c4d5e6f70");
        }
        return canonical;
    }

    /** Slack channel ids are upper-case letters and digits (C…, G…, D…); a ts is seconds.micros, kept as text. */
    private static final Pattern CHANNEL = Pattern.compile("[A-Z0-9]{2,40}");
    private static final Pattern TS = Pattern.compile("[0-9]{1,12}\\.[0-9]{1,9}");
    static final int MAX_REQUESTED_BY = 200;

    private static SlackThread slackThread(JsonNode root) {
        JsonNode node = EventFields.optionalObject(root, "slackThread", "");
        if (node == null) {
            return null;
        }
        String channel = EventFields.text(node, "channel", "slackThread");
        String ts = EventFields.text(node, "ts", "slackThread");
        if (!CHANNEL.matcher(channel).matches()) {
            throw new TriggerRefusedException("slackThread.channel " + EventFields.quote(channel) + " is not a Slack channel id (C0123ABC)");
        }
        if (!TS.matcher(ts).matches()) {
            throw new TriggerRefusedException("slackThread.ts " + EventFields.quote(ts) + " is not a Slack message ts (1710409337.000200)");
        }
        return new SlackThread(channel, ts);
    }

    /** Free text that ends up in a report: one line, bounded. */
    private static String requestedBy(JsonNode root) {
        String by = EventFields.optionalText(root, "requestedBy", "");
        if (by == null) {
            return null;
        }
        String line = by.replaceAll("[\\p{Cntrl}\\u0080-\\u009F\\u2028\\u2029]", " ").strip();
        if (line.isEmpty()) {
            return null;
        }
        return line.length() <= MAX_REQUESTED_BY ? line : line.substring(0, MAX_REQUESTED_BY) + "…";
    }

    private Incident investigation(JsonNode root) {
        ApiRef api = api(root);
        String stage = AwsNames.stage(EventFields.text(root, "stage", ""), "stage");
        String region = region(EventFields.optionalText(root, "region", ""));
        String at = EventFields.optionalText(root, "at", "");
        String from = EventFields.optionalText(root, "from", "");
        String to = EventFields.optionalText(root, "to", "");
        if (from == null && to == null) {
            if (at == null) {
                throw new TriggerRefusedException("needs 'at' or both 'from' and 'to'");
            }
            Instant moment = AlarmTimestamps.parse(at, "at");
            return new Incident(TriggerSource.MANUAL, null, region, api, stage, null, moment, TimeWindow.around(moment));
        }
        if (from == null || to == null) {
            throw new TriggerRefusedException("has " + (from == null ? "'to' without 'from'" : "'from' without 'to'"));
        }
        Instant start = AlarmTimestamps.parse(from, "from");
        Instant end = AlarmTimestamps.parse(to, "to");
        if (!start.isBefore(end)) {
            throw new TriggerRefusedException("'from' " + start + " is not before 'to' " + end);
        }
        TimeWindow window = new TimeWindow(start, end);
        if (window.length().compareTo(MAX_WINDOW) > 0) {
            throw new TriggerRefusedException("window " + start + " to " + end + " is longer than " + MAX_WINDOW.toHours() + " hours");
        }
        Instant moment = at == null ? end : AlarmTimestamps.parse(at, "at");
        if (moment.isBefore(start) || moment.isAfter(end)) {
            throw new TriggerRefusedException("'at' " + moment + " is outside 'from'/'to'");
        }
        return new Incident(TriggerSource.MANUAL, null, region, api, stage, null, moment, window);
    }

    private static ApiRef api(JsonNode root) {
        String name = EventFields.optionalText(root, "apiName", "");
        String id = EventFields.optionalText(root, "apiId", "");
        String type = EventFields.optionalText(root, "apiType", "");
        if (name == null && id == null) {
            throw new TriggerRefusedException("needs apiName (REST API) or apiId (HTTP API; REST with apiType REST)");
        }
        ApiType apiType = type != null ? apiType(type) : name != null ? ApiType.REST : ApiType.HTTP;
        if (apiType == ApiType.HTTP && id == null) {
            throw new TriggerRefusedException("an HTTP API needs apiId: its 5xx metric is keyed by ApiId, not by name");
        }
        return new ApiRef(apiType,
                name == null ? null : AwsNames.apiName(name, "apiName"),
                id == null ? null : AwsNames.apiId(id, "apiId"));
    }

    private static ApiType apiType(String type) {
        return switch (type.toUpperCase(Locale.ROOT)) {
            case "REST" -> ApiType.REST;
            case "HTTP" -> ApiType.HTTP;
            default -> throw new TriggerRefusedException("apiType " + EventFields.quote(type) + " is not REST or HTTP");
        };
    }

    private String region(String given) {
        if (given != null) {
            return AwsNames.region(given, "region");
        }
        if (defaultRegion == null || defaultRegion.isBlank()) {
            throw new TriggerRefusedException("names no region and no default region is configured (AWS_REGION)");
        }
        return AwsNames.region(defaultRegion, "default region");
    }
}
