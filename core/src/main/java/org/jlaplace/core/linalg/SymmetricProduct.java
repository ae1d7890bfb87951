package org.jlaplace.core.linalg;

import java.util.Arrays;

import org.jlaplace.core.kernels.VectorKernels;

/**
 * The symmetric matrix–vector product {@code y = A·v} on a trailing block {@code [from, n)²} of a
 * row-major {@code n×n} matrix of which only the upper triangle is read, in one pass over it: row
 * {@code i} contributes {@code a_ii·v_i + Σ_{j>i} a_ij·v_j} to {@code y_i} (a dot product) and
 * {@code a_ij·v_i} to every {@code y_j}, {@code j > i} (an axpy), both on the contiguous part of the
 * row right of the diagonal, which the dot product has just brought into the cache.
 *
 * <p>Large blocks are cut into two row ranges of about equal triangle area, each summed into its own
 * vector and the two added in a fixed order. The cut depends only on the block size, so the result
 * is bitwise the same whether one or two threads compute the ranges.
 */
final class SymmetricProduct {

    /** Blocks of at least this order are cut in two. */
    static final int SPLIT_ORDER = 320;

    private final VectorKernels kernels;
    private final int n;
    private final double[] partial;

    SymmetricProduct(VectorKernels kernels, int n) {
        this.kernels = kernels;
        this.n = n;
        this.partial = new double[n];
    }

    /** {@code y[i] = Σ_j A_ij·v[vOff + j]} for {@code i, j ∈ [from, n)}; other entries of {@code y} are untouched. */
    void multiply(double[] a, int from, double[] v, int vOff, double[] y, int threads) {
        int m = n - from;
        if (m < SPLIT_ORDER) {
            rows(a, from, n, from, v, vOff, y);
            return;
        }
        // Rows [from, cut) and [cut, n) hold about half of the triangle each: (n − cut)² = m²/2.
        int cut = n - (int) Math.round(m / Math.sqrt(2.0));
        ParallelRunner.run(2, threads, part -> {
            if (part == 0) {
                rows(a, from, cut, from, v, vOff, y);
            } else {
                rows(a, cut, n, from, v, vOff, partial);
            }
        });
        kernels.axpy(1.0, partial, cut, y, cut, n - cut);
    }

    /** Adds rows {@code [r0, r1)}'s contributions into {@code out[from…n)}, which it first clears. */
    private void rows(double[] a, int r0, int r1, int from, double[] v, int vOff, double[] out) {
        Arrays.fill(out, from, n, 0.0);
        for (int i = r0; i < r1; i++) {
            int row = i * n;
            int len = n - i - 1;
            double vi = v[vOff + i];
            out[i] += a[row + i] * vi + kernels.dot(a, row + i + 1, v, vOff + i + 1, len);
            kernels.axpy(vi, a, row + i + 1, out, i + 1, len);
        }
    }
}
