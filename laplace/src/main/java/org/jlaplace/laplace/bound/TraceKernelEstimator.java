package org.jlaplace.laplace.bound;

import org.jlaplace.laplace.JacobianBatch;
import org.jlaplace.laplace.curvature.Ggn;
import org.jlaplace.laplace.likelihood.Likelihood;
import org.jlaplace.laplace.prior.Prior;

/**
 * The trace bound, the worked example of docs/ADDING_A_BOUND.md: since {@code log(1+λ) ≤ λ} for
 * every eigenvalue {@code λ ≥ 0} of {@code G_b},
 * {@code log det(I + G_b) ≤ tr(G_b) = s·Σ_p h⁰_p/δ_p} with {@code h⁰_p = Σ_i B_ip²} the unit
 * GGN diagonal, so {@code T_b = tr(G_b)} gives a certified lower bound below the kernel partition
 * bound. Gradients: {@code ∂T_b/∂ log δ_k = −s·Σ_{p∈k} h⁰_p/δ_p},
 * {@code ∂T_b/∂ log σ = (∂ log s/∂ log σ)·T_b}. Cost {@code O(M C P)}: no Cholesky at all.
 */
public final class TraceKernelEstimator implements BoundEstimator<TraceKernelEstimator.Statistics> {

    /** The batch's unit GGN diagonal {@code h⁰} and the hyperparameter of each parameter. */
    public record Statistics(double[] diagonal, int[] hyperOf) {
    }

    @Override
    public String name() {
        return "trace-kernel";
    }

    @Override
    public boolean isCertifiedBound() {
        return true;
    }

    @Override
    public Statistics prepare(JacobianBatch batch, Likelihood likelihood, Prior prior) {
        double[] a = likelihood.unitFactor(batch.predictions(), batch.size());
        double[] b = batch.weightedJacobian(a, likelihood.outputs());
        int p = batch.groups().totalSize();
        return new Statistics(Ggn.columnSquares(b, b.length / p, p), prior.hyperparameterOfParameter(batch.groups()));
    }

    /** The diagonal and the parameter-to-hyperparameter map: {@code 12·P} bytes. */
    @Override
    public long statisticsBytes(BatchDimensions d) {
        return 12L * d.parameters();
    }

    /** The statistics and {@code B} ({@code M·C×P}). */
    @Override
    public long workingBytes(BatchDimensions d) {
        return statisticsBytes(d) + 8 * d.rows() * d.parameters();
    }

    @Override
    public LogDetTerm logDetTerm(Statistics s, Likelihood likelihood, Prior prior) {
        double[] d = prior.precisions();
        double scale = likelihood.factorScale();
        double[] grad = new double[d.length];
        double trace = 0.0;
        for (int p = 0; p < s.diagonal().length; p++) {
            double term = scale * s.diagonal()[p] / d[s.hyperOf()[p]];
            trace += term;
            grad[s.hyperOf()[p]] -= term;
        }
        return new LogDetTerm(trace, grad, likelihood.factorScaleLogGradLogSigma() * trace);
    }
}
