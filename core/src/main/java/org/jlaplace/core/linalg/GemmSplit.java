package org.jlaplace.core.linalg;

/**
 * How a GEMM's C is cut into tasks, shared by the double ({@link Gemm}) and float ({@link SGemm})
 * products: the longer side of C, counted in micro-tiles, is split into contiguous runs of whole
 * tiles, at most one run per thread and per {@link Gemm#MIN_FLOPS_PER_TASK} flops. Every task gets
 * whole tiles, so each element of C is computed as it would be on one thread.
 */
final class GemmSplit {

    /** The body run on the rectangle rows {@code [r0, r1)} × columns {@code [c0, c1)} of C. */
    @FunctionalInterface
    interface Rectangle {
        void run(int r0, int r1, int c0, int c1);
    }

    private GemmSplit() {
    }

    /** Runs {@code body} over the rectangles of the {@code m×n} product of depth {@code k} on up to {@code threads} threads. */
    static void run(int m, int n, int k, int mr, int nr, int threads, Rectangle body) {
        long flops = 2L * m * n * k;
        int rowTiles = (m + mr - 1) / mr;
        int colTiles = (n + nr - 1) / nr;
        // Split the longer side (in tiles) so that every task has whole tiles.
        boolean splitColumns = colTiles >= rowTiles;
        int tiles = splitColumns ? colTiles : rowTiles;
        int tasks = (int) Math.max(1, Math.min(Math.min(threads, tiles), flops / Gemm.MIN_FLOPS_PER_TASK));
        ParallelRunner.run(tasks, tasks, t -> {
            int first = (int) ((long) t * tiles / tasks);
            int last = (int) ((long) (t + 1) * tiles / tasks);
            if (splitColumns) {
                body.run(0, m, first * nr, Math.min(n, last * nr));
            } else {
                body.run(first * mr, Math.min(m, last * mr), 0, n);
            }
        });
    }
}
