package org.jlaplace.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.MathContext;
import org.junit.jupiter.api.Test;

/** {@link Erf} against an 80-digit reference computed with BigDecimal. */
class ErfTest {
    private static final MathContext MC = new MathContext(80);
    private static final BigDecimal PI = new BigDecimal(
            "3.14159265358979323846264338327950288419716939937510582097494459230781640628620899862803");
    private static final BigDecimal TINY = new BigDecimal("1e-90");

    /** e^y for y ≥ 0 by its Taylor series (all terms positive). */
    private static BigDecimal exp(BigDecimal y) {
        BigDecimal sum = BigDecimal.ONE;
        BigDecimal term = BigDecimal.ONE;
        for (int k = 1; term.compareTo(TINY) > 0; k++) {
            term = term.multiply(y, MC).divide(BigDecimal.valueOf(k), MC);
            sum = sum.add(term, MC);
        }
        return sum;
    }

    /** erf(x) for x ≥ 0 by the all-positive series, at 80 significant digits. */
    private static BigDecimal erfReference(double xd) {
        BigDecimal x = new BigDecimal(xd);
        BigDecimal x2 = x.multiply(x, MC);
        BigDecimal term = x;
        BigDecimal sum = x;
        for (int n = 1; term.compareTo(sum.multiply(TINY)) > 0; n++) {
            term = term.multiply(x2, MC).multiply(BigDecimal.valueOf(2)).divide(BigDecimal.valueOf(2L * n + 1), MC);
            sum = sum.add(term, MC);
        }
        return sum.multiply(BigDecimal.valueOf(2)).divide(exp(x2).multiply(PI.sqrt(MC), MC), MC);
    }

    @Test
    void erfIsWithinFourUlpOfTheReference() {
        double worst = 0;
        for (double x = 0.003; x < 6.5; x += 0.0173) {
            double reference = erfReference(x).doubleValue();
            double ulps = Math.abs(Erf.erf(x) - reference) / Math.ulp(reference);
            worst = Math.max(worst, ulps);
            assertEquals(-Erf.erf(x), Erf.erf(-x), 0.0, "erf is odd at " + x);
        }
        assertTrue(worst <= 4, "erf is " + worst + " ulp from the reference");
    }

    @Test
    void erfcIsAccurateInRelativeTermsInTheTail() {
        double worst = 0;
        for (double x = 0.003; x < 8.5; x += 0.0219) {
            BigDecimal complement = BigDecimal.ONE.subtract(erfReference(x), MC);
            double reference = complement.doubleValue();
            worst = Math.max(worst, Math.abs(Erf.erfc(x) - reference) / Math.ulp(reference));
            double left = BigDecimal.ONE.add(BigDecimal.ONE, MC).subtract(complement, MC).doubleValue();
            assertEquals(left, Erf.erfc(-x), 2 * Math.ulp(left), "erfc(" + -x + ")");
        }
        assertTrue(worst <= 24, "erfc is " + worst + " ulp from the reference");
    }

    @Test
    void limitsAndSpecialValues() {
        assertEquals(0.0, Erf.erf(0.0), 0.0);
        assertEquals(1.0, Erf.erf(30), 0.0);
        assertEquals(-1.0, Erf.erf(Double.NEGATIVE_INFINITY), 0.0);
        assertEquals(0.0, Erf.erfc(30), 0.0);
        assertEquals(2.0, Erf.erfc(-30), 0.0);
        assertEquals(1.0, Erf.erfc(0.0), 0.0);
        assertTrue(Double.isNaN(Erf.erf(Double.NaN)));
        assertTrue(Double.isNaN(Erf.erfc(Double.NaN)));
        // a value the reference cannot reach cheaply: erfc(10) = 2.0884875837625447570e-45
        assertEquals(2.0884875837625447570e-45, Erf.erfc(10), 24 * Math.ulp(2.0884875837625447570e-45));
    }

    @Test
    void tensorErfUsesTheSameFunction() {
        double[] xs = {-3.2, -0.7, -0.1, 0.0, 0.4, 0.9, 1.7, 2.6, 5.0};
        double[] got = Tensor.of(xs.clone(), xs.length).erf().toArray();
        for (int i = 0; i < xs.length; i++) {
            assertEquals(Erf.erf(xs[i]), got[i], 0.0, "erf(" + xs[i] + ")");
        }
    }
}
