package io.apigw5xx.responder.analysis;

import io.apigw5xx.responder.incident.Alarm;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Finds the first minute of the current error episode, searching back from the alarm.
 *
 * <p>A minute is "bad" when it breaches the alarm's own threshold (Sum or Average alarms) or clearly stands
 * out from the baseline (the lower quartile of the window, so a long episode cannot hide in it). The episode
 * is the run of bad minutes that ends at the last bad minute before the alarm; up to {@value #MAX_GOOD_GAP}
 * good minutes in a row may sit inside it (intermittent failures), missing datapoints are neither good nor
 * bad (CloudWatch does not zero-fill), and an isolated blip further back does not move the onset.
 */
public final class OnsetDetector {

    static final int MAX_GOOD_GAP = 4;
    /** Below this many requests (or errors) in the episode the rate is not worth judging. */
    static final int SMALL_SAMPLE_REQUESTS = 50;
    static final int SMALL_SAMPLE_ERRORS = 5;

    public ErrorTimeline detect(MinuteSeries errors, MinuteSeries requests, Alarm alarm, Instant alarmTime) {
        if (errors.isEmpty()) {
            return ErrorTimeline.none();
        }
        boolean rateKnown = !requests.isEmpty();
        Instant end = MinuteSeries.minute(alarmTime).plus(Duration.ofMinutes(1));
        TreeSet<Instant> all = new TreeSet<>(errors.all().keySet());
        all.addAll(requests.all().keySet());

        double baseline = baseline(errors, requests, all, end, rateKnown);
        List<ErrorTimeline.Minute> minutes = new ArrayList<>();
        for (Instant m : all) {
            double e = errors.has(m) ? errors.at(m) : (requests.has(m) ? 0 : Double.NaN);
            double c = requests.at(m);
            double rate = rateKnown && c > 0 ? e / c : (rateKnown && c == 0 ? 0 : Double.NaN);
            minutes.add(new ErrorTimeline.Minute(m, e, c, rate, isBad(e, c, rate, baseline, rateKnown, alarm)));
        }

        Instant lastBad = null;
        for (ErrorTimeline.Minute m : minutes) {
            if (m.bad() && m.at().isBefore(end)) {
                lastBad = m.at();
            }
        }
        if (lastBad == null) {
            return new ErrorTimeline(minutes, rateKnown, baseline, null, null, true, 0, 0);
        }
        Instant onset = lastBad;
        int goodRun = 0;
        for (int i = minutes.size() - 1; i >= 0; i--) {
            ErrorTimeline.Minute m = minutes.get(i);
            if (!m.at().isBefore(lastBad)) {
                continue;
            }
            if (m.bad()) {
                onset = m.at();
                goodRun = 0;
            } else if (!Double.isNaN(m.errors())) {
                goodRun++;
                if (goodRun > MAX_GOOD_GAP) {
                    break;
                }
            }
        }
        Instant ramp = rampStart(minutes, onset, baseline, rateKnown);
        if (!ramp.equals(onset)) {
            minutes = markRamp(minutes, ramp, onset);
            onset = ramp;
        }
        Instant episodeStart = onset;
        long reqs = Math.round(requests.sum(episodeStart, end));
        long errs = Math.round(errors.sum(episodeStart, end));
        boolean small = (rateKnown && reqs < SMALL_SAMPLE_REQUESTS) || errs < SMALL_SAMPLE_ERRORS;
        return new ErrorTimeline(minutes, rateKnown, baseline, onset, lastBad, small, reqs, errs);
    }

    /** Longest lead-in a slow ramp may add before the first minute over the threshold. */
    static final int MAX_RAMP_MINUTES = 15;

    /**
     * A slow ramp whose first minutes stay under the alarm threshold belongs to the episode: walk back from the
     * onset while each earlier minute is clearly above the baseline (at least 2 errors, rate over twice the
     * baseline plus 0.2 points) and not above the minute after it, so the onset is where the ramp began.
     */
    static Instant rampStart(List<ErrorTimeline.Minute> minutes, Instant onset, double baseline, boolean rateKnown) {
        int i = indexOf(minutes, onset);
        if (i < 0) {
            return onset;
        }
        Instant start = onset;
        double next = level(minutes.get(i), rateKnown);
        for (int j = i - 1, n = 0; j >= 0 && n < MAX_RAMP_MINUTES; j--, n++) {
            ErrorTimeline.Minute m = minutes.get(j);
            double v = level(m, rateKnown);
            boolean elevated = !Double.isNaN(v) && m.errors() >= 2
                    && (rateKnown ? v > 2 * baseline + 0.002 : v > 2 * baseline + 2);
            if (!elevated || v > next * 1.1) {
                break;
            }
            start = m.at();
            next = v;
        }
        return start;
    }

    /** The ramp's minutes (from its start up to the first minute over the threshold) count as bad. */
    private static List<ErrorTimeline.Minute> markRamp(List<ErrorTimeline.Minute> minutes, Instant from, Instant until) {
        List<ErrorTimeline.Minute> out = new ArrayList<>(minutes.size());
        for (ErrorTimeline.Minute m : minutes) {
            boolean inRamp = !m.at().isBefore(from) && m.at().isBefore(until);
            out.add(inRamp ? new ErrorTimeline.Minute(m.at(), m.errors(), m.requests(), m.rate(), true) : m);
        }
        return out;
    }

    private static int indexOf(List<ErrorTimeline.Minute> minutes, Instant at) {
        for (int i = 0; i < minutes.size(); i++) {
            if (minutes.get(i).at().equals(at)) {
                return i;
            }
        }
        return -1;
    }

    private static double level(ErrorTimeline.Minute m, boolean rateKnown) {
        return rateKnown ? m.rate() : m.errors();
    }

    private static double baseline(MinuteSeries errors, MinuteSeries requests, TreeSet<Instant> all, Instant end,
                                   boolean rateKnown) {
        double[] values = all.stream()
                .filter(m -> m.isBefore(end))
                .mapToDouble(m -> {
                    double e = errors.has(m) ? errors.at(m) : 0;
                    if (!rateKnown) {
                        return e;
                    }
                    double c = requests.at(m);
                    return c > 0 ? e / c : Double.NaN;
                })
                .filter(v -> !Double.isNaN(v))
                .sorted()
                .toArray();
        if (values.length < 4) {
            return 0;
        }
        return values[values.length / 4];
    }

    private static boolean isBad(double e, double c, double rate, double baseline, boolean rateKnown, Alarm alarm) {
        if (Double.isNaN(e) || e <= 0) {
            return false;
        }
        // The alarm's threshold counts only where its reading is known: errors (Sum), a ratio (Average, m1/m2)
        // or a percentage (100*m1/m2). Other expressions and anomaly bands say nothing about a minute's errors.
        if (alarm != null && alarm.threshold() != null) {
            switch (alarm.reading()) {
                case ERROR_COUNT -> {
                    if (e > alarm.threshold()) {
                        return true;
                    }
                }
                case ERROR_RATIO -> {
                    if (!Double.isNaN(rate) && rate > alarm.threshold()) {
                        return true;
                    }
                }
                case ERROR_PERCENT -> {
                    if (!Double.isNaN(rate) && 100 * rate > alarm.threshold()) {
                        return true;
                    }
                }
                default -> { }
            }
        }
        if (rateKnown) {
            return !Double.isNaN(rate) && e >= 3 && rate > Math.max(3 * baseline, baseline + 0.02);
        }
        return e > Math.max(3 * baseline, baseline + 5);
    }
}
