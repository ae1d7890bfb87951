package org.jlaplace.core.linalg;

import org.jlaplace.core.kernels.KernelProvider;
import org.jlaplace.core.kernels.VectorKernels;

/**
 * General matrix multiply on row-major slices: {@code C = α·op(A)·op(B) + β·C}, where
 * {@code op(X)} is {@code X} or {@code Xᵀ}, {@code op(A)} is {@code m×k}, {@code op(B)} is {@code k×n}
 * and {@code C} is {@code m×n}. Element {@code (i, j)} of a row-major matrix with leading
 * dimension {@code ld} starting at {@code off} lives at {@code off + i·ld + j}; so {@code A} is stored
 * {@code m×k} ({@code lda ≥ k}) or, when transposed, {@code k×m} ({@code lda ≥ m}).
 *
 * <p>C must not overlap A or B. When {@code β = 0} the previous content of C is ignored (NaN included). Results are bitwise
 * identical for every thread count: the work is split into rectangles of C, and each element is
 * summed in the same order whichever rectangle holds it (see {@link GemmDriver}).
 */
public final class Gemm {

    /** System property for the default thread count. */
    public static final String THREADS_PROPERTY = "jlaplace.threads";

    /** Below this many flops per task another thread costs more than it saves. */
    static final long MIN_FLOPS_PER_TASK = 1L << 21;

    private Gemm() {
    }

    /** The default thread count: {@code -Djlaplace.threads} when it is a positive integer, else the available processors. */
    public static int threads() {
        String prop = System.getProperty(THREADS_PROPERTY);
        if (prop != null) {
            try {
                int t = Integer.parseInt(prop.trim());
                if (t >= 1) {
                    return t;
                }
            } catch (NumberFormatException e) {
                // An unusable value falls back to the processor count below.
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

    /** {@code C = α·op(A)·op(B) + β·C} on up to {@code threads} threads; the result does not depend on it. */
    public static void gemm(boolean transA, boolean transB, int m, int n, int k, double alpha,
                            double[] a, int aOff, int lda, double[] b, int bOff, int ldb,
                            double beta, double[] c, int cOff, int ldc, int threads) {
        gemm(KernelProvider.get(), transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc,
                threads);
    }

    /** As {@link #gemm(boolean, boolean, int, int, int, double, double[], int, int, double[], int, int, double, double[], int, int, int)} with the given kernels (tests and benchmarks use the scalar twin). */
    public static void gemm(VectorKernels kernels, boolean transA, boolean transB, int m, int n, int k, double alpha,
                            double[] a, int aOff, int lda, double[] b, int bOff, int ldb,
                            double beta, double[] c, int cOff, int ldc, int threads) {
        String op = "gemm";
        GemmChecks.sizes(op, m, n, k, threads);
        GemmChecks.check(op, "A", a, aOff, lda, transA ? k : m, transA ? m : k, transA);
        GemmChecks.check(op, "B", b, bOff, ldb, transB ? n : k, transB ? k : n, transB);
        GemmChecks.check(op, "C", c, cOff, ldc, m, n, false);
        if (m == 0 || n == 0) {
            return;
        }
        if (k == 0 || alpha == 0.0) {
            GemmScaling.scale(beta, c, cOff, ldc, m, n, false);
            return;
        }
        GemmOperand opA = GemmOperand.of(a, aOff, lda, transA);
        GemmOperand opB = GemmOperand.of(b, bOff, ldb, transB);
        GemmSplit.run(m, n, k, kernels.gemmMr(), kernels.gemmNr(), threads, (r0, r1, c0, c1) ->
                GemmDriver.compute(kernels, opA, opB, k, alpha, beta, c, cOff, ldc, r0, r1, c0, c1, false));
    }
}
