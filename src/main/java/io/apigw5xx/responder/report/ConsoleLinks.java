package io.apigw5xx.responder.report;

import io.apigw5xx.responder.analysis.Cause;
import io.apigw5xx.responder.analysis.EvidenceItem;
import io.apigw5xx.responder.analysis.Findings;
import io.apigw5xx.responder.incident.ApiType;
import io.apigw5xx.responder.incident.Incident;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * AWS console deep links for a report, in the incident's region and partition. Every piece of AWS data is
 * percent-encoded, so a link can never carry a {@code |} or {@code >} that would break a Slack link.
 */
public final class ConsoleLinks {

    /** A labelled URL. */
    public record Link(String label, String url) {}

    private static final Pattern EVENT_ID =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private static final Pattern LOOKUP_EVENT = Pattern.compile(
            "^aws cloudtrail lookup-events --region ([a-z0-9-]+) --lookup-attributes AttributeKey=EventId,AttributeValue=(\\S+)$");

    private static final String INSIGHTS_QUERY =
            "fields @timestamp, @logStream, @message\n| filter @message like /(?i)(error|exception|task timed out|status: (timeout|error))/\n| sort @timestamp desc\n| limit 100";

    private ConsoleLinks() {}

    /** Alarm, metrics, then the first log group and CloudTrail event the causes point at. */
    public static List<Link> forFindings(Findings f) {
        Incident i = f.incident();
        List<Link> links = new ArrayList<>();
        alarm(i).ifPresent(links::add);
        links.add(new Link("5xx metrics", metrics(i, f.window().from(), f.window().to())));
        Instant onset = f.onset() != null ? f.onset() : i.at();
        firstReference(f, ConsoleLinks::isLogGroup).ifPresent(group -> {
            links.add(new Link("Log group", logGroup(i.region(), group)));
            links.add(new Link("Logs Insights", logsInsights(i.region(), group, onset.minus(Duration.ofMinutes(15)),
                    f.window().to())));
        });
        Optional<Link> suggested = suggestedCloudTrailEvent(f);
        if (suggested.isPresent()) {
            links.add(suggested.get());
        } else {
            firstReference(f, r -> EVENT_ID.matcher(r).matches())
                    .ifPresent(id -> links.add(new Link("CloudTrail event", cloudTrailEvent(i.region(), id))));
        }
        return List.copyOf(links);
    }

    public static Optional<Link> alarm(Incident i) {
        if (i.alarm() == null || i.alarm().name() == null || i.alarm().name().isBlank()) {
            return Optional.empty();
        }
        return Optional.of(new Link("Alarm", cloudWatch(i.region()) + "#alarmsV2:alarm/" + uriComponent(i.alarm().name())));
    }

    static String metrics(Incident i, Instant from, Instant to) {
        boolean rest = i.api().type() == ApiType.REST;
        String metric = rest ? "5XXError" : "5xx";
        String dimName = rest && i.api().name() != null ? "ApiName" : "ApiId";
        String dimValue = "ApiName".equals(dimName) ? i.api().name() : i.api().id();
        String graph = "~(metrics~(~(~" + jsurl("AWS/ApiGateway") + "~" + jsurl(metric) + "~" + jsurl(dimName) + "~"
                + jsurl(String.valueOf(dimValue)) + "~" + jsurl("Stage") + "~" + jsurl(i.stage()) + "))~view~'timeSeries"
                + "~stat~'Sum~period~60~region~" + jsurl(i.region()) + "~start~" + jsurl(from.toString()) + "~end~"
                + jsurl(to.toString()) + ")";
        return cloudWatch(i.region()) + "#metricsV2:graph=" + graph;
    }

    static String logGroup(String region, String group) {
        return cloudWatch(region) + "#logsV2:log-groups/log-group/" + dollar(uriComponent(uriComponent(group)));
    }

    static String logsInsights(String region, String group, Instant from, Instant to) {
        String detail = "~(end~" + jsurl(to.toString()) + "~start~" + jsurl(from.toString()) + "~timeType~'ABSOLUTE~tz~'UTC"
                + "~editorString~" + jsurl(INSIGHTS_QUERY) + "~source~(~" + jsurl(group) + "))";
        return cloudWatch(region) + "#logsV2:logs-insights" + dollar(uriComponent("?queryDetail=" + detail));
    }

    static String cloudTrailEvent(String region, String eventId) {
        return base(region) + "/cloudtrailv2/home?region=" + uriComponent(region) + "#/events/" + uriComponent(eventId);
    }

    private static String cloudWatch(String region) {
        return base(region) + "/cloudwatch/home?region=" + uriComponent(region);
    }

    /** Console host for the region's partition: aws, aws-cn, aws-us-gov. */
    private static String base(String region) {
        String r = uriComponent(region);
        if (region.startsWith("cn-")) {
            return "https://" + r + ".console.amazonaws.cn";
        }
        if (region.startsWith("us-gov-")) {
            return "https://" + r + ".console.amazonaws-us-gov.com";
        }
        return "https://" + r + ".console.aws.amazon.com";
    }

    private static boolean isLogGroup(String ref) {
        return ref.startsWith("/aws/") || ref.startsWith("API-Gateway-Execution-Logs_") || ref.startsWith("/apigateway/");
    }

    /**
     * The event the causes' own lookup-events command names, in that command's region: IAM events live in
     * the partition's home region (us-east-1), not the API's, and CommandBook already knows which is which.
     */
    private static Optional<Link> suggestedCloudTrailEvent(Findings f) {
        for (Cause c : f.causes()) {
            for (String command : c.nextCommands()) {
                java.util.regex.Matcher m = LOOKUP_EVENT.matcher(command);
                if (m.find() && EVENT_ID.matcher(m.group(2)).matches()) {
                    return Optional.of(new Link("CloudTrail event", cloudTrailEvent(m.group(1), m.group(2))));
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<String> firstReference(Findings f, java.util.function.Predicate<String> test) {
        for (Cause c : f.causes()) {
            for (EvidenceItem e : c.evidence()) {
                if (e.reference() != null && test.test(e.reference())) {
                    return Optional.of(e.reference());
                }
            }
        }
        return Optional.empty();
    }

    /** The console's "JSURL" string form: {@code '} then the text with unsafe characters as {@code *hh}. */
    static String jsurl(String s) {
        StringBuilder b = new StringBuilder("'");
        for (char ch : s.toCharArray()) {
            if (Character.isLetterOrDigit(ch) && ch < 128 || ch == '-' || ch == '_' || ch == '.') {
                b.append(ch);
            } else if (ch == '$') {
                b.append('!');
            } else if (ch < 0x100) {
                b.append('*').append(String.format("%02x", (int) ch));
            } else {
                b.append("**").append(String.format("%04x", (int) ch));
            }
        }
        return b.toString();
    }

    /** JavaScript's encodeURIComponent: everything but A-Z a-z 0-9 - _ . ! ~ * ' ( ) is percent-encoded. */
    static String uriComponent(String s) {
        StringBuilder b = new StringBuilder();
        for (byte raw : s.getBytes(StandardCharsets.UTF_8)) {
            int c = raw & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "-_.!~*'()".indexOf(c) >= 0) {
                b.append((char) c);
            } else {
                b.append('%').append(String.format("%02X", c));
            }
        }
        return b.toString();
    }

    private static String dollar(String percentEncoded) {
        return percentEncoded.replace('%', '$');
    }
}
