package io.apigw5xx.responder.handler;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SnapStartPrimingTest {

    @Test
    void beforeCheckpoint_registeredPrimer_runsOnce() {
        AtomicInteger runs = new AtomicInteger();
        SnapStartPriming priming = SnapStartPriming.register(runs::incrementAndGet);

        priming.beforeCheckpoint(null);

        assertThat(runs).hasValue(1);
    }

    @Test
    void beforeCheckpoint_primerThrows_doesNotPropagate() {
        AtomicInteger after = new AtomicInteger();
        SnapStartPriming priming = SnapStartPriming.register(() -> {
            after.incrementAndGet();
            throw new IllegalStateException("boom");
        });

        priming.beforeCheckpoint(null);
        priming.afterRestore(null);

        assertThat(after).hasValue(1);
    }

    @Test
    void register_withoutCracCheckpointOrProperty_doesNotRunPrimerAtInit() {
        AtomicInteger runs = new AtomicInteger();

        SnapStartPriming.register(runs::incrementAndGet);

        assertThat(runs).hasValue(0);
    }
}
