package org.jlaplace.laplace.likelihood;

import org.jlaplace.autodiff.Var;
import org.jlaplace.core.Tensor;

/**
 * Gaussian regression with noise {@code σ}:
 * {@code log p(y|f) = (−‖y−f‖²/(2σ²) − (C/2)·log(2πσ²)) / T}, {@code Λ_n = I/(σ²T)},
 * {@code A_n = I/(σ√T)}; unit factor {@code A⁰ = I/√T}, scale {@code s = 1/σ²}.
 */
public record GaussianLikelihood(int outputs, double sigma, double temperature) implements Likelihood {

    public GaussianLikelihood {
        if (outputs < 1) {
            throw new IllegalArgumentException("Gaussian likelihood: outputs must be ≥ 1, got " + outputs);
        }
        LikelihoodMath.checkPositive("Gaussian likelihood: sigma", sigma);
        LikelihoodMath.checkPositive("Gaussian likelihood: temperature", temperature);
    }

    public GaussianLikelihood(int outputs, double sigma) {
        this(outputs, sigma, 1.0);
    }

    /** The same likelihood with another noise scale. */
    public GaussianLikelihood withSigma(double newSigma) {
        return new GaussianLikelihood(outputs, newSigma, temperature);
    }

    /** The same likelihood with {@code σ = exp(logSigma)}. */
    public GaussianLikelihood withLogSigma(double logSigma) {
        return withSigma(Math.exp(logSigma));
    }

    @Override
    public LikelihoodKind kind() {
        return LikelihoodKind.GAUSSIAN;
    }

    @Override
    public int targetWidth() {
        return outputs;
    }

    /**
     * {@code (−‖y−f‖² e^{−2 log σ}/2 − (M·C/2)(2 log σ + log 2π)) / T}; its derivative in
     * {@code log σ} is {@code (‖y−f‖²/σ² − M·C)/T}.
     */
    @Override
    public Var logLikelihood(Var f, double[] y, Var logSigma) {
        int m = LikelihoodMath.checkOutputs("Gaussian log-likelihood", f, y, outputs, outputs);
        Var invSigma = logSigma.neg().exp();
        Var residual = f.sub(Var.of(Tensor.copyOf(y, m, outputs)));
        Var quadratic = residual.square().sum().mul(invSigma.square()).mul(-0.5);
        Var normaliser = logSigma.mul(2.0).add(Math.log(2 * Math.PI)).mul(-0.5 * m * outputs);
        return quadratic.add(normaliser).mul(1.0 / temperature);
    }

    @Override
    public double logSigma() {
        return Math.log(sigma);
    }

    @Override
    public boolean hasSigma() {
        return true;
    }

    @Override
    public double factorScale() {
        return 1.0 / (sigma * sigma);
    }

    @Override
    public double factorScaleLogGradLogSigma() {
        return -2.0;
    }

    @Override
    public double[] unitFactor(double[] f, int m) {
        LikelihoodMath.checkShapes("Gaussian Hessian factor", f, null, m, outputs, outputs);
        double[] a = new double[m * outputs * outputs];
        double d = 1.0 / Math.sqrt(temperature);
        for (int n = 0; n < m; n++) {
            for (int c = 0; c < outputs; c++) {
                a[n * outputs * outputs + c * outputs + c] = d;
            }
        }
        return a;
    }

    @Override
    public double[] unitDiagonalFactor(double[] f, int m) {
        LikelihoodMath.checkShapes("Gaussian Hessian factor", f, null, m, outputs, outputs);
        double[] a = new double[m * outputs];
        java.util.Arrays.fill(a, 1.0 / Math.sqrt(temperature));
        return a;
    }
}
