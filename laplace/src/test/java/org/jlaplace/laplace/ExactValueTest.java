package org.jlaplace.laplace;

import org.jlaplace.laplace.bound.ExactEstimator;
import org.jlaplace.laplace.internal.SpdFactor;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.booleans;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

/** MATHEMATICS.md (3.1) = 3.2: the exact value in parameter space equals the function-space form. */
class ExactValueTest {

    @Test
    void parametricEqualsFunctionSpace() {
        qt().withExamples(60).forAll(longs().all(), booleans().all(), integers().between(0, 2))
                .checkAssert((seed, cls, s) -> {
                    RandomProblem pr = RandomProblem.of(seed, cls, RandomProblem.structure(s));
                    BoundValue param = Laplace.marginalLikelihood(pr.model, pr.targets, pr.likelihood, pr.prior,
                            new ExactEstimator(ExactEstimator.Form.PARAMETRIC)).wholeData();
                    BoundValue func = Laplace.marginalLikelihood(pr.model, pr.targets, pr.likelihood, pr.prior,
                            new ExactEstimator(ExactEstimator.Form.FUNCTION_SPACE)).wholeData();
                    assertEquals(param.logMarglik(), func.logMarglik(), 1e-9 * (1 + Math.abs(param.logMarglik())));
                    assertEquals(param.logDetRatio(), func.logDetRatio(), 1e-9 * (1 + param.logDetRatio()));
                    for (int k = 0; k < pr.prior.size(); k++) {
                        assertEquals(param.gradLogPrecision()[k], func.gradLogPrecision()[k], 1e-8);
                    }
                    assertEquals(param.gradLogSigma(), func.gradLogSigma(), 1e-8);
                });
    }

    /**
     * MATHEMATICS.md §4.1 with one batch: the kernel bound is the exact value, value and gradients. For the
     * softmax it runs on the thin {@code C×(C−1)} factor, so this also checks that dropping the
     * null direction of {@code Λ} changes nothing.
     */
    @Test
    void kernelBoundOnOneBatchIsTheExactValue() {
        qt().withExamples(40).forAll(longs().all(), booleans().all(), integers().between(0, 2))
                .checkAssert((seed, cls, s) -> {
                    RandomProblem pr = RandomProblem.of(seed, cls, RandomProblem.structure(s));
                    BoundValue exact = pr.with("exact").wholeData();
                    BoundValue kernel = pr.with("kernel").wholeData();
                    assertEquals(exact.logMarglik(), kernel.logMarglik(), 1e-9 * (1 + Math.abs(exact.logMarglik())));
                    assertEquals(exact.logDetRatio(), kernel.logDetRatio(), 1e-9 * (1 + exact.logDetRatio()));
                    for (int k = 0; k < pr.prior.size(); k++) {
                        assertEquals(exact.gradLogPrecision()[k], kernel.gradLogPrecision()[k], 1e-8, "δ_" + k);
                    }
                    assertEquals(exact.gradLogSigma(), kernel.gradLogSigma(), 1e-8);
                });
    }

    /** The log-det term against a direct Cholesky of {@code P0 + H} minus {@code log det P0}. */
    @Test
    void logDetMatchesDirectParametricFormula() {
        qt().withExamples(40).forAll(longs().all(), booleans().all(), integers().between(0, 2))
                .checkAssert((seed, cls, s) -> {
                    RandomProblem pr = RandomProblem.of(seed, cls, RandomProblem.structure(s));
                    int p = pr.groups.totalSize();
                    double[] h = org.jlaplace.laplace.curvature.Ggn.full(pr.model.batch(range(pr.n)), pr.likelihood);
                    double[] d = pr.prior.precisionPerParameter(pr.groups);
                    double[] x = h.clone();
                    double logDetP0 = 0.0;
                    for (int i = 0; i < p; i++) {
                        x[i * p + i] += d[i];
                        logDetP0 += Math.log(d[i]);
                    }
                    double expected = SpdFactor.of(x, p, "P0 + H").logDet() - logDetP0;
                    double got = pr.with("exact").wholeData().logDetRatio();
                    assertEquals(expected, got, 1e-9 * (1 + Math.abs(expected)));
                    double expectedLik = pr.likelihood.logLikelihood(pr.model.batch(range(pr.n)).predictions(),
                            pr.targets, pr.n);
                    BoundValue v = pr.with("exact").wholeData();
                    assertEquals(expectedLik, v.logLikelihood(), 1e-12 * (1 + Math.abs(expectedLik)));
                    assertEquals(v.logLikelihood() + v.logPrior() - 0.5 * v.logDetRatio(), v.logMarglik(), 1e-9);
                });
    }

    static int[] range(int n) {
        int[] r = new int[n];
        for (int i = 0; i < n; i++) {
            r[i] = i;
        }
        return r;
    }
}
