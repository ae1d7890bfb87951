package org.jlaplace.bench.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SplitAndScalingTest {
    private static Dataset indexed(int n) {
        double[][] x = new double[n][1];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            x[i][0] = i;
            y[i] = i % 3;
        }
        return Dataset.classification("t", x, new int[] {1}, y, 3, null);
    }

    @Test
    void splitIsAPartitionOfTheRowsInFileOrder() {
        qt().withExamples(50).forAll(integers().between(2, 300), longs().all()).checkAssert((n, seed) -> {
            TrainTestSplit s = TrainTestSplit.of(indexed(n), 0.2, seed);
            assertEquals(Math.round(n * 0.8), s.train().size());
            Set<Double> seen = new HashSet<>();
            double prev = -1;
            for (int i = 0; i < s.train().size(); i++) {
                double v = s.train().x(i)[0];
                assertEquals(true, v > prev, "training rows stay in file order");
                prev = v;
                seen.add(v);
            }
            for (int i = 0; i < s.test().size(); i++) {
                seen.add(s.test().x(i)[0]);
            }
            assertEquals(n, seen.size());
        });
    }

    @Test
    void sameSeedSameSplitOtherSeedOtherSplit() {
        Dataset d = indexed(100);
        assertArrayEquals(TrainTestSplit.of(d, 0.2, 7).test().flatInputs(), TrainTestSplit.of(d, 0.2, 7).test().flatInputs());
        assertNotEquals(TrainTestSplit.of(d, 0.2, 7).test().flatInputs()[0] + TrainTestSplit.of(d, 0.2, 7).test().flatInputs()[5],
                TrainTestSplit.of(d, 0.2, 8).test().flatInputs()[0] + TrainTestSplit.of(d, 0.2, 8).test().flatInputs()[5]);
    }

    @Test
    void standardizedTrainingColumnsHaveZeroMeanAndUnitVariance() {
        Dataset d = EmbeddedDatasets.load("wine", 0);
        Dataset z = Standardizer.fitInputs(d).applyToInputs(d);
        for (int j = 0; j < z.features(); j++) {
            double m = 0;
            double v = 0;
            for (int i = 0; i < z.size(); i++) {
                m += z.x(i)[j];
            }
            m /= z.size();
            for (int i = 0; i < z.size(); i++) {
                v += (z.x(i)[j] - m) * (z.x(i)[j] - m);
            }
            assertEquals(0.0, m, 1e-12);
            assertEquals(1.0, v / z.size(), 1e-12);
        }
    }

    @Test
    void constantColumnsAreOnlyCentred() {
        double[][] x = {{5, 1}, {5, 3}};
        Dataset d = Dataset.regression("c", x, new int[] {2}, new double[][] {{0}, {1}}, null);
        Dataset z = Standardizer.fitInputs(d).applyToInputs(d);
        assertArrayEquals(new double[] {0, -1}, z.x(0), 1e-15);
    }

    @Test
    void sineIsReproducibleWithTheAnnouncedNoise() {
        Dataset a = SineDataset.generate(5000, 0.2, 3);
        assertArrayEquals(a.flatTargets(), SineDataset.generate(5000, 0.2, 3).flatTargets());
        double ss = 0;
        for (int i = 0; i < a.size(); i++) {
            double r = a.target(i)[0] - Math.sin(a.x(i)[0]);
            ss += r * r;
        }
        assertEquals(0.2, Math.sqrt(ss / a.size()), 0.01);
    }
}
