package org.jlaplace.laplace.internal;

import org.jlaplace.core.kernels.KernelProvider;
import org.jlaplace.core.kernels.VectorKernels;
import org.jlaplace.core.linalg.Cholesky;
import org.jlaplace.core.linalg.CholeskyFactor;
import org.jlaplace.core.linalg.NotPositiveDefiniteException;
import org.jlaplace.core.linalg.Syrk;
import org.jlaplace.core.linalg.Trsm;
import org.jlaplace.core.linalg.TriangularGram;
import org.jlaplace.core.linalg.TriangularInverse;
import org.jlaplace.laplace.NotPositiveDefiniteError;

/**
 * The Cholesky factor {@code X = L·Lᵀ} of a symmetric positive-definite {@code n×n} matrix (by
 * the core blocked {@link Cholesky}), with the products the bounds need:
 * {@code log det X = 2 Σ log L_ii}, {@code L⁻¹}, {@code tr(X⁻¹) = ‖L⁻¹‖²_F} and
 * {@code X⁻¹ = L⁻ᵀL⁻¹}.
 */
public final class SpdFactor {
    private final int n;
    private final CholeskyFactor factor;
    private double[] lowerInverse;
    private boolean factorDiscarded;
    /** Set when the storage holds {@code X⁻¹} instead of {@code L} or {@code L⁻¹}. */
    private boolean inverseDiscarded;
    private double logDet;

    private SpdFactor(int n, CholeskyFactor factor) {
        this.n = n;
        this.factor = factor;
    }

    /**
     * Factors a copy of {@code x}; {@code what} names the matrix in the error raised when it is
     * not positive definite (or holds a non-finite value).
     */
    public static SpdFactor of(double[] x, int n, String what) {
        return ofInPlace(x.clone(), n, what);
    }

    /** Factors {@code x} in place (it then holds {@code L}). */
    public static SpdFactor ofInPlace(double[] x, int n, String what) {
        if (x.length != (long) n * n) {
            throw new IllegalArgumentException(what + ": expected " + n + "×" + n + " entries, got " + x.length);
        }
        try {
            return new SpdFactor(n, Cholesky.factor(x, n));
        } catch (NotPositiveDefiniteException e) {
            NotPositiveDefiniteError err = new NotPositiveDefiniteError(what, e.pivot(), e.value());
            err.initCause(e);
            throw err;
        }
    }

    public int size() {
        return n;
    }

    /** {@code log det X = 2 Σ_i log L_ii}. */
    public double logDet() {
        return factorDiscarded ? logDet : factor.logDet();
    }

    /** The lower factor {@code L} (row-major, upper triangle zero); not a copy. */
    public double[] lower() {
        checkFactor("lower");
        return factor.lower();
    }

    private void checkFactor(String operation) {
        if (factorDiscarded) {
            throw new IllegalStateException("SpdFactor." + operation + ": the factor was overwritten by its inverse");
        }
    }

    /**
     * {@code L⁻¹}, lower triangular, computed once and cached (not a copy): a copy of {@code L}
     * inverted in place by {@link TriangularInverse} (recursive halving, about {@code n³/3} flops,
     * nearly all in GEMM).
     */
    public double[] lowerInverse() {
        if (inverseDiscarded) {
            throw new IllegalStateException("SpdFactor.lowerInverse: the storage holds X⁻¹ instead");
        }
        if (lowerInverse == null) {
            double[] z = factor.lower().clone();
            TriangularInverse.invertLower(z, 0, n, n);
            lowerInverse = z;
        }
        return lowerInverse;
    }

    /** {@code tr(X⁻¹) = ‖L⁻¹‖²_F}. */
    public double traceOfInverse() {
        return lowerSumOfSquares(lowerInverse(), n);
    }

    /**
     * {@code tr(X⁻¹) = ‖L⁻¹‖²_F}, inverting the factor in place instead of a copy: afterwards this
     * object holds {@code L⁻¹} only, so {@link #lower()} and the solves throw, while
     * {@link #logDet()}, {@link #lowerInverse()}, {@link #traceOfInverse()} and {@link #inverse()}
     * still work. Saves an {@code n×n} copy when the trace is all that is needed.
     */
    public double traceOfInverseDiscardingFactor() {
        if (inverseDiscarded) {
            throw new IllegalStateException("SpdFactor.traceOfInverseDiscardingFactor: the storage holds X⁻¹");
        }
        if (lowerInverse == null) {
            logDet = factor.logDet();
            double[] l = factor.lower();
            TriangularInverse.invertLower(l, 0, n, n);
            lowerInverse = l;
            factorDiscarded = true;
        }
        return traceOfInverse();
    }

    /**
     * The lower triangle (diagonal included) of {@code X⁻¹ = L⁻ᵀL⁻¹}, computed in the factor's own
     * storage: {@code L ← L⁻¹} ({@link TriangularInverse}, {@code n³/3} flops), then
     * {@code L⁻¹ ← L⁻ᵀL⁻¹} ({@link TriangularGram}, {@code n³/3} flops; a dense SYRK of
     * {@code L⁻¹} would cost {@code n³}). No {@code n×n} array is allocated. Afterwards only
     * {@link #logDet()} works; everything else throws. The upper triangle of the result is not
     * meaningful.
     */
    public double[] lowerOfInverseDiscardingFactor() {
        checkFactor("lowerOfInverseDiscardingFactor");
        if (lowerInverse != null) {
            throw new IllegalStateException("SpdFactor.lowerOfInverseDiscardingFactor: L⁻¹ was already formed");
        }
        logDet = factor.logDet();
        double[] l = factor.lower();
        TriangularInverse.invertLower(l, 0, n, n);
        TriangularGram.lowerGram(l, 0, n, n);
        factorDiscarded = true;
        inverseDiscarded = true;
        return l;
    }

    /** {@code Σ_{j≤i} Z_ij²} for a row-major lower-triangular {@code n×n} {@code Z}. */
    private static double lowerSumOfSquares(double[] z, int n) {
        VectorKernels k = KernelProvider.get();
        double s = 0.0;
        for (int i = 0; i < n; i++) {
            s += k.sumOfSquares(z, i * n, i + 1);
        }
        return s;
    }

    /** {@code X⁻¹ = L⁻ᵀ L⁻¹} (symmetric, full storage), by one SYRK on {@code L⁻¹}. */
    public double[] inverse() {
        double[] z = lowerInverse();
        double[] out = new double[n * n];
        Syrk.syrk(true, n, n, 1.0, z, 0, n, 0.0, out, 0, n);
        Syrk.symmetrizeLower(out, 0, n, n);
        return out;
    }

    /** {@code L⁻¹·B} for a row-major {@code n×k} right-hand side; returns a new array. */
    public double[] solveLower(double[] b, int k) {
        checkFactor("solveLower");
        double[] y = b.clone();
        Trsm.solveLeft(false, n, k, factor.lower(), 0, n, y, 0, k);
        return y;
    }

    /**
     * {@code L⁻¹ b} for every row {@code b} of a row-major {@code k×n} {@code B}, i.e.
     * {@code B·L⁻ᵀ}, in place, by {@link Trsm#solveRight}: rows need no transposing, runs of rows
     * are solved on separate threads, and each run halves {@code L} recursively so that nearly all of
     * its flops are a few deep GEMMs.
     */
    public void solveLowerRowsInPlace(double[] b, int k) {
        checkFactor("solveLowerRowsInPlace");
        if (b.length != (long) k * n) {
            throw new IllegalArgumentException("SpdFactor.solveLowerRowsInPlace: expected " + k + "×" + n
                    + " entries, got " + b.length);
        }
        Trsm.solveRight(true, k, n, factor.lower(), 0, n, b, 0, n);
    }

    /** {@code L⁻ᵀ·B} for a row-major {@code n×k} right-hand side; returns a new array. */
    public double[] solveLowerTransposed(double[] b, int k) {
        checkFactor("solveLowerTransposed");
        double[] y = b.clone();
        Trsm.solveLeft(true, n, k, factor.lower(), 0, n, y, 0, k);
        return y;
    }

    /** {@code X⁻¹·B} by two triangular solves; returns a new array. */
    public double[] solve(double[] b, int k) {
        checkFactor("solve");
        double[] y = b.clone();
        factor.solve(y, k);
        return y;
    }
}
