package org.jlaplace.laplace;

import org.jlaplace.laplace.bound.BoundEstimator;
import org.jlaplace.laplace.bound.LogDetTerm;
import org.jlaplace.laplace.likelihood.Likelihood;
import org.jlaplace.laplace.prior.ParameterGroups;
import org.jlaplace.laplace.prior.Prior;

/**
 * The running sum {@code Σ_b w_b [log p(y_b|f_b) − ½ T_b]} over batches and its hyper-gradients,
 * in {@code O(K)} memory for {@code K} hyperparameters: a batch's statistics can be dropped as soon
 * as it has been added. {@link #finish} adds the log prior {@code −½ Σ_p δ_p θ*_p²} (+ constants).
 */
final class BoundSum {
    private final BoundEstimator<?> estimator;
    private final Likelihood likelihood;
    private final Prior prior;
    private double logLik;
    private double gradSigma;
    private double logDet;
    private final double[] gradLogDet;
    private double logDetSigma;

    BoundSum(BoundEstimator<?> estimator, Likelihood likelihood, Prior prior) {
        this.estimator = estimator;
        this.likelihood = likelihood;
        this.prior = prior;
        this.gradLogDet = new double[prior.size()];
    }

    /** Adds {@code w·[log p(y|f) − ½ T]} of one batch of {@code m} data. */
    void add(LogDetTerm term, double[] predictions, double[] targets, int m, double weight) {
        logDet += weight * term.value();
        double[] g = term.gradLogPrecision();
        for (int k = 0; k < g.length; k++) {
            gradLogDet[k] += weight * g[k];
        }
        logDetSigma += weight * term.gradLogSigma();
        logLik += weight * likelihood.logLikelihood(predictions, targets, m);
        gradSigma += weight * likelihood.logLikelihoodGradLogSigma(predictions, targets, m);
    }

    /**
     * The value with the log prior: from {@code θ*} ({@code parameters}), or, for a prior constant
     * on groups, from the groups' {@code ‖θ*_g‖²} when {@code parameters} is {@code null}.
     */
    BoundValue finish(double[] parameters, double[] groupNorms, ParameterGroups groups) {
        double logPrior = parameters != null ? prior.logPrior(parameters, groups)
                : prior.logPriorOfGroupNorms(groupNorms, groups);
        double[] grad = parameters != null ? prior.logPriorGradient(parameters, groups)
                : prior.logPriorGradientOfGroupNorms(groupNorms, groups);
        for (int k = 0; k < grad.length; k++) {
            grad[k] -= 0.5 * gradLogDet[k];
        }
        double sigma = gradSigma - 0.5 * logDetSigma;
        double value = logLik + logPrior - 0.5 * logDet;
        if (!Double.isFinite(value)) {
            throw new ArithmeticException(estimator.name() + ": non-finite log marginal likelihood (log-likelihood "
                    + logLik + ", log prior " + logPrior + ", log-det ratio " + logDet + ")");
        }
        return new BoundValue(estimator.name(), estimator.isCertifiedBound(likelihood.kind()), value, logLik, logPrior,
                logDet, grad, likelihood.hasSigma() ? sigma : 0.0);
    }
}
