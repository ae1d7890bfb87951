package org.jlaplace.laplace.likelihood;

/**
 * An observation model {@code p(y | f)} for network outputs {@code f ∈ R^C}, tempered by
 * {@code T > 0}: {@code log p} and its output Hessian {@code Λ = −∇²_f log p} are divided by
 * {@code T} (SPEC §2).
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

    /** {@code Σ_n log p(y_n | f_n) / T}. */
    double logLikelihood(double[] f, double[] y, int m);

    /** {@code ∂/∂ log σ} of {@link #logLikelihood}; 0 for likelihoods without {@code σ}. */
    double logLikelihoodGradLogSigma(double[] f, double[] y, int m);

    /** Whether the likelihood has the noise hyperparameter {@code σ}. */
    boolean hasSigma();

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
