package org.jlaplace.laplace.internal;

/**
 * Row-major dense matrix helpers for the Laplace path. Every matrix is a {@code double[]} with
 * explicit dimensions; results are fresh arrays unless stated. These are the few products the
 * bounds need (Gram matrices, weighted Jacobians); the heavy ones delegate to the core GEMM when
 * available.
 */
public final class DenseOps {
    private DenseOps() {
    }

    /** {@code C = A·B} with {@code A} {@code m×k} and {@code B} {@code k×n}. */
    public static double[] multiply(double[] a, double[] b, int m, int k, int n) {
        double[] c = new double[m * n];
        for (int i = 0; i < m; i++) {
            int ci = i * n;
            for (int p = 0; p < k; p++) {
                double aip = a[i * k + p];
                if (aip == 0.0) {
                    continue;
                }
                int bp = p * n;
                for (int j = 0; j < n; j++) {
                    c[ci + j] += aip * b[bp + j];
                }
            }
        }
        return c;
    }

    /**
     * Gram matrix of the rows of a column slice: {@code C = A[:, lo:hi] · A[:, lo:hi]ᵀ} with
     * {@code A} {@code m×cols}; {@code C} is {@code m×m} and symmetric.
     */
    public static double[] rowGram(double[] a, int m, int cols, int lo, int hi) {
        double[] c = new double[m * m];
        for (int i = 0; i < m; i++) {
            int ai = i * cols;
            for (int j = 0; j <= i; j++) {
                int aj = j * cols;
                double s = 0.0;
                for (int p = lo; p < hi; p++) {
                    s += a[ai + p] * a[aj + p];
                }
                c[i * m + j] = s;
                c[j * m + i] = s;
            }
        }
        return c;
    }

    /**
     * Gram matrix of the columns of a column slice: {@code C = A[:, lo:hi]ᵀ · A[:, lo:hi]} with
     * {@code A} {@code m×cols}; {@code C} is {@code w×w}, {@code w = hi − lo}.
     */
    public static double[] columnGram(double[] a, int m, int cols, int lo, int hi) {
        int w = hi - lo;
        double[] c = new double[w * w];
        for (int r = 0; r < m; r++) {
            int ar = r * cols + lo;
            for (int i = 0; i < w; i++) {
                double ai = a[ar + i];
                if (ai == 0.0) {
                    continue;
                }
                int ci = i * w;
                for (int j = 0; j <= i; j++) {
                    c[ci + j] += ai * a[ar + j];
                }
            }
        }
        for (int i = 0; i < w; i++) {
            for (int j = 0; j < i; j++) {
                c[j * w + i] = c[i * w + j];
            }
        }
        return c;
    }

    /** {@code Σ_ij X_ij·Y_ij}, the Frobenius inner product of two equally sized matrices. */
    public static double frobeniusDot(double[] x, double[] y) {
        double s = 0.0;
        for (int i = 0; i < x.length; i++) {
            s += x[i] * y[i];
        }
        return s;
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
