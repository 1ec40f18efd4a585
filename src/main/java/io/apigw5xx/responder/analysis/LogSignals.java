package io.apigw5xx.responder.analysis;

import io.apigw5xx.responder.evidence.LogEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The log lines of an investigation sorted by failure signature. A line can carry several signatures
 * ("... customer function error: Read timed out"). Lambda lines are attributed to their function through the
 * log group name {@code /aws/lambda/<function>}.
 */
public final class LogSignals {

    public static final String LAMBDA_GROUP_PREFIX = "/aws/lambda/";

    private final Map<LogSignal, List<LogEvent>> bySignal = new EnumMap<>(LogSignal.class);
    private final List<LogEvent> all;

    public LogSignals(List<LogEvent> logs) {
        this.all = logs == null ? List.of() : logs.stream()
                .sorted(java.util.Comparator.comparing(LogEvent::timestamp))
                .toList();
        for (LogEvent e : all) {
            for (LogSignal s : LogSignal.values()) {
                if (s.matches(e.message())) {
                    bySignal.computeIfAbsent(s, k -> new ArrayList<>()).add(e);
                }
            }
        }
    }

    public List<LogEvent> all() {
        return all;
    }

    public List<LogEvent> lines(LogSignal signal) {
        return bySignal.getOrDefault(signal, List.of());
    }

    public List<LogEvent> lines(LogSignal signal, Instant from) {
        return lines(signal).stream().filter(e -> from == null || !e.timestamp().isBefore(from)).toList();
    }

    /** Lines of that signature in the function's own log group. */
    public List<LogEvent> lambdaLines(LogSignal signal, String function) {
        return lines(signal).stream().filter(e -> e.logGroup().equals(LAMBDA_GROUP_PREFIX + function)).toList();
    }

    public int count(LogSignal signal) {
        return lines(signal).size();
    }

    public boolean any(LogSignal signal) {
        return count(signal) > 0;
    }

    public static String functionOf(LogEvent e) {
        return e.logGroup().startsWith(LAMBDA_GROUP_PREFIX) ? e.logGroup().substring(LAMBDA_GROUP_PREFIX.length()) : null;
    }

    /** One line of a log message, trimmed, for evidence summaries. */
    public static String firstLine(LogEvent e) {
        String m = e.message().strip();
        int nl = m.indexOf('\n');
        String line = nl < 0 ? m : m.substring(0, nl);
        return line.length() > 200 ? line.substring(0, 197) + "..." : line;
    }
}
