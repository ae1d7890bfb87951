package org.jlaplace.core.linalg;

/**
 * Coarse-grained parallelism for the triangular routines: a range of independent right-hand-side
 * rows or columns is cut into a few contiguous runs, and each run is one task that calls the
 * single-threaded code on its part. Compared with letting every nested GEMM split itself, each
 * thread hands off once per routine instead of once per GEMM, and packs only its own part of the
 * shared operand once.
 *
 * <p>The single-threaded code computes every row (or column) of its part with the same operations
 * whichever run holds it (the GEMM sums each element of C in the same order for any rectangle), so
 * the result does not depend on the number of runs.
 */
final class CoarseSplit {

    /**
     * Below this many flops per task another thread costs more than it saves: a hand-off to a parked
     * pool thread takes tens of microseconds, and the per-task packing of the shared operand grows as
     * the runs get thinner.
     */
    static final long MIN_FLOPS_PER_TASK = 1L << 22;
    /**
     * Runs start at multiples of this many rows or columns: a multiple of every micro-tile height and
     * width (4 or 8 rows, 12 or 24 columns), so that no run starts inside a micro-tile.
     */
    static final int ALIGN = 24;

    /** The body on items {@code [from, to)}. */
    @FunctionalInterface
    interface Range {
        void run(int from, int to);
    }

    private CoarseSplit() {
    }

    /**
     * How many runs {@code items} independent items costing {@code flopsPerItem} each get on
     * {@code threads} threads: at most one per thread and per {@link #ALIGN} items, and one per
     * {@link #MIN_FLOPS_PER_TASK} flops.
     */
    static int tasks(int items, double flopsPerItem, int threads) {
        if (items <= 0) {
            return 0;
        }
        long byWork = (long) Math.max(1.0, items * flopsPerItem / MIN_FLOPS_PER_TASK);
        long byItems = Math.max(1, items / ALIGN);
        return (int) Math.max(1L, Math.min(Math.min(threads, byItems), byWork));
    }

    /**
     * Runs {@code body} over {@code [0, items)} in {@link #tasks} contiguous runs of about equal size
     * on up to {@code threads} threads and waits for all; one run is a plain call.
     */
    static void run(int items, double flopsPerItem, int threads, Range body) {
        int tasks = tasks(items, flopsPerItem, threads);
        if (tasks == 0) {
            return;
        }
        if (tasks == 1) {
            body.run(0, items);
            return;
        }
        ParallelRunner.run(tasks, tasks, t -> body.run(start(t, tasks, items), start(t + 1, tasks, items)));
    }

    /** The first item of run {@code t} of {@code tasks}: {@code t·items/tasks} rounded to {@link #ALIGN}. */
    static int start(int t, int tasks, int items) {
        if (t >= tasks) {
            return items;
        }
        long at = (long) t * items / tasks;
        return (int) Math.min(items, (at + ALIGN / 2) / ALIGN * ALIGN);
    }

    /** Runs {@code first} and {@code second} on two threads when {@code threads ≥ 2}, else one after the other. */
    static void both(int threads, Runnable first, Runnable second) {
        if (threads < 2) {
            first.run();
            second.run();
            return;
        }
        ParallelRunner.run(2, 2, t -> (t == 0 ? first : second).run());
    }
}
