package org.jlaplace.core.linalg;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntConsumer;

/**
 * Runs numbered tasks on a shared pool of daemon threads plus the calling thread. Tasks are claimed
 * from a counter by whichever thread is free, and the caller claims too, so a call never waits for
 * a task that no thread has started: when the pool is busy (or the caller is itself a pool thread)
 * the caller simply runs everything. Which thread runs a task must therefore never change its result.
 */
final class ParallelRunner {

    private static final AtomicInteger THREAD_NUMBER = new AtomicInteger();
    private static ThreadPoolExecutor pool;

    private ParallelRunner() {
    }

    /** Runs {@code task.accept(t)} for {@code t = 0 … tasks−1} on up to {@code threads} threads and waits for all. */
    static void run(int tasks, int threads, IntConsumer task) {
        int helpers = Math.min(threads, tasks) - 1;
        if (helpers <= 0 || Thread.currentThread() instanceof Worker) {
            for (int t = 0; t < tasks; t++) {
                task.accept(t);
            }
            return;
        }
        AtomicInteger next = new AtomicInteger();
        CountDownLatch finished = new CountDownLatch(tasks);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Runnable claimLoop = () -> {
            for (int t = next.getAndIncrement(); t < tasks; t = next.getAndIncrement()) {
                try {
                    task.accept(t);
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                } finally {
                    finished.countDown();
                }
            }
        };
        ThreadPoolExecutor executor = pool(helpers);
        for (int h = 0; h < helpers; h++) {
            executor.execute(claimLoop);
        }
        claimLoop.run();
        boolean interrupted = false;
        while (true) {
            try {
                finished.await();
                break;
            } catch (InterruptedException e) {
                // The tasks write into the caller's arrays: returning before they finish would be worse.
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        Throwable e = failure.get();
        if (e instanceof RuntimeException) {
            throw (RuntimeException) e;
        }
        if (e instanceof Error) {
            throw (Error) e;
        }
        if (e != null) {
            throw new IllegalStateException("parallel task failed", e);
        }
    }

    /** The shared pool, grown to at least {@code size} threads. */
    private static synchronized ThreadPoolExecutor pool(int size) {
        if (pool == null) {
            pool = new ThreadPoolExecutor(size, size, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), Worker::new);
            pool.allowCoreThreadTimeOut(true);
        } else if (pool.getMaximumPoolSize() < size) {
            pool.setMaximumPoolSize(size);
            pool.setCorePoolSize(size);
        }
        return pool;
    }

    /** A pool thread; nested parallel calls made from it run sequentially. */
    private static final class Worker extends Thread {
        Worker(Runnable body) {
            super(body, "jlaplace-linalg-" + THREAD_NUMBER.incrementAndGet());
            setDaemon(true);
        }
    }
}
