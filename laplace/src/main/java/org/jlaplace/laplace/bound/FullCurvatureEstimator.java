package org.jlaplace.laplace.bound;

import org.jlaplace.laplace.JacobianBatch;
import org.jlaplace.laplace.likelihood.Likelihood;
import org.jlaplace.laplace.prior.Prior;

/**
 * An estimator whose batch term is the full-curvature log-determinant
 * {@code log det(I + G_b) = log det(I_P + P0⁻¹ H_b)} (Sylvester), evaluated by
 * {@link FullCurvature} in the form this estimator fixes: the kernel form of {@code M·R} rows, the
 * {@code P×P} parameter form, or the cheaper of the two for each batch. Subclasses differ only in
 * what they declare (whole data or a partition) and in the stage named by numerical failures.
 */
abstract class FullCurvatureEstimator implements BoundEstimator<FullCurvature.Statistics> {
    private final FullCurvature.Form form;
    private final String stage;

    FullCurvatureEstimator(FullCurvature.Form form, String stage) {
        this.form = form;
        this.stage = stage;
    }

    @Override
    public final FullCurvature.Statistics prepare(JacobianBatch batch, Likelihood likelihood, Prior prior) {
        return FullCurvature.prepare(batch, likelihood, prior, form);
    }

    @Override
    public final LogDetTerm logDetTerm(FullCurvature.Statistics s, Likelihood likelihood, Prior prior) {
        return FullCurvature.logDet(s, likelihood, prior, stage);
    }

    @Override
    public final long statisticsBytes(BatchDimensions d) {
        return FullCurvature.statisticsBytes(form, d.thinRows(), d.parameters(), d.kernels());
    }

    @Override
    public final long workingBytes(BatchDimensions d) {
        return FullCurvature.workingBytes(form, d.thinRows(), d.parameters(), d.kernels());
    }
}
