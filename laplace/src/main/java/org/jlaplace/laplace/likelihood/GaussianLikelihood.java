package org.jlaplace.laplace.likelihood;

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

    @Override
    public double logLikelihood(double[] f, double[] y, int m) {
        LikelihoodMath.checkShapes("Gaussian log-likelihood", f, y, m, outputs, outputs);
        double rss = residualSumOfSquares(f, y);
        double s2 = sigma * sigma;
        return (-rss / (2.0 * s2) - 0.5 * m * outputs * Math.log(2.0 * Math.PI * s2)) / temperature;
    }

    /** {@code ∂/∂ log σ = (‖y−f‖²/σ² − M·C) / T}. */
    @Override
    public double logLikelihoodGradLogSigma(double[] f, double[] y, int m) {
        LikelihoodMath.checkShapes("Gaussian log-likelihood", f, y, m, outputs, outputs);
        return (residualSumOfSquares(f, y) / (sigma * sigma) - (double) m * outputs) / temperature;
    }

    private static double residualSumOfSquares(double[] f, double[] y) {
        double rss = 0.0;
        for (int i = 0; i < f.length; i++) {
            double r = y[i] - f[i];
            rss += r * r;
        }
        return rss;
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
