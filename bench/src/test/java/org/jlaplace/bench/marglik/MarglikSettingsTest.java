package org.jlaplace.bench.marglik;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import org.junit.jupiter.api.Test;

class MarglikSettingsTest {
    private static MarglikSettings settings(int epochs, int k, int f, int b, boolean fixed) {
        return new MarglikSettings(epochs, 32, "adam", 1e-3, 0.9, "cosine", 0, 0.9, "kernel", 100, "random", k, 0.1, f, b,
                fixed, 0);
    }

    @Test
    void updatesHappenEveryFEpochsAfterTheBurnIn() {
        qt().withExamples(200).forAll(integers().between(1, 60), integers().between(0, 5), integers().between(1, 7),
                integers().between(0, 20)).checkAssert((epochs, k, f, b) -> {
                    MarglikSettings s = settings(epochs, k, f, b, false);
                    int updates = 0;
                    for (int e = 1; e <= epochs; e++) {
                        boolean naive = k > 0 && e > b && (e - b) % f == 0;
                        assertEquals(naive, s.updatesAfter(e));
                        updates += naive ? 1 : 0;
                    }
                    int closedForm = k == 0 || epochs <= b ? 0 : (epochs - b) / f;
                    assertEquals(closedForm, updates);
                    assertEquals(closedForm * k, s.totalHyperSteps());
                });
    }

    @Test
    void aFixedPriorNeverUpdates() {
        MarglikSettings s = settings(50, 10, 1, 0, true);
        for (int e = 1; e <= 50; e++) {
            assertFalse(s.updatesAfter(e));
        }
        assertEquals(0, s.totalHyperSteps());
    }
}
