package io.apigw5xx.responder.incident;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/** A half-open time range [from, to). */
public record TimeWindow(Instant from, Instant to) {

    public TimeWindow {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("window start " + from + " must be before its end " + to);
        }
    }

    /** The window the responder reads around an alarm time: an hour before it to a few minutes after. */
    public static TimeWindow around(Instant at) {
        return new TimeWindow(at.minus(Duration.ofMinutes(60)), at.plus(Duration.ofMinutes(5)));
    }

    public boolean contains(Instant t) {
        return !t.isBefore(from) && t.isBefore(to);
    }

    public Duration length() {
        return Duration.between(from, to);
    }
}
