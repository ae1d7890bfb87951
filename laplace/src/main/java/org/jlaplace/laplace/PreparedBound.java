package org.jlaplace.laplace;

import org.jlaplace.laplace.bound.BoundEstimator;
import org.jlaplace.laplace.likelihood.Likelihood;
import org.jlaplace.laplace.prior.ParameterGroups;
import org.jlaplace.laplace.prior.Prior;

import java.util.List;

/**
 * Batches whose kernels or curvature are computed once, evaluated at any hyperparameters:
 * {@code L = Σ_b w_b [log p(y_b|f_b) − ½ T_b] − ½ Σ_p δ_p θ*_p²} with batch weights
 * {@code w_b} (1 for a partition sum, {@code N/M} for a one-batch estimate (5.1)). Re-evaluating
 * with new {@code δ} or {@code σ} never touches the Jacobians.
 *
 * @param <S> the estimator's per-batch statistics
 */
public final class PreparedBound<S> {

    /** One prepared batch. */
    record Batch<S>(S statistics, double[] predictions, double[] targets, int size, double weight) {
    }

    private final BoundEstimator<S> estimator;
    private final List<Batch<S>> batches;
    /** {@code θ*}, or {@code null} when the prior is constant on groups and {@code groupNorms} suffice. */
    private final double[] parameters;
    private final double[] groupNorms;
    private final ParameterGroups groups;
    private final Likelihood preparedLikelihood;
    private final Prior preparedPrior;

    /**
     * @param parameters {@code θ*}, or {@code null} for a prior constant on each group, which then
     *                   reads only {@code groupNorms}
     * @param groupNorms {@code ‖θ*_g‖²} per group when {@code parameters} is {@code null}
     */
    PreparedBound(BoundEstimator<S> estimator, List<Batch<S>> batches, double[] parameters, double[] groupNorms,
                  ParameterGroups groups, Likelihood likelihood, Prior prior) {
        if (parameters == null && (groupNorms == null || prior.hyperparameterOfGroup(groups) == null)) {
            throw new IllegalArgumentException("prepared bound: a " + prior.structure()
                    + " prior needs θ* itself, not group norms");
        }
        this.estimator = estimator;
        this.batches = batches;
        this.parameters = parameters;
        this.groupNorms = groupNorms;
        this.groups = groups;
        this.preparedLikelihood = likelihood;
        this.preparedPrior = prior;
    }

    /** The value and gradients at the given hyperparameters (same structures as when prepared). */
    public BoundValue evaluate(Likelihood likelihood, Prior prior) {
        checkCompatible(likelihood, prior);
        BoundSum sum = new BoundSum(estimator, likelihood, prior);
        for (Batch<S> b : batches) {
            sum.add(estimator.logDetTerm(b.statistics(), likelihood, prior), b.predictions(), b.targets(), b.size(),
                    b.weight());
        }
        return sum.finish(parameters, groupNorms, groups);
    }

    private void checkCompatible(Likelihood likelihood, Prior prior) {
        boolean sameLikelihood = likelihood.getClass() == preparedLikelihood.getClass()
                && likelihood.outputs() == preparedLikelihood.outputs()
                && likelihood.temperature() == preparedLikelihood.temperature();
        if (!sameLikelihood) {
            throw new IllegalArgumentException("prepared bound: prepared for " + preparedLikelihood
                    + ", evaluated with " + likelihood + " (only σ may change)");
        }
        if (!prior.structure().equals(preparedPrior.structure()) || prior.size() != preparedPrior.size()) {
            throw new IllegalArgumentException("prepared bound: prepared for a " + preparedPrior.structure()
                    + " prior of " + preparedPrior.size() + ", evaluated with a " + prior.structure() + " prior of "
                    + prior.size() + " (only the values may change)");
        }
    }

    /** Number of prepared batches. */
    public int batchCount() {
        return batches.size();
    }

    /** The estimator. */
    public BoundEstimator<S> estimator() {
        return estimator;
    }
}
