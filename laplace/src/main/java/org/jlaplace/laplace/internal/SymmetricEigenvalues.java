package org.jlaplace.laplace.internal;

import org.jlaplace.core.Tensor;
import org.jlaplace.core.linalg.Linalg;
import org.jlaplace.core.linalg.SymmetricEigen;

/** Eigen-decompositions of small symmetric matrices through the core {@link Linalg} façade. */
public final class SymmetricEigenvalues {
    private SymmetricEigenvalues() {
    }

    /** Eigenvalues, ascending (no eigenvectors are formed). */
    public static double[] of(double[] a, int n) {
        return Linalg.symmetricEigenvalues(Tensor.copyOf(a, n, n)).toArray();
    }

    /**
     * A square root {@code R} with {@code R Rᵀ = A} for a symmetric positive semi-definite
     * {@code A}: {@code R = V diag(√max(λ, 0))} (negative rounding-level eigenvalues are cut to
     * zero, so singular covariances are fine).
     */
    public static double[] psdSquareRoot(double[] a, int n) {
        SymmetricEigen e = Linalg.symmetricEigen(Tensor.copyOf(a, n, n));
        double[] lam = e.values().toArray();
        double[] v = e.vectors().toArray();
        double[] r = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                r[i * n + j] = v[i * n + j] * Math.sqrt(Math.max(lam[j], 0.0));
            }
        }
        return r;
    }
}
