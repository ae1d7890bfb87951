package org.jlaplace.core.linalg;

/**
 * Symmetric rank-k update of the lower triangle: {@code C = α·op(A)·op(A)ᵀ + β·C} where
 * {@code op(A)} is {@code A} ({@code n×k}) or {@code Aᵀ} ({@code A} is {@code k×n}); only
 * elements {@code (i, j)} with {@code j ≤ i} are read or written.
 */
public final class Syrk {

    private Syrk() {
    }

    /** Lower triangle of {@code C = α·op(A)·op(A)ᵀ + β·C}, row-major, {@code op(A)} is {@code n×k}. */
    public static void syrk(boolean transA, int n, int k, double alpha, double[] a, int aOff, int lda,
                            double beta, double[] c, int cOff, int ldc) {
        if (n < 0 || k < 0) {
            throw new IllegalArgumentException("syrk: negative size n=" + n + ", k=" + k);
        }
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                double s = 0.0;
                for (int p = 0; p < k; p++) {
                    double ai = transA ? a[aOff + p * lda + i] : a[aOff + i * lda + p];
                    double aj = transA ? a[aOff + p * lda + j] : a[aOff + j * lda + p];
                    s += ai * aj;
                }
                int ci = cOff + i * ldc + j;
                c[ci] = beta == 0.0 ? alpha * s : alpha * s + beta * c[ci];
            }
        }
    }

    /** Copies the lower triangle of the {@code n×n} matrix onto the upper: {@code C[j][i] = C[i][j]} for {@code j < i}. */
    public static void symmetrizeLower(double[] c, int cOff, int ldc, int n) {
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < i; j++) {
                c[cOff + j * ldc + i] = c[cOff + i * ldc + j];
            }
        }
    }
}
