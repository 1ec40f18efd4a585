package io.apigw5xx.responder.handler;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.apigw5xx.responder.JsonMappers;
import java.io.PrintStream;
import java.time.Clock;
import java.util.function.Consumer;

/**
 * One JSON object per line (level, message, key/value context), so CloudWatch Logs Insights can filter on
 * fields. Values are the caller's responsibility: never pass a secret (webhook URL, token) in here.
 */
public final class InvocationLog {

    private static final ObjectMapper MAPPER = JsonMappers.create();

    private final Consumer<String> sink;
    private final Clock clock;

    public InvocationLog(Consumer<String> sink, Clock clock) {
        this.sink = sink;
        this.clock = clock;
    }

    public static InvocationLog to(PrintStream stream, Clock clock) {
        return new InvocationLog(stream::println, clock);
    }

    public void info(String message, String... keyValues) {
        write("INFO", message, null, keyValues);
    }

    public void warn(String message, String... keyValues) {
        write("WARN", message, null, keyValues);
    }

    public void error(String message, Throwable error, String... keyValues) {
        write("ERROR", message, error, keyValues);
    }

    /** Any level name; what {@link JsonLogHandler} uses for records of the JDK's logging. */
    void write(String level, String message, Throwable error, String... keyValues) {
        ObjectNode line = MAPPER.createObjectNode()
                .put("timestamp", clock.instant().toString())
                .put("level", level)
                .put("message", message);
        for (int i = 0; i + 1 < keyValues.length; i += 2) {
            line.put(keyValues[i], keyValues[i + 1]);
        }
        if (error != null) {
            line.put("errorType", error.getClass().getName());
            line.put("errorMessage", String.valueOf(error.getMessage()));
            StackTraceElement[] trace = error.getStackTrace();
            if (trace.length > 0) {
                line.put("errorAt", trace[0].toString());
            }
        }
        sink.accept(line.toString());
    }
}
