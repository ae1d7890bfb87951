package org.jlaplace.core.linalg;

import java.util.function.IntConsumer;

/**
 * Data-parallel loops on the shared thread pool that {@link Gemm} uses, for kernels outside this
 * package (convolution, pooling, elementwise layers). A loop over {@code n} independent items is
 * cut into contiguous ranges, one per task, and each item is computed by the same operations
 * whichever range or thread holds it, so results are bitwise identical for every thread count.
 * Small loops stay on the calling thread: a task is only worth its hand-off (about ten
 * microseconds) when it has at least {@link #MIN_WORK_PER_TASK} units of work.
 */
public final class Parallel {

    /** Units of work (about one multiply-add or one memory access each) below which a task does not pay. */
    public static final long MIN_WORK_PER_TASK = 1L << 17;

    private Parallel() {
    }

    /** A body over the item range {@code [from, to)}. */
    @FunctionalInterface
    public interface Range {
        void run(int from, int to);
    }

    /** The default thread count, {@link Gemm#threads()} ({@code -Djlaplace.threads}, else the processors). */
    public static int threads() {
        return Gemm.threads();
    }

    /**
     * How many tasks a loop of {@code items} items costing {@code workPerItem} each gets on
     * {@code threads} threads: at most one per thread and per item, and one per
     * {@link #MIN_WORK_PER_TASK} units of total work.
     */
    public static int tasks(int items, long workPerItem, int threads) {
        if (items <= 0) {
            return 0;
        }
        long byWork = Math.max(1L, (long) items * Math.max(1L, workPerItem) / MIN_WORK_PER_TASK);
        return (int) Math.max(1L, Math.min(Math.min(threads, items), byWork));
    }

    /**
     * Runs {@code body} over {@code [0, items)} in contiguous ranges on up to {@code threads}
     * threads (see {@link #tasks}) and waits for all. The body must compute every item
     * independently of the range it falls in.
     */
    public static void forRange(int items, long workPerItem, int threads, Range body) {
        if (threads < 1) {
            throw new IllegalArgumentException("Parallel.forRange: thread count " + threads + " < 1");
        }
        int tasks = tasks(items, workPerItem, threads);
        if (tasks == 0) {
            return;
        }
        if (tasks == 1) {
            body.run(0, items);
            return;
        }
        ParallelRunner.run(tasks, tasks, t -> body.run((int) ((long) t * items / tasks),
                (int) ((long) (t + 1) * items / tasks)));
    }

    /** As {@link #forRange(int, long, int, Range)} with the default thread count. */
    public static void forRange(int items, long workPerItem, Range body) {
        forRange(items, workPerItem, threads(), body);
    }

    /**
     * Runs {@code task.accept(t)} for {@code t = 0 … tasks−1} on up to {@code threads} threads and
     * waits for all; which thread runs a task must not change its result.
     */
    public static void forEach(int tasks, int threads, IntConsumer task) {
        if (threads < 1) {
            throw new IllegalArgumentException("Parallel.forEach: thread count " + threads + " < 1");
        }
        ParallelRunner.run(tasks, threads, task);
    }
}
