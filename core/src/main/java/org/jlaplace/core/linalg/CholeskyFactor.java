package org.jlaplace.core.linalg;

/**
 * The Cholesky factor {@code L} of a symmetric positive definite matrix {@code A = L·Lᵀ}, held in a
 * row-major {@code n×n} array whose strict upper triangle is zero. Made by {@link Cholesky#factor}.
 */
public final class CholeskyFactor {

    private final double[] l;
    private final int n;
    private final int threads;

    CholeskyFactor(double[] l, int n, int threads) {
        this.l = l;
        this.n = n;
        this.threads = threads;
    }

    /** The order {@code n} of the matrix. */
    public int n() {
        return n;
    }

    /**
     * The factor {@code L}: the array given to {@link Cholesky#factor}, now holding {@code L} (row-major
     * {@code n×n}, zero above the diagonal). Not a copy: do not modify it while using this factor.
     */
    public double[] lower() {
        return l;
    }

    /** {@code log det A = 2·Σ_i log L_ii}. */
    public double logDet() {
        double s = 0.0;
        for (int i = 0; i < n; i++) {
            s += Math.log(l[i * n + i]);
        }
        return 2.0 * s;
    }

    /**
     * Solves {@code A·X = B} in place: {@code b} holds the row-major {@code n×nrhs} right-hand side and
     * receives {@code X = L⁻ᵀ·(L⁻¹·B)}.
     */
    public void solve(double[] b, int nrhs) {
        if (nrhs < 0) {
            throw new IllegalArgumentException("CholeskyFactor.solve: negative number of right-hand sides " + nrhs);
        }
        if (b.length < (long) n * nrhs) {
            throw new IllegalArgumentException("CholeskyFactor.solve: array of length " + b.length
                    + " cannot hold a " + n + "x" + nrhs + " right-hand side");
        }
        Trsm.solveLeft(false, n, nrhs, l, 0, n, b, 0, nrhs, threads);
        Trsm.solveLeft(true, n, nrhs, l, 0, n, b, 0, nrhs, threads);
    }

    /**
     * The symmetric inverse {@code A⁻¹ = L⁻ᵀ·L⁻¹} as a new row-major {@code n×n} array. {@code L⁻¹} is
     * built block column by block column (each a triangular solve on the trailing rows only, since
     * {@code L⁻¹} is lower triangular), then {@code L⁻ᵀ·L⁻¹} by one SYRK and mirrored.
     */
    public double[] inverse() {
        double[] inv = new double[n * n];
        for (int j = 0; j < n; j += Trsm.BLOCK) {
            int bs = Math.min(Trsm.BLOCK, n - j);
            for (int d = 0; d < bs; d++) {
                inv[(j + d) * n + j + d] = 1.0;
            }
            // Columns j..j+bs of L⁻¹ vanish above row j: solve L[j:, j:]·X = I[j:, j:j+bs].
            Trsm.solveLeft(false, n - j, bs, l, j * n + j, n, inv, j * n + j, n, threads);
        }
        double[] out = new double[n * n];
        Syrk.syrk(true, n, n, 1.0, inv, 0, n, 0.0, out, 0, n, threads);
        Syrk.symmetrizeLower(out, 0, n, n);
        return out;
    }
}
