package org.jlaplace.core;

import org.jlaplace.core.kernels.KernelProvider;
import org.jlaplace.core.kernels.VectorKernels;

/**
 * Reductions of {@link Tensor}. Sums run in one row-major pass over the input, accumulating into
 * an output addressed with zero strides on the reduced axes. Single-axis reductions see a
 * contiguous input as {@code [outer, n, inner]} with the reduced axis in the middle, so the
 * innermost loop runs over contiguous memory.
 */
final class Reductions {
    private Reductions() {
    }

    /** {@code out[j] = Σ_{i ↦ j} x[i]}, the sum over the masked axes, as a contiguous keep-dims array. */
    static double[] sum(Tensor x, boolean[] mask) {
        int rank = x.shape.length;
        int[] keptShape = Shapes.reducedShape(x.shape, mask, true);
        double[] out = new double[Shapes.prod(keptShape, 0, rank)];
        if (x.size == 0) {
            return out;
        }
        if (rank == 0) {
            out[0] = x.data[x.offset];
            return out;
        }
        int lead = leadingAxes(mask);
        if (lead > 0 && lead < rank && x.isContiguous()) {
            columnSums(x.data, x.offset, Shapes.prod(x.shape, 0, lead), out);
            return out;
        }
        int[] outStrides = Shapes.contiguousStrides(keptShape);
        for (int i = 0; i < rank; i++) {
            if (mask[i]) {
                outStrides[i] = 0;
            }
        }
        int inner = x.shape[rank - 1];
        int rows = x.size / inner;
        int sx = x.strides[rank - 1];
        int so = outStrides[rank - 1];
        int[] idx = new int[rank - 1];
        int px = x.offset;
        int po = 0;
        double[] xd = x.data;
        VectorKernels kernels = KernelProvider.get();
        for (int r = 0; r < rows; r++) {
            if (so == 0 && sx == 1) {
                // A contiguous row summed into one output: the kernel's several accumulators beat
                // one serial chain of additions.
                out[po] += kernels.sum(xd, px, inner);
            } else if (so == 0) {
                double s = 0;
                for (int j = 0; j < inner; j++) {
                    s += xd[px + j * sx];
                }
                out[po] += s;
            } else if (sx == 1) {
                for (int j = 0; j < inner; j++) {
                    out[po + j] += xd[px + j];
                }
            } else {
                for (int j = 0; j < inner; j++) {
                    out[po + j] += xd[px + j * sx];
                }
            }
            for (int ax = rank - 2; ax >= 0; ax--) {
                idx[ax]++;
                px += x.strides[ax];
                po += outStrides[ax];
                if (idx[ax] < x.shape[ax]) {
                    break;
                }
                px -= x.strides[ax] * x.shape[ax];
                po -= outStrides[ax] * x.shape[ax];
                idx[ax] = 0;
            }
        }
        return out;
    }

    /** The number {@code k} when the mask selects exactly the axes {@code 0 … k−1}, else 0. */
    private static int leadingAxes(boolean[] mask) {
        int k = 0;
        while (k < mask.length && mask[k]) {
            k++;
        }
        for (int i = k; i < mask.length; i++) {
            if (mask[i]) {
                return 0;
            }
        }
        return k;
    }

    /**
     * {@code out[j] = Σ_r x[off + r·cols + j]} with {@code cols = out.length}: the sum over leading
     * (batch) axes, e.g. a bias gradient. Each row is one axpy into the output, so the columns are
     * summed in row order exactly as the strided loop does, but with the kernel layer's SIMD loop.
     */
    private static void columnSums(double[] x, int off, int rows, double[] out) {
        int cols = out.length;
        VectorKernels kernels = KernelProvider.get();
        for (int r = 0; r < rows; r++) {
            kernels.axpy(1.0, x, off + r * cols, out, 0, cols);
        }
    }

    /** {@code out[o, i] = max_j x[o, j, i]}; NaN propagates. */
    static double[] max(double[] x, int off, int outer, int n, int inner) {
        double[] out = new double[outer * inner];
        for (int o = 0; o < outer; o++) {
            int base = off + o * n * inner;
            System.arraycopy(x, base, out, o * inner, inner);
            for (int j = 1; j < n; j++) {
                int row = base + j * inner;
                for (int i = 0; i < inner; i++) {
                    out[o * inner + i] = Math.max(out[o * inner + i], x[row + i]);
                }
            }
        }
        return out;
    }

    /** {@code out[o, i] = argmax_j x[o, j, i]}, the first index of the maximum. */
    static int[] argmax(double[] x, int off, int outer, int n, int inner, int[] shape, int axis) {
        int[] out = new int[outer * inner];
        double[] best = new double[inner];
        for (int o = 0; o < outer; o++) {
            int base = off + o * n * inner;
            for (int j = 0; j < n; j++) {
                int row = base + j * inner;
                for (int i = 0; i < inner; i++) {
                    double v = x[row + i];
                    if (Double.isNaN(v)) {
                        throw new IllegalArgumentException("argmax: NaN at position " + j + " along axis " + axis
                                + " of shape " + Shapes.str(shape));
                    }
                    if (j == 0 || v > best[i]) {
                        best[i] = v;
                        out[o * inner + i] = j;
                    }
                }
            }
        }
        return out;
    }

    /**
     * {@code out[o, i] = m + log Σ_j exp(x[o, j, i] − m)} with {@code m = max_j x[o, j, i]}, so no
     * exponential overflows; an all-{@code −∞} slice gives {@code −∞}, a {@code +∞} entry {@code +∞}.
     */
    static double[] logsumexp(double[] x, int off, int outer, int n, int inner) {
        if (inner == 1 && n > 0) {
            return lastAxisLogsumexp(x, off, outer, n);
        }
        double[] out = n == 0 ? new double[outer * inner] : max(x, off, outer, n, inner);
        if (n == 0) {
            java.util.Arrays.fill(out, Double.NEGATIVE_INFINITY);
            return out;
        }
        double[] sums = new double[inner];
        for (int o = 0; o < outer; o++) {
            int base = off + o * n * inner;
            int ob = o * inner;
            java.util.Arrays.fill(sums, 0.0);
            for (int j = 0; j < n; j++) {
                int row = base + j * inner;
                for (int i = 0; i < inner; i++) {
                    sums[i] += Math.exp(x[row + i] - shift(out[ob + i]));
                }
            }
            for (int i = 0; i < inner; i++) {
                out[ob + i] = shift(out[ob + i]) + Math.log(sums[i]);
            }
        }
        return out;
    }

    /**
     * The shift used inside logsumexp: the maximum itself when finite, 0 when infinite (then the
     * sum of exponentials is exactly 0 or ∞ and the log gives the right infinite answer).
     */
    private static double shift(double m) {
        return Double.isInfinite(m) ? 0.0 : m;
    }

    /**
     * Log-softmax {@code out[o, j, i] = (x[o, j, i] − m) − log Σ_j' exp(x[o, j', i] − m)} with
     * {@code m} the maximum over {@code j}, or softmax {@code exp(x − m) / Σ exp(x − m)} when
     * {@code exponentiate}. Subtracting {@code m} before anything else keeps full relative precision
     * even at logits of ±1000, where {@code x − logsumexp(x)} would cancel.
     */
    static double[] logSoftmax(double[] x, int off, int outer, int n, int inner, boolean exponentiate) {
        double[] out = new double[outer * n * inner];
        if (n == 0) {
            return out;
        }
        if (inner == 1) {
            lastAxisLogSoftmax(x, off, outer, n, exponentiate, out);
            return out;
        }
        double[] shifts = max(x, off, outer, n, inner);
        double[] sums = new double[inner];
        for (int o = 0; o < outer; o++) {
            int ob = o * inner;
            java.util.Arrays.fill(sums, 0.0);
            for (int j = 0; j < n; j++) {
                int src = off + (o * n + j) * inner;
                int dst = (o * n + j) * inner;
                for (int i = 0; i < inner; i++) {
                    double centred = x[src + i] - shift(shifts[ob + i]);
                    double e = Math.exp(centred);
                    sums[i] += e;
                    out[dst + i] = exponentiate ? e : centred;
                }
            }
            for (int i = 0; i < inner; i++) {
                // Reuse the sums array as the per-slice normaliser: 1/Σ for softmax, log Σ for log-softmax.
                sums[i] = exponentiate ? 1.0 / sums[i] : Math.log(sums[i]);
            }
            for (int j = 0; j < n; j++) {
                int dst = (o * n + j) * inner;
                for (int i = 0; i < inner; i++) {
                    out[dst + i] = exponentiate ? out[dst + i] * sums[i] : out[dst + i] - sums[i];
                }
            }
        }
        return out;
    }

    // The reduced axis is most often the last one (classes of logits); then every slice is a
    // contiguous segment and the loops below avoid the [outer, n, inner] bookkeeping.

    private static double segmentMax(double[] x, int from, int n) {
        double m = x[from];
        for (int j = 1; j < n; j++) {
            m = Math.max(m, x[from + j]);
        }
        return m;
    }

    private static double[] lastAxisLogsumexp(double[] x, int off, int outer, int n) {
        double[] out = new double[outer];
        for (int o = 0; o < outer; o++) {
            int from = off + o * n;
            double m = shift(segmentMax(x, from, n));
            double s = 0;
            for (int j = 0; j < n; j++) {
                s += Math.exp(x[from + j] - m);
            }
            out[o] = m + Math.log(s);
        }
        return out;
    }

    private static void lastAxisLogSoftmax(double[] x, int off, int outer, int n, boolean exponentiate, double[] out) {
        for (int o = 0; o < outer; o++) {
            int from = off + o * n;
            int to = o * n;
            double m = shift(segmentMax(x, from, n));
            double s = 0;
            if (exponentiate) {
                for (int j = 0; j < n; j++) {
                    double e = Math.exp(x[from + j] - m);
                    out[to + j] = e;
                    s += e;
                }
                double inv = 1.0 / s;
                for (int j = 0; j < n; j++) {
                    out[to + j] *= inv;
                }
            } else {
                for (int j = 0; j < n; j++) {
                    double centred = x[from + j] - m;
                    out[to + j] = centred;
                    s += Math.exp(centred);
                }
                double logS = Math.log(s);
                for (int j = 0; j < n; j++) {
                    out[to + j] -= logS;
                }
            }
        }
    }
}
