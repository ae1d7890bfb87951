package org.jlaplace.laplace.internal;


/**
 * The Cholesky factor {@code X = L·Lᵀ} of a symmetric positive-definite {@code n×n} matrix,
 * with the products the bounds need: {@code log det X = 2 Σ log L_ii}, {@code L⁻¹} and
 * {@code tr(X⁻¹) = ‖L⁻¹‖²_F}.
 */
public final class SpdFactor {
    private final int n;
    private final double[] lower;
    private double[] lowerInverse;

    private SpdFactor(int n, double[] lower) {
        this.n = n;
        this.lower = lower;
    }

    /**
     * Factors a copy of {@code x}; {@code what} names the matrix in the error raised when it is
     * not positive definite (or contains a non-finite value).
     */
    public static SpdFactor of(double[] x, int n, String what) {
        if (x.length != n * n) {
            throw new IllegalArgumentException(what + ": expected " + n + "×" + n + " entries, got " + x.length);
        }
        double[] l = x.clone();
        CholeskyKernel.factorInPlace(l, n, what);
        return new SpdFactor(n, l);
    }

    /** Factors {@code x} in place (its upper triangle is zeroed). */
    public static SpdFactor ofInPlace(double[] x, int n, String what) {
        CholeskyKernel.factorInPlace(x, n, what);
        return new SpdFactor(n, x);
    }

    public int size() {
        return n;
    }

    /** {@code log det X = 2 Σ_i log L_ii}. */
    public double logDet() {
        double s = 0.0;
        for (int i = 0; i < n; i++) {
            s += Math.log(lower[i * n + i]);
        }
        return 2.0 * s;
    }

    /** The lower factor {@code L} (row-major, upper triangle zero); not a copy. */
    public double[] lower() {
        return lower;
    }

    /** {@code L⁻¹}, lower triangular, computed once and cached; not a copy. */
    public double[] lowerInverse() {
        if (lowerInverse == null) {
            lowerInverse = CholeskyKernel.invertLower(lower, n);
        }
        return lowerInverse;
    }

    /** {@code tr(X⁻¹) = ‖L⁻¹‖²_F}. */
    public double traceOfInverse() {
        return DenseOps.frobeniusNorm2(lowerInverse());
    }

    /** {@code X⁻¹ = L⁻ᵀ L⁻¹} (symmetric, full storage). */
    public double[] inverse() {
        double[] z = lowerInverse();
        double[] out = new double[n * n];
        // (L⁻ᵀL⁻¹)_ij = Σ_k Z_ki Z_kj with Z lower triangular: k ≥ max(i, j).
        for (int k = 0; k < n; k++) {
            int zk = k * n;
            for (int i = 0; i <= k; i++) {
                double zki = z[zk + i];
                if (zki == 0.0) {
                    continue;
                }
                int oi = i * n;
                for (int j = 0; j <= i; j++) {
                    out[oi + j] += zki * z[zk + j];
                }
            }
        }
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < i; j++) {
                out[j * n + i] = out[i * n + j];
            }
        }
        return out;
    }

    /** {@code L⁻¹·B} for a row-major {@code n×k} right-hand side; returns a new array. */
    public double[] solveLower(double[] b, int k) {
        double[] y = b.clone();
        for (int i = 0; i < n; i++) {
            int yi = i * k;
            int li = i * n;
            for (int p = 0; p < i; p++) {
                double lip = lower[li + p];
                if (lip == 0.0) {
                    continue;
                }
                int yp = p * k;
                for (int j = 0; j < k; j++) {
                    y[yi + j] -= lip * y[yp + j];
                }
            }
            double d = 1.0 / lower[li + i];
            for (int j = 0; j < k; j++) {
                y[yi + j] *= d;
            }
        }
        return y;
    }

    /** {@code L⁻ᵀ·B} for a row-major {@code n×k} right-hand side; returns a new array. */
    public double[] solveLowerTransposed(double[] b, int k) {
        double[] y = b.clone();
        for (int i = n - 1; i >= 0; i--) {
            int yi = i * k;
            double d = 1.0 / lower[i * n + i];
            for (int j = 0; j < k; j++) {
                y[yi + j] *= d;
            }
            for (int p = 0; p < i; p++) {
                double lip = lower[i * n + p];
                if (lip == 0.0) {
                    continue;
                }
                int yp = p * k;
                for (int j = 0; j < k; j++) {
                    y[yp + j] -= lip * y[yi + j];
                }
            }
        }
        return y;
    }

    /** {@code X⁻¹·B} by two triangular solves. */
    public double[] solve(double[] b, int k) {
        return solveLowerTransposed(solveLower(b, k), k);
    }
}
