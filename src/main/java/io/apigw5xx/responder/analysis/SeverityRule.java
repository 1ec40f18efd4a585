package io.apigw5xx.responder.analysis;

import io.apigw5xx.responder.incident.Alarm;
import java.time.Duration;
import java.time.Instant;

/**
 * Severity from 5xx ÷ Count over the alarm's evaluation window (period × evaluation periods ending at the
 * last full minute before the state change). Runs without an alarm use the five minutes from the onset.
 * When that window holds no datapoint yet (publication lag), the last five minutes with data are used.
 */
public final class SeverityRule {

    public record Result(Severity severity, double ratePercent, long errors, long requests, Instant from, Instant to) {}

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
        return new Result(Severity.fromRatePercent(pct), pct, errs, reqs, from, to);
    }
}
