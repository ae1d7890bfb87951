package org.jlaplace.core.linalg;

import java.util.Arrays;

import org.jlaplace.core.kernels.VectorKernels;

/**
 * Forms {@code Qᵀ = H_{n−2}···H_1·H_0} explicitly (row-major) from the reflectors that
 * {@link HouseholderTridiagonal} leaves, with blocks of {@link #BLOCK} reflectors in compact WY form
 * (LAPACK's {@code dlarft}/{@code dorgtr} idea): {@code H_{k0}···H_{k0+b−1} = I − Y·T·Yᵀ} with the
 * vectors as the columns of {@code Y} and {@code T} upper triangular, built column by column as
 * {@code T_{ii} = τ_i}, {@code T_{0:i, i} = −τ_i·T_{0:i,0:i}·(Y_{:,0:i}ᵀ·y_i)}.
 *
 * <p>Starting from {@code X = I}, the blocks are applied last first from the right,
 * {@code X ← X·(I − Y·Tᵀ·Yᵀ) = X − ((X·Y)·Tᵀ)·Yᵀ}: three GEMMs on the trailing block
 * {@code [k0+1, n)²}, the only part of {@code X} that differs from the identity at that point
 * ({@code 4·m²·b} flops for an {@code m}-row trailing block, {@code 4n³/3} in all). GEMM results do
 * not depend on the thread count, so neither does {@code Qᵀ}.
 */
final class HouseholderTranspose {

    /** Reflectors per block. */
    static final int BLOCK = 48;

    private HouseholderTranspose() {
    }

    /** {@code Qᵀ} as a new row-major {@code n×n} array, from the reflectors in {@code a} and {@code tau}. */
    static double[] form(VectorKernels kernels, double[] a, int n, double[] tau, int threads) {
        double[] x = new double[n * n];
        for (int i = 0; i < n; i++) {
            x[i * n + i] = 1.0;
        }
        int reflectors = n - 1;
        if (reflectors <= 0) {
            return x;
        }
        double[] y = new double[BLOCK * n];
        double[] t = new double[BLOCK * BLOCK];
        double[] xy = new double[BLOCK * n];
        double[] xyt = new double[BLOCK * n];
        int lastStart = (reflectors - 1) / BLOCK * BLOCK;
        for (int k0 = lastStart; k0 >= 0; k0 -= BLOCK) {
            int b = Math.min(BLOCK, reflectors - k0);
            int s = k0 + 1;
            int m = n - s;
            vectors(a, n, k0, b, y);
            triangle(kernels, y, n, k0, b, tau, t);
            // XY = X[s:, s:]·Y[s:, :]    (m×b)
            Gemm.gemm(kernels, false, true, m, b, m, 1.0, x, s * n + s, n, y, s, n, 0.0, xy, 0, b, threads);
            // XYT = XY·Tᵀ                (m×b)
            Gemm.gemm(kernels, false, true, m, b, b, 1.0, xy, 0, b, t, 0, b, 0.0, xyt, 0, b, threads);
            // X[s:, s:] −= XYT·Yᵀ[:, s:]
            Gemm.gemm(kernels, false, false, m, m, b, -1.0, xyt, 0, b, y, s, n, 1.0, x, s * n + s, n, threads);
        }
        return x;
    }

    /** Rows {@code 0…b} of {@code y} (length {@code n} each) get the vectors of reflectors {@code k0…k0+b}. */
    private static void vectors(double[] a, int n, int k0, int b, double[] y) {
        for (int i = 0; i < b; i++) {
            int k = k0 + i;
            int row = i * n;
            Arrays.fill(y, row, row + k + 1, 0.0);
            y[row + k + 1] = 1.0;
            System.arraycopy(a, k * n + k + 2, y, row + k + 2, n - k - 2);
        }
    }

    /** The upper-triangular {@code b×b} factor {@code T} (row-major, leading dimension {@code b}, zero below). */
    private static void triangle(VectorKernels kernels, double[] y, int n, int k0, int b, double[] tau, double[] t) {
        Arrays.fill(t, 0, b * b, 0.0);
        double[] g = new double[b];
        for (int i = 0; i < b; i++) {
            double ti = tau[k0 + i];
            t[i * b + i] = ti;
            if (ti == 0.0) {
                continue;
            }
            // g_l = y_lᵀ·y_i over the support of y_i (indices ≥ k0+i+1).
            int from = k0 + i + 1;
            for (int l = 0; l < i; l++) {
                g[l] = kernels.dot(y, l * n + from, y, i * n + from, n - from);
            }
            for (int j = 0; j < i; j++) {
                double sum = 0.0;
                for (int l = j; l < i; l++) {
                    sum += t[j * b + l] * g[l];
                }
                t[j * b + i] = -ti * sum;
            }
        }
    }
}
