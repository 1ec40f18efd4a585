package io.apigw5xx.responder.report;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** How reports write times: always UTC, and relative to the onset of the errors ("T−2m"). */
final class Timeline {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private Timeline() {}

    static String time(Instant t) {
        return t == null ? "unknown" : TIME.format(t);
    }

    private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT).withZone(ZoneOffset.UTC);

    static String hhmm(Instant t) {
        return t == null ? "unknown" : HH_MM.format(t);
    }

    static String dateTime(Instant t) {
        return t == null ? "unknown" : DATE_TIME.format(t);
    }

    /** "T−2m", "T+0m", "T+1h05m", "T−45s" relative to onset (under a minute in seconds, else to the nearest minute). */
    static String relative(Instant t, Instant onset) {
        if (t == null || onset == null) {
            return "";
        }
        Duration d = Duration.between(onset, t);
        String sign = d.isNegative() ? "\u2212" : "+";
        long s = Math.abs(d.getSeconds());
        if (s < 60 && s != 0) {
            return "T" + sign + s + "s";
        }
        long minutes = Math.round(s / 60.0); // nearest minute: 1m48s reads as 2m
        if (minutes < 60) {
            return "T" + sign + minutes + "m";
        }
        return String.format(Locale.ROOT, "T%s%dh%02dm", sign, minutes / 60, minutes % 60);
    }

    /** "09:37:12 UTC (T−2m)" */
    static String stamped(Instant t, Instant onset) {
        String rel = relative(t, onset);
        return rel.isEmpty() ? time(t) : time(t) + " (" + rel + ")";
    }

    static String duration(Duration d) {
        long m = Math.max(0, d.toMinutes());
        return m < 60 ? m + "m" : String.format(Locale.ROOT, "%dh%02dm", m / 60, m % 60);
    }

    static String rate(double percent, long errors, long requests) {
        if (Double.isNaN(percent) || Double.isInfinite(percent)) {
            return "unknown (no request count)";
        }
        return String.format(Locale.ROOT, "%.1f%% (%,d of %,d requests)", percent, errors, requests);
    }
}
