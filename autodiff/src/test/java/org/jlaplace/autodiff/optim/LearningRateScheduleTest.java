package org.jlaplace.autodiff.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;

import org.junit.jupiter.api.Test;

class LearningRateScheduleTest {

    @Test
    void cosineHitsItsKeyPoints() {
        CosineSchedule s = new CosineSchedule(0.1, 100, 0.01);
        assertEquals(0.1, s.rate(0), 1e-17);
        assertEquals(0.055, s.rate(50), 1e-15);
        assertEquals(0.01 + 0.045 * (1 + Math.cos(Math.PI / 4)), s.rate(25), 1e-15);
        assertEquals(0.01, s.rate(100), 1e-17);
        assertEquals(0.01, s.rate(1000), 0.0, "held at eta_min after T_max");
        assertEquals(0.0, new CosineSchedule(1, 10).rate(10), 1e-16);
    }

    /**
     * The closed form agrees with PyTorch's recursive (chainable) form
     * {@code η_{t+1} = η_min + (η_t − η_min)(1 + cos(π(t+1)/T))/(1 + cos(πt/T))}, and is monotone.
     */
    @Test
    void cosineMatchesTheRecursiveForm() {
        qt().withExamples(100).forAll(doubles().between(1e-4, 1), doubles().between(0, 1), integers().between(2, 400))
                .checkAssert((base, fraction, tMax) -> {
                    double etaMin = base * fraction * 0.9;
                    CosineSchedule s = new CosineSchedule(base, tMax, etaMin);
                    double eta = base;
                    for (int t = 0; t + 1 < tMax; t++) {
                        eta = etaMin + (eta - etaMin) * (1 + Math.cos(Math.PI * (t + 1) / tMax))
                                / (1 + Math.cos(Math.PI * t / tMax));
                        assertEquals(eta, s.rate(t + 1), 1e-9 * base, "step " + (t + 1));
                        assertTrue(s.rate(t + 1) <= s.rate(t), "monotone at " + t);
                    }
                });
    }

    @Test
    void exponentialIsGeometric() {
        qt().withExamples(100).forAll(doubles().between(1e-4, 1), doubles().between(0.5, 1), integers().between(0, 200))
                .checkAssert((base, gamma, t) -> {
                    ExponentialSchedule s = new ExponentialSchedule(base, gamma);
                    assertEquals(base, s.rate(0));
                    assertEquals(gamma * s.rate(t), s.rate(t + 1), 1e-12 * s.rate(t));
                });
    }

    @Test
    void constantIsConstant() {
        LearningRateSchedule s = LearningRateSchedule.constant(0.3);
        assertEquals(0.3, s.rate(0));
        assertEquals(0.3, s.rate(123456));
    }

    @Test
    void rejectsBadArguments() {
        assertMessage(() -> new CosineSchedule(0.1, 0, 0), "tMax must be ≥ 1, got 0");
        assertMessage(() -> new CosineSchedule(Double.NaN, 10, 0), "baseRate must be finite and ≥ 0, got NaN");
        assertMessage(() -> new ExponentialSchedule(0.1, 0), "gamma must be finite and > 0, got 0.0");
        assertMessage(() -> new CosineSchedule(0.1, 10).rate(-1), "step must be ≥ 0, got -1");
        assertMessage(() -> LearningRateSchedule.constant(-0.5), "rate must be finite and ≥ 0, got -0.5");
    }

    private static void assertMessage(Runnable r, String fragment) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, r::run);
        assertTrue(e.getMessage().contains(fragment), () -> e.getMessage() + " should mention " + fragment);
    }
}
