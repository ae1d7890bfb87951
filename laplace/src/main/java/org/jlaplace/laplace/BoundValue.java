package org.jlaplace.laplace;

/**
 * A value of the log marginal likelihood or one of its bounds/estimates, with its decomposition
 * {@code logMarglik = logLikelihood + logPrior − ½·logDetRatio} and gradients of
 * {@code logMarglik} in {@code log δ} (one per prior precision) and {@code log σ} (0 without
 * {@code σ}).
 */
public record BoundValue(String estimator, boolean certifiedBound, double logMarglik, double logLikelihood,
                         double logPrior, double logDetRatio, double[] gradLogPrecision, double gradLogSigma) {
}
