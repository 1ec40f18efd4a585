package io.apigw5xx.responder.evidence.aws;

import io.apigw5xx.responder.evidence.EvidenceSource;
import io.apigw5xx.responder.evidence.EvidenceUnavailableException;
import io.apigw5xx.responder.evidence.Gap;
import io.apigw5xx.responder.evidence.GapReason;
import io.apigw5xx.responder.evidence.LambdaTarget;
import io.apigw5xx.responder.evidence.LogEvent;
import io.apigw5xx.responder.evidence.LogSource;
import io.apigw5xx.responder.evidence.SourceResult;
import io.apigw5xx.responder.evidence.Topology;
import io.apigw5xx.responder.incident.Incident;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.FilterLogEventsResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.GetQueryResultsResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResultField;

/**
 * Error lines from the Lambda targets' log groups and the stage's execution and access log groups, with one
 * Logs Insights query over all of them (bounded time range and row limit: Insights bills bytes scanned),
 * polled with back-off and stopped at the deadline. Falls back to FilterLogEvents per group when Insights
 * cannot be used. Log lines are kept verbatim.
 */
public final class LogsAdapter implements LogSource {

    static final int ROW_LIMIT = 200;
    static final int FALLBACK_LIMIT_PER_GROUP = 100;
    static final int MAX_GROUPS_PER_QUERY = 50;
    /** Errors start shortly before an alarm; reading 30 minutes before it keeps the scan (and the bill) small. */
    private static final Duration LOOKBACK_BEFORE_AT = Duration.ofMinutes(30);
    // Insights queries over a few log groups and 30 minutes take one to a few seconds: polling sooner only adds calls.
    // Polls at 1 s, 2.5 s, 4.75 s, 7.75 s, ...: a 2 s query costs two GetQueryResults, a slow one few more.
    static final Duration FIRST_POLL = Duration.ofSeconds(1);
    static final Duration MAX_POLL = Duration.ofSeconds(3);
    /** Time kept back from the deadline for StopQuery and the last GetQueryResults. */
    private static final Duration STOP_MARGIN = Duration.ofMillis(300);

    /** What counts as an error line: Lambda failures, API Gateway execution-log failures, 5xx access-log entries. */
    static final String ERROR_REGEX = "ERROR|Exception|Task timed out|Status: (timeout|error)|INIT_REPORT|Execution failed"
            + "|Method completed with status: 5|Lambda invocation failed|\"status\":\\s*\"?5\\d\\d";
    static final String QUERY = "fields @timestamp, @log, @logStream, @message | filter @message like /" + ERROR_REGEX
            + "/ | sort @timestamp desc | limit " + ROW_LIMIT;
    static final String FILTER_PATTERN = "?ERROR ?Exception ?\"Task timed out\" ?\"Status: timeout\" ?\"Status: error\""
            + " ?INIT_REPORT ?\"Execution failed\" ?\"Method completed with status: 5\" ?\"Lambda invocation failed\"";
    private static final Pattern ERROR_LINE = Pattern.compile(ERROR_REGEX);
    private static final DateTimeFormatter INSIGHTS_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS");

    private final CloudWatchLogsClient logs;
    private final Clock clock;

    public LogsAdapter(CloudWatchLogsClient logs, Clock clock) {
        this.logs = logs;
        this.clock = clock;
    }

    @Override
    public SourceResult<List<LogEvent>> logs(Incident incident, Topology topology, Instant deadline) {
        CallDeadline calls = new CallDeadline(deadline, clock);
        List<Gap> gaps = new ArrayList<>();
        List<String> groups = logGroups(incident, topology, gaps);
        if (groups.isEmpty()) {
            throw new EvidenceUnavailableException(topology == null ? GapReason.INCOMPLETE : GapReason.NOT_ENABLED,
                    topology == null ? "no log group known without the API's configuration"
                            : "no Lambda targets and no execution or access logging on " + incident.apiStageLabel());
        }
        Instant now = clock.instant();
        Instant end = incident.window().to().isAfter(now) ? now : incident.window().to();
        Instant startAt = incident.at().minus(LOOKBACK_BEFORE_AT);
        Instant start = startAt.isAfter(incident.window().from()) ? startAt : incident.window().from();
        if (!start.isBefore(end)) {
            start = end.minus(LOOKBACK_BEFORE_AT);
        }
        List<LogEvent> events;
        try {
            events = insights(groups, start, end, calls, gaps);
        } catch (InsightsUnavailable e) {
            gaps.add(new Gap(EvidenceSource.LOGS, GapReason.INCOMPLETE, "Logs Insights unavailable (" + e.getMessage()
                    + "); read up to " + FALLBACK_LIMIT_PER_GROUP + " lines per group with FilterLogEvents"));
            events = filter(groups, start, end, calls, gaps);
        }
        // Insights already filters; this guard keeps the result the same when a back end ignores the filter.
        List<LogEvent> errors = events.stream().filter(e -> e.message() != null && ERROR_LINE.matcher(e.message()).find())
                .sorted(Comparator.comparing(LogEvent::timestamp, Comparator.nullsLast(Comparator.naturalOrder())))
                .toList();
        return new SourceResult<>(errors, gaps);
    }

    static List<String> logGroups(Incident incident, Topology topology, List<Gap> gaps) {
        Set<String> groups = new LinkedHashSet<>();
        if (topology == null) {
            return List.of();
        }
        for (LambdaTarget target : topology.lambdaTargets()) {
            if (target.exists()) {
                groups.add("/aws/lambda/" + target.functionName());
            }
        }
        if (topology.executionLogging()) {
            groups.add("API-Gateway-Execution-Logs_" + topology.apiId() + "/" + topology.stage());
        }
        String access = accessLogGroup(topology.accessLogDestination());
        if (access != null) {
            groups.add(access);
        }
        if (!topology.executionLogging() && access == null) {
            gaps.add(new Gap(EvidenceSource.LOGS, GapReason.NOT_ENABLED, "stage " + topology.stage() + " of " + topology.apiId()
                    + " has no " + (topology.apiType() == io.apigw5xx.responder.incident.ApiType.REST ? "execution or " : "")
                    + "access logging: status codes are inferred from metrics"));
        }
        return List.copyOf(groups);
    }

    /** arn:aws:logs:region:account:log-group:NAME[:*] → NAME */
    static String accessLogGroup(String destinationArn) {
        if (destinationArn == null) {
            return null;
        }
        int at = destinationArn.indexOf(":log-group:");
        if (at < 0) {
            return null; // Firehose destinations are not log groups
        }
        String name = destinationArn.substring(at + ":log-group:".length());
        return name.endsWith(":*") ? name.substring(0, name.length() - 2) : name;
    }

    // ---- Logs Insights ----

    private static final class InsightsUnavailable extends Exception {
        InsightsUnavailable(String message) {
            super(message);
        }
    }

    private List<LogEvent> insights(List<String> groups, Instant start, Instant end, CallDeadline calls, List<Gap> gaps)
            throws InsightsUnavailable {
        List<String> existing = groups;
        String queryId;
        try {
            queryId = startQuery(existing, start, end, calls);
        } catch (SdkException e) {
            GapReason reason = AwsFailures.reason(e);
            if (reason == GapReason.NOT_FOUND) {
                // One missing group fails the whole query: find which, report them, query the rest.
                existing = existingGroups(groups, calls);
                for (String missing : groups) {
                    if (!existing.contains(missing)) {
                        gaps.add(new Gap(EvidenceSource.LOGS, GapReason.NOT_FOUND, "log group " + missing + " does not exist"));
                    }
                }
                if (existing.isEmpty()) {
                    throw new EvidenceUnavailableException(GapReason.NOT_FOUND, "none of the log groups exists: " + groups);
                }
                try {
                    queryId = startQuery(existing, start, end, calls);
                } catch (SdkException again) {
                    throw unavailableOrFallback(again);
                }
            } else {
                throw unavailableOrFallback(e);
            }
        }
        if (existing.size() > MAX_GROUPS_PER_QUERY) {
            gaps.add(new Gap(EvidenceSource.LOGS, GapReason.INCOMPLETE, "queried " + MAX_GROUPS_PER_QUERY + " of " + existing.size()
                    + " log groups: Logs Insights takes " + MAX_GROUPS_PER_QUERY + " per query; not read: "
                    + String.join(", ", existing.subList(MAX_GROUPS_PER_QUERY, existing.size()))));
        }
        return poll(queryId, calls, gaps);
    }

    /** Access, throttling and timeouts are gaps; anything else (Insights not offered) means: use FilterLogEvents. */
    private static InsightsUnavailable unavailableOrFallback(SdkException e) throws EvidenceUnavailableException {
        GapReason reason = AwsFailures.reason(e);
        if (reason == GapReason.ACCESS_DENIED || reason == GapReason.THROTTLED || reason == GapReason.TIMEOUT) {
            throw AwsFailures.unavailable("logs:StartQuery", e);
        }
        return new InsightsUnavailable("logs:StartQuery: " + AwsFailures.describe(e));
    }

    private String startQuery(List<String> groups, Instant start, Instant end, CallDeadline calls) {
        List<String> bounded = groups.size() > MAX_GROUPS_PER_QUERY ? groups.subList(0, MAX_GROUPS_PER_QUERY) : groups;
        return logs.startQuery(r -> r.logGroupNames(bounded).startTime(start.getEpochSecond()).endTime(end.getEpochSecond())
                .queryString(QUERY).limit(ROW_LIMIT).overrideConfiguration(calls.override("logs:StartQuery"))).queryId();
    }

    private List<String> existingGroups(List<String> groups, CallDeadline calls) {
        // One DescribeLogGroups per distinct prefix family, not one per group.
        Map<String, List<String>> families = groups.stream().collect(Collectors.groupingBy(
                g -> g.startsWith("/aws/lambda/") ? "/aws/lambda/" : g, java.util.LinkedHashMap::new, Collectors.toList()));
        Set<String> found = new LinkedHashSet<>();
        for (Map.Entry<String, List<String>> family : families.entrySet()) {
            String prefix = commonPrefix(family.getValue());
            String token = null;
            do {
                String next = token;
                try {
                    var page = logs.describeLogGroups(r -> r.logGroupNamePrefix(prefix).nextToken(next)
                            .overrideConfiguration(calls.override("logs:DescribeLogGroups")));
                    page.logGroups().forEach(g -> found.add(g.logGroupName()));
                    token = page.nextToken();
                } catch (SdkException e) {
                    throw AwsFailures.unavailable("logs:DescribeLogGroups " + prefix, e);
                }
            } while (token != null && !token.isEmpty());
        }
        return groups.stream().filter(found::contains).toList();
    }

    private static String commonPrefix(List<String> names) {
        String prefix = names.getFirst();
        for (String name : names) {
            int i = 0;
            while (i < prefix.length() && i < name.length() && prefix.charAt(i) == name.charAt(i)) {
                i++;
            }
            prefix = prefix.substring(0, i);
        }
        return prefix;
    }

    private List<LogEvent> poll(String queryId, CallDeadline calls, List<Gap> gaps) {
        Duration wait = FIRST_POLL;
        GetQueryResultsResponse last = null;
        while (true) {
            if (calls.remaining().compareTo(wait.plus(STOP_MARGIN)) < 0) {
                stop(queryId, calls);
                List<LogEvent> partial = last == null ? List.of() : rows(last);
                gaps.add(new Gap(EvidenceSource.LOGS, GapReason.TIMEOUT, "Logs Insights query " + queryId
                        + " did not finish before the deadline; stopped it and kept " + partial.size() + " partial rows"));
                return partial;
            }
            try {
                sleep(wait);
                last = logs.getQueryResults(r -> r.queryId(queryId).overrideConfiguration(calls.override("logs:GetQueryResults")));
            } catch (SdkException e) {
                stop(queryId, calls); // a query left running keeps scanning (and billing) until Insights' own timeout
                throw AwsFailures.unavailable("logs:GetQueryResults", e);
            } catch (EvidenceUnavailableException e) {
                stop(queryId, calls); // interrupted, or the deadline passed before the call
                throw e;
            }
            String status = last.statusAsString();
            if ("Complete".equals(status)) {
                return rows(last);
            }
            if (!"Scheduled".equals(status) && !"Running".equals(status)) {
                gaps.add(new Gap(EvidenceSource.LOGS, GapReason.ERROR, "Logs Insights query " + queryId + " ended " + status));
                return rows(last);
            }
            wait = nextPoll(wait);
        }
    }

    /** The wait before the next GetQueryResults: ×1.5 each time, at most {@link #MAX_POLL}. */
    static Duration nextPoll(Duration wait) {
        Duration next = wait.multipliedBy(3).dividedBy(2);
        return next.compareTo(MAX_POLL) > 0 ? MAX_POLL : next;
    }

    private void stop(String queryId, CallDeadline calls) {
        // Best effort: also after an interrupt (cleared for the call, then restored), which the SDK would abort.
        boolean interrupted = Thread.interrupted();
        try {
            if (calls.remaining().toMillis() > 50) {
                logs.stopQuery(r -> r.queryId(queryId).overrideConfiguration(calls.override("logs:StopQuery")));
            }
        } catch (SdkException | EvidenceUnavailableException ignored) {
            // The query ends by itself within Insights' own timeout; a failed stop only costs scan time.
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EvidenceUnavailableException(GapReason.TIMEOUT, "interrupted while waiting for Logs Insights");
        }
    }

    static List<LogEvent> rows(GetQueryResultsResponse response) {
        List<LogEvent> events = new ArrayList<>();
        for (List<ResultField> row : response.results()) {
            Map<String, String> fields = row.stream().filter(f -> f.field() != null && f.value() != null)
                    .collect(Collectors.toMap(ResultField::field, ResultField::value, (a, b) -> a));
            events.add(new LogEvent(logGroupOf(fields.get("@log")), fields.get("@logStream"), parseTime(fields.get("@timestamp")),
                    fields.get("@message")));
        }
        return events;
    }

    /** Insights' @log is "account:group-name". */
    static String logGroupOf(String log) {
        if (log == null) {
            return null;
        }
        int colon = log.indexOf(':');
        return colon > 0 && log.substring(0, colon).chars().allMatch(Character::isDigit) ? log.substring(colon + 1) : log;
    }

    /** Insights returns "2026-03-14 09:41:58.312" (UTC); some back ends return epoch milliseconds. */
    static Instant parseTime(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        if (value.chars().allMatch(Character::isDigit)) {
            return Instant.ofEpochMilli(Long.parseLong(value));
        }
        return LocalDateTime.parse(value, INSIGHTS_TIME).toInstant(ZoneOffset.UTC);
    }

    // ---- FilterLogEvents fallback ----

    private List<LogEvent> filter(List<String> groups, Instant start, Instant end, CallDeadline calls, List<Gap> gaps) {
        List<LogEvent> events = new ArrayList<>();
        for (String group : groups) {
            try {
                FilterLogEventsResponse page = logs.filterLogEvents(r -> r.logGroupName(group).startTime(start.toEpochMilli())
                        .endTime(end.toEpochMilli()).filterPattern(FILTER_PATTERN).limit(FALLBACK_LIMIT_PER_GROUP).interleaved(true)
                        .overrideConfiguration(calls.override("logs:FilterLogEvents")));
                page.events().forEach(e -> events.add(new LogEvent(group, e.logStreamName(), Instant.ofEpochMilli(e.timestamp()),
                        e.message())));
            } catch (SdkException e) {
                GapReason reason = AwsFailures.reason(e);
                if (reason == GapReason.NOT_FOUND) {
                    gaps.add(new Gap(EvidenceSource.LOGS, GapReason.NOT_FOUND, "log group " + group + " does not exist"));
                } else {
                    throw AwsFailures.unavailable("logs:FilterLogEvents " + group, e);
                }
            }
        }
        return events;
    }

}
