package org.jlaplace.laplace;

import org.jlaplace.laplace.bound.BoundEstimator;
import org.jlaplace.laplace.partition.Partition;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.booleans;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

/** MATHEMATICS.md §10: certified bounds are ≤ the exact value and ordered as §4 states. */
class BoundOrderTest {
    private static final double TOL = 1e-9;

    private static void assertLeq(double lower, double upper, String what) {
        assertTrue(lower <= upper + TOL * (1 + Math.abs(upper)), what + ": " + lower + " > " + upper);
    }

    private static Partition randomPartition(RandomProblem pr, long seed) {
        int m = 1 + new SplittableRandom(seed).nextInt(pr.n);
        return Partition.random(pr.n, m, seed);
    }

    @Test
    void certifiedBoundsAreBelowExact() {
        qt().withExamples(60).forAll(longs().all(), booleans().all(), integers().between(0, 2))
                .checkAssert((seed, cls, s) -> {
                    RandomProblem pr = RandomProblem.of(seed, cls, RandomProblem.structure(s));
                    double exact = pr.exact();
                    Partition part = randomPartition(pr, seed);
                    int certified = 0;
                    for (BoundEstimator<?> e : pr.applicableEstimators(seed)) {
                        BoundValue v = pr.with(e).partitionBound(part);
                        assertEquals(e.isCertifiedBound(pr.likelihood.kind()), v.certifiedBound(), e.name());
                        if (v.certifiedBound()) {
                            assertLeq(v.logMarglik(), exact, e.name());
                            certified++;
                        }
                    }
                    assertTrue(certified >= 6, "certified estimators found: " + certified);
                });
    }

    @Test
    void outputwiseIsBelowKernelPartitionAndTraceBelowBoth() {
        qt().withExamples(60).forAll(longs().all(), booleans().all(), integers().between(0, 2))
                .checkAssert((seed, cls, s) -> {
                    RandomProblem pr = RandomProblem.of(seed, cls, RandomProblem.structure(s));
                    Partition part = randomPartition(pr, seed);
                    double kernel = pr.with("kernel").partitionBound(part).logMarglik();
                    double outputwise = pr.with("outputwise").partitionBound(part).logMarglik();
                    double trace = pr.with("trace-kernel").partitionBound(part).logMarglik();
                    double diag = pr.with("diag").partitionBound(part).logMarglik();
                    double block = pr.with("blockdiag").partitionBound(part).logMarglik();
                    assertLeq(outputwise, kernel, "outputwise ≤ kernel");
                    assertLeq(trace, outputwise, "trace ≤ outputwise");
                    assertLeq(diag, block, "diag ≤ blockdiag");
                    assertLeq(block, kernel, "blockdiag ≤ parametric = kernel");
                });
    }

    @Test
    void refiningAPartitionLowersTheBound() {
        qt().withExamples(60).forAll(longs().all(), booleans().all(), integers().between(0, 2))
                .checkAssert((seed, cls, s) -> {
                    RandomProblem pr = RandomProblem.of(seed, cls, RandomProblem.structure(s), 9);
                    Partition coarse = randomPartition(pr, seed);
                    int m = coarse.batch(0).length;
                    Partition fine = coarse.refine(Math.max(1, m / 2));
                    for (BoundEstimator<?> e : pr.applicableEstimators(seed)) {
                        if (e.isCertifiedBound(pr.likelihood.kind())) {
                            assertLeq(pr.with(e).partitionBound(fine).logMarglik(),
                                    pr.with(e).partitionBound(coarse).logMarglik(), e.name() + " refinement");
                        }
                    }
                });
    }

    @Test
    void oneBatchGivesTheExactValue() {
        qt().withExamples(40).forAll(longs().all(), booleans().all(), integers().between(0, 2))
                .checkAssert((seed, cls, s) -> {
                    RandomProblem pr = RandomProblem.of(seed, cls, RandomProblem.structure(s));
                    double exact = pr.exact();
                    Partition one = Partition.random(pr.n, pr.n, seed);
                    for (BoundEstimator<?> e : pr.applicableEstimators(seed)) {
                        if (e.isExactOnWholeData()) {
                            assertEquals(exact, pr.with(e).partitionBound(one).logMarglik(), TOL * (1 + Math.abs(exact)),
                                    e.name());
                        }
                    }
                });
    }

    @Test
    void parametricPartitionEqualsKernelPartition() {
        qt().withExamples(50).forAll(longs().all(), booleans().all(), integers().between(0, 2))
                .checkAssert((seed, cls, s) -> {
                    RandomProblem pr = RandomProblem.of(seed, cls, RandomProblem.structure(s));
                    Partition part = randomPartition(pr, seed);
                    BoundValue k = pr.with("kernel").partitionBound(part);
                    BoundValue p = pr.with("parametric").partitionBound(part);
                    assertEquals(k.logMarglik(), p.logMarglik(), TOL * (1 + Math.abs(k.logMarglik())));
                    for (int i = 0; i < pr.prior.size(); i++) {
                        assertEquals(k.gradLogPrecision()[i], p.gradLogPrecision()[i], 1e-8);
                    }
                    assertEquals(k.gradLogSigma(), p.gradLogSigma(), 1e-8);
                });
    }

    /** For regression Λ is diagonal, so the diagonal-Hessian variant equals the output-wise bound. */
    @Test
    void outputwiseDiagEqualsOutputwiseForRegression() {
        qt().withExamples(30).forAll(longs().all(), integers().between(0, 2)).checkAssert((seed, s) -> {
            RandomProblem pr = RandomProblem.of(seed, false, RandomProblem.structure(s));
            Partition part = randomPartition(pr, seed);
            double a = pr.with("outputwise").partitionBound(part).logMarglik();
            double b = pr.with("outputwise-diag").partitionBound(part).logMarglik();
            assertEquals(a, b, TOL * (1 + Math.abs(a)));
        });
    }
}
