package org.jlaplace.core.linalg;

/**
 * In-place Gram matrix of a lower-triangular matrix, {@code Z ← ZᵀZ} (lower triangle; LAPACK's
 * {@code lauum}), in {@code n³/3} flops instead of the {@code n³} of a dense SYRK that ignores the
 * zeros above the diagonal. With {@code Z = L⁻¹} (after {@link TriangularInverse}) this is
 * {@code X⁻¹ = L⁻ᵀL⁻¹} for {@code X = LLᵀ}. By recursive halving, nearly all in GEMM and SYRK:
 * <pre>
 *   [A  0]ᵀ[A  0]   [AᵀA + BᵀB   ·  ]
 *   [B  C] [B  C] = [  CᵀB      CᵀC ]   (lower triangle)
 * </pre>
 * in the order {@code A ← AᵀA} (recursively), {@code A += BᵀB} (SYRK), {@code B ← CᵀB} (a
 * recursive triangular multiply), {@code C ← CᵀC} (recursively): each step reads only blocks not
 * yet overwritten. Leaves of at most {@value TriangularInverse#LEAF} rows are summed directly.
 *
 * <p>On several threads the top level runs as two independent single-threaded halves
 * ({@link #gramOnThreads}); below it, and for small matrices, everything runs on the calling thread.
 * The result is bitwise the same for every thread count.
 *
 * <p>Only the lower triangle (diagonal included) is read or written. Element {@code (i, j)} lives at
 * {@code off + i·ld + j}.
 */
public final class TriangularGram {
    private static final int LEAF = TriangularInverse.LEAF;

    private TriangularGram() {
    }

    /** {@link #lowerGram(double[], int, int, int, int)} with {@link Gemm#threads()} threads. */
    public static void lowerGram(double[] a, int off, int ld, int n) {
        lowerGram(a, off, ld, n, Gemm.threads());
    }

    /**
     * Overwrites the lower triangle of the lower-triangular {@code n×n} matrix {@code Z} at
     * {@code off} with that of {@code ZᵀZ}. Results do not depend on {@code threads}.
     *
     * @throws IllegalArgumentException for a negative size, a leading dimension below {@code n}, an
     *                                  array too short for the matrix, or a thread count below 1
     */
    public static void lowerGram(double[] a, int off, int ld, int n, int threads) {
        if (n < 0) {
            throw new IllegalArgumentException("TriangularGram.lowerGram: negative size n=" + n);
        }
        if (n == 0) {
            return;
        }
        if (ld < n) {
            throw new IllegalArgumentException("TriangularGram.lowerGram: leading dimension " + ld + " < n=" + n);
        }
        if (off < 0 || off + (long) (n - 1) * ld + n > a.length) {
            throw new IllegalArgumentException("TriangularGram.lowerGram: a " + n + "x" + n + " matrix at offset "
                    + off + " with leading dimension " + ld + " does not fit an array of length " + a.length);
        }
        if (threads < 1) {
            throw new IllegalArgumentException("TriangularGram.lowerGram: thread count must be positive, got "
                    + threads);
        }
        if (n > LEAF && TriangularInverse.worthTwoThreads(split(n))) {
            ParallelRunner.prime(threads);
        }
        gram(a, off, ld, n, threads, new double[LEAF * LEAF]);
    }

    private static void gram(double[] a, int off, int ld, int n, int threads, double[] scratch) {
        if (n <= LEAF) {
            leaf(a, off, ld, n);
            return;
        }
        int n1 = split(n);
        int n2 = n - n1;
        int off21 = off + n1 * ld;
        int off22 = off21 + n1;
        if (threads > 1 && TriangularInverse.worthTwoThreads(n1)) {
            gramOnThreads(a, off, ld, n1, n2);
            return;
        }
        gram(a, off, ld, n1, 1, scratch);
        Syrk.syrk(true, n1, n2, 1.0, a, off21, ld, 1.0, a, off, ld, 1);
        multiplyLeftTransposed(a, off22, ld, n2, a, off21, ld, n1, scratch);
        gram(a, off22, ld, n2, 1, scratch);
    }

    /**
     * The top level of {@link #gram} as two independent single-threaded tasks of about {@code n³/6}
     * flops each: the rows of the first half, {@code A ← AᵀA + BᵀB}, and those of the second,
     * {@code B ← CᵀB; C ← CᵀC}. The second overwrites {@code B}, which the first still reads, so the
     * first reads a copy of {@code B}; the arithmetic is the same as on one thread.
     */
    private static void gramOnThreads(double[] a, int off, int ld, int n1, int n2) {
        int off21 = off + n1 * ld;
        int off22 = off21 + n1;
        double[] b = new double[n2 * n1];
        for (int r = 0; r < n2; r++) {
            System.arraycopy(a, off21 + r * ld, b, r * n1, n1);
        }
        CoarseSplit.both(2,
                () -> {
                    gram(a, off, ld, n1, 1, new double[LEAF * LEAF]);
                    Syrk.syrk(true, n1, n2, 1.0, b, 0, n1, 1.0, a, off, ld, 1);
                },
                () -> {
                    double[] scratch = new double[LEAF * LEAF];
                    multiplyLeftTransposed(a, off22, ld, n2, a, off21, ld, n1, scratch);
                    gram(a, off22, ld, n2, 1, scratch);
                });
    }

    /**
     * {@code (ZᵀZ)_ij = Σ_{l≥i} Z_li Z_lj} row by row: entry {@code (i, j)} overwrites {@code Z_ij},
     * which no later row needs, and the diagonal {@code Z_ii}, needed by the whole row, goes last.
     */
    private static void leaf(double[] a, int off, int ld, int n) {
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                double s = 0.0;
                for (int l = i; l < n; l++) {
                    s += a[off + l * ld + i] * a[off + l * ld + j];
                }
                a[off + i * ld + j] = s;
            }
        }
    }

    /** The first half's size, a multiple of {@value TriangularInverse#LEAF} so that leaves are full blocks. */
    private static int split(int n) {
        int half = (n / 2 + LEAF - 1) / LEAF * LEAF;
        return Math.min(half, n - 1);
    }

    /**
     * {@code B ← Tᵀ·B} in place for a lower-triangular {@code n×n} {@code T} and an {@code n×m}
     * {@code B}: with {@code T = [T₁₁ 0; T₂₁ T₂₂]}, {@code B₁ ← T₁₁ᵀB₁ + T₂₁ᵀB₂}, then
     * {@code B₂ ← T₂₂ᵀB₂} (the old {@code B₂} is read before it is overwritten).
     */
    private static void multiplyLeftTransposed(double[] t, int tOff, int ldt, int n, double[] b, int bOff, int ldb,
                                               int m, double[] scratch) {
        if (m == 0) {
            return;
        }
        if (n <= LEAF) {
            for (int i = 0; i < n; i++) {
                System.arraycopy(t, tOff + i * ldt, scratch, i * n, i + 1);
                java.util.Arrays.fill(scratch, i * n + i + 1, (i + 1) * n, 0.0);
            }
            double[] copy = new double[n * m];
            for (int r = 0; r < n; r++) {
                System.arraycopy(b, bOff + r * ldb, copy, r * m, m);
            }
            Gemm.gemm(true, false, n, m, n, 1.0, scratch, 0, n, copy, 0, m, 0.0, b, bOff, ldb, 1);
            return;
        }
        int n1 = split(n);
        int n2 = n - n1;
        int b2 = bOff + n1 * ldb;
        multiplyLeftTransposed(t, tOff, ldt, n1, b, bOff, ldb, m, scratch);
        Gemm.gemm(true, false, n1, m, n2, 1.0, t, tOff + n1 * ldt, ldt, b, b2, ldb, 1.0, b, bOff, ldb, 1);
        multiplyLeftTransposed(t, tOff + n1 * ldt + n1, ldt, n2, b, b2, ldb, m, scratch);
    }
}
