package org.jlaplace.core;

/** The error function {@code erf(x) = 2/√π ∫₀ˣ e^{−t²} dt} in double precision. */
final class Erf {
    private static final double TWO_OVER_SQRT_PI = 2 / Math.sqrt(Math.PI);
    private static final double ONE_OVER_SQRT_PI = 1 / Math.sqrt(Math.PI);
    /** Below this |x| the all-positive series converges quickly; above it the continued fraction does. */
    private static final double SERIES_LIMIT = 3.0;
    /** erfc(6) ≈ 2·10⁻¹⁷ is below half an ulp of 1, so erf rounds to ±1 from here on. */
    private static final double SATURATION = 6.0;

    private Erf() {
    }

    /**
     * {@code erf(x)}; odd, so it is evaluated for {@code |x|}. For {@code |x| < 3} the series
     * {@code erf(x) = 2/√π · e^{−x²} · Σₙ 2ⁿ x^{2n+1} / (1·3·…·(2n+1))} is used: its terms are all
     * positive, so there is no cancellation. Above that {@code erf(x) = 1 − erfc(x)} with the
     * continued fraction {@code erfc(x) = e^{−x²}/√π · 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + …))))}.
     */
    static double erf(double x) {
        if (Double.isNaN(x)) {
            return x;
        }
        double ax = Math.abs(x);
        double r;
        if (ax >= SATURATION) {
            r = 1.0;
        } else if (ax < SERIES_LIMIT) {
            r = series(ax);
        } else {
            r = 1.0 - erfcContinuedFraction(ax);
        }
        return x < 0 ? -r : r;
    }

    private static double series(double x) {
        double x2 = x * x;
        double term = x;
        double sum = x;
        for (int n = 1; n < 200; n++) {
            term *= 2 * x2 / (2 * n + 1);
            sum += term;
            if (term < 1e-17 * sum) {
                break;
            }
        }
        return TWO_OVER_SQRT_PI * Math.exp(-x2) * sum;
    }

    /** Evaluates the continued fraction bottom-up with a fixed depth, ample for {@code x ≥ 3}. */
    private static double erfcContinuedFraction(double x) {
        double tail = x;
        for (int k = 60; k >= 1; k--) {
            tail = x + (k / 2.0) / tail;
        }
        return ONE_OVER_SQRT_PI * Math.exp(-x * x) / tail;
    }
}
