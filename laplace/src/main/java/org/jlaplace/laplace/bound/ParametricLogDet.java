package org.jlaplace.laplace.bound;

import org.jlaplace.laplace.internal.SpdFactor;

/**
 * Parameter-space log-determinants {@code log det(I + P0⁻¹·s·H⁰)} and their hyper-gradients.
 * With the symmetric form {@code X = I + s·D^{-½} H⁰ D^{-½}} ({@code D = P0}):
 * {@code ∂ log det X/∂ log δ_p = [X⁻¹]_pp − 1} (the squared norm of column {@code p} of
 * {@code L⁻¹}, minus one) and {@code ∂/∂ log σ = (∂ log s/∂ log σ)·(n − tr X⁻¹)}.
 */
public final class ParametricLogDet {
    private ParametricLogDet() {
    }

    /**
     * Adds the term of one symmetric block {@code H⁰} over parameters {@code params} to
     * {@code grad} (indexed by hyperparameter through {@code hyperOf}) and returns
     * {@code {value, dValue/dlogσ}}.
     */
    public static double[] block(double[] h, int[] params, double scale, double dLogScale, double[] precisions,
                                 int[] hyperOf, double[] grad, String what) {
        int n = params.length;
        double[] x = new double[n * n];
        double[] root = new double[n];
        for (int i = 0; i < n; i++) {
            root[i] = Math.sqrt(scale / precisions[hyperOf[params[i]]]);
        }
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                x[i * n + j] = root[i] * h[i * n + j] * root[j];
            }
            x[i * n + i] += 1.0;
        }
        SpdFactor chol = SpdFactor.ofInPlace(x, n, what + ": I + P0⁻¹H");
        double logDet = chol.logDet();
        chol.traceOfInverseDiscardingFactor(); // L⁻¹ in the factor's storage: no second n×n array
        double[] z = chol.lowerInverse();
        double traceInv = 0.0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                double v = z[i * n + j];
                grad[hyperOf[params[j]]] += v * v;
                traceInv += v * v;
            }
        }
        for (int j = 0; j < n; j++) {
            grad[hyperOf[params[j]]] -= 1.0;
        }
        return new double[] {logDet, dLogScale * (n - traceInv)};
    }

    /** {@code Σ_p log(1 + s·h_p/δ_p)} for a diagonal curvature, gradients added to {@code grad}. */
    public static double[] diagonal(double[] h, double scale, double dLogScale, double[] precisions, int[] hyperOf,
                                    double[] grad) {
        double value = 0.0;
        double sigma = 0.0;
        for (int p = 0; p < h.length; p++) {
            double x = scale * h[p] / precisions[hyperOf[p]];
            double r = x / (1.0 + x);
            value += Math.log1p(x);
            grad[hyperOf[p]] -= r;
            sigma += dLogScale * r;
        }
        return new double[] {value, sigma};
    }
}
