package org.jlaplace.laplace;

import org.jlaplace.laplace.bound.BoundEstimator;
import org.jlaplace.laplace.internal.DenseOps;
import org.jlaplace.laplace.internal.SpdFactor;
import org.jlaplace.laplace.likelihood.GaussianLikelihood;
import org.jlaplace.laplace.likelihood.Likelihood;
import org.jlaplace.laplace.partition.Partition;
import org.jlaplace.laplace.prior.Prior;
import org.jlaplace.laplace.prior.ScalarPrior;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.booleans;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

/** MATHEMATICS.md §6: hyper-gradients against central differences and the closed form. */
class HyperGradientTest {
    private static final double H = 1e-5;

    private static void checkFiniteDifferences(RandomProblem pr, BoundEstimator<?> estimator, Partition part) {
        PreparedBound<?> prepared = pr.with(estimator).preparePartition(part);
        BoundValue v = prepared.evaluate(pr.likelihood, pr.prior);
        double[] logs = pr.prior.logPrecisions();
        for (int k = 0; k < logs.length; k++) {
            double[] up = logs.clone();
            double[] down = logs.clone();
            up[k] += H;
            down[k] -= H;
            double fd = (prepared.evaluate(pr.likelihood, pr.prior.withLogPrecisions(up)).logMarglik()
                    - prepared.evaluate(pr.likelihood, pr.prior.withLogPrecisions(down)).logMarglik()) / (2 * H);
            assertEquals(fd, v.gradLogPrecision()[k], 1e-5 * (1 + Math.abs(fd)), estimator.name() + " ∂/∂log δ_" + k);
        }
        if (pr.likelihood instanceof GaussianLikelihood g) {
            double ls = Math.log(g.sigma());
            double fd = (prepared.evaluate(g.withLogSigma(ls + H), pr.prior).logMarglik()
                    - prepared.evaluate(g.withLogSigma(ls - H), pr.prior).logMarglik()) / (2 * H);
            assertEquals(fd, v.gradLogSigma(), 1e-5 * (1 + Math.abs(fd)), estimator.name() + " ∂/∂log σ");
        } else {
            assertEquals(0.0, v.gradLogSigma());
        }
    }

    @Test
    void everyEstimatorMatchesCentralDifferences() {
        qt().withExamples(40).forAll(longs().all(), booleans().all(), integers().between(0, 2))
                .checkAssert((seed, cls, s) -> {
                    RandomProblem pr = RandomProblem.of(seed, cls, RandomProblem.structure(s));
                    Partition part = Partition.random(pr.n, 1 + Math.floorMod(seed, pr.n), seed);
                    for (BoundEstimator<?> e : pr.applicableEstimators(seed)) {
                        checkFiniteDifferences(pr, e, part);
                    }
                });
    }

    /** Scalar prior, exact: {@code ∂/∂ log δ = ½ tr((I+G)⁻¹ G) − ½ δ ‖θ*‖²}, by a direct inverse. */
    @Test
    void scalarGradientHasTheClosedForm() {
        qt().withExamples(40).forAll(longs().all(), booleans().all()).checkAssert((seed, cls) -> {
            RandomProblem pr = RandomProblem.of(seed, cls, "scalar");
            double delta = pr.prior.precision(0);
            double[] g = gram(pr, pr.likelihood, delta);
            int nc = pr.n * pr.c;
            double[] x = g.clone();
            for (int i = 0; i < nc; i++) {
                x[i * nc + i] += 1.0;
            }
            double gamma = DenseOps.frobeniusDot(SpdFactor.of(x, nc, "I + G").inverse(), g);
            double theta2 = DenseOps.frobeniusNorm2(pr.model.parameters());
            double expected = 0.5 * gamma - 0.5 * delta * theta2;
            assertEquals(expected, pr.with("exact").wholeData().gradLogPrecision()[0], 1e-9 * (1 + Math.abs(expected)));
        });
    }

    /**
     * MacKay's fixed point {@code δ = γ(δ)/‖θ*‖²}, with {@code γ = tr((I+G)⁻¹G)} formed by a
     * direct inverse and the root found by bisection in {@code log δ}, zeroes the library's
     * scalar gradient.
     */
    @Test
    void mackayFixedPointZeroesTheGradient() {
        qt().withExamples(30).forAll(longs().all(), booleans().all()).checkAssert((seed, cls) -> {
            RandomProblem pr = RandomProblem.of(seed, cls, "scalar");
            double theta2 = DenseOps.frobeniusNorm2(pr.model.parameters());
            double lo = -40;
            double hi = 40;
            for (int it = 0; it < 200; it++) {
                double mid = 0.5 * (lo + hi);
                // γ(δ) decreases and δ‖θ‖² increases in δ: a unique crossing.
                if (gamma(pr, Math.exp(mid)) > Math.exp(mid) * theta2) {
                    lo = mid;
                } else {
                    hi = mid;
                }
            }
            double delta = Math.exp(0.5 * (lo + hi));
            double grad = pr.with("exact", new ScalarPrior(Math.log(delta))).wholeData().gradLogPrecision()[0];
            assertEquals(0.0, grad, 1e-8 * (1 + delta * theta2));
        });
    }

    private static double gamma(RandomProblem pr, double delta) {
        double[] g = gram(pr, pr.likelihood, delta);
        int nc = pr.n * pr.c;
        double[] x = g.clone();
        for (int i = 0; i < nc; i++) {
            x[i * nc + i] += 1.0;
        }
        return DenseOps.frobeniusDot(SpdFactor.of(x, nc, "I + G").inverse(), g);
    }

    /** {@code G = Āᵀ J J ᵀ Ā / δ} formed directly from the explicit Jacobians. */
    private static double[] gram(RandomProblem pr, Likelihood lik, double delta) {
        int p = pr.groups.totalSize();
        int nc = pr.n * pr.c;
        double[] a = lik.hessianFactor(pr.model.batch(ExactValueTest.range(pr.n)).predictions(), pr.n);
        double[] b = WeightedJacobians.apply(pr.model.jacobians(), a, pr.n, pr.c, pr.c, p);
        double[] g = DenseOps.rowGram(b, nc, p, 0, p);
        for (int i = 0; i < g.length; i++) {
            g[i] /= delta;
        }
        return g;
    }

    @Test
    void priorGradientMatchesDifferences() {
        qt().withExamples(30).forAll(longs().all(), integers().between(0, 2)).checkAssert((seed, s) -> {
            RandomProblem pr = RandomProblem.of(seed, false, RandomProblem.structure(s));
            double[] theta = pr.model.parameters();
            double[] grad = pr.prior.logPriorGradient(theta, pr.groups);
            double[] logs = pr.prior.logPrecisions();
            for (int k = 0; k < logs.length; k++) {
                double[] up = logs.clone();
                double[] down = logs.clone();
                up[k] += H;
                down[k] -= H;
                Prior pu = pr.prior.withLogPrecisions(up);
                Prior pd = pr.prior.withLogPrecisions(down);
                double fd = (pu.logPrior(theta, pr.groups) - pd.logPrior(theta, pr.groups)) / (2 * H);
                assertEquals(fd, grad[k], 1e-6 * (1 + Math.abs(fd)));
            }
        });
    }
}
