package org.jlaplace.laplace;

/**
 * Settings of {@link Laplace#optimizePrior(PriorOptimization)}: at most {@code maxIterations}
 * ascent steps, stopping once every {@code |∂L/∂ log δ_k| ≤ gradientTolerance}; no step moves
 * any {@code log δ_k} by more than {@code maxStep}.
 */
public record PriorOptimization(int maxIterations, double gradientTolerance, double maxStep) {

    public PriorOptimization {
        if (maxIterations < 1) {
            throw new IllegalArgumentException("prior optimisation: maxIterations must be ≥ 1, got " + maxIterations);
        }
        if (!(gradientTolerance >= 0) || Double.isInfinite(gradientTolerance)) {
            throw new IllegalArgumentException("prior optimisation: gradientTolerance must be finite and ≥ 0, got "
                    + gradientTolerance);
        }
        if (!(maxStep > 0) || Double.isInfinite(maxStep)) {
            throw new IllegalArgumentException("prior optimisation: maxStep must be finite and > 0, got " + maxStep);
        }
    }

    /** 500 iterations, gradient tolerance {@code 1e-6}, steps of at most 2 in {@code log δ}. */
    public static PriorOptimization defaults() {
        return new PriorOptimization(500, 1e-6, 2.0);
    }
}
