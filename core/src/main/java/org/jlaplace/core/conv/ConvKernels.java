package org.jlaplace.core.conv;

import java.util.Arrays;

import org.jlaplace.core.linalg.Gemm;
import org.jlaplace.core.linalg.Parallel;

/**
 * The batched convolution kernels on raw row-major arrays, shared by {@link Conv2d} (the tensor
 * API and the autodiff primitives) and the layer kernels of {@code Sequential}. With
 * {@code D = C·kh·kw} and {@code S = outH·outW}, input {@code x} is {@code [N, C, H, W]}, the
 * filters {@code W} are {@code [O, D]}, the output {@code y} is {@code [N, O, S]}, and for each image
 * the patch matrix {@code X_n = im2col(x_n)} is {@code [D, S]} (row {@code (c·kh + i)·kw + j}, column
 * {@code p·outW + q}, entry {@code x[n, c, p·s + i − pad, q·s + j − pad]}, zero outside):
 * <pre>
 *   forward:        y_n  = W·X_n (+ b 1ᵀ)
 *   input adjoint:  ∂x_n = col2im(Wᵀ·∂y_n)
 *   weight adjoint: ∂W   = Σ_n ∂y_n·X_nᵀ
 *   bias adjoint:   ∂b_o = Σ_n Σ_s ∂y[n, o, s]
 * </pre>
 * Folding {@code R} directions into the output channels ({@code O = R·O'}) gives the many-direction
 * rules of the layer kernels with the same functions.
 *
 * <p>Threads: the forward pass and the input adjoint split the images over tasks, each image's
 * patches and GEMM computed whole by one task. The weight adjoint sums fixed chunks of images (the
 * chunk size depends on {@code N} only) into one partial each and adds the partials in chunk order;
 * the bias adjoint splits the channels. So every result is bitwise identical for any thread count.
 * The GEMMs inside a task run on its thread only, unless there is a single task.
 */
public final class ConvKernels {

    /** Per-thread scratch for one image's patch matrix, grown on demand and reused across calls. */
    private static final ThreadLocal<double[][]> SCRATCH = ThreadLocal.withInitial(() -> new double[1][0]);

    private ConvKernels() {
    }

    /**
     * {@code y_n = W·X_n + b 1ᵀ} for every image, or {@code y_n += W·X_n} when {@code accumulate}
     * (then {@code bias} must be {@code null}; see {@link #addBias}).
     *
     * @param w    filters {@code [outC, D]}
     * @param bias {@code [outC]} or {@code null}
     * @param y    {@code [N, outC, S]}
     */
    public static void forward(ConvGeometry g, double[] x, double[] w, int outC, double[] bias, double[] y,
                               boolean accumulate, int threads) {
        if (accumulate && bias != null) {
            throw new IllegalArgumentException("ConvKernels.forward: add the bias with addBias when accumulating");
        }
        int d = g.patchSize();
        int s = g.outPositions();
        int imageSize = g.imageSize();
        PatchPlan plan = PatchPlan.of(g);
        long work = 2L * outC * d * s + (long) d * s;
        int inner = innerThreads(g.batch(), work, threads);
        Parallel.forRange(g.batch(), work, threads, (from, to) -> {
            double[] cols = scratch(d * s);
            for (int n = from; n < to; n++) {
                im2col(plan, x, n * imageSize, cols);
                int yOff = n * outC * s;
                double beta = accumulate ? 1.0 : 0.0;
                if (bias != null) {
                    for (int o = 0; o < outC; o++) {
                        Arrays.fill(y, yOff + o * s, yOff + (o + 1) * s, bias[o]);
                    }
                    beta = 1.0;
                }
                Gemm.gemm(false, false, outC, s, d, 1.0, w, 0, d, cols, 0, s, beta, y, yOff, s, inner);
            }
        });
    }

    /** {@code y[n, o, :] += bias[o]} for every image {@code n} of {@code y} ({@code [N, outC, S]}). */
    public static void addBias(int batch, int outC, int s, double[] bias, double[] y, int threads) {
        Parallel.forRange(batch, (long) outC * s, threads, (from, to) -> {
            for (int n = from; n < to; n++) {
                for (int o = 0; o < outC; o++) {
                    int base = (n * outC + o) * s;
                    double b = bias[o];
                    for (int q = 0; q < s; q++) {
                        y[base + q] += b;
                    }
                }
            }
        });
    }

    /**
     * {@code ∂x_n = col2im(Wᵀ·∂y_n)} for every image; {@code dx} ({@code [N, C, H, W]}) is overwritten.
     *
     * @param gy {@code [N, outC, S]}
     * @param w  filters {@code [outC, D]}
     */
    public static void backwardInput(ConvGeometry g, double[] gy, double[] w, int outC, double[] dx, int threads) {
        int d = g.patchSize();
        int s = g.outPositions();
        int imageSize = g.imageSize();
        PatchPlan plan = PatchPlan.of(g);
        // Wᵀ once, so that every image's GEMM reads both operands row by row.
        double[] wt = new double[d * outC];
        for (int o = 0; o < outC; o++) {
            for (int k = 0; k < d; k++) {
                wt[k * outC + o] = w[o * d + k];
            }
        }
        long work = 2L * outC * d * s + 2L * d * s + imageSize;
        int inner = innerThreads(g.batch(), work, threads);
        Parallel.forRange(g.batch(), work, threads, (from, to) -> {
            double[] cols = scratch(d * s);
            for (int n = from; n < to; n++) {
                Gemm.gemm(false, false, d, s, outC, 1.0, wt, 0, outC, gy, n * outC * s, s, 0.0, cols, 0, s, inner);
                Arrays.fill(dx, n * imageSize, (n + 1) * imageSize, 0.0);
                col2im(plan, cols, dx, n * imageSize);
            }
        });
    }

    /**
     * {@code ∂W += Σ_n ∂y_n·X_nᵀ}, {@code dw} of {@code [outC, D]}. The images are summed in fixed
     * chunks of {@link #weightChunk(int)}, each into its own partial; the partials are added to
     * {@code dw} in chunk order.
     *
     * @param gy {@code [N, outC, S]}
     * @param x  {@code [N, C, H, W]}
     */
    public static void backwardWeight(ConvGeometry g, double[] gy, double[] x, int outC, double[] dw, int threads) {
        int n = g.batch();
        if (n == 0) {
            return;
        }
        int d = g.patchSize();
        int s = g.outPositions();
        int imageSize = g.imageSize();
        PatchPlan plan = PatchPlan.of(g);
        int chunk = weightChunk(n);
        int chunks = (n + chunk - 1) / chunk;
        int size = outC * d;
        double[][] partial = new double[chunks][];
        long workPerChunk = (2L * outC * d * s + (long) d * s) * chunk;
        int useThreads = Parallel.tasks(chunks, workPerChunk, threads);
        int inner = useThreads == 1 ? threads : 1;
        // The GEMM packs its transposed operand: ∂y_n (outC·S entries) when it is the smaller, giving
        // the partial as ∂Wᵀ = Σ X_n·∂y_nᵀ ([D, outC]), else X_nᵀ (D·S entries), giving ∂W.
        boolean transposed = outC < d;
        Parallel.forEach(chunks, useThreads, c -> {
            double[] p = new double[size];
            double[] cols = scratch(d * s);
            for (int i = c * chunk; i < Math.min(n, (c + 1) * chunk); i++) {
                im2col(plan, x, i * imageSize, cols);
                if (transposed) {
                    Gemm.gemm(false, true, d, outC, s, 1.0, cols, 0, s, gy, i * outC * s, s, 1.0, p, 0, outC, inner);
                } else {
                    Gemm.gemm(false, true, outC, d, s, 1.0, gy, i * outC * s, s, cols, 0, s, 1.0, p, 0, d, inner);
                }
            }
            partial[c] = p;
        });
        for (double[] p : partial) {
            if (transposed) {
                for (int o = 0; o < outC; o++) {
                    for (int k = 0; k < d; k++) {
                        dw[o * d + k] += p[k * outC + o];
                    }
                }
            } else {
                for (int k = 0; k < size; k++) {
                    dw[k] += p[k];
                }
            }
        }
    }

    /** Images per partial sum of the weight adjoint: at least 4, and at most 16 chunks in all. */
    static int weightChunk(int batch) {
        return Math.max(4, (batch + 15) / 16);
    }

    /**
     * {@code ∂b[o] += Σ_n Σ_s ∂y[n, o, s]}, {@code db} of {@code [outC]}; each channel sums its
     * images in order, one image's positions at a time.
     */
    public static void backwardBias(int batch, int outC, int s, double[] gy, double[] db, int threads) {
        Parallel.forRange(outC, (long) batch * s, threads, (from, to) -> {
            for (int o = from; o < to; o++) {
                double total = db[o];
                for (int n = 0; n < batch; n++) {
                    int base = (n * outC + o) * s;
                    double acc = 0.0;
                    for (int q = 0; q < s; q++) {
                        acc += gy[base + q];
                    }
                    total += acc;
                }
                db[o] = total;
            }
        });
    }

    /**
     * The patches of every image laid out by position, {@code [N, S, D]} with entry
     * {@code [n, s, k] = X_n[k, s]} (the Kronecker-factor input of a convolution layer).
     */
    public static double[] patchesByPosition(ConvGeometry g, double[] x, int threads) {
        int d = g.patchSize();
        int s = g.outPositions();
        int imageSize = g.imageSize();
        PatchPlan plan = PatchPlan.of(g);
        double[] out = new double[g.batch() * s * d];
        Parallel.forRange(g.batch(), 3L * d * s, threads, (from, to) -> {
            double[] cols = scratch(d * s);
            for (int n = from; n < to; n++) {
                im2col(plan, x, n * imageSize, cols);
                int base = n * s * d;
                for (int k = 0; k < d; k++) {
                    int row = k * s;
                    for (int q = 0; q < s; q++) {
                        out[base + q * d + k] = cols[row + q];
                    }
                }
            }
        });
        return out;
    }

    /** Writes the {@code [D, S]} patch matrix of the image at {@code xOff} into {@code cols}. */
    static void im2col(PatchPlan plan, double[] x, int xOff, double[] cols) {
        int outW = plan.outW();
        if (plan.rowsContiguous()) {
            // One copy per patch row, then zeros over the padding entries it carried over from
            // neighbouring input rows: per-segment copies of a few entries cost more in calls than in data.
            int rowSize = plan.outH() * outW;
            for (int r = 0, base = 0; r < plan.rows(); r++, base += rowSize) {
                int start = plan.runStart()[r];
                int end = plan.runEnd()[r];
                Arrays.fill(cols, base, start, 0.0);
                System.arraycopy(x, xOff + plan.runSource()[r], cols, start, end - start);
                Arrays.fill(cols, end, base + rowSize, 0.0);
            }
            for (int at : plan.gaps()) {
                cols[at] = 0.0;
            }
            return;
        }
        int st = plan.stride();
        for (int t = 0, dst = 0; t < plan.segments(); t++, dst += outW) {
            int lo = plan.lo()[t];
            int hi = plan.hi()[t];
            for (int q = 0; q < lo; q++) {
                cols[dst + q] = 0.0;
            }
            if (hi > lo) {
                int src = xOff + plan.source()[t];
                if (st == 1) {
                    for (int q = lo; q < hi; q++) {
                        cols[dst + q] = x[src + q];
                    }
                } else {
                    for (int q = lo; q < hi; q++) {
                        cols[dst + q] = x[src + q * st];
                    }
                }
            }
            for (int q = Math.max(lo, hi); q < outW; q++) {
                cols[dst + q] = 0.0;
            }
        }
    }

    /**
     * Adds the {@code [D, S]} patch matrix {@code cols} back onto the image at {@code xOff} (the adjoint
     * of {@link #im2col}). On the contiguous path it first zeroes the padding entries of {@code cols}
     * between output rows (they are dropped anyway), so that each patch row is one long add.
     */
    static void col2im(PatchPlan plan, double[] cols, double[] x, int xOff) {
        int outW = plan.outW();
        if (plan.rowsContiguous()) {
            for (int at : plan.gaps()) {
                cols[at] = 0.0;
            }
            for (int r = 0; r < plan.rows(); r++) {
                int end = plan.runEnd()[r];
                int start = plan.runStart()[r];
                int dst = xOff + plan.runSource()[r] - start;
                for (int k = start; k < end; k++) {
                    x[dst + k] += cols[k];
                }
            }
            return;
        }
        int st = plan.stride();
        for (int t = 0, at = 0; t < plan.segments(); t++, at += outW) {
            int hi = plan.hi()[t];
            int dst = xOff + plan.source()[t];
            if (st == 1) {
                for (int q = plan.lo()[t]; q < hi; q++) {
                    x[dst + q] += cols[at + q];
                }
            } else {
                for (int q = plan.lo()[t]; q < hi; q++) {
                    x[dst + q * st] += cols[at + q];
                }
            }
        }
    }

    /**
     * The threads of the GEMM inside a task: all of them when the images make a single task (one
     * large image), else one, since the tasks already occupy the threads. GEMM results do not
     * depend on their thread count.
     */
    static int innerThreads(int items, long workPerItem, int threads) {
        return Parallel.tasks(items, workPerItem, threads) <= 1 ? threads : 1;
    }

    private static double[] scratch(int size) {
        double[][] holder = SCRATCH.get();
        if (holder[0].length < size) {
            holder[0] = new double[size];
        }
        return holder[0];
    }
}
