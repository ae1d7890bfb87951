package org.jlaplace.laplace;

import org.jlaplace.laplace.bound.Estimators;
import org.jlaplace.laplace.bound.TraceKernelEstimator;
import org.jlaplace.laplace.partition.Partition;
import org.jlaplace.laplace.prior.Prior;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.booleans;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

/**
 * The worked example of docs/ADDING_A_BOUND.md: the trace bound is registered, lies below the
 * kernel partition bound for the same partition, equals {@code ℓ − ½ tr(G)} computed by hand,
 * and its gradients match central differences.
 */
class TraceKernelEstimatorTest {

    @Test
    void isRegisteredByName() {
        assertInstanceOf(TraceKernelEstimator.class, Estimators.byName("trace-kernel"));
        assertTrue(Estimators.names().contains("trace-kernel"));
    }

    @Test
    void liesBelowTheKernelBoundAndEqualsHalfTheTrace() {
        qt().withExamples(50).forAll(longs().all(), booleans().all(), integers().between(0, 2))
                .checkAssert((seed, cls, s) -> {
                    RandomProblem pr = RandomProblem.of(seed, cls, RandomProblem.structure(s));
                    Partition part = Partition.random(pr.n, 1 + Math.floorMod(seed, pr.n), seed);
                    BoundValue trace = pr.with("trace-kernel").partitionBound(part);
                    BoundValue kernel = pr.with("kernel").partitionBound(part);
                    assertTrue(trace.logMarglik() <= kernel.logMarglik() + 1e-9 * (1 + Math.abs(kernel.logMarglik())));
                    // tr(G) = Σ_n Σ_p (J_nᵀ Λ_n J_n)_pp / δ_p, by hand from the explicit Jacobians.
                    double[] lam = pr.likelihood.hessian(pr.model.batch(ExactValueTest.range(pr.n)).predictions(), pr.n);
                    double[] d = pr.prior.precisionPerParameter(pr.groups);
                    double[] j = pr.model.jacobians();
                    int p = pr.groups.totalSize();
                    int c = pr.c;
                    double tr = 0.0;
                    for (int n = 0; n < pr.n; n++) {
                        for (int q = 0; q < p; q++) {
                            for (int a = 0; a < c; a++) {
                                for (int b = 0; b < c; b++) {
                                    tr += j[(n * c + a) * p + q] * lam[n * c * c + a * c + b] * j[(n * c + b) * p + q]
                                            / d[q];
                                }
                            }
                        }
                    }
                    assertEquals(tr, trace.logDetRatio(), 1e-9 * (1 + tr));
                });
    }

    @Test
    void gradientsMatchCentralDifferences() {
        qt().withExamples(30).forAll(longs().all(), booleans().all(), integers().between(0, 2))
                .checkAssert((seed, cls, s) -> {
                    RandomProblem pr = RandomProblem.of(seed, cls, RandomProblem.structure(s));
                    PreparedBound<?> prepared = pr.with("trace-kernel").preparePartition(Partition.contiguous(pr.n, 2));
                    BoundValue v = prepared.evaluate(pr.likelihood, pr.prior);
                    double h = 1e-5;
                    double[] logs = pr.prior.logPrecisions();
                    for (int k = 0; k < logs.length; k++) {
                        double[] up = logs.clone();
                        double[] dn = logs.clone();
                        up[k] += h;
                        dn[k] -= h;
                        Prior pu = pr.prior.withLogPrecisions(up);
                        Prior pd = pr.prior.withLogPrecisions(dn);
                        double fd = (prepared.evaluate(pr.likelihood, pu).logMarglik()
                                - prepared.evaluate(pr.likelihood, pd).logMarglik()) / (2 * h);
                        assertEquals(fd, v.gradLogPrecision()[k], 1e-6 * (1 + Math.abs(fd)));
                    }
                });
    }
}
