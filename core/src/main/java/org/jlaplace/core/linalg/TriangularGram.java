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
 * ({@link #gram}); below it, and for small matrices, everything runs on the calling thread.
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
        gram(a, off, ld, n, threads);
    }

    /**
     * One level of the recursion, as two halves of about {@code n³/6} flops each: the rows of the
     * first half, {@code A ← AᵀA + BᵀB}, and those of the second, {@code B ← CᵀB; C ← CᵀC}. With
     * several threads and enough work the halves run at the same time, single-threaded; the second
     * overwrites {@code B}, which the first reads, so the first then reads a copy of {@code B}. On
     * one thread the first half runs first and reads {@code B} in place. The arithmetic is the same
     * either way. The halves go through {@link CoarseSplit} on one thread too, which keeps this
     * recursive method's compiled code small (see {@link TriangularInverse}).
     */
    private static void gram(double[] a, int off, int ld, int n, int threads) {
        if (n <= LEAF) {
            leaf(a, off, ld, n);
            return;
        }
        int n1 = split(n);
        int n2 = n - n1;
        int off21 = off + n1 * ld;
        int off22 = off21 + n1;
        int t = threads > 1 && TriangularInverse.worthTwoThreads(n1) ? threads : 1;
        double[] b = t > 1 ? copyOf(a, off21, ld, n2, n1) : a;
        int bOff = t > 1 ? 0 : off21;
        int ldb = t > 1 ? n1 : ld;
        CoarseSplit.both(t,
                () -> {
                    gram(a, off, ld, n1, 1);
                    Syrk.syrk(true, n1, n2, 1.0, b, bOff, ldb, 1.0, a, off, ld, 1);
                },
                () -> {
                    multiplyLeftTransposed(a, off22, ld, n2, a, off21, ld, n1, new double[LEAF * LEAF]);
                    gram(a, off22, ld, n2, 1);
                });
    }

    private static double[] copyOf(double[] a, int off, int ld, int rows, int cols) {
        double[] copy = new double[rows * cols];
        for (int r = 0; r < rows; r++) {
            System.arraycopy(a, off + r * ld, copy, r * cols, cols);
        }
        return copy;
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
