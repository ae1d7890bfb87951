package org.jlaplace.core.linalg;

import org.jlaplace.core.kernels.FloatKernels;
import org.jlaplace.core.kernels.KernelProvider;

/**
 * Single-precision general matrix multiply on row-major {@code float[]} slices:
 * {@code C = α·op(A)·op(B) + β·C}, with exactly the conventions of {@link Gemm} (shapes, offsets,
 * leading dimensions, β = 0 ignoring the old C, NaN included). Products are accumulated in float.
 * C must not overlap A or B. Results are bitwise identical for every thread count: C is cut into
 * rectangles of whole micro-tiles ({@link GemmSplit}) and each element is summed in the same order
 * whichever rectangle holds it (see {@link SGemmDriver}).
 */
public final class SGemm {

    private SGemm() {
    }

    /** {@code C = α·op(A)·op(B) + β·C} with the default thread count {@link Gemm#threads()}. */
    public static void gemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
                            float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                            float beta, float[] c, int cOff, int ldc) {
        gemm(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc, Gemm.threads());
    }

    /** {@code C = α·op(A)·op(B) + β·C} on up to {@code threads} threads; the result does not depend on it. */
    public static void gemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
                            float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                            float beta, float[] c, int cOff, int ldc, int threads) {
        gemm(KernelProvider.floats(), transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc,
                threads);
    }

    /** As {@link #gemm(boolean, boolean, int, int, int, float, float[], int, int, float[], int, int, float, float[], int, int, int)} with the given kernels (tests and benchmarks use the scalar twin). */
    public static void gemm(FloatKernels kernels, boolean transA, boolean transB, int m, int n, int k, float alpha,
                            float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                            float beta, float[] c, int cOff, int ldc, int threads) {
        String op = "sgemm";
        GemmChecks.sizes(op, m, n, k, threads);
        GemmChecks.check(op, "A", a, aOff, lda, transA ? k : m, transA ? m : k, transA);
        GemmChecks.check(op, "B", b, bOff, ldb, transB ? n : k, transB ? k : n, transB);
        GemmChecks.check(op, "C", c, cOff, ldc, m, n, false);
        if (m == 0 || n == 0) {
            return;
        }
        if (k == 0 || alpha == 0.0f) {
            GemmScaling.scale(beta, c, cOff, ldc, m, n, false);
            return;
        }
        FloatOperand opA = FloatOperand.of(a, aOff, lda, transA);
        FloatOperand opB = FloatOperand.of(b, bOff, ldb, transB);
        GemmSplit.run(m, n, k, kernels.gemmMr(), kernels.gemmNr(), threads, (r0, r1, c0, c1) ->
                SGemmDriver.compute(kernels, opA, opB, k, alpha, beta, c, cOff, ldc, r0, r1, c0, c1, false));
    }
}
