package io.apigw5xx.responder.report;

import java.time.Duration;
import java.util.Optional;

/**
 * What the ledger knows about earlier incidents on the same API.
 *
 * @param earlier  how many earlier incidents fell within {@code lookback} (the current one excluded)
 * @param last     the most recent of them, if any
 */
public record History(int earlier, Duration lookback, Optional<PastIncident> last) {

    public History {
        last = last == null ? Optional.empty() : last;
    }

    public static History none() {
        return new History(0, Duration.ofDays(7), Optional.empty());
    }

    /** "3rd incident on this API stage in 7 days; last cause: Lambda timeout (HIGH) on 2026-11-20 14:02 UTC", or empty. */
    public Optional<String> line() {
        if (earlier <= 0 || last.isEmpty()) {
            return Optional.empty();
        }
        PastIncident p = last.get();
        String cause = p.topCause() == null ? "unknown" : p.topCause()
                + (p.confidence() == null ? "" : " (" + p.confidence() + ")");
        return Optional.of(ordinal(earlier + 1) + " incident on this API stage in " + lookback.toDays() + " days; last cause: "
                + cause + " on " + Timeline.dateTime(p.at()));
    }

    static String ordinal(int n) {
        int mod100 = n % 100;
        String suffix = (mod100 >= 11 && mod100 <= 13) ? "th" : switch (n % 10) {
            case 1 -> "st";
            case 2 -> "nd";
            case 3 -> "rd";
            default -> "th";
        };
        return n + suffix;
    }
}
