package org.jlaplace.laplace.predictive;

import org.jlaplace.core.Rng;
import org.jlaplace.laplace.internal.SymmetricEigenvalues;
import org.jlaplace.laplace.likelihood.CategoricalLikelihood;

/**
 * The linearised predictive {@code f_lin(x*_n) ~ N(mean_n, cov_n)} at {@code M} test inputs
 * (MATHEMATICS.md §8), each with its own {@code C×C} covariance: {@code mean} is {@code M×C},
 * {@code covariance} {@code M×C×C}.
 */
public record PredictiveDistribution(double[] mean, double[] covariance, int size, int outputs) {

    /** {@code diag Σ*_n} for every datum, {@code M×C}: the function-space variances. */
    public double[] variances() {
        int c = outputs;
        double[] v = new double[size * c];
        for (int n = 0; n < size; n++) {
            for (int i = 0; i < c; i++) {
                v[n * c + i] = covariance[n * c * c + i * c + i];
            }
        }
        return v;
    }

    /** Regression predictive variance {@code diag Σ*_n + σ²}, {@code M×C}. */
    public double[] regressionVariance(double sigma) {
        double[] v = variances();
        for (int i = 0; i < v.length; i++) {
            v[i] += sigma * sigma;
        }
        return v;
    }

    /** Probit approximation: {@code softmax(f_* / √(1 + π/8·diag Σ_*))}, {@code M×C}. */
    public double[] probitProbabilities() {
        double[] v = variances();
        double[] scaled = mean.clone();
        for (int i = 0; i < scaled.length; i++) {
            scaled[i] /= Math.sqrt(1.0 + Math.PI / 8.0 * v[i]);
        }
        return CategoricalLikelihood.softmax(scaled, size, outputs);
    }

    /** The Laplace bridge: the mean {@code α/Σα} of the Dirichlet matched to each datum's logits ({@link LaplaceBridge}). */
    public double[] bridgeProbabilities() {
        return LaplaceBridge.probabilities(mean, variances(), size, outputs);
    }

    /**
     * Monte Carlo class probabilities: the mean of {@code softmax(f)} over {@code samples} draws
     * {@code f = mean_n + R_n z}, {@code R_n R_nᵀ = Σ*_n}, {@code z ~ N(0, I)}; {@code M×C}.
     */
    public double[] monteCarloProbabilities(int samples, long seed) {
        if (samples < 1) {
            throw new IllegalArgumentException("Monte Carlo predictive: samples must be ≥ 1, got " + samples);
        }
        int c = outputs;
        Rng rng = new Rng(seed);
        double[] out = new double[size * c];
        double[] cov = new double[c * c];
        double[] f = new double[c];
        for (int n = 0; n < size; n++) {
            System.arraycopy(covariance, n * c * c, cov, 0, c * c);
            double[] root = SymmetricEigenvalues.psdSquareRoot(cov, c);
            for (int s = 0; s < samples; s++) {
                double[] z = new double[c];
                for (int i = 0; i < c; i++) {
                    z[i] = rng.nextGaussian();
                }
                for (int i = 0; i < c; i++) {
                    double v = mean[n * c + i];
                    for (int j = 0; j < c; j++) {
                        v += root[i * c + j] * z[j];
                    }
                    f[i] = v;
                }
                double[] p = CategoricalLikelihood.softmax(f, 1, c);
                for (int i = 0; i < c; i++) {
                    out[n * c + i] += p[i] / samples;
                }
            }
        }
        return out;
    }
}
