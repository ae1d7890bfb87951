package org.jlaplace.laplace;

import org.jlaplace.laplace.partition.Partition;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

/**
 * Grouped partitions have smaller remainder batches; the estimate (5.1) on a batch drawn with
 * {@link Partition#drawProbability} is still unbiased: its exact expectation, summed over every
 * batch, equals the partition bound (value and gradients).
 */
class GroupedEstimateTest {

    @Test
    void sizeWeightedDrawOfAGroupedPartitionIsUnbiasedForItsBound() {
        qt().withExamples(40).forAll(longs().all(), integers().between(1, 4)).checkAssert((seed, m) -> {
            RandomProblem pr = RandomProblem.of(seed, true, RandomProblem.structure(seed.intValue()), 12);
            int[] labels = new int[pr.n];
            for (int i = 0; i < pr.n; i++) {
                labels[i] = (int) pr.targets[i];
            }
            Partition part = Partition.grouped(labels, m, seed);
            for (String e : new String[] {"kernel", "outputwise", "parametric"}) {
                MarginalLikelihood<?> ml = pr.with(e);
                BoundValue bound = ml.partitionBound(part);
                double mean = 0.0;
                double[] grad = new double[bound.gradLogPrecision().length];
                for (int b = 0; b < part.batchCount(); b++) {
                    BoundValue v = ml.estimate(part.batch(b));
                    double p = part.drawProbability(b);
                    mean += p * v.logMarglik();
                    for (int k = 0; k < grad.length; k++) {
                        grad[k] += p * v.gradLogPrecision()[k];
                    }
                }
                assertEquals(bound.logMarglik(), mean, 1e-9 * (1 + Math.abs(mean)), e);
                for (int k = 0; k < grad.length; k++) {
                    assertEquals(bound.gradLogPrecision()[k], grad[k], 1e-8 * (1 + Math.abs(grad[k])), e);
                }
            }
        });
    }

    @Test
    void aUniformDrawWouldBeBiasedOnUnequalBatches() {
        // Guards the test above against passing trivially: with remainders, 1/B weights miss the bound.
        RandomProblem pr = RandomProblem.of(5, true, "scalar", 12);
        for (long seed = 6; pr.n < 6; seed++) {
            pr = RandomProblem.of(seed, true, "scalar", 12);
        }
        int[] labels = new int[pr.n];
        for (int i = 0; i < pr.n; i++) {
            labels[i] = i < pr.n - 1 ? 0 : 1;
        }
        Partition part = Partition.grouped(labels, pr.n - 2, 0);
        assertTrue(part.batchCount() >= 2);
        MarginalLikelihood<?> ml = pr.with("kernel");
        double uniform = 0.0;
        for (int b = 0; b < part.batchCount(); b++) {
            uniform += ml.estimate(part.batch(b)).logMarglik() / part.batchCount();
        }
        double bound = ml.partitionBound(part).logMarglik();
        assertTrue(Math.abs(uniform - bound) > 1e-6 * (1 + Math.abs(bound)), uniform + " vs " + bound);
    }
}
