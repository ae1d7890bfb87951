package org.jlaplace.core.linalg;

/**
 * General matrix multiply on row-major slices: {@code C = α·op(A)·op(B) + β·C}, where
 * {@code op(X)} is {@code X} or {@code Xᵀ}, {@code op(A)} is {@code m×k}, {@code op(B)} is {@code k×n}
 * and {@code C} is {@code m×n}. Element {@code (i, j)} of a row-major matrix with leading
 * dimension {@code ld} starting at {@code off} lives at {@code off + i·ld + j}.
 */
public final class Gemm {

    private Gemm() {
    }

    /** The default thread count: {@code -Djlaplace.threads}, else the number of available processors. */
    public static int threads() {
        String prop = System.getProperty("jlaplace.threads");
        if (prop != null) {
            try {
                int t = Integer.parseInt(prop.trim());
                if (t >= 1) {
                    return t;
                }
            } catch (NumberFormatException ignored) {
                // fall through to the processor count
            }
        }
        return Runtime.getRuntime().availableProcessors();
    }

    /** {@code C = α·op(A)·op(B) + β·C} with the default thread count {@link #threads()}. */
    public static void gemm(boolean transA, boolean transB, int m, int n, int k, double alpha,
                            double[] a, int aOff, int lda, double[] b, int bOff, int ldb,
                            double beta, double[] c, int cOff, int ldc) {
        gemm(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc, threads());
    }

    /** {@code C = α·op(A)·op(B) + β·C} using at most {@code threads} threads; the result does not depend on it. */
    public static void gemm(boolean transA, boolean transB, int m, int n, int k, double alpha,
                            double[] a, int aOff, int lda, double[] b, int bOff, int ldb,
                            double beta, double[] c, int cOff, int ldc, int threads) {
        if (m < 0 || n < 0 || k < 0) {
            throw new IllegalArgumentException("gemm: negative size m=" + m + ", n=" + n + ", k=" + k);
        }
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0.0;
                for (int p = 0; p < k; p++) {
                    double av = transA ? a[aOff + p * lda + i] : a[aOff + i * lda + p];
                    double bv = transB ? b[bOff + j * ldb + p] : b[bOff + p * ldb + j];
                    s += av * bv;
                }
                int ci = cOff + i * ldc + j;
                c[ci] = beta == 0.0 ? alpha * s : alpha * s + beta * c[ci];
            }
        }
    }
}
