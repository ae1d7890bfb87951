package org.jlaplace.laplace.likelihood;

import org.jlaplace.autodiff.AD;
import org.jlaplace.autodiff.Var;
import org.jlaplace.core.Tensor;

/**
 * An observation model {@code p(y | f)} for network outputs {@code f ∈ R^C}, tempered by
 * {@code T > 0}: {@code log p} and its output Hessian {@code Λ = −∇²_f log p} are divided by
 * {@code T} (MATHEMATICS.md §2).
 *
 * <p>Outputs {@code f} are row-major {@code M×C}. Targets are row-major {@code M×C} reals
 * (regression) or {@code M} class indices stored as doubles (classification).
 *
 * <p>The Hessian factor is split as {@code A_n = √s · A⁰_n} with a scale {@code s} that carries
 * the only dependence on a likelihood hyperparameter ({@code s = 1/σ²} for the Gaussian, 1 for
 * the categorical), so that kernels weighted by {@code A⁰} are computed once and reused when
 * {@code σ} changes.
 */
public sealed interface Likelihood permits GaussianLikelihood, CategoricalLikelihood {

    /** Which observation model this is. */
    LikelihoodKind kind();

    /** Number of outputs {@code C}. */
    int outputs();

    /** The temperature {@code T}. */
    double temperature();

    /** Number of target values per datum: {@code C} for regression, 1 for classification. */
    int targetWidth();

    /**
     * {@code Σ_n log p(y_n | f_n) / T} as a graph, differentiable in the outputs {@code f}
     * ({@code [M, C]}) and, for a likelihood with {@code σ}, in {@code logSigma} (rank 0; not
     * read otherwise). This is the one definition of the log-likelihood: the array forms below
     * evaluate it, and invariance learning differentiates it through the augmented outputs.
     *
     * @param y the targets of the {@code M} data (see the class comment), checked
     */
    Var logLikelihood(Var f, double[] y, Var logSigma);

    /** {@code Σ_n log p(y_n | f_n) / T} for outputs {@code f} ({@code M×C}): {@link #logLikelihood(Var, double[], Var)}'s value. */
    default double logLikelihood(double[] f, double[] y, int m) {
        LikelihoodMath.checkShapes("log-likelihood", f, y, m, outputs(), targetWidth());
        return logLikelihood(Var.of(Tensor.copyOf(f, m, outputs())), y, Var.scalar(logSigma())).item();
    }

    /**
     * {@code ∂/∂ log σ} of {@link #logLikelihood}, by differentiating the graph; 0 for likelihoods
     * without {@code σ}.
     */
    default double logLikelihoodGradLogSigma(double[] f, double[] y, int m) {
        LikelihoodMath.checkShapes("log-likelihood", f, y, m, outputs(), targetWidth());
        if (!hasSigma()) {
            return 0.0;
        }
        Var logSigma = Var.variable(Tensor.scalar(logSigma()));
        Var value = logLikelihood(Var.of(Tensor.copyOf(f, m, outputs())), y, logSigma);
        return AD.gradients(value, logSigma)[0].item();
    }

    /** Whether the likelihood has the noise hyperparameter {@code σ}. */
    boolean hasSigma();

    /** {@code log σ} for a likelihood with {@code σ}, else 0. */
    default double logSigma() {
        return 0.0;
    }

    /** The factor scale {@code s} ({@code Λ_n = s·A⁰_n A⁰_nᵀ}). */
    double factorScale();

    /** {@code ∂ log s/∂ log σ} (−2 for the Gaussian, 0 otherwise). */
    double factorScaleLogGradLogSigma();

    /**
     * The unit factors {@code A⁰_n} ({@code M×C×C}, entry {@code [n][i][j]}), with
     * {@code s·A⁰_n A⁰_nᵀ = Λ_n}.
     */
    double[] unitFactor(double[] f, int m);

    /** Number of columns {@code R} of {@link #thinUnitFactor} ({@code C} unless {@code Λ_n} is singular). */
    default int thinFactorRank() {
        return outputs();
    }

    /**
     * Unit factors with as few columns as the rank of {@code Λ_n} allows ({@code M×C×R},
     * {@code R = }{@link #thinFactorRank()}), with {@code s·B⁰_n B⁰_nᵀ = Λ_n} like
     * {@link #unitFactor}: every kernel {@code B⁰ᵀ J J ᵀ B⁰} then has the same non-zero spectrum
     * (so the same {@code log det(I + ·)} and trace gradients) on {@code M·R} instead of
     * {@code M·C} rows. The default is {@link #unitFactor} itself.
     */
    default double[] thinUnitFactor(double[] f, int m) {
        return unitFactor(f, m);
    }

    /** {@code √(diag Λ_n / s)} for each datum, {@code M×C}: the factor of the diagonal Hessian. */
    double[] unitDiagonalFactor(double[] f, int m);

    /** The output Hessians {@code Λ_n} ({@code M×C×C}). */
    default double[] hessian(double[] f, int m) {
        return LikelihoodMath.hessianFromFactor(unitFactor(f, m), m, outputs(), factorScale());
    }

    /** The Hessian factors {@code A_n = √s·A⁰_n} ({@code M×C×C}). */
    default double[] hessianFactor(double[] f, int m) {
        double[] a = unitFactor(f, m);
        double r = Math.sqrt(factorScale());
        for (int i = 0; i < a.length; i++) {
            a[i] *= r;
        }
        return a;
    }
}
