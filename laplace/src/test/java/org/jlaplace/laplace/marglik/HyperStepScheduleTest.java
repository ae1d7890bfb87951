package org.jlaplace.laplace.marglik;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import org.junit.jupiter.api.Test;

/** The one hyper-step schedule: rounds after epochs {@code B + F, B + 2F, …}, and its total. */
class HyperStepScheduleTest {

    @Test
    void roundsFollowEveryFthEpochAfterTheBurnIn() {
        qt().withExamples(300).forAll(integers().between(1, 60), integers().between(0, 5), integers().between(1, 7),
                integers().between(0, 20)).checkAssert((epochs, k, f, b) -> {
                    HyperStepSchedule s = new HyperStepSchedule(b, f, k);
                    int total = 0;
                    int first = 0;
                    for (int e = 1; e <= epochs; e++) {
                        int want = e > b && (e - b) % f == 0 ? k : 0;
                        assertEquals(want, s.stepsAfter(e), "epoch " + e);
                        total += want;
                        if (want > 0 && first == 0) {
                            first = e;
                        }
                    }
                    assertEquals(total, s.totalSteps(epochs));
                    assertEquals(k == 0 || epochs <= b ? 0 : (epochs - b) / f * k, total);
                    if (first > 0) {
                        assertEquals(b + f, first, "the first round follows epoch B + F");
                    }
                });
    }

    @Test
    void neverNeverSteps() {
        for (int e = 1; e <= 100; e++) {
            assertEquals(0, HyperStepSchedule.never().stepsAfter(e));
        }
        assertEquals(0, HyperStepSchedule.never().totalSteps(100));
    }

    @Test
    void badSettingsNameTheSetting() {
        assertEquals("hyper-step schedule: burn-in must be ≥ 0, got -1",
                assertThrows(IllegalArgumentException.class, () -> new HyperStepSchedule(-1, 1, 1)).getMessage());
        assertEquals("hyper-step schedule: frequency must be ≥ 1, got 0",
                assertThrows(IllegalArgumentException.class, () -> new HyperStepSchedule(0, 0, 1)).getMessage());
        assertEquals("hyper-step schedule: steps per round must be ≥ 0, got -2",
                assertThrows(IllegalArgumentException.class, () -> new HyperStepSchedule(0, 1, -2)).getMessage());
    }

    @Test
    void softplusParameterisationRoundTrips() {
        for (double eta : new double[] {1e-4, 0.05, 1, 3.14, 40}) {
            assertEquals(eta, Softplus.of(Softplus.inverse(eta)), 1e-12 * (1 + eta));
            double h = 1e-6;
            double r = Softplus.inverse(eta);
            assertEquals((Softplus.of(r + h) - Softplus.of(r - h)) / (2 * h), Softplus.sigmoid(r), 1e-7);
        }
    }
}
