package io.apigw5xx.responder.trigger;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;

/**
 * Reads the timestamps triggers carry. CloudWatch writes {@code 2026-03-14T09:42:17.481+0000} (no colon in the
 * offset), which {@link Instant#parse} rejects; SNS envelopes, EventBridge {@code time} and people write
 * ISO-8601 with {@code Z} or {@code +00:00}. Both are accepted; a time without an offset is refused because
 * its zone would be a guess.
 */
final class AlarmTimestamps {

    /** CloudWatch's form; the {@code "Z"} argument also lets it read a trailing {@code Z}. */
    private static final DateTimeFormatter CLOUDWATCH = new DateTimeFormatterBuilder()
            .append(DateTimeFormatter.ISO_LOCAL_DATE_TIME)
            .appendOffset("+HHMM", "Z")
            .toFormatter();

    /** Anything outside these years is a corrupted or made-up time, not an alarm. */
    private static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("3000-01-01T00:00:00Z");

    private AlarmTimestamps() {}

    /** Parses {@code value}, read from the field {@code path}; refuses naming the field when it is not a time. */
    static Instant parse(String value, String path) {
        Instant instant = tryParse(value);
        if (instant == null) {
            throw new TriggerRefusedException(path + " " + EventFields.quote(value)
                    + " is not a timestamp with an offset (expected e.g. 2026-03-14T09:42:17.481+0000 or 2026-03-14T09:42:17Z)");
        }
        if (instant.isBefore(EARLIEST) || !instant.isBefore(LATEST)) {
            throw new TriggerRefusedException(path + " " + EventFields.quote(value) + " is outside the years 2000-2999");
        }
        return instant;
    }

    private static Instant tryParse(String value) {
        if (value == null || value.length() > 64) {
            return null;
        }
        String trimmed = value.strip();
        try {
            return OffsetDateTime.parse(trimmed, CLOUDWATCH).toInstant();
        } catch (DateTimeParseException notCloudWatchForm) {
            try {
                return OffsetDateTime.parse(trimmed, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
            } catch (DateTimeParseException notIsoEither) {
                return null;
            }
        }
    }
}
