package io.apigw5xx.responder.frontdoor;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.function.Supplier;

/**
 * A value built on its own platform thread from init on; {@link #get()} waits for it. The SDK clients are most of
 * the front door's start-up and each loads its own service's classes, so they are built side by side while the
 * servlet layer loads, and a request waits only for the client it uses. (Platform threads: class initialisation
 * pins a virtual thread to its carrier on Java 21.)
 */
final class InBackground<T> implements Supplier<T> {

    private final FutureTask<T> task;

    private InBackground(FutureTask<T> task) {
        this.task = task;
    }

    static <T> InBackground<T> start(String name, Supplier<T> build) {
        FutureTask<T> task = new FutureTask<>(build::get);
        Thread.ofPlatform().name(name).daemon().start(task);
        return new InBackground<>(task);
    }

    @Override
    public T get() {
        try {
            return task.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while building an AWS client", e);
        }
    }
}
