package org.jlaplace.laplace.internal;

import org.jlaplace.laplace.NotPositiveDefiniteError;

/** In-place lower Cholesky factorisation and triangular inversion on row-major arrays. */
final class CholeskyKernel {
    private CholeskyKernel() {
    }

    /**
     * Overwrites the lower triangle of {@code a} with {@code L} ({@code a = L·Lᵀ}) and zeroes the
     * upper triangle; reads only the lower triangle. Row-oriented (Cholesky–Banachiewicz) so that
     * the inner loop is a contiguous dot product.
     */
    static void factorInPlace(double[] a, int n, String what) {
        for (int i = 0; i < n; i++) {
            int ri = i * n;
            for (int j = 0; j <= i; j++) {
                int rj = j * n;
                double s = a[ri + j];
                for (int k = 0; k < j; k++) {
                    s -= a[ri + k] * a[rj + k];
                }
                if (i == j) {
                    if (!(s > 0.0) || !Double.isFinite(s)) {
                        throw new NotPositiveDefiniteError(what, i, s);
                    }
                    a[ri + i] = Math.sqrt(s);
                } else {
                    a[ri + j] = s / a[rj + j];
                }
            }
            for (int j = i + 1; j < n; j++) {
                a[ri + j] = 0.0;
            }
        }
    }

    /** {@code L⁻¹} of a lower-triangular row-major {@code L}, by forward substitution per column. */
    static double[] invertLower(double[] l, int n) {
        double[] z = new double[n * n];
        for (int i = 0; i < n; i++) {
            int ri = i * n;
            double d = 1.0 / l[ri + i];
            // Row i of Z: Z_ij = −(Σ_{k=j}^{i−1} L_ik Z_kj)/L_ii for j < i, Z_ii = 1/L_ii.
            for (int k = 0; k < i; k++) {
                double lik = l[ri + k];
                if (lik == 0.0) {
                    continue;
                }
                int rk = k * n;
                for (int j = 0; j <= k; j++) {
                    z[ri + j] -= lik * z[rk + j];
                }
            }
            for (int j = 0; j < i; j++) {
                z[ri + j] *= d;
            }
            z[ri + i] = d;
        }
        return z;
    }
}
