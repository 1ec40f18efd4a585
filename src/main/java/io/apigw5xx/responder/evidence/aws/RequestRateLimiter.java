package io.apigw5xx.responder.evidence.aws;

import io.apigw5xx.responder.evidence.EvidenceUnavailableException;
import io.apigw5xx.responder.evidence.GapReason;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

/**
 * Spaces requests at least {@code interval} apart, across threads: CloudTrail LookupEvents allows 2 requests
 * per second per account and region, and throttling there costs more (SDK back-off) than waiting here.
 */
final class RequestRateLimiter {

    private final long intervalNanos;
    private long nextFreeNanos = System.nanoTime();

    RequestRateLimiter(Duration interval) {
        this.intervalNanos = interval.toNanos();
    }

    /** Waits for a slot; refuses (TIMEOUT) when the slot would come after {@code deadline}. */
    void acquire(CallDeadline deadline, String call) {
        long slot;
        synchronized (this) {
            long now = System.nanoTime();
            slot = Math.max(now, nextFreeNanos);
            if (Duration.ofNanos(slot - now).compareTo(deadline.remaining()) >= 0) {
                throw new EvidenceUnavailableException(GapReason.TIMEOUT, call + ": next request slot (2 per second) comes after the deadline "
                        + deadline.deadline());
            }
            nextFreeNanos = slot + intervalNanos;
        }
        long wait;
        while ((wait = slot - System.nanoTime()) > 0) {
            LockSupport.parkNanos(wait);
            if (Thread.interrupted()) {
                Thread.currentThread().interrupt();
                throw new EvidenceUnavailableException(GapReason.TIMEOUT, call + ": interrupted waiting for a request slot");
            }
        }
    }

}
