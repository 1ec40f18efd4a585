package io.apigw5xx.responder.analysis;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.apigw5xx.responder.evidence.LogEvent;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * 500/502/503/504 counts. Access log lines (JSON with a {@code status} field) win; REST execution logs
 * ({@code Method completed with status: 5xx}) come next; with neither the mix is inferred from metrics and
 * marked inferred: Lambda Errors → 502, IntegrationLatency pinned at the integration timeout → 504, Lambda
 * Throttles → 500, the rest 500.
 */
public final class StatusMixReader {

    private static final Pattern EXECUTION_STATUS = Pattern.compile("Method completed with status: (5\\d\\d)");
    private final ObjectMapper mapper;

    public StatusMixReader(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** Inputs for the inferred mix, all counted over the episode. */
    public record Inference(long apiErrors, long lambdaErrors, long lambdaThrottles, boolean latencyAtTimeout) {}

    public StatusMix read(LogSignals logs, Instant from, Inference inference) {
        Map<Integer, Long> access = new TreeMap<>();
        Map<Integer, Long> execution = new TreeMap<>();
        for (LogEvent e : logs.all()) {
            if (from != null && e.timestamp().isBefore(from)) {
                continue;
            }
            String m = e.message().strip();
            if (m.startsWith("{") && m.contains("\"status\"")) {
                Integer status = accessStatus(m);
                if (status != null && status >= 500) {
                    access.merge(status, 1L, Long::sum);
                }
                continue;
            }
            Matcher matcher = EXECUTION_STATUS.matcher(m);
            if (matcher.find()) {
                execution.merge(Integer.parseInt(matcher.group(1)), 1L, Long::sum);
            }
        }
        if (!access.isEmpty()) {
            return new StatusMix(access, false);
        }
        if (!execution.isEmpty()) {
            return new StatusMix(execution, false);
        }
        return infer(inference);
    }

    private Integer accessStatus(String json) {
        try {
            JsonNode node = mapper.readTree(json);
            JsonNode status = node.get("status");
            if (status == null || !status.asText().matches("\\d{3}")) {
                return null;
            }
            return Integer.parseInt(status.asText());
        } catch (Exception notJson) {
            // a non-JSON line that happens to contain "status": not an access log line
            return null;
        }
    }

    static StatusMix infer(Inference in) {
        if (in == null || in.apiErrors() <= 0) {
            return StatusMix.unknown();
        }
        Map<Integer, Long> counts = new TreeMap<>();
        long left = in.apiErrors();
        if (in.latencyAtTimeout()) {
            counts.put(504, left);
            return new StatusMix(counts, true);
        }
        long throttled = Math.min(left, in.lambdaThrottles());
        if (throttled > 0) {
            counts.put(500, throttled);
            left -= throttled;
        }
        long lambda = Math.min(left, in.lambdaErrors());
        if (lambda > 0) {
            counts.put(502, lambda);
            left -= lambda;
        }
        if (left > 0) {
            counts.merge(500, left, Long::sum);
        }
        return new StatusMix(counts, true);
    }
}
