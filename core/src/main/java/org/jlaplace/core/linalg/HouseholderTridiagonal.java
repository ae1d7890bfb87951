package org.jlaplace.core.linalg;

import java.util.Arrays;

import org.jlaplace.core.kernels.VectorKernels;

/**
 * Blocked Householder reduction of a symmetric matrix to tridiagonal form, {@code A = Q·T·Qᵀ}, in
 * place on a row-major {@code n×n} array of which only the upper triangle ({@code j ≥ i}) is read.
 *
 * <p>Reflector {@code k} ({@code k = 0 … n−2}) is {@code H_k = I − τ_k·v_k·v_kᵀ} with
 * {@code v_k = (0, …, 0, 1, a[k][k+2], …, a[k][n−1])} (the 1 at index {@code k+1}); it maps row
 * {@code k} right of the diagonal onto {@code e_k·e_{k+1}}. {@code Q = H_0·H_1···H_{n−2}},
 * {@code T} has diagonal {@code d} and off-diagonal {@code e}.
 *
 * <p>Panels of {@link #PANEL} reflectors follow LAPACK's {@code dsytrd}/{@code dlatrd}: within a panel
 * the trailing matrix is kept as {@code Â = A − V·Wᵀ − W·Vᵀ} without forming it, and each new
 * reflector needs {@code w = τ·Â·v − ½·τ²·(vᵀÂv)·v}, whose {@code A·v} is a symmetric
 * matrix–vector product over the upper triangle ({@link SymmetricProduct}). After the panel the
 * trailing upper triangle gets the rank-{@code 2·PANEL} update {@code A −= [V W]·[W V]ᵀ} by GEMM.
 * Results are bitwise the same for every thread count.
 */
final class HouseholderTridiagonal {

    /** Reflectors per panel: the rank of each trailing update is twice this. */
    static final int PANEL = 32;
    /** Rows per task of the trailing update (a multiple of every micro-tile height). */
    static final int UPDATE_ROWS = 96;

    private HouseholderTridiagonal() {
    }

    /**
     * Reduces {@code a} in place: on return {@code d[0…n)} and {@code e[0…n−1)} hold {@code T}, {@code tau[k]}
     * and row {@code k} of {@code a} right of {@code k+1} hold reflector {@code k}; the rest of {@code a} is scratch.
     */
    static void reduce(VectorKernels kernels, double[] a, int n, double[] d, double[] e, double[] tau, int threads) {
        if (n == 1) {
            d[0] = a[0];
            return;
        }
        double[] vw = new double[2 * PANEL * n];
        double[] wv = new double[2 * PANEL * n];
        SymmetricProduct symv = new SymmetricProduct(kernels, n);
        double[] y = new double[n];
        for (int k0 = 0; k0 < n - 1; k0 += PANEL) {
            int nb = Math.min(PANEL, n - 1 - k0);
            panel(kernels, a, n, k0, nb, d, e, tau, vw, y, symv, threads);
            trailingUpdate(kernels, a, n, k0 + nb, nb, vw, wv, threads);
        }
        d[n - 1] = a[(n - 1) * n + n - 1];
    }

    /** Reflectors {@code k0 … k0+nb−1}; rows {@code 0…nb} of {@code vw} get V, rows {@code nb…2nb} get W. */
    private static void panel(VectorKernels kernels, double[] a, int n, int k0, int nb, double[] d, double[] e,
                              double[] tau, double[] vw, double[] y, SymmetricProduct symv, int threads) {
        int wOff = nb * n;
        for (int j = 0; j < nb; j++) {
            int k = k0 + j;
            int row = k * n;
            // Row k of Â: the panel's earlier reflectors, applied to this row only now.
            for (int i = 0; i < j; i++) {
                int vi = i * n;
                int wi = wOff + i * n;
                kernels.axpy(-vw[vi + k], vw, wi + k, a, row + k, n - k);
                kernels.axpy(-vw[wi + k], vw, vi + k, a, row + k, n - k);
            }
            d[k] = a[row + k];
            int m = n - k - 1;
            double t = reflector(kernels, a, row + k + 1, m);
            tau[k] = t;
            e[k] = a[row + k + 1];
            int vj = j * n;
            int wj = wOff + j * n;
            Arrays.fill(vw, vj, vj + k + 1, 0.0);
            vw[vj + k + 1] = 1.0;
            System.arraycopy(a, row + k + 2, vw, vj + k + 2, m - 1);
            Arrays.fill(vw, wj, wj + n, 0.0);
            if (t == 0.0) {
                continue;
            }
            // w = τ·(A·v − V·(Wᵀv) − W·(Vᵀv)) on indices k+1…n−1.
            symv.multiply(a, k + 1, vw, vj, y, threads);
            System.arraycopy(y, k + 1, vw, wj + k + 1, m);
            for (int i = 0; i < j; i++) {
                int vi = i * n;
                int wi = wOff + i * n;
                double vv = kernels.dot(vw, vi + k + 1, vw, vj + k + 1, m);
                double wvDot = kernels.dot(vw, wi + k + 1, vw, vj + k + 1, m);
                kernels.axpy(-wvDot, vw, vi + k + 1, vw, wj + k + 1, m);
                kernels.axpy(-vv, vw, wi + k + 1, vw, wj + k + 1, m);
            }
            kernels.scale(t, vw, wj + k + 1, m);
            double alpha = -0.5 * t * kernels.dot(vw, wj + k + 1, vw, vj + k + 1, m);
            kernels.axpy(alpha, vw, vj + k + 1, vw, wj + k + 1, m);
        }
    }

    /**
     * Generates the reflector of the {@code m}-vector {@code x = a[at…at+m)} (LAPACK's {@code dlarfg}):
     * {@code β = −sign(x₀)·‖x‖}, {@code τ = (β − x₀)/β}, the tail scaled by {@code 1/(x₀ − β)} so that
     * {@code v = (1, tail)}, and {@code x₀} replaced by {@code β}. Returns {@code τ}, which is 0 when the
     * tail is zero (then {@code H = I}).
     */
    static double reflector(VectorKernels kernels, double[] a, int at, int m) {
        if (m <= 1) {
            return 0.0;
        }
        double x0 = a[at];
        double tail = Math.sqrt(kernels.sumOfSquares(a, at + 1, m - 1));
        if (tail == 0.0) {
            Arrays.fill(a, at + 1, at + m, 0.0);
            return 0.0;
        }
        double beta = -Math.copySign(Math.hypot(x0, tail), x0);
        kernels.scale(1.0 / (x0 - beta), a, at + 1, m - 1);
        a[at] = beta;
        return (beta - x0) / beta;
    }

    /**
     * {@code A[r][c] −= Σ_i (V_i[r]·W_i[c] + W_i[r]·V_i[c])} for {@code from ≤ r ≤ c < n}, as one GEMM
     * {@code [V W]·[W V]ᵀ} per band of {@link #UPDATE_ROWS} rows (the band's diagonal block in full;
     * entries below the diagonal are scratch). Each band is a single-threaded GEMM, so every entry is
     * computed the same way whichever thread takes its band.
     */
    private static void trailingUpdate(VectorKernels kernels, double[] a, int n, int from, int nb, double[] vw,
                                       double[] wv, int threads) {
        int m = n - from;
        if (m <= 0) {
            return;
        }
        // [W; V]: the same rows as vw in the other order.
        System.arraycopy(vw, nb * n, wv, 0, nb * n);
        System.arraycopy(vw, 0, wv, nb * n, nb * n);
        int bands = (m + UPDATE_ROWS - 1) / UPDATE_ROWS;
        long flops = 2L * m * m * nb;
        int tasks = (int) Math.max(1, Math.min(bands, flops / Gemm.MIN_FLOPS_PER_TASK));
        ParallelRunner.run(bands, tasks > 1 ? threads : 1, band -> {
            int r0 = from + band * UPDATE_ROWS;
            int r1 = Math.min(n, r0 + UPDATE_ROWS);
            Gemm.gemm(kernels, true, false, r1 - r0, n - r0, 2 * nb, -1.0, vw, r0, n, wv, r0, n,
                    1.0, a, r0 * n + r0, n, 1);
        });
    }
}
