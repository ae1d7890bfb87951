package org.jlaplace.core.linalg;

import org.jlaplace.core.kernels.KernelProvider;
import org.jlaplace.core.kernels.VectorKernels;

/**
 * Symmetric rank-k update of the lower triangle: {@code C = α·op(A)·op(A)ᵀ + β·C}, where {@code op(A)}
 * is {@code A} stored {@code n×k} or, when transposed, {@code Aᵀ} with {@code A} stored {@code k×n}
 * (row-major, leading dimensions {@code lda} and {@code ldc}). Only entries {@code (i, j)} with
 * {@code j ≤ i} are read or written; {@link #symmetrizeLower} fills the rest. C must not overlap A;
 * when {@code β = 0} its previous lower triangle is ignored (NaN included).
 *
 * <p>It runs the blocked GEMM of {@link GemmLoops} with {@code op(B) = op(A)ᵀ}, skipping the
 * micro-tiles above the diagonal (about half the work of a GEMM) and storing only the lower part of
 * the tiles that the diagonal crosses. Threads take row bands of equal triangle area. Like
 * {@link Gemm}, results are bitwise identical for every thread count.
 */
public final class Syrk {

    private Syrk() {
    }

    /** The lower triangle of {@code C = α·op(A)·op(A)ᵀ + β·C} with the default thread count {@link Gemm#threads()}. */
    public static void syrk(boolean transA, int n, int k, double alpha, double[] a, int aOff, int lda,
                            double beta, double[] c, int cOff, int ldc) {
        syrk(KernelProvider.get(), transA, n, k, alpha, a, aOff, lda, beta, c, cOff, ldc, Gemm.threads());
    }

    /** The lower triangle of {@code C = α·op(A)·op(A)ᵀ + β·C} on up to {@code threads} threads. */
    public static void syrk(boolean transA, int n, int k, double alpha, double[] a, int aOff, int lda,
                            double beta, double[] c, int cOff, int ldc, int threads) {
        syrk(KernelProvider.get(), transA, n, k, alpha, a, aOff, lda, beta, c, cOff, ldc, threads);
    }

    /** As {@link #syrk(boolean, int, int, double, double[], int, int, double, double[], int, int, int)} with the given kernels. */
    public static void syrk(VectorKernels kernels, boolean transA, int n, int k, double alpha, double[] a, int aOff,
                            int lda, double beta, double[] c, int cOff, int ldc, int threads) {
        String op = "syrk";
        if (n < 0 || k < 0) {
            throw new IllegalArgumentException(op + ": negative size n=" + n + ", k=" + k);
        }
        if (threads < 1) {
            throw new IllegalArgumentException(op + ": thread count " + threads + " < 1");
        }
        GemmChecks.check(op, "A", a, aOff, lda, transA ? k : n, transA ? n : k, transA);
        GemmChecks.check(op, "C", c, cOff, ldc, n, n, false);
        if (n == 0) {
            return;
        }
        if (k == 0 || alpha == 0.0) {
            GemmScaling.scale(beta, c, cOff, ldc, n, n, true);
            return;
        }
        GemmOperand opA = GemmOperand.of(a, aOff, lda, transA);
        GemmOperand opAt = GemmOperand.of(a, aOff, lda, !transA);
        int mr = kernels.gemmMr();
        long flops = (long) n * n * k;
        int rowTiles = (n + mr - 1) / mr;
        int tasks = (int) Math.max(1, Math.min(Math.min(threads, rowTiles), flops / Gemm.MIN_FLOPS_PER_TASK));
        ParallelRunner.run(tasks, tasks, t -> {
            int r0 = bandStart(t, tasks, n, mr);
            int r1 = bandStart(t + 1, tasks, n, mr);
            GemmDriver.compute(kernels, opA, opAt, k, alpha, beta, c, cOff, ldc, r0, r1, 0, r1, true);
        });
    }

    /**
     * The first row of band {@code t} of {@code tasks}: rows {@code n·√(t/tasks)} rounded to whole tiles,
     * so that the bands hold about equal parts of the triangle.
     */
    static int bandStart(int t, int tasks, int n, int mr) {
        if (t >= tasks) {
            return n;
        }
        int row = (int) Math.round(n * Math.sqrt((double) t / tasks));
        return Math.min(n, GemmLoops.roundUp(row, mr));
    }

    /**
     * Copies the strict lower triangle of the row-major {@code n×n} matrix onto the upper one:
     * {@code C[j][i] = C[i][j]} for {@code j < i}.
     */
    public static void symmetrizeLower(double[] c, int cOff, int ldc, int n) {
        if (n < 0) {
            throw new IllegalArgumentException("symmetrizeLower: negative size n=" + n);
        }
        GemmChecks.check("symmetrizeLower", "C", c, cOff, ldc, n, n, false);
        // Row blocks keep the column-wise writes of the upper triangle within a few cache lines.
        final int block = 64;
        for (int i0 = 0; i0 < n; i0 += block) {
            int i1 = Math.min(n, i0 + block);
            for (int j0 = 0; j0 <= i0; j0 += block) {
                int j1 = Math.min(n, j0 + block);
                for (int i = i0; i < i1; i++) {
                    int jEnd = Math.min(j1, i);
                    for (int j = j0; j < jEnd; j++) {
                        c[cOff + j * ldc + i] = c[cOff + i * ldc + j];
                    }
                }
            }
        }
    }
}
