package io.apigw5xx.responder.analysis;

import java.time.Duration;
import java.time.Instant;

/**
 * Runbook 001's windows around the onset. A change within 5 minutes before the onset minute (or inside it:
 * the onset is floored to the minute) is a prime suspect; 5 to 30 minutes before is only looked at when
 * nothing on the failing path changed in the prime window.
 */
public record CorrelationWindow(Instant onset) {

    public static final Duration PRIME = Duration.ofMinutes(5);
    public static final Duration WIDE = Duration.ofMinutes(30);

    public enum Fit { PRIME, WIDE, NONE }

    public Fit fit(Instant changeTime) {
        if (onset == null || changeTime == null) {
            return Fit.NONE;
        }
        Instant end = onset.plus(Duration.ofMinutes(1));
        if (!changeTime.isBefore(end)) {
            return Fit.NONE;
        }
        if (!changeTime.isBefore(onset.minus(PRIME))) {
            return Fit.PRIME;
        }
        if (!changeTime.isBefore(onset.minus(WIDE))) {
            return Fit.WIDE;
        }
        return Fit.NONE;
    }

    /** "2 min before the onset" / "in the onset minute". */
    public String relative(Instant changeTime) {
        long seconds = Duration.between(changeTime, onset).getSeconds();
        if (seconds <= 0) {
            return "in the onset minute";
        }
        long minutes = Math.max(1, Math.round(seconds / 60.0));
        return minutes + " min before the 5xx began";
    }
}
