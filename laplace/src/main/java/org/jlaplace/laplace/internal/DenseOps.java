package org.jlaplace.laplace.internal;

import org.jlaplace.core.kernels.KernelProvider;
import org.jlaplace.core.linalg.Gemm;
import org.jlaplace.core.linalg.Syrk;

/**
 * Row-major dense matrix helpers for the Laplace path. Every matrix is a {@code double[]} with
 * explicit dimensions; results are fresh arrays unless stated. Gram matrices and products run in
 * the core GEMM/SYRK kernels.
 */
public final class DenseOps {
    private DenseOps() {
    }

    /** {@code C = A·B} with {@code A} {@code m×k} and {@code B} {@code k×n}. */
    public static double[] multiply(double[] a, double[] b, int m, int k, int n) {
        double[] c = new double[m * n];
        Gemm.gemm(false, false, m, n, k, 1.0, a, 0, k, b, 0, n, 0.0, c, 0, n);
        return c;
    }

    /**
     * Gram matrix of the rows of a column slice: {@code C = A[:, lo:hi] · A[:, lo:hi]ᵀ} with
     * {@code A} {@code m×cols}; {@code C} is {@code m×m} and symmetric.
     */
    public static double[] rowGram(double[] a, int m, int cols, int lo, int hi) {
        double[] c = new double[m * m];
        Syrk.syrk(false, m, hi - lo, 1.0, a, lo, cols, 0.0, c, 0, m);
        Syrk.symmetrizeLower(c, 0, m, m);
        return c;
    }

    /**
     * Gram matrix of the columns of a column slice: {@code C = A[:, lo:hi]ᵀ · A[:, lo:hi]} with
     * {@code A} {@code m×cols}; {@code C} is {@code w×w}, {@code w = hi − lo}.
     */
    public static double[] columnGram(double[] a, int m, int cols, int lo, int hi) {
        int w = hi - lo;
        double[] c = new double[w * w];
        Syrk.syrk(true, w, m, 1.0, a, lo, cols, 0.0, c, 0, w);
        Syrk.symmetrizeLower(c, 0, w, w);
        return c;
    }

    /** {@code Σ_ij X_ij·Y_ij}, the Frobenius inner product of two equally sized matrices. */
    public static double frobeniusDot(double[] x, double[] y) {
        if (x.length != y.length) {
            throw new IllegalArgumentException("frobeniusDot: " + x.length + " and " + y.length + " entries");
        }
        return KernelProvider.get().dot(x, 0, y, 0, x.length);
    }

    /** {@code Σ_ij X_ij²}. */
    public static double frobeniusNorm2(double[] x) {
        return frobeniusDot(x, x);
    }

    /** Adds {@code alpha·X} to {@code Y} in place. */
    public static void axpy(double alpha, double[] x, double[] y) {
        for (int i = 0; i < x.length; i++) {
            y[i] += alpha * x[i];
        }
    }

    /** The {@code n×n} identity. */
    public static double[] identity(int n) {
        double[] c = new double[n * n];
        for (int i = 0; i < n; i++) {
            c[i * n + i] = 1.0;
        }
        return c;
    }

    /** The principal submatrix of an {@code n×n} matrix on the given row/column indices. */
    public static double[] principal(double[] a, int n, int[] idx) {
        int k = idx.length;
        double[] c = new double[k * k];
        for (int i = 0; i < k; i++) {
            int ai = idx[i] * n;
            for (int j = 0; j < k; j++) {
                c[i * k + j] = a[ai + idx[j]];
            }
        }
        return c;
    }
}
