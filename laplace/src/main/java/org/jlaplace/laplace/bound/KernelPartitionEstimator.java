package org.jlaplace.laplace.bound;

import org.jlaplace.laplace.JacobianBatch;
import org.jlaplace.laplace.likelihood.Likelihood;
import org.jlaplace.laplace.prior.Prior;

/**
 * The kernel partition bound (MATHEMATICS.md §4.1): {@code T_b = log det(I + G_b)},
 * {@code G_b = Ā_bᵀ J_b P0⁻¹ J_bᵀ Ā_b}, an {@code M·R × M·R} Cholesky per batch with the thin
 * factor ({@code R = C−1} for a softmax), or the equal {@code P×P} parameter form when that is
 * smaller ({@link FullCurvature}). Equals the exact value (3.2) when the partition has one batch.
 */
public final class KernelPartitionEstimator implements BoundEstimator<FullCurvature.Statistics> {
    private final FullCurvature.Form form;

    /** The bound in the cheaper form of each batch. */
    public KernelPartitionEstimator() {
        this(FullCurvature.Form.CHEAPER);
    }

    /** The bound with the form fixed (tests compare the forms). */
    public KernelPartitionEstimator(FullCurvature.Form form) {
        this.form = form;
    }

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
    public FullCurvature.Statistics prepare(JacobianBatch batch, Likelihood likelihood, Prior prior) {
        return FullCurvature.prepare(batch, likelihood, prior, form);
    }

    @Override
    public LogDetTerm logDetTerm(FullCurvature.Statistics s, Likelihood likelihood, Prior prior) {
        return FullCurvature.logDet(s, likelihood, prior, "kernel bound");
    }

    @Override
    public long statisticsBytes(BatchDimensions d) {
        return FullCurvature.statisticsBytes(form, d.thinRows(), d.parameters(), d.kernels());
    }

    @Override
    public long workingBytes(BatchDimensions d) {
        return FullCurvature.workingBytes(form, d.thinRows(), d.parameters(), d.kernels());
    }
}
