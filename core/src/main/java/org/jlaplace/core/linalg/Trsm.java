package org.jlaplace.core.linalg;

/**
 * Triangular solves with a lower-triangular factor {@code L} on row-major slices, overwriting the
 * right-hand side {@code B} with the solution {@code X}:
 * <ul>
 *   <li>{@link #solveLeft}: {@code op(L)·X = B} with {@code B} of shape {@code n×m};</li>
 *   <li>{@link #solveRight}: {@code X·op(L) = B} with {@code B} of shape {@code m×n};</li>
 * </ul>
 * where {@code op(L)} is {@code L} or {@code Lᵀ} and {@code L} is {@code n×n}. Only the lower
 * triangle of {@code L} (diagonal included) is read. Element {@code (i, j)} of a matrix with leading
 * dimension {@code ld} starting at {@code off} lives at {@code off + i·ld + j}.
 *
 * <p>The solves are blocked: a diagonal block of {@value #BLOCK} rows is solved by substitution and
 * its contribution is removed from the rest of {@code B} by one {@link Gemm} call, so for large
 * {@code n} nearly all of the {@code n²·m} flops run in the matrix-multiply kernel; right solves wider
 * than {@value #RIGHT_LEAF} columns halve {@code L} recursively first.
 *
 * <p>The right-hand sides are independent, so on several threads a solve with enough of them is cut
 * into runs of rows ({@link #solveRight}) or columns ({@link #solveLeft}), each solved on one thread
 * ({@link CoarseSplit}); otherwise the GEMM updates of the one solve use the threads. The result is
 * bitwise the same for every thread count.
 */
public final class Trsm {

    /** Width of the diagonal blocks solved by substitution; the remainder goes through GEMM. */
    static final int BLOCK = 32;
    /**
     * From this many right-hand-side rows on, right solves apply inverted diagonal blocks by GEMM
     * (already for the short panels of a small Cholesky factorisation: n = 100 to 500 run 15–30 % faster
     * than with substitution below 128 rows).
     */
    static final int INVERSE_MIN_ROWS = 16;
    /** Right solves up to this many columns are blocked; wider ones are halved ({@link #solveRightRecursive}). */
    static final int RIGHT_LEAF = 256;

    private Trsm() {
    }

    /**
     * Solves {@code op(L)·X = B} in place ({@code B ← op(L)⁻¹·B}), {@code L} {@code n×n} lower,
     * {@code B} {@code n×m}; forward substitution for {@code L}, backward for {@code Lᵀ}.
     */
    public static void solveLeft(boolean transL, int n, int m, double[] l, int lOff, int ldl,
                                 double[] b, int bOff, int ldb) {
        solveLeft(transL, n, m, l, lOff, ldl, b, bOff, ldb, Gemm.threads());
    }

    /** {@link #solveLeft(boolean, int, int, double[], int, int, double[], int, int)} with at most {@code threads} threads. */
    public static void solveLeft(boolean transL, int n, int m, double[] l, int lOff, int ldl,
                                 double[] b, int bOff, int ldb, int threads) {
        checkSizes("solveLeft", n, m, ldl, ldb, n, m);
        if (n == 0 || m == 0) {
            return;
        }
        if (CoarseSplit.tasks(m, (double) n * n, threads) > 1) {
            // Columns of B are independent right-hand sides: one single-threaded solve per run of columns.
            CoarseSplit.run(m, (double) n * n, threads, (c0, c1) ->
                    solveLeftBlocked(transL, n, c1 - c0, l, lOff, ldl, b, bOff + c0, ldb, 1));
        } else {
            solveLeftBlocked(transL, n, m, l, lOff, ldl, b, bOff, ldb, threads);
        }
    }

    /** The blocked left solve on all of {@code B}, its GEMM updates on up to {@code threads} threads. */
    private static void solveLeftBlocked(boolean transL, int n, int m, double[] l, int lOff, int ldl,
                                         double[] b, int bOff, int ldb, int threads) {
        if (m == 0) {
            return;
        }
        if (!transL) {
            for (int i = 0; i < n; i += BLOCK) {
                int bs = Math.min(BLOCK, n - i);
                int xOff = bOff + i * ldb;
                leftLowerUnblocked(bs, m, l, lOff + i * ldl + i, ldl, b, xOff, ldb);
                int rest = n - i - bs;
                if (rest > 0) {
                    // B[i+bs:n, :] -= L[i+bs:n, i:i+bs] · X[i:i+bs, :]
                    Gemm.gemm(false, false, rest, m, bs, -1.0, l, lOff + (i + bs) * ldl + i, ldl,
                            b, xOff, ldb, 1.0, b, xOff + bs * ldb, ldb, threads);
                }
            }
        } else {
            int last = ((n - 1) / BLOCK) * BLOCK;
            for (int i = last; i >= 0; i -= BLOCK) {
                int bs = Math.min(BLOCK, n - i);
                int xOff = bOff + i * ldb;
                leftLowerTransposedUnblocked(bs, m, l, lOff + i * ldl + i, ldl, b, xOff, ldb);
                if (i > 0) {
                    // B[0:i, :] -= (L[i:i+bs, 0:i])ᵀ · X[i:i+bs, :]
                    Gemm.gemm(true, false, i, m, bs, -1.0, l, lOff + i * ldl, ldl,
                            b, xOff, ldb, 1.0, b, bOff, ldb, threads);
                }
            }
        }
    }

    /**
     * Solves {@code X·op(L) = B} in place ({@code B ← B·op(L)⁻¹}), {@code L} {@code n×n} lower,
     * {@code B} {@code m×n}. With {@code transL} this is the Cholesky panel update
     * {@code L₂₁ = A₂₁·L₁₁⁻ᵀ}.
     */
    public static void solveRight(boolean transL, int m, int n, double[] l, int lOff, int ldl,
                                  double[] b, int bOff, int ldb) {
        solveRight(transL, m, n, l, lOff, ldl, b, bOff, ldb, Gemm.threads());
    }

    /** {@link #solveRight(boolean, int, int, double[], int, int, double[], int, int)} with at most {@code threads} threads. */
    public static void solveRight(boolean transL, int m, int n, double[] l, int lOff, int ldl,
                                  double[] b, int bOff, int ldb, int threads) {
        checkSizes("solveRight", n, m, ldl, ldb, m, n);
        if (n == 0 || m == 0) {
            return;
        }
        // Decided on all of B, so that every run of rows below is solved the same way.
        solveRight(transL, m, n, l, lOff, ldl, b, bOff, ldb, m >= INVERSE_MIN_ROWS, threads);
    }

    /**
     * The right solve with the diagonal-block method fixed by {@code viaInverse}: with at least two
     * runs of rows worth a task, each run is solved on one thread, else the GEMM updates of the one
     * solve use up to {@code threads} threads.
     */
    private static void solveRight(boolean transL, int m, int n, double[] l, int lOff, int ldl, double[] b, int bOff,
                           int ldb, boolean viaInverse, int threads) {
        if (n == 0 || m == 0) {
            return;
        }
        if (CoarseSplit.tasks(m, (double) n * n, threads) > 1) {
            // Rows of B are independent right-hand sides: one single-threaded solve per run of rows.
            CoarseSplit.run(m, (double) n * n, threads, (r0, r1) ->
                    solveRightRecursive(transL, r1 - r0, n, l, lOff, ldl, b, bOff + r0 * ldb, ldb, viaInverse, 1));
        } else {
            solveRightRecursive(transL, m, n, l, lOff, ldl, b, bOff, ldb, viaInverse, threads);
        }
    }

    /**
     * The right solve by halving {@code L} above {@value #RIGHT_LEAF} columns, so that nearly all of its
     * {@code n²·m} flops are a few deep GEMMs instead of one rank-{@value #BLOCK} update of all of
     * {@code B} per block, which runs at memory speed for tall {@code B}. With
     * {@code L = [L₁₁ 0; L₂₁ L₂₂]} and {@code B = [B₁ B₂]}: for {@code X·Lᵀ = B},
     * {@code X₁ = B₁L₁₁⁻ᵀ}, {@code B₂ −= X₁L₂₁ᵀ}, {@code X₂ = B₂L₂₂⁻ᵀ}; for {@code X·L = B},
     * {@code X₂ = B₂L₂₂⁻¹}, {@code B₁ −= X₂L₂₁}, {@code X₁ = B₁L₁₁⁻¹}.
     */
    private static void solveRightRecursive(boolean transL, int m, int n, double[] l, int lOff, int ldl,
                                            double[] b, int bOff, int ldb, boolean viaInverse, int threads) {
        if (n <= RIGHT_LEAF) {
            solveRightBlocked(transL, m, n, l, lOff, ldl, b, bOff, ldb, viaInverse, threads);
            return;
        }
        int n1 = (n / 2 + BLOCK - 1) / BLOCK * BLOCK;
        int n2 = n - n1;
        int l21 = lOff + n1 * ldl;
        if (transL) {
            solveRightRecursive(true, m, n1, l, lOff, ldl, b, bOff, ldb, viaInverse, threads);
            Gemm.gemm(false, true, m, n2, n1, -1.0, b, bOff, ldb, l, l21, ldl, 1.0, b, bOff + n1, ldb, threads);
            solveRightRecursive(true, m, n2, l, l21 + n1, ldl, b, bOff + n1, ldb, viaInverse, threads);
        } else {
            solveRightRecursive(false, m, n2, l, l21 + n1, ldl, b, bOff + n1, ldb, viaInverse, threads);
            Gemm.gemm(false, false, m, n1, n2, -1.0, b, bOff + n1, ldb, l, l21, ldl, 1.0, b, bOff, ldb, threads);
            solveRightRecursive(false, m, n1, l, lOff, ldl, b, bOff, ldb, viaInverse, threads);
        }
    }

    /**
     * The blocked right solve on all of {@code B}, its GEMM updates on up to {@code threads} threads;
     * {@code viaInverse} says whether diagonal blocks are applied as inverses by GEMM.
     */
    private static void solveRightBlocked(boolean transL, int m, int n, double[] l, int lOff, int ldl,
                                          double[] b, int bOff, int ldb, boolean viaInverse, int threads) {
        if (m == 0) {
            return;
        }
        double[] small = new double[BLOCK * BLOCK];
        double[] rows = viaInverse ? new double[m * Math.min(BLOCK, n)] : null;
        if (transL) {
            for (int j = 0; j < n; j += BLOCK) {
                int bs = Math.min(BLOCK, n - j);
                int xOff = bOff + j;
                if (viaInverse) {
                    multiplyByDiagonalInverse(true, m, bs, l, lOff + j * ldl + j, ldl, b, xOff, ldb, small, rows,
                            threads);
                } else {
                    rightLowerTransposedUnblocked(m, bs, l, lOff + j * ldl + j, ldl, b, xOff, ldb, small);
                }
                int rest = n - j - bs;
                if (rest > 0) {
                    // B[:, j+bs:n] -= X[:, j:j+bs] · (L[j+bs:n, j:j+bs])ᵀ
                    Gemm.gemm(false, true, m, rest, bs, -1.0, b, xOff, ldb,
                            l, lOff + (j + bs) * ldl + j, ldl, 1.0, b, xOff + bs, ldb, threads);
                }
            }
        } else {
            int last = ((n - 1) / BLOCK) * BLOCK;
            for (int j = last; j >= 0; j -= BLOCK) {
                int bs = Math.min(BLOCK, n - j);
                int xOff = bOff + j;
                if (viaInverse) {
                    multiplyByDiagonalInverse(false, m, bs, l, lOff + j * ldl + j, ldl, b, xOff, ldb, small, rows,
                            threads);
                } else {
                    rightLowerUnblocked(m, bs, l, lOff + j * ldl + j, ldl, b, xOff, ldb);
                }
                if (j > 0) {
                    // B[:, 0:j] -= X[:, j:j+bs] · L[j:j+bs, 0:j]
                    Gemm.gemm(false, false, m, j, bs, -1.0, b, xOff, ldb,
                            l, lOff + j * ldl, ldl, 1.0, b, bOff, ldb, threads);
                }
            }
        }
    }

    /**
     * {@code B ← B·op(D)⁻¹} for a small diagonal block {@code D} ({@code n ≤ BLOCK}) of a tall
     * right-hand side: {@code D⁻¹} is formed by substitution ({@code n³/6} flops) and applied by GEMM,
     * because substituting row by row on {@code m} short rows runs several times slower than the
     * matrix-multiply kernel. The blocks are small diagonal blocks of a triangular factor, so forming
     * their inverse costs little accuracy for the well-conditioned factors this library works with.
     */
    private static void multiplyByDiagonalInverse(boolean transL, int m, int n, double[] l, int lOff, int ldl,
                                                  double[] b, int bOff, int ldb, double[] inverse, double[] rows,
                                                  int threads) {
        invertLower(n, l, lOff, ldl, inverse);
        for (int r = 0; r < m; r++) {
            System.arraycopy(b, bOff + r * ldb, rows, r * n, n);
        }
        Gemm.gemm(false, transL, m, n, n, 1.0, rows, 0, n, inverse, 0, n, 0.0, b, bOff, ldb, threads);
    }

    /**
     * {@code Y = L⁻¹} for a small lower {@code L} into a dense row-major {@code n×n} array (zero above the
     * diagonal): {@code Y_ii = 1/L_ii}, {@code Y_ij = −(Σ_{j≤k<i} L_ik·Y_kj) / L_ii} for {@code j < i}.
     */
    static void invertLower(int n, double[] l, int lOff, int ldl, double[] y) {
        for (int i = 0; i < n; i++) {
            int li = lOff + i * ldl;
            double d = l[li + i];
            for (int j = 0; j < i; j++) {
                double s = 0.0;
                for (int k = j; k < i; k++) {
                    s += l[li + k] * y[k * n + j];
                }
                y[i * n + j] = -s / d;
            }
            y[i * n + i] = 1.0 / d;
            for (int j = i + 1; j < n; j++) {
                y[i * n + j] = 0.0;
            }
        }
    }

    private static void checkSizes(String op, int n, int m, int ldl, int ldb, int rows, int cols) {
        if (n < 0 || m < 0) {
            throw new IllegalArgumentException("Trsm." + op + ": negative size n=" + n + ", m=" + m);
        }
        if (n > 0 && ldl < n) {
            throw new IllegalArgumentException("Trsm." + op + ": leading dimension of L " + ldl + " < n=" + n);
        }
        if (rows > 0 && ldb < cols) {
            throw new IllegalArgumentException("Trsm." + op + ": leading dimension of B " + ldb
                    + " < its column count " + cols);
        }
    }

    /** Forward substitution {@code L·X = B}, row by row, so the inner loop is a contiguous axpy. */
    private static void leftLowerUnblocked(int n, int m, double[] l, int lOff, int ldl,
                                           double[] b, int bOff, int ldb) {
        for (int i = 0; i < n; i++) {
            int ri = bOff + i * ldb;
            int li = lOff + i * ldl;
            for (int k = 0; k < i; k++) {
                double lik = l[li + k];
                if (lik != 0.0) {
                    int rk = bOff + k * ldb;
                    for (int c = 0; c < m; c++) {
                        b[ri + c] -= lik * b[rk + c];
                    }
                }
            }
            double d = l[li + i];
            for (int c = 0; c < m; c++) {
                b[ri + c] /= d;
            }
        }
    }

    /** Backward substitution {@code Lᵀ·X = B}: once row {@code i} is final it is removed from rows above. */
    private static void leftLowerTransposedUnblocked(int n, int m, double[] l, int lOff, int ldl,
                                                     double[] b, int bOff, int ldb) {
        for (int i = n - 1; i >= 0; i--) {
            int ri = bOff + i * ldb;
            int li = lOff + i * ldl;
            double d = l[li + i];
            for (int c = 0; c < m; c++) {
                b[ri + c] /= d;
            }
            for (int k = 0; k < i; k++) {
                double lik = l[li + k];
                if (lik != 0.0) {
                    int rk = bOff + k * ldb;
                    for (int c = 0; c < m; c++) {
                        b[rk + c] -= lik * b[ri + c];
                    }
                }
            }
        }
    }

    /**
     * {@code X·Lᵀ = B} row by row: {@code x_j = b_j / L_jj}, then {@code b_{j+1:} -= x_j·L_{j+1:, j}}.
     * The column of {@code L} is copied once into {@code upper} (as a row of {@code Lᵀ}) so that the
     * update is a contiguous axpy.
     */
    private static void rightLowerTransposedUnblocked(int m, int n, double[] l, int lOff, int ldl,
                                                      double[] b, int bOff, int ldb, double[] upper) {
        for (int i = 0; i < n; i++) {
            for (int j = i; j < n; j++) {
                upper[i * n + j] = l[lOff + j * ldl + i];
            }
        }
        for (int r = 0; r < m; r++) {
            int row = bOff + r * ldb;
            for (int j = 0; j < n; j++) {
                int uj = j * n;
                double x = b[row + j] / upper[uj + j];
                b[row + j] = x;
                for (int c = j + 1; c < n; c++) {
                    b[row + c] -= x * upper[uj + c];
                }
            }
        }
    }

    /** {@code X·L = B} row by row, backwards: {@code x_j = b_j / L_jj}, then {@code b_{0:j} -= x_j·L_{j, 0:j}}. */
    private static void rightLowerUnblocked(int m, int n, double[] l, int lOff, int ldl,
                                            double[] b, int bOff, int ldb) {
        for (int r = 0; r < m; r++) {
            int row = bOff + r * ldb;
            for (int j = n - 1; j >= 0; j--) {
                int lj = lOff + j * ldl;
                double x = b[row + j] / l[lj + j];
                b[row + j] = x;
                for (int c = 0; c < j; c++) {
                    b[row + c] -= x * l[lj + c];
                }
            }
        }
    }
}
