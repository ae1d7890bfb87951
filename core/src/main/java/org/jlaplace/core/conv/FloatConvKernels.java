package org.jlaplace.core.conv;

import java.util.Arrays;

import org.jlaplace.core.linalg.SGemm;
import org.jlaplace.core.linalg.Parallel;

/**
 * The float32 twins of {@link ConvKernels}: the same functions with the same parameter lists on
 * {@code float[]} data, computed with {@link SGemm} (float accumulation). See {@link ConvKernels}
 * for the layouts and formulas. The scheme is the same: the batch is split over the thread pool,
 * each image's patch matrix ({@link PatchPlan}, shared with the double kernels) is multiplied by
 * one GEMM while it is still in cache, and the weight adjoint sums fixed chunks of images, so every
 * result is bitwise identical for any thread count. (One GEMM over the whole batch's patch matrix
 * was measured slower for the 16→32-channel 14×14 layer of the MNIST CNN: its patch matrix,
 * 7 MiB at batch 64, no longer stays in cache between im2col and the GEMM.)
 *
 * <p>The method bodies repeat those of {@link ConvKernels} with {@code float} for {@code double}:
 * Java has no generics over primitive arrays; the type-free parts (patch index arithmetic, work
 * estimates, chunking) are shared.
 */
public final class FloatConvKernels {

    /** Per-thread scratch for one image's patch matrix, grown on demand and reused across calls. */
    private static final ThreadLocal<float[][]> SCRATCH = ThreadLocal.withInitial(() -> new float[1][0]);

    private FloatConvKernels() {
    }

    /**
     * {@code y_n = W·X_n + b 1ᵀ} for every image, or {@code y_n += W·X_n} when {@code accumulate}
     * (then {@code bias} must be {@code null}; see {@link #addBias}).
     *
     * @param w    filters {@code [outC, D]}
     * @param bias {@code [outC]} or {@code null}
     * @param y    {@code [N, outC, S]}
     */
    public static void forward(ConvGeometry g, float[] x, float[] w, int outC, float[] bias, float[] y,
                               boolean accumulate, int threads) {
        if (accumulate && bias != null) {
            throw new IllegalArgumentException("FloatConvKernels.forward: add the bias with addBias when accumulating");
        }
        int d = g.patchSize();
        int s = g.outPositions();
        int imageSize = g.imageSize();
        PatchPlan plan = PatchPlan.of(g);
        long work = 2L * outC * d * s + (long) d * s;
        int inner = ConvKernels.innerThreads(g.batch(), work, threads);
        Parallel.forRange(g.batch(), work, threads, (from, to) -> {
            float[] cols = scratch(d * s);
            for (int n = from; n < to; n++) {
                im2col(plan, x, n * imageSize, cols);
                int yOff = n * outC * s;
                float beta = accumulate ? 1.0f : 0.0f;
                if (bias != null) {
                    for (int o = 0; o < outC; o++) {
                        Arrays.fill(y, yOff + o * s, yOff + (o + 1) * s, bias[o]);
                    }
                    beta = 1.0f;
                }
                SGemm.gemm(false, false, outC, s, d, 1.0f, w, 0, d, cols, 0, s, beta, y, yOff, s, inner);
            }
        });
    }

    /** {@code y_n = W·X_n + b 1ᵀ} for every image (the non-accumulating {@link #forward(ConvGeometry, float[], float[], int, float[], float[], boolean, int)}). */
    public static void forward(ConvGeometry g, float[] x, float[] w, int outC, float[] bias, float[] y, int threads) {
        forward(g, x, w, outC, bias, y, false, threads);
    }

    /** {@code y[n, o, :] += bias[o]} for every image {@code n} of {@code y} ({@code [N, outC, S]}). */
    public static void addBias(int batch, int outC, int s, float[] bias, float[] y, int threads) {
        Parallel.forRange(batch, (long) outC * s, threads, (from, to) -> {
            for (int n = from; n < to; n++) {
                for (int o = 0; o < outC; o++) {
                    int base = (n * outC + o) * s;
                    float b = bias[o];
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
    public static void backwardInput(ConvGeometry g, float[] gy, float[] w, int outC, float[] dx, int threads) {
        int d = g.patchSize();
        int s = g.outPositions();
        int imageSize = g.imageSize();
        PatchPlan plan = PatchPlan.of(g);
        // Wᵀ once, so that every image's GEMM reads both operands row by row.
        float[] wt = new float[d * outC];
        for (int o = 0; o < outC; o++) {
            for (int k = 0; k < d; k++) {
                wt[k * outC + o] = w[o * d + k];
            }
        }
        long work = 2L * outC * d * s + 2L * d * s + imageSize;
        int inner = ConvKernels.innerThreads(g.batch(), work, threads);
        Parallel.forRange(g.batch(), work, threads, (from, to) -> {
            float[] cols = scratch(d * s);
            for (int n = from; n < to; n++) {
                SGemm.gemm(false, false, d, s, outC, 1.0f, wt, 0, outC, gy, n * outC * s, s, 0.0f, cols, 0, s, inner);
                Arrays.fill(dx, n * imageSize, (n + 1) * imageSize, 0.0f);
                col2im(plan, cols, dx, n * imageSize);
            }
        });
    }

    /**
     * {@code ∂W += Σ_n ∂y_n·X_nᵀ}, {@code dw} of {@code [outC, D]}. The images are summed in fixed
     * chunks of {@link ConvKernels#weightChunk(int)}, each into its own partial; the partials are added to
     * {@code dw} in chunk order.
     *
     * @param gy {@code [N, outC, S]}
     * @param x  {@code [N, C, H, W]}
     */
    public static void backwardWeight(ConvGeometry g, float[] gy, float[] x, int outC, float[] dw, int threads) {
        int n = g.batch();
        if (n == 0) {
            return;
        }
        int d = g.patchSize();
        int s = g.outPositions();
        int imageSize = g.imageSize();
        PatchPlan plan = PatchPlan.of(g);
        int chunk = ConvKernels.weightChunk(n);
        int chunks = (n + chunk - 1) / chunk;
        int size = outC * d;
        float[][] partial = new float[chunks][];
        long workPerChunk = (2L * outC * d * s + (long) d * s) * chunk;
        int useThreads = Parallel.tasks(chunks, workPerChunk, threads);
        int inner = useThreads == 1 ? threads : 1;
        // The GEMM packs its transposed operand: ∂y_n (outC·S entries) when it is the smaller, giving
        // the partial as ∂Wᵀ = Σ X_n·∂y_nᵀ ([D, outC]), else X_nᵀ (D·S entries), giving ∂W.
        boolean transposed = outC < d;
        Parallel.forEach(chunks, useThreads, c -> {
            float[] p = new float[size];
            float[] cols = scratch(d * s);
            for (int i = c * chunk; i < Math.min(n, (c + 1) * chunk); i++) {
                im2col(plan, x, i * imageSize, cols);
                if (transposed) {
                    SGemm.gemm(false, true, d, outC, s, 1.0f, cols, 0, s, gy, i * outC * s, s, 1.0f, p, 0, outC, inner);
                } else {
                    SGemm.gemm(false, true, outC, d, s, 1.0f, gy, i * outC * s, s, cols, 0, s, 1.0f, p, 0, d, inner);
                }
            }
            partial[c] = p;
        });
        for (float[] p : partial) {
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

    /**
     * {@code ∂b[o] += Σ_n Σ_s ∂y[n, o, s]}, {@code db} of {@code [outC]}; each channel sums its
     * images in order, one image's positions at a time.
     */
    public static void backwardBias(int batch, int outC, int s, float[] gy, float[] db, int threads) {
        Parallel.forRange(outC, (long) batch * s, threads, (from, to) -> {
            for (int o = from; o < to; o++) {
                float total = db[o];
                for (int n = 0; n < batch; n++) {
                    int base = (n * outC + o) * s;
                    float acc = 0.0f;
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
    public static float[] patchesByPosition(ConvGeometry g, float[] x, int threads) {
        int d = g.patchSize();
        int s = g.outPositions();
        int imageSize = g.imageSize();
        PatchPlan plan = PatchPlan.of(g);
        float[] out = new float[g.batch() * s * d];
        Parallel.forRange(g.batch(), 3L * d * s, threads, (from, to) -> {
            float[] cols = scratch(d * s);
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
    static void im2col(PatchPlan plan, float[] x, int xOff, float[] cols) {
        int outW = plan.outW();
        if (plan.rowsContiguous()) {
            // One copy per patch row, then zeros over the padding entries it carried over from
            // neighbouring input rows: per-segment copies of a few entries cost more in calls than in data.
            int rowSize = plan.outH() * outW;
            for (int r = 0, base = 0; r < plan.rows(); r++, base += rowSize) {
                int start = plan.runStart()[r];
                int end = plan.runEnd()[r];
                Arrays.fill(cols, base, start, 0.0f);
                System.arraycopy(x, xOff + plan.runSource()[r], cols, start, end - start);
                Arrays.fill(cols, end, base + rowSize, 0.0f);
            }
            for (int at : plan.gaps()) {
                cols[at] = 0.0f;
            }
            return;
        }
        int st = plan.stride();
        for (int t = 0, dst = 0; t < plan.segments(); t++, dst += outW) {
            int lo = plan.lo()[t];
            int hi = plan.hi()[t];
            for (int q = 0; q < lo; q++) {
                cols[dst + q] = 0.0f;
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
                cols[dst + q] = 0.0f;
            }
        }
    }

    /**
     * Adds the {@code [D, S]} patch matrix {@code cols} back onto the image at {@code xOff} (the adjoint
     * of {@link #im2col}). On the contiguous path it first zeroes the padding entries of {@code cols}
     * between output rows (they are dropped anyway), so that each patch row is one long add.
     */
    static void col2im(PatchPlan plan, float[] cols, float[] x, int xOff) {
        int outW = plan.outW();
        if (plan.rowsContiguous()) {
            for (int at : plan.gaps()) {
                cols[at] = 0.0f;
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

    private static float[] scratch(int size) {
        float[][] holder = SCRATCH.get();
        if (holder[0].length < size) {
            holder[0] = new float[size];
        }
        return holder[0];
    }
}
