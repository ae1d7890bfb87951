package org.jlaplace.laplace.bound;

import org.jlaplace.laplace.JacobianBatch;
import org.jlaplace.laplace.likelihood.Likelihood;
import org.jlaplace.laplace.prior.Prior;

/**
 * The kernel partition bound (MATHEMATICS.md §4.1): {@code T_b = log det(I + G_b)},
 * {@code G_b = Ā_bᵀ J_b P0⁻¹ J_bᵀ Ā_b}, an {@code M C × M C} Cholesky per batch. Equals the exact
 * value (3.2) when the partition has one batch.
 */
public final class KernelPartitionEstimator implements BoundEstimator<KernelStatistics> {

    @Override
    public String name() {
        return "kernel";
    }

    @Override
    public boolean isCertifiedBound() {
        return true;
    }

    /** One batch of all data is the exact value (3.2). */
    @Override
    public boolean isExactOnWholeData() {
        return true;
    }

    @Override
    public KernelStatistics prepare(JacobianBatch batch, Likelihood likelihood, Prior prior) {
        // The thin factor: M·(C−1) kernel rows for a softmax instead of M·C, same log-determinant.
        double[] a = likelihood.thinUnitFactor(batch.predictions(), batch.size());
        return KernelStatistics.of(batch, a, likelihood.thinFactorRank(), prior);
    }

    @Override
    public LogDetTerm logDetTerm(KernelStatistics s, Likelihood likelihood, Prior prior) {
        return s.logDet(likelihood.factorScale(), likelihood.factorScaleLogGradLogSigma(),
                prior.precisions(), "kernel bound");
    }
}
