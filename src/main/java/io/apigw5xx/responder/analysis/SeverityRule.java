package io.apigw5xx.responder.analysis;

import io.apigw5xx.responder.incident.Alarm;
import java.time.Duration;
import java.time.Instant;

/**
 * Severity from 5xx ÷ Count over the alarm's evaluation window (period × evaluation periods ending at the
 * last full minute before the state change). Runs without an alarm use the five minutes from the onset.
 * When that window holds no datapoint yet (publication lag), the last five minutes with data are used.
 *
 * <p>Severity needs a sample: below {@value #MIN_REQUESTS} requests in the window it is LOW with a "sample too
 * small" note, whatever the ratio. Why 100: it is the smallest sample in which one failed request cannot lift the
 * band above LOW on its own (1 of 100 = 1 %, not above it); below it a single request decides the band, and
 * one failure out of three would read CRITICAL.
 */
public final class SeverityRule {

    public static final int MIN_REQUESTS = 100;

    /** @param smallSample fewer than {@link #MIN_REQUESTS} requests: the rate is shown, the severity is LOW */
    public record Result(Severity severity, double ratePercent, long errors, long requests, Instant from, Instant to,
                         boolean smallSample) {
        public Result(Severity severity, double ratePercent, long errors, long requests, Instant from, Instant to) {
            this(severity, ratePercent, errors, requests, from, to, false);
        }
    }

    public Result evaluate(MinuteSeries errors, MinuteSeries requests, Alarm alarm, Instant at, Instant onset) {
        Instant to;
        Instant from;
        if (alarm != null) {
            to = MinuteSeries.minute(at);
            from = to.minusSeconds(alarm.evaluationSeconds());
        } else {
            from = onset != null ? onset : MinuteSeries.minute(at).minus(Duration.ofMinutes(5));
            to = from.plus(Duration.ofMinutes(5));
        }
        if (errors.between(from, to).isEmpty()) {
            var earlier = errors.all().headMap(to.plus(Duration.ofMinutes(2)), false);
            if (!earlier.isEmpty()) {
                to = earlier.lastKey().plus(Duration.ofMinutes(1));
                from = to.minus(Duration.ofMinutes(5));
            }
        }
        long errs = Math.round(errors.sum(from, to));
        if (requests.between(from, to).isEmpty()) {
            return new Result(Severity.UNKNOWN, Double.NaN, errs, 0, from, to);
        }
        long reqs = Math.round(requests.sum(from, to));
        if (reqs == 0) {
            return new Result(errs == 0 ? Severity.LOW : Severity.UNKNOWN, errs == 0 ? 0 : Double.NaN, errs, 0, from, to);
        }
        double pct = 100.0 * errs / reqs;
        if (reqs < MIN_REQUESTS) {
            return new Result(Severity.LOW, pct, errs, reqs, from, to, true);
        }
        return new Result(Severity.fromRatePercent(pct), pct, errs, reqs, from, to);
    }
}
