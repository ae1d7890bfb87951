package org.jlaplace.core.linalg;

/**
 * Plane rotations of adjacent rows, recorded in order and applied in batches to the rows of a
 * matrix {@code X} (one {@code double[]} per row). Rotation {@code (i, c, s)} replaces rows
 * {@code x_i, x_{i+1}} by {@code c·x_i − s·x_{i+1}} and {@code s·x_i + c·x_{i+1}}.
 *
 * <p>Why batches: applied one by one, every rotation streams two whole rows through the cache, and
 * the tridiagonal QL iteration makes millions of them. A batch is applied instead to one block of
 * {@link #CHUNK} columns at a time: the rows' parts in that block stay in the level-2 cache while the
 * whole batch runs over them, and the short row parts are contiguous, so the inner loop is a simple
 * vectorisable one. Columns never mix, so the blocks are independent tasks and the result is bitwise
 * the same for every thread count and every block width.
 */
final class RotationBatch {

    /** Rotations recorded before they are applied. */
    static final int CAPACITY = 1 << 15;
    /** Columns per block: {@code n·CHUNK·8} bytes of rows in the cache for {@code n} rows. */
    static final int CHUNK = 64;

    private final double[][] rows;
    private final int cols;
    private final int threads;
    private final int[] index = new int[CAPACITY];
    private final double[] cosines = new double[CAPACITY];
    private final double[] sines = new double[CAPACITY];
    private int count;

    RotationBatch(double[][] rows, int cols, int threads) {
        this.rows = rows;
        this.cols = cols;
        this.threads = threads;
    }

    /** Records rotation {@code (i, c, s)}, applying the batch first when it is full. */
    void add(int i, double c, double s) {
        if (count == CAPACITY) {
            flush();
        }
        index[count] = i;
        cosines[count] = c;
        sines[count] = s;
        count++;
    }

    /** Applies the recorded rotations, in order, and forgets them. */
    void flush() {
        if (count == 0) {
            return;
        }
        int blocks = (cols + CHUNK - 1) / CHUNK;
        long work = 6L * count * cols;
        int tasks = (int) Math.max(1, Math.min(blocks, work / Gemm.MIN_FLOPS_PER_TASK));
        ParallelRunner.run(blocks, tasks > 1 ? threads : 1, b -> {
            int c0 = b * CHUNK;
            apply(c0, Math.min(cols, c0 + CHUNK));
        });
        count = 0;
    }

    private void apply(int c0, int c1) {
        for (int r = 0; r < count; r++) {
            int i = index[r];
            rotate(rows[i], rows[i + 1], cosines[r], sines[r], c0, c1);
        }
    }

    private static void rotate(double[] x, double[] y, double c, double s, int c0, int c1) {
        for (int j = c0; j < c1; j++) {
            double xj = x[j];
            double yj = y[j];
            x[j] = c * xj - s * yj;
            y[j] = s * xj + c * yj;
        }
    }
}
