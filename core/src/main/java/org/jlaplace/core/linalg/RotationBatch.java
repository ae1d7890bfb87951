package org.jlaplace.core.linalg;

import java.util.Arrays;

/**
 * Plane rotations of adjacent rows, recorded in order and applied in batches to the rows of a
 * matrix {@code X} that it holds. Rotation {@code (i, c, s)} replaces rows
 * {@code x_i, x_{i+1}} by {@code c·x_i − s·x_{i+1}} and {@code s·x_i + c·x_{i+1}}, each entry computed as
 * {@code fma(c, x, −s·y)} and {@code fma(s, x, c·y)} (about an eighth faster than products and sums
 * on JDK 17 and 25, and as deterministic).
 *
 * <p>Why batches: applied one by one, every rotation streams two whole rows through the cache, and
 * the tridiagonal QL iteration makes millions of them. A batch is applied instead to one block of
 * {@link #CHUNK} columns at a time: the rows' parts in that block stay in the level-2 cache while the
 * whole batch runs over them, and the short row parts are contiguous, so the inner loop is a simple
 * vectorisable one. Columns never mix, so the blocks are independent tasks and the result is bitwise
 * the same for every thread count and every block width.
 *
 * <p>{@code X} is stored by column blocks: block {@code b} holds one short array per row, allocated
 * one after the other, so that a block's {@code n·CHUNK·8} bytes are contiguous in memory. With
 * slices of the rows of one {@code n×n} array instead, each slice on its own page, the rotations took
 * 1.8 times as long on one thread and did not get faster on two (n = 1569).
 */
final class RotationBatch {

    /** Rotations recorded before they are applied. */
    static final int CAPACITY = 1 << 15;
    /** Columns per block: {@code n·CHUNK·8} bytes of rows in the cache for {@code n} rows. */
    static final int CHUNK = 128;

    /** {@code blocks[b][i][j]} is {@code X[i][b·CHUNK + j]}. */
    private final double[][][] blocks;
    private final int cols;
    private final int threads;
    private final int[] index = new int[CAPACITY];
    private final double[] cosines = new double[CAPACITY];
    private final double[] sines = new double[CAPACITY];
    private int count;
    private long total;

    /** Takes a copy of the row-major {@code rows×cols} matrix {@code x} to rotate. */
    RotationBatch(double[] x, int rows, int cols, int threads) {
        this.cols = cols;
        this.threads = threads;
        int count = (cols + CHUNK - 1) / CHUNK;
        this.blocks = new double[count][rows][];
        for (int b = 0; b < count; b++) {
            int c0 = b * CHUNK;
            int c1 = Math.min(cols, c0 + CHUNK);
            for (int i = 0; i < rows; i++) {
                blocks[b][i] = Arrays.copyOfRange(x, i * cols + c0, i * cols + c1);
            }
        }
    }

    /** {@code X[row][col]} (as rotated so far: call {@link #flush} first). */
    double get(int row, int col) {
        return blocks[col / CHUNK][row][col % CHUNK];
    }

    /**
     * Writes {@code X} transposed with its rows permuted: {@code out[r·ld + c] = X[order[c]][r]} for
     * {@code c < order.length}, {@code r < cols}.
     */
    void transposeInto(int[] order, double[] out, int ld) {
        for (int b = 0; b < blocks.length; b++) {
            int c0 = b * CHUNK;
            double[][] block = blocks[b];
            for (int c = 0; c < order.length; c++) {
                double[] src = block[order[c]];
                for (int r = 0; r < src.length; r++) {
                    out[(c0 + r) * ld + c] = src[r];
                }
            }
        }
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
        total++;
    }

    /** How many rotations were recorded in all. */
    long total() {
        return total;
    }

    /** Applies the recorded rotations, in order, and forgets them. */
    void flush() {
        if (count == 0) {
            return;
        }
        long work = 6L * count * cols;
        int tasks = (int) Math.max(1, Math.min(blocks.length, work / Gemm.MIN_FLOPS_PER_TASK));
        ParallelRunner.run(blocks.length, tasks > 1 ? threads : 1, b -> apply(blocks[b], blocks[b][0].length));
        count = 0;
    }

    /**
     * Applies the batch to one block of rows {@code rows[i][0…width)}. Runs of rotations {@code i, i−1, i−2} (a QL sweep
     * is one long run) are applied three at a time in one pass over four rows, so each row part is
     * loaded and stored once per three rotations instead of twice per rotation. The loop reads all four
     * rows before it writes any, which lets the JIT compiler vectorise it (it does not with five rows).
     * Every entry still gets exactly the operations of the one-by-one order, so the grouping does not
     * change the result.
     */
    private void apply(double[][] rows, int width) {
        int r = 0;
        while (r < count) {
            int i = index[r];
            if (r + 2 < count && i >= 2 && index[r + 1] == i - 1 && index[r + 2] == i - 2) {
                rotate3(rows[i + 1], rows[i], rows[i - 1], rows[i - 2], r, width);
                r += 3;
            } else {
                rotate(rows[i], rows[i + 1], cosines[r], sines[r], width);
                r++;
            }
        }
    }

    /** Rotations {@code r, r+1, r+2} on rows {@code (x2, x3)}, then {@code (x1, x2)}, then {@code (x0, x1)}. */
    private void rotate3(double[] x3, double[] x2, double[] x1, double[] x0, int r, int width) {
        double ca = cosines[r];
        double sa = sines[r];
        double cb = cosines[r + 1];
        double sb = sines[r + 1];
        double cc = cosines[r + 2];
        double sc = sines[r + 2];
        for (int j = 0; j < width; j++) {
            double v3 = x3[j];
            double v2 = x2[j];
            double v1 = x1[j];
            double v0 = x0[j];
            double t2 = Math.fma(ca, v2, -sa * v3);
            double t1 = Math.fma(cb, v1, -sb * t2);
            x3[j] = Math.fma(sa, v2, ca * v3);
            x2[j] = Math.fma(sb, v1, cb * t2);
            x1[j] = Math.fma(sc, v0, cc * t1);
            x0[j] = Math.fma(cc, v0, -sc * t1);
        }
    }

    private static void rotate(double[] x, double[] y, double c, double s, int width) {
        for (int j = 0; j < width; j++) {
            double xj = x[j];
            double yj = y[j];
            x[j] = Math.fma(c, xj, -s * yj);
            y[j] = Math.fma(s, xj, c * yj);
        }
    }
}
