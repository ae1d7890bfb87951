package org.jlaplace.laplace.bound;

/**
 * One batch's log-determinant term of a bound and its hyper-gradients: {@code value} is the
 * quantity subtracted as {@code ½·value} (e.g. {@code log det(I + G_b)}),
 * {@code gradLogPrecision[k] = ∂ value/∂ log δ_k} and {@code gradLogSigma = ∂ value/∂ log σ}
 * (0 when the likelihood has no {@code σ}).
 */
public record LogDetTerm(double value, double[] gradLogPrecision, double gradLogSigma) {

    /** {@code a + b}, for sums over batches or blocks. */
    public LogDetTerm plus(LogDetTerm o) {
        double[] g = gradLogPrecision.clone();
        for (int i = 0; i < g.length; i++) {
            g[i] += o.gradLogPrecision[i];
        }
        return new LogDetTerm(value + o.value, g, gradLogSigma + o.gradLogSigma);
    }

    /** {@code factor·this}. */
    public LogDetTerm times(double factor) {
        double[] g = gradLogPrecision.clone();
        for (int i = 0; i < g.length; i++) {
            g[i] *= factor;
        }
        return new LogDetTerm(factor * value, g, factor * gradLogSigma);
    }

    /** The zero term for {@code hyperparameters} precisions. */
    public static LogDetTerm zero(int hyperparameters) {
        return new LogDetTerm(0.0, new double[hyperparameters], 0.0);
    }
}
