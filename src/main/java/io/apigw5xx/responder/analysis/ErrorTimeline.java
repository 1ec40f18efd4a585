package io.apigw5xx.responder.analysis;

import java.time.Instant;
import java.util.List;
import java.util.NavigableMap;

/**
 * The API's 5xx per minute as the onset detector judged it.
 *
 * @param minutes      every minute with a 5xx or Count datapoint, oldest first
 * @param baselineRate the usual error rate (0..1, or errors per minute when {@code rateKnown} is false)
 * @param onset        first minute of the current episode, or null when no episode was found
 * @param lastBad      last bad minute at or before the alarm, or null
 * @param smallSample  too few requests or errors in the episode to judge rates
 */
public record ErrorTimeline(
        List<Minute> minutes,
        boolean rateKnown,
        double baselineRate,
        Instant onset,
        Instant lastBad,
        boolean smallSample,
        long episodeRequests,
        long episodeErrors) {

    public ErrorTimeline {
        minutes = List.copyOf(minutes);
    }

    /** @param rate errors ÷ requests, NaN when Count had no datapoint */
    public record Minute(Instant at, double errors, double requests, double rate, boolean bad) {}

    public static ErrorTimeline none() {
        return new ErrorTimeline(List.of(), false, 0, null, null, false, 0, 0);
    }

    public NavigableMap<Instant, Minute> byMinute() {
        var map = new java.util.TreeMap<Instant, Minute>();
        minutes.forEach(m -> map.put(m.at(), m));
        return map;
    }

    /** The last minute with data, or null. */
    public Instant lastMinute() {
        return minutes.isEmpty() ? null : minutes.getLast().at();
    }
}
