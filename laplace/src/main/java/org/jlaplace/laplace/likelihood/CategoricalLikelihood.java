package org.jlaplace.laplace.likelihood;

import org.jlaplace.autodiff.Var;

/**
 * Categorical classification with a softmax link: {@code log p(y|f) = (f_y − logsumexp f)/T},
 * {@code Λ_n = (diag p_n − p_n p_nᵀ)/T} with {@code p_n = softmax(f_n)}, factor
 * {@code A_n = (diag √p_n − p_n √p_nᵀ)/√T}, entry {@code (i, j) = ([i=j]·√p_i − p_i·√p_j)/√T}.
 * The factor scale is 1 (no hyperparameter).
 */
public record CategoricalLikelihood(int outputs, double temperature) implements Likelihood {

    public CategoricalLikelihood {
        if (outputs < 2) {
            throw new IllegalArgumentException("categorical likelihood: classes must be ≥ 2, got " + outputs);
        }
        LikelihoodMath.checkPositive("categorical likelihood: temperature", temperature);
    }

    public CategoricalLikelihood(int outputs) {
        this(outputs, 1.0);
    }

    @Override
    public LikelihoodKind kind() {
        return LikelihoodKind.CATEGORICAL;
    }

    @Override
    public int targetWidth() {
        return 1;
    }

    /** {@code Σ_n (f_{n,y_n} − logsumexp f_n) / T}; {@code logSigma} is not read. */
    @Override
    public Var logLikelihood(Var f, double[] y, Var logSigma) {
        int m = LikelihoodMath.checkOutputs("categorical log-likelihood", f, y, outputs, 1);
        int[] picks = new int[m];
        for (int n = 0; n < m; n++) {
            picks[n] = n * outputs + label(y[n], n);
        }
        return f.logSoftmax(1).reshape(-1).indexSelect(0, picks).sum().mul(1.0 / temperature);
    }

    /** As the graph's value; logits must be finite. */
    @Override
    public double logLikelihood(double[] f, double[] y, int m) {
        LikelihoodMath.checkShapes("categorical log-likelihood", f, y, m, outputs, 1);
        for (int n = 0; n < m; n++) {
            logSumExp(f, n * outputs, outputs);
        }
        return Likelihood.super.logLikelihood(f, y, m);
    }

    private int label(double v, int n) {
        int k = (int) v;
        if (k != v || k < 0 || k >= outputs) {
            throw new IllegalArgumentException("categorical log-likelihood: target " + n + " is " + v
                    + ", expected a class index in 0.." + (outputs - 1));
        }
        return k;
    }

    @Override
    public boolean hasSigma() {
        return false;
    }

    @Override
    public double factorScale() {
        return 1.0;
    }

    @Override
    public double factorScaleLogGradLogSigma() {
        return 0.0;
    }

    /** Row-wise softmax of {@code M×C} logits, stable by subtracting the row maximum. */
    public static double[] softmax(double[] f, int m, int c) {
        double[] p = new double[m * c];
        for (int n = 0; n < m; n++) {
            int o = n * c;
            double lse = logSumExp(f, o, c);
            for (int i = 0; i < c; i++) {
                p[o + i] = Math.exp(f[o + i] - lse);
            }
        }
        return p;
    }

    /** {@code log Σ_i exp f[off + i]} over {@code c} entries, shifted by the maximum so that it does not overflow. */
    public static double logSumExp(double[] f, int off, int c) {
        double mx = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < c; i++) {
            mx = Math.max(mx, f[off + i]);
        }
        if (!Double.isFinite(mx)) {
            throw new IllegalArgumentException("categorical likelihood: non-finite logit " + mx
                    + " at offset " + off);
        }
        double s = 0.0;
        for (int i = 0; i < c; i++) {
            s += Math.exp(f[off + i] - mx);
        }
        return mx + Math.log(s);
    }

    @Override
    public double[] unitFactor(double[] f, int m) {
        LikelihoodMath.checkShapes("categorical Hessian factor", f, null, m, outputs, 1);
        double[] p = softmax(f, m, outputs);
        double t = 1.0 / Math.sqrt(temperature);
        int c = outputs;
        double[] a = new double[m * c * c];
        for (int n = 0; n < m; n++) {
            int o = n * c;
            int ao = n * c * c;
            for (int i = 0; i < c; i++) {
                for (int j = 0; j < c; j++) {
                    double sj = Math.sqrt(p[o + j]);
                    a[ao + i * c + j] = t * ((i == j ? sj : 0.0) - p[o + i] * sj);
                }
            }
        }
        return a;
    }

    /** {@code C − 1}: {@code Λ_n 1 = 0}, so one column fewer suffices (for {@code C ≥ 2}). */
    @Override
    public int thinFactorRank() {
        return Math.max(1, outputs - 1);
    }

    /**
     * A {@code C×(C−1)} factor of {@code diag p − p pᵀ} (times {@code 1/√T}): the classes are
     * ordered {@code o_1, …, o_C} with the most probable one last, {@code s_j = Σ_{k>j} p_{o_k}}
     * ({@code s_0 = 1}), and column {@code j} holds {@code √(p_{o_j} s_j / s_{j−1})} at {@code o_j}
     * and {@code −p_{o_i} √(p_{o_j} / (s_{j−1} s_j))} at {@code o_i}, {@code i > j} (the Cholesky
     * factor of the multinomial covariance, extended by the zero row sums). With the most probable
     * class last, {@code s_j ≥ max p ≥ 1/C}: no division by a vanishing sum.
     */
    @Override
    public double[] thinUnitFactor(double[] f, int m) {
        if (outputs < 2) {
            return unitFactor(f, m);
        }
        LikelihoodMath.checkShapes("categorical Hessian factor", f, null, m, outputs, 1);
        double[] p = softmax(f, m, outputs);
        double t = 1.0 / Math.sqrt(temperature);
        int c = outputs;
        int r = c - 1;
        double[] a = new double[m * c * r];
        int[] order = new int[c];
        double[] suffix = new double[c + 1];
        for (int n = 0; n < m; n++) {
            thinFactorOfDatum(p, n * c, t, a, n * c * r, order, suffix);
        }
        return a;
    }

    /**
     * One datum's {@code C×(C−1)} block of {@link #thinUnitFactor} at {@code a[ao…]} from its
     * probabilities at {@code p[o…]}. A method of its own so that the JIT compiles it as an often
     * called method rather than replacing the batch loop on the stack, compilation after
     * compilation, whenever a batch of a new size arrives.
     */
    private void thinFactorOfDatum(double[] p, int o, double t, double[] a, int ao, int[] order, double[] suffix) {
        int c = outputs;
        int r = c - 1;
        int top = 0;
        for (int i = 1; i < c; i++) {
            if (p[o + i] > p[o + top]) {
                top = i;
            }
        }
        for (int i = 0, k = 0; i < c; i++) {
            if (i != top) {
                order[k++] = i;
            }
        }
        order[c - 1] = top;
        suffix[c] = 0.0;
        for (int j = c - 1; j >= 0; j--) {
            suffix[j] = suffix[j + 1] + p[o + order[j]];
        }
        for (int j = 0; j < r; j++) {
            double pj = p[o + order[j]];
            double before = suffix[j];
            double after = suffix[j + 1];
            a[ao + order[j] * r + j] = t * Math.sqrt(pj * after / before);
            double below = Math.sqrt(pj / (before * after));
            for (int i = j + 1; i < c; i++) {
                a[ao + order[i] * r + j] = -t * p[o + order[i]] * below;
            }
        }
    }

    @Override
    public double[] unitDiagonalFactor(double[] f, int m) {
        LikelihoodMath.checkShapes("categorical Hessian factor", f, null, m, outputs, 1);
        double[] p = softmax(f, m, outputs);
        double[] a = new double[m * outputs];
        for (int i = 0; i < a.length; i++) {
            a[i] = Math.sqrt(p[i] * (1.0 - p[i]) / temperature);
        }
        return a;
    }
}
