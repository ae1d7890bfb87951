package org.jlaplace.core.linalg;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

/** The triple-loop definition of GEMM, and random row-major operands, for the GEMM and SYRK tests. */
final class GemmOracle {

    private static final double EPS = Math.ulp(1.0);

    private GemmOracle() {
    }

    /** A row-major {@code rows×cols} matrix at {@code off} with leading dimension {@code ld}, padded with noise. */
    static double[] matrix(Random rng, int off, int ld, int rows, int cols) {
        double[] x = new double[off + Math.max(0, rows - 1) * ld + cols + rng.nextInt(3)];
        for (int i = 0; i < x.length; i++) {
            x[i] = rng.nextGaussian();
        }
        return x;
    }

    static double opA(boolean trans, double[] a, int off, int ld, int i, int p) {
        return trans ? a[off + p * ld + i] : a[off + i * ld + p];
    }

    static double opB(boolean trans, double[] b, int off, int ld, int p, int j) {
        return trans ? b[off + j * ld + p] : b[off + p * ld + j];
    }

    /**
     * Asserts that {@code actual} holds {@code α·op(A)·op(B) + β·before} on the {@code m×n} block (only
     * {@code j ≤ i} when {@code lowerOnly}) and {@code before} everywhere else; the tolerance is
     * {@code 2(k+2)·ε} times the sum of the magnitudes of the terms of each entry.
     */
    static void assertGemm(String what, boolean transA, boolean transB, int m, int n, int k, double alpha,
                           double[] a, int aOff, int lda, double[] b, int bOff, int ldb, double beta,
                           double[] before, double[] actual, int cOff, int ldc, boolean lowerOnly) {
        boolean[] inside = new boolean[actual.length];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < (lowerOnly ? Math.min(n, i + 1) : n); j++) {
                int at = cOff + i * ldc + j;
                inside[at] = true;
                double acc = 0.0;
                double magnitude = 0.0;
                for (int p = 0; p < k; p++) {
                    double term = opA(transA, a, aOff, lda, i, p) * opB(transB, b, bOff, ldb, p, j);
                    acc += term;
                    magnitude += Math.abs(term);
                }
                double expected = beta == 0.0 ? alpha * acc : alpha * acc + beta * before[at];
                double scale = Math.abs(alpha) * magnitude + (beta == 0.0 ? 0.0 : Math.abs(beta * before[at]));
                double error = Math.abs(expected - actual[at]);
                assertTrue(error <= 2 * (k + 2) * EPS * scale, what + ": C(" + i + ", " + j + ") = " + actual[at]
                        + " but the triple loop gives " + expected);
            }
        }
        for (int at = 0; at < actual.length; at++) {
            if (!inside[at]) {
                assertTrue(Double.compare(before[at], actual[at]) == 0,
                        what + ": element " + at + " outside the result changed");
            }
        }
    }
}
