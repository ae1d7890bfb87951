package org.jlaplace.laplace;

import org.jlaplace.laplace.bound.BoundEstimator;
import org.jlaplace.laplace.bound.Estimators;
import org.jlaplace.laplace.likelihood.Likelihood;
import org.jlaplace.laplace.prior.Prior;

/**
 * The one factory (laplace-torch style): a trained model with its data, a likelihood, a prior
 * structure and an estimator (which fixes the curvature: kernel, full/diag/block-diag GGN, KFAC)
 * are independent values combined here.
 *
 * <pre>{@code
 * MarginalLikelihood<?> ml = Laplace.marginalLikelihood(model, targets,
 *         new CategoricalLikelihood(10), Prior.scalar(1.0), "kernel");
 * BoundValue v = ml.partitionBound(Partition.contiguous(n, 100));
 * }</pre>
 */
public final class Laplace {
    private Laplace() {
    }

    /** Combines the four choices; the estimator is looked up by name in {@link Estimators}. */
    public static MarginalLikelihood<?> marginalLikelihood(LinearizedModel model, double[] targets,
                                                           Likelihood likelihood, Prior prior, String estimator) {
        return marginalLikelihood(model, targets, likelihood, prior, Estimators.byName(estimator));
    }

    /** Combines the four choices with an estimator instance. */
    public static <S> MarginalLikelihood<S> marginalLikelihood(LinearizedModel model, double[] targets,
                                                               Likelihood likelihood, Prior prior,
                                                               BoundEstimator<S> estimator) {
        return new MarginalLikelihood<>(model, targets, likelihood, prior, estimator);
    }
}
