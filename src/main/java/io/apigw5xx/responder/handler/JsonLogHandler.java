package io.apigw5xx.responder.handler;

import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * Sends what the adapters log through the JDK's logging (java.util.logging, System.Logger) to the same
 * one-JSON-object-per-line stream as {@link InvocationLog}. The JDK's default format takes two lines per
 * record, which CloudWatch Logs splits into two events: "INFO: CHANGES unavailable" would land apart from
 * its timestamp and logger.
 */
final class JsonLogHandler extends Handler {

    private final InvocationLog log;
    // Only for formatMessage: fills in {0}-style parameters the way the JDK's own formatters do.
    private final Formatter messages = new SimpleFormatter();

    JsonLogHandler(InvocationLog log) {
        this.log = log;
    }

    /** Makes this the only handler of the root logger: called once per Lambda container, never by tests or the CLI. */
    static void install(InvocationLog log) {
        Logger root = LogManager.getLogManager().getLogger("");
        for (Handler existing : root.getHandlers()) {
            root.removeHandler(existing);
        }
        root.addHandler(new JsonLogHandler(log));
    }

    @Override
    public void publish(LogRecord record) {
        if (record == null || !isLoggable(record)) {
            return;
        }
        log.write(levelName(record.getLevel()), messages.formatMessage(record), record.getThrown(),
                "logger", String.valueOf(record.getLoggerName()));
    }

    /** The level names Lambda's JSON log format and InvocationLog use. */
    static String levelName(Level level) {
        int value = level.intValue();
        if (value >= Level.SEVERE.intValue()) {
            return "ERROR";
        }
        if (value >= Level.WARNING.intValue()) {
            return "WARN";
        }
        return value >= Level.INFO.intValue() ? "INFO" : "DEBUG";
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
    }
}
