package io.apigw5xx.responder.analysis;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * CONSTANT / INTERMITTENT / GRADUAL over the last 15 minutes of the episode (from the onset at the earliest).
 * Trailing clean minutes after the last bad one are recovery, not intermittency: they are cut off and
 * reported through {@link Result#recoveringSince()}.
 */
public final class PatternClassifier {

    static final Duration LOOKBACK = Duration.ofMinutes(15);

    /** Fewer minutes than this and the pattern is a first impression, said so in the findings' notes. */
    static final int FIRM_MINUTES = 5;

    /** @param minutes how many minutes of the episode the pattern was judged on */
    public record Result(ErrorPattern pattern, Instant recoveringSince, String why, int minutes) {

        public boolean tentative() {
            return pattern != ErrorPattern.UNKNOWN && minutes < FIRM_MINUTES;
        }
    }

    public Result classify(ErrorTimeline timeline, MinuteSeries integrationLatency) {
        if (timeline.onset() == null) {
            return new Result(ErrorPattern.UNKNOWN, null, "no error episode found", 0);
        }
        List<ErrorTimeline.Minute> after = timeline.minutes().stream()
                .filter(m -> !m.at().isBefore(timeline.onset()) && !Double.isNaN(m.errors()))
                .toList();
        Instant lastBadAll = after.stream().filter(ErrorTimeline.Minute::bad).map(ErrorTimeline.Minute::at)
                .reduce((a, b) -> b).orElse(timeline.onset());
        long trailingGood = after.stream().filter(m -> m.at().isAfter(lastBadAll)).count();
        Instant recovering = trailingGood >= 3 ? lastBadAll.plus(Duration.ofMinutes(1)) : null;

        Instant end = lastBadAll.plus(Duration.ofMinutes(1));
        Instant start = end.minus(LOOKBACK).isAfter(timeline.onset()) ? end.minus(LOOKBACK) : timeline.onset();
        List<ErrorTimeline.Minute> span = after.stream()
                .filter(m -> !m.at().isBefore(start) && m.at().isBefore(end))
                .toList();
        if (span.size() < 2) {
            return new Result(ErrorPattern.UNKNOWN, recovering, "episode too short to judge (" + span.size() + " minute)", span.size());
        }
        long bad = span.stream().filter(ErrorTimeline.Minute::bad).count();
        double badShare = (double) bad / span.size();
        if (badShare < 0.7) {
            return new Result(ErrorPattern.INTERMITTENT, recovering,
                    bad + " of " + span.size() + " minutes failed, with clean minutes between them", span.size());
        }
        double[] rates = span.stream().mapToDouble(m -> timeline.rateKnown() && !Double.isNaN(m.rate()) ? m.rate() : m.errors()).toArray();
        // The onset minute is usually partial (the errors began inside it): a low first minute followed by a steady
        // level is a step, CONSTANT, so a rise is judged from the minute after the onset.
        double[] judged = span.getFirst().at().equals(timeline.onset()) && rates.length > 1 && rates[0] < rates[1]
                ? java.util.Arrays.copyOfRange(rates, 1, rates.length) : rates;
        if (rising(judged)) {
            return new Result(ErrorPattern.GRADUAL, recovering, "the error rate kept rising over " + span.size() + " minutes",
                    span.size());
        }
        double[] latency = integrationLatency.between(end.minus(LOOKBACK), end).values().stream()
                .mapToDouble(Double::doubleValue).toArray();
        if (rising(latency) && thirdMean(rates, 2) > thirdMean(rates, 0)) {
            return new Result(ErrorPattern.GRADUAL, recovering, "integration latency climbed steadily into the errors", span.size());
        }
        return new Result(ErrorPattern.CONSTANT, recovering, bad + " of " + span.size() + " minutes failed at a similar rate",
                span.size());
    }

    /** At least 5 points, last third at least twice the first, and most steps non-decreasing. */
    static boolean rising(double[] v) {
        if (v.length < 5) {
            return false;
        }
        int up = 0;
        for (int i = 1; i < v.length; i++) {
            if (v[i] >= v[i - 1]) {
                up++;
            }
        }
        double first = thirdMean(v, 0);
        double last = thirdMean(v, 2);
        return up >= 0.7 * (v.length - 1) && last >= 2 * Math.max(first, 1e-9) && last > 0;
    }

    private static double thirdMean(double[] v, int third) {
        int n = v.length;
        int size = Math.max(1, n / 3);
        int from = third == 0 ? 0 : n - size;
        double sum = 0;
        for (int i = from; i < from + size; i++) {
            sum += v[i];
        }
        return sum / size;
    }
}
