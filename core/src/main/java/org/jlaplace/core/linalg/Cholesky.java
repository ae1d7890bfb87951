package org.jlaplace.core.linalg;

/**
 * Cholesky factorisation {@code A = L·Lᵀ} of a symmetric positive definite matrix, in place on a
 * row-major {@code n×n} array.
 *
 * <p>Above {@value #RECURSION_LEAF} rows the matrix is halved recursively ({@link #factorRecursive});
 * below, a blocked right-looking algorithm: for each diagonal block {@code A₁₁} of width {@value #BLOCK}
 * <pre>
 *   L₁₁ = chol(A₁₁)                 (the same algorithm with {@value #INNER}-wide blocks)
 *   L₂₁ = A₂₁·L₁₁⁻ᵀ                 ({@link Trsm#solveRight}, mostly GEMM)
 *   A₂₂ = A₂₂ − L₂₁·L₂₁ᵀ            ({@link Syrk#syrk}, lower triangle only)
 * </pre>
 * so about all of the {@code n³/3} flops run in the GEMM/SYRK kernels. Blocks of at most
 * {@value #INNER} rows are factored by the row-oriented (Cholesky–Banachiewicz) recurrence
 * {@code L_ij = (a_ij − Σ_{k<j} L_ik·L_jk) / L_jj}, {@code L_jj = √(a_jj − Σ_{k<j} L_jk²)}.
 *
 * <p>On several threads the panel solves and trailing updates of the recursive levels that have
 * enough work run as coarse tasks (runs of panel rows, bands of the trailing triangle); the leaves
 * and smaller levels run on the calling thread. The factor is bitwise the same for every thread count.
 */
public final class Cholesky {

    /** Width of the outer diagonal blocks (the rank of each trailing SYRK update). */
    static final int BLOCK = 192;
    /** Blocks up to this size are factored without further blocking. */
    static final int INNER = 32;
    /**
     * Matrices up to this size are factored by the blocked loop; larger ones are halved, so that a
     * big matrix is swept by a few deep updates instead of one rank-{@value #BLOCK} update per block.
     */
    static final int RECURSION_LEAF = 2 * BLOCK;

    private Cholesky() {
    }

    /** {@link #factor(double[], int, int)} with the default thread count {@link Gemm#threads()}. */
    public static CholeskyFactor factor(double[] a, int n) {
        return factor(a, n, Gemm.threads());
    }

    /**
     * Overwrites the lower triangle of the row-major {@code n×n} matrix {@code a} with its Cholesky
     * factor {@code L} and the strict upper triangle with zeros. Only the lower triangle of the input
     * is read.
     *
     * @param threads the number of threads the GEMM-based updates may use (the result does not depend on it)
     * @throws NotPositiveDefiniteException if a pivot is not positive and finite (also for NaN input)
     * @throws IllegalArgumentException if {@code n} is negative or {@code a} is shorter than {@code n²}
     */
    public static CholeskyFactor factor(double[] a, int n, int threads) {
        if (n < 0) {
            throw new IllegalArgumentException("Cholesky.factor: negative size n=" + n);
        }
        if (a.length < (long) n * n) {
            throw new IllegalArgumentException("Cholesky.factor: array of length " + a.length
                    + " cannot hold a " + n + "x" + n + " matrix");
        }
        if (threads < 1) {
            throw new IllegalArgumentException("Cholesky.factor: thread count must be positive, got " + threads);
        }
        if (n > RECURSION_LEAF && splitsUpdates(n - half(n), half(n), threads)) {
            ParallelRunner.prime(threads);
        }
        factorRecursive(a, 0, n, n, 0, threads);
        for (int i = 0; i < n; i++) {
            java.util.Arrays.fill(a, i * n + i + 1, (i + 1) * n, 0.0);
        }
        return new CholeskyFactor(a, n, threads);
    }

    /**
     * Recursive halving above {@value #BLOCK} rows, so that the panel solve and the trailing update
     * are few large GEMM/SYRK calls instead of many rank-{@value #BLOCK} ones:
     * {@code L₁₁ = chol(A₁₁)}, {@code L₂₁ = A₂₁·L₁₁⁻ᵀ} ({@link Trsm#solveRight}, by runs of rows),
     * {@code A₂₂ −= L₂₁·L₂₁ᵀ} (one SYRK of depth {@code n/2}), {@code L₂₂ = chol(A₂₂)}.
     */
    private static void factorRecursive(double[] a, int off, int lda, int n, int base, int threads) {
        if (n <= RECURSION_LEAF) {
            // A leaf has too little work for coarse tasks (see CoarseSplit).
            factorBlocked(a, off, lda, n, base, BLOCK);
            return;
        }
        int n1 = half(n);
        int n2 = n - n1;
        int panel = off + n1 * lda;
        factorRecursive(a, off, lda, n1, base, threads);
        boolean split = splitsUpdates(n2, n1, threads);
        Trsm.solveRight(true, n2, n1, a, off, lda, a, panel, lda, split ? threads : 1);
        Syrk.syrk(false, n2, n1, -1.0, a, panel, lda, 1.0, a, panel + n1, lda, split ? threads : 1);
        factorRecursive(a, panel + n1, lda, n2, base + n1, threads);
    }

    /**
     * Whether the panel solve and trailing update of a split into {@code n1} and {@code n2} rows run
     * as coarse tasks on {@code threads} threads; smaller ones stay on this thread. The bar is three
     * times {@link CoarseSplit}'s, because the factorisation's parallel steps alternate with
     * single-threaded leaves: measured on two processors, splitting the top level of {@code n = 440}
     * ({@code 11·10⁶} flops in the solve) was 5 to 40 % slower than one thread.
     */
    private static boolean splitsUpdates(int n2, int n1, int threads) {
        return threads > 1 && (double) n2 * n1 * n1 >= 3.0 * CoarseSplit.MIN_FLOPS_PER_TASK
                && CoarseSplit.tasks(n2, (double) n1 * n1, threads) > 1;
    }

    /** {@code n/2} rounded up to whole {@value #INNER}-wide blocks. */
    private static int half(int n) {
        return (n / 2 + INNER - 1) / INNER * INNER;
    }

    /**
     * Factors the {@code n×n} block at {@code off} (leading dimension {@code lda}) whose first row is
     * row {@code base} of the whole matrix, with diagonal blocks of width {@code nb}.
     */
    private static void factorBlocked(double[] a, int off, int lda, int n, int base, int nb) {
        if (n <= INNER) {
            factorUnblocked(a, off, lda, n, base);
            return;
        }
        for (int k = 0; k < n; k += nb) {
            int bs = Math.min(nb, n - k);
            int diag = off + k * lda + k;
            if (bs > INNER) {
                factorBlocked(a, diag, lda, bs, base + k, INNER);
            } else {
                factorUnblocked(a, diag, lda, bs, base + k);
            }
            int rest = n - k - bs;
            if (rest > 0) {
                int panel = diag + bs * lda;
                Trsm.solveRight(true, rest, bs, a, diag, lda, a, panel, lda, 1);
                Syrk.syrk(false, rest, bs, -1.0, a, panel, lda, 1.0, a, panel + bs, lda, 1);
            }
        }
    }

    /** Cholesky–Banachiewicz on a small block: row by row, each entry a contiguous dot product. */
    private static void factorUnblocked(double[] a, int off, int lda, int n, int base) {
        for (int i = 0; i < n; i++) {
            int ri = off + i * lda;
            for (int j = 0; j < i; j++) {
                int rj = off + j * lda;
                double s = a[ri + j];
                for (int k = 0; k < j; k++) {
                    s -= a[ri + k] * a[rj + k];
                }
                a[ri + j] = s / a[rj + j];
            }
            double d = a[ri + i];
            for (int k = 0; k < i; k++) {
                d -= a[ri + k] * a[ri + k];
            }
            // Written so that NaN fails too.
            if (!(d > 0.0 && d < Double.POSITIVE_INFINITY)) {
                throw new NotPositiveDefiniteException(base + i, d);
            }
            a[ri + i] = Math.sqrt(d);
        }
    }
}
