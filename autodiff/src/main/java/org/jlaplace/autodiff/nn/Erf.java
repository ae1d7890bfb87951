package org.jlaplace.autodiff.nn;

/**
 * The error function to near double precision, for the exact GELU.
 * {@code erf(z) = 2/√π Σ_k (−1)^k z^{2k+1}/(k!(2k+1))} (Maclaurin series) for {@code |z| < 2}, and
 * the complementary function by its continued fraction
 * {@code erfc(z) = e^{−z²}/√π · 1/(z + (1/2)/(z + 1/(z + (3/2)/(z + 2/(z + …)))))} for {@code z ≥ 2},
 * evaluated by the modified Lentz method.
 */
final class Erf {
    private static final double TWO_OVER_SQRT_PI = 1.1283791670955125738961589031215;
    private static final double INV_SQRT_PI = 0.5641895835477562869480794515608;
    private static final double SERIES_LIMIT = 2.0;

    private Erf() {
    }

    static double erf(double z) {
        if (Double.isNaN(z)) {
            return z;
        }
        if (Math.abs(z) < SERIES_LIMIT) {
            return series(z);
        }
        return z > 0 ? 1.0 - continuedFraction(z) : continuedFraction(-z) - 1.0;
    }

    static double erfc(double z) {
        if (Double.isNaN(z)) {
            return z;
        }
        if (z >= SERIES_LIMIT) {
            return continuedFraction(z);
        }
        if (z <= -SERIES_LIMIT) {
            return 2.0 - continuedFraction(-z);
        }
        return 1.0 - series(z);
    }

    private static double series(double z) {
        double z2 = z * z;
        double term = z;
        double sum = z;
        for (int k = 1; k < 100; k++) {
            term *= -z2 / k;
            double contribution = term / (2 * k + 1);
            sum += contribution;
            if (Math.abs(contribution) < 1e-17 * Math.abs(sum)) {
                break;
            }
        }
        return TWO_OVER_SQRT_PI * sum;
    }

    /** erfc(z) for z ≥ 2: continued fraction with partial numerators k/2 and denominators z. */
    private static double continuedFraction(double z) {
        if (z > 27.3) {
            return 0.0; // e^{−z²} underflows
        }
        final double tiny = 1e-300;
        double f = z;
        double c = z;
        double d = 0.0;
        for (int k = 1; k < 500; k++) {
            double a = 0.5 * k;
            d = z + a * d;
            d = d == 0 ? tiny : d;
            c = z + a / c;
            c = c == 0 ? tiny : c;
            d = 1.0 / d;
            double delta = c * d;
            f *= delta;
            if (Math.abs(delta - 1.0) < 1e-16) {
                break;
            }
        }
        return Math.exp(-z * z) * INV_SQRT_PI / f;
    }
}
