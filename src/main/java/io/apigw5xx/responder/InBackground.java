package io.apigw5xx.responder;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.function.Supplier;

/**
 * A value built on its own platform thread from init on; {@link #get()} waits for it. Building an SDK client, an
 * HTTP client or the JSON mapper is mostly class loading, and each loads its own classes, so they are built side by
 * side, and the code that needs one waits only for that one: the runtime reports ready sooner and the first
 * invocation overlaps what is left with its own work. (Platform threads: class initialisation pins a virtual
 * thread to its carrier on Java 21.)
 */
public final class InBackground<T> implements Supplier<T> {

    private final FutureTask<T> task;

    private InBackground(FutureTask<T> task) {
        this.task = task;
    }

    /** Starts building {@code build} on a daemon thread called {@code name}. */
    public static <T> InBackground<T> start(String name, Supplier<T> build) {
        FutureTask<T> task = new FutureTask<>(build::get);
        Thread.ofPlatform().name(name).daemon().start(task);
        return new InBackground<>(task);
    }

    /**
     * A stand-in for the value, of interface {@code type} (an SDK service client), that waits for it on its first
     * call: adapters that take the client itself need not know it is still being built.
     */
    public T as(Class<T> type) {
        InBackground<T> built = this;
        InvocationHandler delegate = (proxy, method, args) -> {
            if (method.getDeclaringClass() == Object.class) {
                return switch (method.getName()) {
                    case "equals" -> proxy == args[0];
                    case "hashCode" -> System.identityHashCode(proxy);
                    default -> type.getSimpleName() + "[built in the background]";
                };
            }
            try {
                return method.invoke(built.get(), args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        };
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, delegate));
    }

    /** The value; a failure to build it is thrown here, each time. */
    @Override
    public T get() {
        try {
            return task.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a value built in the background", e);
        }
    }
}
