package org.jlaplace.laplace;

import org.jlaplace.laplace.bound.BoundEstimator;
import org.jlaplace.laplace.bound.OutputwiseEstimator;
import org.jlaplace.laplace.partition.Partition;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.booleans;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

/** MATHEMATICS.md §5: the one-batch estimator averaged over an equal-size partition is the partition bound. */
class StochasticEstimatorTest {

    @Test
    void meanOverPartitionIsTheBoundWithGradients() {
        qt().withExamples(40).forAll(longs().all(), booleans().all(), integers().between(0, 2),
                integers().between(1, 3)).checkAssert((seed, cls, s, m) -> {
                    // Equal batch sizes: N = m·k.
                    int batches = 1 + new SplittableRandom(seed).nextInt(3);
                    RandomProblem pr = sizedProblem(seed, cls, s, m * batches);
                    Partition part = Partition.random(pr.n, m, seed);
                    for (BoundEstimator<?> estimator : pr.applicableEstimators(seed)) {
                        if (estimator.isStochastic() || estimator.requiresWholeData()) {
                            continue; // a fresh draw per batch, or no batches at all
                        }
                        MarginalLikelihood<?> ml = pr.with(estimator);
                        String e = estimator.name();
                        BoundValue bound = ml.partitionBound(part);
                        double mean = 0.0;
                        double[] grad = new double[pr.prior.size()];
                        double gradSigma = 0.0;
                        for (int b = 0; b < part.batchCount(); b++) {
                            BoundValue v = ml.estimate(part.batch(b));
                            mean += v.logMarglik() / part.batchCount();
                            for (int k = 0; k < grad.length; k++) {
                                grad[k] += v.gradLogPrecision()[k] / part.batchCount();
                            }
                            gradSigma += v.gradLogSigma() / part.batchCount();
                        }
                        assertEquals(bound.logMarglik(), mean, 1e-9 * (1 + Math.abs(mean)), e);
                        for (int k = 0; k < grad.length; k++) {
                            assertEquals(bound.gradLogPrecision()[k], grad[k], 1e-8 * (1 + Math.abs(grad[k])), e);
                        }
                        assertEquals(bound.gradLogSigma(), gradSigma, 1e-8 * (1 + Math.abs(gradSigma)), e);
                    }
                });
    }

    private static RandomProblem sizedProblem(long seed, boolean cls, int s, int n) {
        // Draw until the problem has exactly n data (sizes are uniform in 1..n).
        for (long k = 0; ; k++) {
            RandomProblem pr = RandomProblem.of(seed + k, cls, RandomProblem.structure(s), n);
            if (pr.n == n) {
                return pr;
            }
        }
    }

    /** Averaging the single-output term over all outputs gives the output-wise term exactly. */
    @Test
    void singleOutputSamplingIsUnbiasedForOutputwise() {
        qt().withExamples(30).forAll(longs().all(), booleans().all(), integers().between(0, 2))
                .checkAssert((seed, cls, s) -> {
                    RandomProblem pr = RandomProblem.of(seed, cls, RandomProblem.structure(s));
                    Partition part = Partition.contiguous(pr.n, pr.n);
                    double target = pr.with("outputwise").partitionBound(part).logMarglik();
                    // Enumerate the sampler's outputs by many draws and average per distinct output.
                    double[] perOutput = new double[pr.c];
                    boolean[] seen = new boolean[pr.c];
                    SplittableRandom probe = new SplittableRandom(seed);
                    for (int draw = 0; draw < 200; draw++) {
                        long sub = probe.nextLong();
                        int out = new SplittableRandom(sub).nextInt(pr.c);
                        if (!seen[out]) {
                            seen[out] = true;
                            perOutput[out] = Laplace.marginalLikelihood(pr.model, pr.targets, pr.likelihood, pr.prior,
                                    new OutputwiseEstimator(false, new SplittableRandom(sub))).partitionBound(part)
                                    .logMarglik();
                        }
                    }
                    double mean = 0.0;
                    for (int out = 0; out < pr.c; out++) {
                        org.junit.jupiter.api.Assertions.assertTrue(seen[out], "output " + out + " never drawn");
                        mean += perOutput[out] / pr.c;
                    }
                    assertEquals(target, mean, 1e-9 * (1 + Math.abs(target)));
                });
    }

    @Test
    void randomSubsetEstimateIsScaledByNOverM() {
        RandomProblem pr = RandomProblem.of(7, true, "scalar", 8);
        MarginalLikelihood<?> ml = pr.with("kernel");
        BoundValue v = ml.estimateRandomSubset(1, new SplittableRandom(3));
        int[] batch = java.util.Arrays.copyOf(Partition.permutation(pr.n, new SplittableRandom(3)), 1);
        BoundValue direct = ml.estimate(batch);
        assertEquals(direct.logMarglik(), v.logMarglik(), 1e-12);
        double lik = pr.likelihood.logLikelihood(pr.model.batch(batch).predictions(),
                new double[] {pr.targets[batch[0]]}, 1);
        assertEquals(pr.n * lik, v.logLikelihood(), 1e-9 * (1 + Math.abs(v.logLikelihood())));
    }
}
