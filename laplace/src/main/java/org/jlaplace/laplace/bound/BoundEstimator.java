package org.jlaplace.laplace.bound;

import org.jlaplace.laplace.JacobianBatch;
import org.jlaplace.laplace.likelihood.Likelihood;
import org.jlaplace.laplace.prior.Prior;

/**
 * One bound (or approximation) of the linearised-Laplace log marginal likelihood, written as a
 * sum over batches of a log-determinant term (MATHEMATICS.md §4-§5):
 * {@code L = Σ_b [Σ_{n∈b} log p(y_n|f_n) − ½·T_b] − ½ Σ_p δ_p θ*_p²}.
 * An implementation supplies {@code T_b} and its hyper-gradients for one batch in two steps:
 * <ol>
 *   <li>{@link #prepare}: the batch's kernels or curvature. It must not depend on the prior
 *       precision values or on {@code σ} (only on the prior's structure), so that it runs once per
 *       batch and is reused across hyper-steps;</li>
 *   <li>{@link #logDetTerm}: the term's value and gradients at given hyperparameters.</li>
 * </ol>
 * Register a new estimator in {@link Estimators} and the command line picks it up by name.
 *
 * @param <S> the prepared per-batch statistics
 */
public interface BoundEstimator<S> {

    /** The registry name, e.g. {@code kernel}. */
    String name();

    /** Whether the value is a guaranteed lower bound on the exact log marginal likelihood. */
    boolean isCertifiedBound();

    /** Whether the estimator only makes sense on the whole data set as one batch. */
    default boolean requiresWholeData() {
        return false;
    }

    /** The hyperparameter-independent statistics of one batch. */
    S prepare(JacobianBatch batch, Likelihood likelihood, Prior prior);

    /** The batch's log-determinant term and its gradients at the given hyperparameters. */
    LogDetTerm logDetTerm(S statistics, Likelihood likelihood, Prior prior);
}
