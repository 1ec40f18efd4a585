package io.apigw5xx.responder.frontdoor;

import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Remembers the signatures of accepted Slack requests for as long as their timestamps stay acceptable, so the
 * same signed request sent twice is refused the second time. Per container: a replay that reaches another
 * container within the window is not seen (the ±5-minute timestamp check still bounds it); the front door has
 * no write access to shared storage on purpose.
 */
final class ReplayGuard {

    private final Duration window;
    private final int capacity;
    // signature → expiry, in insertion order (expiries grow with it only roughly, so sweep all expired).
    private final LinkedHashMap<String, Instant> seen = new LinkedHashMap<>();

    ReplayGuard(Duration window, int capacity) {
        this.window = window;
        this.capacity = capacity;
    }

    /** True the first time a signature is offered within its window; false for a replay. */
    synchronized boolean firstTime(String signature, Instant requestTime, Instant now) {
        sweep(now);
        if (seen.containsKey(signature)) {
            return false;
        }
        if (seen.size() >= capacity) {
            // Full of live entries: forget the oldest rather than refuse genuine traffic.
            Iterator<Map.Entry<String, Instant>> oldest = seen.entrySet().iterator();
            oldest.next();
            oldest.remove();
        }
        Instant expiry = requestTime.plus(window);
        seen.put(signature, expiry.isAfter(now) ? expiry : now.plus(window));
        return true;
    }

    private void sweep(Instant now) {
        seen.values().removeIf(expiry -> !expiry.isAfter(now));
    }
}
