package org.jlaplace.laplace.predictive;

import org.jlaplace.laplace.likelihood.CategoricalLikelihood;

/**
 * The Laplace bridge: a Dirichlet {@code Dir(α)} matched to the Gaussian logits
 * {@code f ~ N(μ, Σ)} of one datum, whose mean {@code α/Σ_l α_l} is the class probability. The
 * Laplace approximation of {@code Dir(α)} in the softmax basis has mean
 * {@code μ_k = log α_k − (1/C)Σ_l log α_l} and variances
 * {@code Σ_kk = (1/α_k)(1 − 2/C) + (1/C²)Σ_l 1/α_l}; solving these for {@code α} gives
 * <pre>  α_k = (1 − 2/C + (e^{μ_k}/C²)·Σ_l e^{−μ_l}) / Σ_kk,</pre>
 * which uses only the diagonal of {@code Σ}. It is unchanged when a constant is added to every
 * logit, as the softmax is.
 */
final class LaplaceBridge {
    private LaplaceBridge() {
    }

    /**
     * {@code log α} for every datum ({@code M×C}), in logs so that large logit gaps or tiny
     * variances do not overflow: {@code log α_k = log(a + e^{b_k}) − log Σ_kk} with
     * {@code a = 1 − 2/C ≥ 0}, {@code b_k = μ_k + logsumexp(−μ) − 2 log C}.
     */
    static double[] logConcentrations(double[] mean, double[] variances, int m, int c) {
        if (c < 2) {
            throw new IllegalArgumentException("Laplace bridge: needs at least 2 classes, got " + c);
        }
        double a = 1.0 - 2.0 / c;
        double logC2 = 2.0 * Math.log(c);
        double[] out = new double[m * c];
        double[] negated = new double[c];
        for (int n = 0; n < m; n++) {
            for (int k = 0; k < c; k++) {
                negated[k] = -mean[n * c + k];
            }
            double lseNeg = CategoricalLikelihood.logSumExp(negated, 0, c);
            for (int k = 0; k < c; k++) {
                double b = mean[n * c + k] + lseNeg - logC2;
                double logNumerator = a > 0 ? logAddExp(Math.log(a), b) : b;
                // A zero variance would make α infinite; the smallest normal keeps the ratios.
                double v = Math.max(variances[n * c + k], Double.MIN_NORMAL);
                out[n * c + k] = logNumerator - Math.log(v);
            }
        }
        return out;
    }

    /** The Dirichlet means {@code α_k / Σ_l α_l}, {@code M×C}. */
    static double[] probabilities(double[] mean, double[] variances, int m, int c) {
        return CategoricalLikelihood.softmax(logConcentrations(mean, variances, m, c), m, c);
    }

    private static double logAddExp(double x, double y) {
        double hi = Math.max(x, y);
        return hi + Math.log1p(Math.exp(Math.min(x, y) - hi));
    }
}
