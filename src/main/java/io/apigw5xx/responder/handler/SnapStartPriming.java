package io.apigw5xx.responder.handler;

import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;

/**
 * SnapStart priming: Lambda snapshots the JVM after init, when a version is published, and restores that
 * snapshot on a cold start. Work done in {@link #beforeCheckpoint} is in the snapshot, so the first real
 * invocation does not pay for it. The primer must stay offline - no AWS call, no credentials, no random
 * seeds or timestamps that would be shared by every restored copy: parse sample events, run the analyzer on
 * a packaged bundle, render the reports, build SDK request objects.
 *
 * <p>CRaC holds registered resources weakly: keep the instance {@link #register} returns in a field of the
 * handler, or the hook may be collected before the checkpoint.
 */
public final class SnapStartPriming implements Resource {

    /**
     * {@code -Dapigw5xx.primeAtInit=true} runs the primer during init on a JVM without CRaC, which is how
     * bench-coldstart measures what priming moves out of the first invocation.
     */
    public static final String PRIME_AT_INIT_PROPERTY = "apigw5xx.primeAtInit";

    private final Runnable primer;

    private SnapStartPriming(Runnable primer) {
        this.primer = primer;
    }

    /** Registers {@code primer} to run before the SnapStart checkpoint; call from the handler's constructor. */
    public static SnapStartPriming register(Runnable primer) {
        SnapStartPriming priming = new SnapStartPriming(primer);
        Core.getGlobalContext().register(priming);
        if (Boolean.getBoolean(PRIME_AT_INIT_PROPERTY)) {
            priming.prime();
        }
        return priming;
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        prime();
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        // Nothing to refresh: SDK clients resolve credentials per request, and the primer kept no clock or
        // random state.
    }

    /** Runs the primer; a failing primer costs the optimisation, never the snapshot. */
    void prime() {
        long start = System.nanoTime();
        try {
            primer.run();
            System.out.printf("SnapStart priming done in %d ms%n", (System.nanoTime() - start) / 1_000_000);
        } catch (RuntimeException e) {
            System.out.println("SnapStart priming failed, continuing without it: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage().lines().findFirst().orElse("")));
        }
    }
}
