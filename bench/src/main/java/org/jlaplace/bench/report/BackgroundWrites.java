package org.jlaplace.bench.report;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Writes of a run's files on one background daemon thread, in the order they were handed over,
 * so that the computing thread does not wait for the disk (a checkpoint per epoch is a handful of
 * file writes and renames). The thread ends after a second without work. The first failure is kept
 * and thrown by {@link #rethrowFailure} on the caller's thread; later writes still run.
 */
public final class BackgroundWrites {
    /** Longest wait in {@link #await} for writes to finish. */
    private static final long AWAIT_SECONDS = 60;

    private final ThreadPoolExecutor executor;
    private final AtomicReference<RuntimeException> failure = new AtomicReference<>();
    private Future<?> last;

    /** A writer whose thread is named {@code name}. */
    public BackgroundWrites(String name) {
        executor = new ThreadPoolExecutor(1, 1, 1, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
        executor.allowCoreThreadTimeOut(true);
    }

    /** Queues {@code write} after every write queued before it. */
    public synchronized void submit(Runnable write) {
        last = executor.submit(() -> {
            try {
                write.run();
            } catch (RuntimeException e) {
                failure.compareAndSet(null, e);
            }
        });
    }

    /** Waits until every queued write has run (at most {@value #AWAIT_SECONDS} s). */
    public void await() {
        Future<?> f;
        synchronized (this) {
            f = last;
        }
        if (f == null) {
            return;
        }
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    f.get(AWAIT_SECONDS, TimeUnit.SECONDS);
                    return;
                } catch (InterruptedException e) {
                    // The writes go on into the run directory: returning before them would be worse.
                    interrupted = true;
                } catch (ExecutionException | TimeoutException e) {
                    return;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Throws the first failure of a background write, if there was one. */
    public void rethrowFailure() {
        RuntimeException e = failure.get();
        if (e != null) {
            throw e;
        }
    }
}
