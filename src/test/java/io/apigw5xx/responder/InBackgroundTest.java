package io.apigw5xx.responder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class InBackgroundTest {

    /** Shaped like an SDK client: an interface whose calls may throw unchecked service exceptions. */
    interface Directory {
        String lookup(String key);
    }

    @Test
    void standIn_waitsForTheBuildThenCallsTheRealClient() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        InBackground<Directory> built = InBackground.start("test-directory", () -> {
            await(release);
            return key -> "value of " + key;
        });
        Directory directory = built.as(Directory.class);
        FutureTask<String> call = new FutureTask<>(() -> directory.lookup("a"));
        Thread.ofPlatform().start(call);

        assertThatThrownBy(() -> call.get(200, TimeUnit.MILLISECONDS))
                .as("the call waits while the client is still building").isInstanceOf(TimeoutException.class);
        release.countDown();
        assertThat(call.get(5, TimeUnit.SECONDS)).isEqualTo("value of a");
        assertThat(directory.lookup("b")).isEqualTo("value of b");
    }

    @Test
    void standIn_passesTheClientsOwnExceptionThrough_notAReflectionWrapper() {
        Directory directory = InBackground.<Directory>start("test-directory", () -> key -> {
            throw new IllegalArgumentException("no such key: " + key);
        }).as(Directory.class);

        assertThatThrownBy(() -> directory.lookup("x")).isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessage("no such key: x");
    }

    @Test
    void aFailedBuild_isThrownAtEachUse() {
        InBackground<Directory> built = InBackground.start("test-directory", () -> {
            throw new IllegalStateException("no region configured");
        });

        assertThatThrownBy(built::get).isInstanceOf(IllegalStateException.class).hasMessage("no region configured");
        assertThatThrownBy(() -> built.as(Directory.class).lookup("x")).hasMessage("no region configured");
    }

    @Test
    void standIn_isNotEqualToAnother_andSaysWhatItIs() {
        InBackground<Directory> built = InBackground.start("test-directory", () -> key -> key);
        Directory one = built.as(Directory.class);
        assertThat(one).isEqualTo(one).isNotEqualTo(built.as(Directory.class));
        assertThat(one.toString()).isEqualTo("Directory[built in the background]");
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
