package org.jlaplace.core.linalg;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;

/**
 * Runs numbered tasks on a shared pool of daemon threads plus the calling thread. Tasks are claimed
 * from a counter by whichever thread is free, and the caller claims too, so a call never waits for
 * a task that no thread has started: when the pool is busy with another call (or the caller is
 * itself a pool thread, or already inside a call) the caller simply runs everything. Which thread
 * runs a task must therefore never change its result.
 *
 * <p>A pool thread that has finished a call keeps polling for the next one for {@link #SPIN_NANOS}
 * (half a millisecond, {@code -Djlaplace.spinMicros} to change) before it parks. The triangular
 * routines issue several parallel calls in a row, separated by single-threaded steps of up to about
 * that length. On the two-processor virtual machine this was tuned on, a parked thread often got
 * going only a millisecond after the caller woke it (two 0.5 ms tasks took 1 ms, one after the
 * other; with a polling pool thread, 0.5 ms), and sleeping in short timed naps instead did not
 * help. It polls without yielding: a thread that yielded while polling was not moved off the
 * caller's processor. The bound keeps the time taken from other threads (the JIT compiler's) small.
 * {@link #prime} wakes the pool ahead of a routine's first parallel call.
 */
final class ParallelRunner {

    /** How long a pool thread polls for the next call before parking, in nanoseconds. */
    static final long SPIN_NANOS = Long.getLong("jlaplace.spinMicros", 500L) * 1000L;

    /** Polls between reads of the clock while a pool thread polls. */
    private static final int CLOCK_EVERY = 64;
    private static final AtomicInteger THREAD_NUMBER = new AtomicInteger();
    /** Held by the caller whose call the pool is serving; other callers run their tasks themselves. */
    private static final AtomicBoolean BUSY = new AtomicBoolean();
    private static Worker[] workers = new Worker[0];
    /** The call being served; a new object per call, so pool threads recognise a new one by identity. */
    private static volatile Call current;

    private ParallelRunner() {
    }

    /** Runs {@code task.accept(t)} for {@code t = 0 … tasks−1} on up to {@code threads} threads and waits for all. */
    static void run(int tasks, int threads, IntConsumer task) {
        int helpers = Math.min(threads, tasks) - 1;
        if (helpers <= 0 || Thread.currentThread() instanceof Worker || !BUSY.compareAndSet(false, true)) {
            for (int t = 0; t < tasks; t++) {
                task.accept(t);
            }
            return;
        }
        Call call;
        try {
            Worker[] pool = pool(helpers);
            call = new Call(tasks, helpers, task, Thread.currentThread());
            current = call;
            for (Worker w : pool) {
                if (w.parked) {
                    LockSupport.unpark(w);
                }
            }
            call.claimLoop();
            call.awaitHelpers();
        } finally {
            current = null;
            BUSY.set(false);
        }
        call.rethrow();
    }

    /**
     * Wakes the pool threads a routine with several parallel calls on up to {@code threads} threads
     * is about to use, so that they are polling, each on its own processor, by the time its first
     * call comes after a single-threaded first step. Does nothing for one thread or from a pool thread.
     */
    static void prime(int threads) {
        if (threads < 2 || Thread.currentThread() instanceof Worker) {
            return;
        }
        Worker[] pool = pool(threads - 1);
        for (int i = 0; i < threads - 1; i++) {
            if (pool[i].parked) {
                LockSupport.unpark(pool[i]);
            }
        }
    }

    /** The pool threads, grown to at least {@code size}. */
    private static synchronized Worker[] pool(int size) {
        if (workers.length < size) {
            Worker[] grown = java.util.Arrays.copyOf(workers, size);
            for (int i = workers.length; i < size; i++) {
                grown[i] = new Worker();
                grown[i].start();
            }
            workers = grown;
        }
        return workers;
    }

    /** One call: its tasks, the counter they are claimed from, and the threads still working on them. */
    private static final class Call {
        private final int tasks;
        private final IntConsumer task;
        private final Thread caller;
        private final AtomicInteger next = new AtomicInteger();
        /** Helper places left: pool threads beyond {@code threads − 1} must not join. */
        private final AtomicInteger places;
        /** Pool threads that joined and have not finished. */
        private final AtomicInteger active = new AtomicInteger();
        private final AtomicReference<Throwable> failure = new AtomicReference<>();

        Call(int tasks, int helpers, IntConsumer task, Thread caller) {
            this.tasks = tasks;
            this.task = task;
            this.caller = caller;
            this.places = new AtomicInteger(helpers);
        }

        /** Takes a helper place, or returns false when the call has enough helpers or no task left. */
        boolean join() {
            if (next.get() >= tasks) {
                return false;
            }
            // Counted as active before taking a place, so that the caller cannot miss a helper that joins.
            active.incrementAndGet();
            if (places.getAndDecrement() > 0) {
                return true;
            }
            leave();
            return false;
        }

        void leave() {
            if (active.decrementAndGet() == 0) {
                LockSupport.unpark(caller);
            }
        }

        void claimLoop() {
            for (int t = next.getAndIncrement(); t < tasks; t = next.getAndIncrement()) {
                try {
                    task.accept(t);
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                }
            }
        }

        /**
         * Waits until every helper that joined has finished. No helper can join once all tasks are
         * claimed, which they are when the caller's own claim loop ends.
         */
        void awaitHelpers() {
            boolean interrupted = false;
            long spins = 0;
            while (active.get() > 0) {
                if (spins++ < 1000) {
                    Thread.onSpinWait();
                } else {
                    // The tasks write into the caller's arrays: returning before they finish would be worse.
                    LockSupport.park(this);
                    interrupted |= Thread.interrupted();
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }

        void rethrow() {
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
    }

    /** A pool thread; nested parallel calls made from it run sequentially. */
    private static final class Worker extends Thread {
        /** Set before the thread parks, so that a new call knows to unpark it. */
        volatile boolean parked;

        Worker() {
            super("jlaplace-linalg-" + THREAD_NUMBER.incrementAndGet());
            setDaemon(true);
        }

        @Override
        public void run() {
            Call last = null;
            while (true) {
                Call call = awaitCall(last);
                last = call;
                if (call.join()) {
                    try {
                        call.claimLoop();
                    } finally {
                        call.leave();
                    }
                }
            }
        }

        /** Polls for a call other than {@code last} for {@link #SPIN_NANOS}, then parks until one comes. */
        private Call awaitCall(Call last) {
            long deadline = System.nanoTime() + SPIN_NANOS;
            int polls = 0;
            while (true) {
                Call call = current;
                if (call != null && call != last) {
                    return call;
                }
                if (++polls % CLOCK_EVERY != 0 || System.nanoTime() < deadline) {
                    Thread.onSpinWait();
                    continue;
                }
                parked = true;
                call = current;
                if (call == null || call == last) {
                    LockSupport.park(this);
                }
                parked = false;
                deadline = System.nanoTime() + SPIN_NANOS;
            }
        }
    }
}
