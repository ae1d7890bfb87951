package org.jlaplace.core.linalg;

/**
 * In-place inverse of a lower-triangular matrix, {@code L ← L⁻¹}, by recursive halving so that
 * nearly all of the {@code n³/3} flops run in {@link Gemm}:
 * <pre>
 *   [L₁₁  0 ]⁻¹   [ L₁₁⁻¹              0   ]
 *   [L₂₁ L₂₂]   = [−L₂₂⁻¹·L₂₁·L₁₁⁻¹   L₂₂⁻¹ ]
 * </pre>
 * Both diagonal blocks are inverted first (recursively); then {@code L₂₁} is multiplied by the
 * inverted triangles on either side, each a recursive triangular multiply whose off-diagonal part is
 * one GEMM of half the size. Blocks of at most {@value #LEAF} rows are inverted by substitution, and
 * triangular multiplies of that width are one GEMM with the (zero-padded) triangle copied dense.
 *
 * <p>On several threads the top level runs as coarse single-threaded tasks ({@link #invert});
 * below it, and for small matrices, everything runs on the calling thread. The result is bitwise the
 * same for every thread count.
 *
 * <p>Only the lower triangle (diagonal included) is read or written. Element {@code (i, j)} lives at
 * {@code off + i·ld + j}.
 */
public final class TriangularInverse {

    /** Triangles up to this size are inverted by substitution and multiplied as dense blocks. */
    static final int LEAF = 32;

    private TriangularInverse() {
    }

    /** {@link #invertLower(double[], int, int, int, int)} with {@link Gemm#threads()} threads. */
    public static void invertLower(double[] a, int off, int ld, int n) {
        invertLower(a, off, ld, n, Gemm.threads());
    }

    /**
     * Overwrites the lower triangle of the {@code n×n} lower-triangular matrix at {@code off} with
     * that of its inverse.
     *
     * @throws ArithmeticException if a diagonal entry is zero or not finite (the matrix is singular)
     * @throws IllegalArgumentException for a negative size, a leading dimension below {@code n}, or
     *                                  an array too short for the matrix
     */
    public static void invertLower(double[] a, int off, int ld, int n, int threads) {
        if (n < 0) {
            throw new IllegalArgumentException("TriangularInverse.invertLower: negative size n=" + n);
        }
        if (n == 0) {
            return;
        }
        if (ld < n) {
            throw new IllegalArgumentException("TriangularInverse.invertLower: leading dimension " + ld + " < n=" + n);
        }
        if (off < 0 || off + (long) (n - 1) * ld + n > a.length) {
            throw new IllegalArgumentException("TriangularInverse.invertLower: a " + n + "x" + n + " matrix at offset "
                    + off + " with leading dimension " + ld + " does not fit an array of length " + a.length);
        }
        if (threads < 1) {
            throw new IllegalArgumentException("TriangularInverse.invertLower: thread count must be positive, got "
                    + threads);
        }
        for (int i = 0; i < n; i++) {
            double d = a[off + i * ld + i];
            if (d == 0.0 || !Double.isFinite(d)) {
                throw new ArithmeticException("TriangularInverse.invertLower: diagonal entry " + i + " is " + d
                        + ", the matrix is singular");
            }
        }
        if (n > LEAF && worthTwoThreads(split(n))) {
            ParallelRunner.prime(threads);
        }
        invert(a, off, ld, n, threads);
    }

    /**
     * One level of the recursion. With several threads and enough work it runs as three rounds of
     * independent single-threaded tasks: the two diagonal blocks; {@code L₂₁·L₁₁⁻¹} by runs of rows
     * (each row of {@code L₂₁} is multiplied alone); {@code −L₂₂⁻¹·(…)} by runs of columns. Every entry
     * is computed by the same operations on any number of threads. The steps go through
     * {@link CoarseSplit} on one thread too: its calls of the many different step bodies are not
     * inlined, which keeps this recursive method's compiled code small (inlining the multiplies and
     * their GEMMs into it made one C2 compilation take 1–2 s).
     */
    private static void invert(double[] a, int off, int ld, int n, int threads) {
        if (n <= LEAF) {
            invertLeaf(a, off, ld, n);
            return;
        }
        int n1 = split(n);
        int n2 = n - n1;
        int off21 = off + n1 * ld;
        int off22 = off21 + n1;
        int t = threads > 1 && worthTwoThreads(n1) ? threads : 1;
        CoarseSplit.both(t, () -> invert(a, off, ld, n1, 1), () -> invert(a, off22, ld, n2, 1));
        // L₂₁ ← −L₂₂⁻¹·(L₂₁·L₁₁⁻¹)
        CoarseSplit.run(n2, (double) n1 * n1, t, (r0, r1) ->
                multiplyRight(a, off, ld, n1, a, off21 + r0 * ld, ld, r1 - r0, new double[LEAF * LEAF]));
        CoarseSplit.run(n1, (double) n2 * n2, t, (c0, c1) ->
                multiplyLeft(a, off22, ld, n2, a, off21 + c0, ld, c1 - c0, -1.0, new double[LEAF * LEAF]));
    }

    /** A block of at most {@value #LEAF} rows inverted by substitution. */
    private static void invertLeaf(double[] a, int off, int ld, int n) {
        double[] inverse = new double[n * n];
        Trsm.invertLower(n, a, off, ld, inverse);
        for (int i = 0; i < n; i++) {
            System.arraycopy(inverse, i * n, a, off + i * ld, i + 1);
        }
    }

    /** Whether a split with a first half of {@code n1} rows has enough work for coarse tasks. */
    static boolean worthTwoThreads(int n1) {
        // Each half inversion costs about n1³/3 flops.
        return (long) n1 * n1 * n1 / 3 >= CoarseSplit.MIN_FLOPS_PER_TASK;
    }

    /** The first half's size, a multiple of {@value #LEAF} so that leaves are full blocks. */
    private static int split(int n) {
        int half = (n / 2 + LEAF - 1) / LEAF * LEAF;
        return Math.min(half, n - 1);
    }

    /**
     * {@code B ← B·T} in place for a lower-triangular {@code n×n} {@code T} and an {@code m×n}
     * {@code B}: with {@code T = [T₁₁ 0; T₂₁ T₂₂]}, {@code B₁ ← B₁T₁₁ + B₂T₂₁}, {@code B₂ ← B₂T₂₂}.
     */
    private static void multiplyRight(double[] t, int tOff, int ldt, int n, double[] b, int bOff, int ldb, int m,
                                      double[] scratch) {
        if (m == 0) {
            return;
        }
        if (n <= LEAF) {
            double[] dense = denseTriangle(t, tOff, ldt, n, scratch);
            double[] copy = copyBlock(b, bOff, ldb, m, n);
            Gemm.gemm(false, false, m, n, n, 1.0, copy, 0, n, dense, 0, n, 0.0, b, bOff, ldb, 1);
            return;
        }
        int n1 = split(n);
        int n2 = n - n1;
        multiplyRight(t, tOff, ldt, n1, b, bOff, ldb, m, scratch);
        Gemm.gemm(false, false, m, n1, n2, 1.0, b, bOff + n1, ldb, t, tOff + n1 * ldt, ldt, 1.0, b, bOff, ldb, 1);
        multiplyRight(t, tOff + n1 * ldt + n1, ldt, n2, b, bOff + n1, ldb, m, scratch);
    }

    /**
     * {@code B ← α·T·B} in place for a lower-triangular {@code n×n} {@code T} and an {@code n×m}
     * {@code B}: {@code B₂ ← α(T₂₂B₂ + T₂₁B₁)}, then {@code B₁ ← αT₁₁B₁}.
     */
    private static void multiplyLeft(double[] t, int tOff, int ldt, int n, double[] b, int bOff, int ldb, int m,
                                     double alpha, double[] scratch) {
        if (m == 0) {
            return;
        }
        if (n <= LEAF) {
            double[] dense = denseTriangle(t, tOff, ldt, n, scratch);
            double[] copy = copyBlock(b, bOff, ldb, n, m);
            Gemm.gemm(false, false, n, m, n, alpha, dense, 0, n, copy, 0, m, 0.0, b, bOff, ldb, 1);
            return;
        }
        int n1 = split(n);
        int n2 = n - n1;
        int b2 = bOff + n1 * ldb;
        multiplyLeft(t, tOff + n1 * ldt + n1, ldt, n2, b, b2, ldb, m, alpha, scratch);
        Gemm.gemm(false, false, n2, m, n1, alpha, t, tOff + n1 * ldt, ldt, b, bOff, ldb, 1.0, b, b2, ldb, 1);
        multiplyLeft(t, tOff, ldt, n1, b, bOff, ldb, m, alpha, scratch);
    }

    /** The lower triangle of a small block as a dense {@code n×n} array (zero above the diagonal). */
    private static double[] denseTriangle(double[] t, int tOff, int ldt, int n, double[] scratch) {
        for (int i = 0; i < n; i++) {
            System.arraycopy(t, tOff + i * ldt, scratch, i * n, i + 1);
            java.util.Arrays.fill(scratch, i * n + i + 1, (i + 1) * n, 0.0);
        }
        return scratch;
    }

    private static double[] copyBlock(double[] b, int bOff, int ldb, int rows, int cols) {
        double[] copy = new double[rows * cols];
        for (int r = 0; r < rows; r++) {
            System.arraycopy(b, bOff + r * ldb, copy, r * cols, cols);
        }
        return copy;
    }
}
