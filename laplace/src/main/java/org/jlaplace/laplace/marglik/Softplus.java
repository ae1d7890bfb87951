package org.jlaplace.laplace.marglik;

/** The softplus parameterisation {@code η = log(1 + e^ρ)} of positive extents, its inverse and derivative. */
final class Softplus {
    private Softplus() {
    }

    /** {@code log(1 + e^r)}, stable for large |r|. */
    static double of(double r) {
        return Math.max(r, 0) + Math.log1p(Math.exp(-Math.abs(r)));
    }

    /** {@code log(e^η − 1)}, the ρ with {@code softplus(ρ) = η > 0}. */
    static double inverse(double eta) {
        return eta > 30 ? eta : Math.log(Math.expm1(eta));
    }

    /** {@code d softplus/dρ = 1/(1 + e^−ρ)}. */
    static double sigmoid(double r) {
        return 1.0 / (1.0 + Math.exp(-r));
    }
}
