package org.jlaplace.laplace;

import org.jlaplace.autodiff.nn.Sequential;
import org.jlaplace.core.Tensor;
import org.jlaplace.laplace.bound.BoundEstimator;
import org.jlaplace.laplace.bound.Estimators;
import org.jlaplace.laplace.likelihood.CategoricalLikelihood;
import org.jlaplace.laplace.likelihood.GaussianLikelihood;
import org.jlaplace.laplace.likelihood.Likelihood;
import org.jlaplace.laplace.partition.Partition;
import org.jlaplace.laplace.predictive.GlmPredictive;
import org.jlaplace.laplace.predictive.Link;
import org.jlaplace.laplace.predictive.PosteriorStructure;
import org.jlaplace.laplace.predictive.PredictiveDistribution;
import org.jlaplace.laplace.predictive.PredictivePosterior;
import org.jlaplace.laplace.prior.Prior;
import org.jlaplace.laplace.prior.PriorStructure;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.booleans;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

/** The one {@link Laplace} object: evidence, predictive and post-hoc prior, against the separate pieces. */
class LaplaceTest {
    private static final int N = 8;

    /** A small tanh MLP with 3 outputs, its inputs and targets of either kind. */
    private record Problem(Sequential net, Tensor x, double[] y, Likelihood likelihood) {
        static Problem of(long seed, boolean classification) {
            Sequential net = SmallNetworks.mlp(seed, 3, 4, 3);
            Tensor x = SmallNetworks.inputs(seed, net, N);
            Random r = new Random(seed);
            double[] y = new double[classification ? N : 3 * N];
            for (int i = 0; i < y.length; i++) {
                y[i] = classification ? r.nextInt(3) : r.nextGaussian();
            }
            Likelihood lik = classification ? new CategoricalLikelihood(3) : new GaussianLikelihood(3, 0.5);
            return new Problem(net, x, y, lik);
        }

        NetworkModel model() {
            return NetworkModel.of(net, x);
        }

        Prior prior(PriorStructure s, double delta) {
            return Prior.of(s, delta, model().groups());
        }
    }

    private static void assertSameValue(BoundValue want, BoundValue got, String what) {
        double tol = 1e-10 * (1 + Math.abs(want.logMarglik()));
        assertEquals(want.logMarglik(), got.logMarglik(), tol, what);
        assertArrayEquals(want.gradLogPrecision(), got.gradLogPrecision(), 1e-9 * (1 + Math.abs(want.logMarglik())), what);
        assertEquals(want.gradLogSigma(), got.gradLogSigma(), tol, what);
    }

    /** Each structure's evidence is its whole-data estimator (exact, diag, kron); any registered bound is reachable. */
    @Test
    void evidenceIsTheStructuresWholeDataEstimatorAndAnyRegisteredBound() {
        qt().withExamples(10).forAll(longs().all(), booleans().all(), integers().between(0, 1)).checkAssert((seed, cls, s) -> {
            Problem pr = Problem.of(seed, cls);
            Prior prior = pr.prior(PriorStructure.values()[s], 0.8);
            String[] names = {"exact", "diag", "kron"};
            for (PosteriorStructure ps : PosteriorStructure.values()) {
                Laplace la = Laplace.fit(pr.net, pr.x, pr.y, pr.likelihood, prior, ps);
                BoundValue want = Laplace.marginalLikelihood(pr.model(), pr.y, pr.likelihood, prior, names[ps.ordinal()])
                        .wholeData();
                assertSameValue(want, la.logMarginalLikelihood(), ps.toString());
                assertSameValue(Laplace.marginalLikelihood(pr.model(), pr.y, pr.likelihood, prior, "exact").wholeData(),
                        la.exactLogMarginalLikelihood(), ps + " exact");
            }
            Laplace la = Laplace.fit(pr.net, pr.x, pr.y, pr.likelihood, prior, PosteriorStructure.FULL);
            Partition part = Partition.random(N, 3, seed);
            for (BoundEstimator<?> e : Estimators.all(seed)) {
                if (e.supports(pr.likelihood, prior) && !e.isStochastic()) {
                    BoundValue want = Laplace.marginalLikelihood(pr.model(), pr.y, pr.likelihood, prior, e)
                            .partitionBound(part);
                    assertSameValue(want, la.evidence(e, part), e.name());
                }
            }
            assertSameValue(Laplace.marginalLikelihood(pr.model(), pr.y, pr.likelihood, prior, "kernel")
                    .estimate(part.batch(0)), la.estimate(Estimators.kernel(), part.batch(0)), "estimate");
        });
    }

    /** A copy with another prior reuses the curvature and gives what a fresh fit gives. */
    @Test
    void withPriorEqualsAFreshFit() {
        Problem pr = Problem.of(4, false);
        for (PosteriorStructure ps : PosteriorStructure.values()) {
            Laplace la = Laplace.fit(pr.net, pr.x, pr.y, pr.likelihood, pr.prior(PriorStructure.LAYERWISE, 1.0), ps);
            Prior other = Prior.layerwise(0.3, 2.0, 5.0, 0.7);
            assertSameValue(Laplace.fit(pr.net, pr.x, pr.y, pr.likelihood, other, ps).logMarginalLikelihood(),
                    la.withPrior(other).logMarginalLikelihood(), ps.toString());
            GaussianLikelihood sigma = new GaussianLikelihood(3, 1.7);
            assertSameValue(Laplace.fit(pr.net, pr.x, pr.y, sigma, pr.prior(PriorStructure.LAYERWISE, 1.0), ps)
                    .logMarginalLikelihood(), la.withLikelihood(sigma).logMarginalLikelihood(), ps + " σ");
        }
        Laplace la = Laplace.fit(pr.net, pr.x, pr.y, pr.likelihood, Prior.scalar(1.0), PosteriorStructure.FULL);
        assertThrows(IllegalArgumentException.class, () -> la.withPrior(Prior.layerwise(1, 1, 1, 1)));
        assertThrows(IllegalArgumentException.class, () -> la.withLikelihood(new CategoricalLikelihood(3)));
    }

    /**
     * Scalar prior, exact evidence: the optimised {@code log δ} is at least as good as the best
     * point of a fine grid and lies within one grid step of it; the evidence increased.
     */
    @Test
    void optimisedScalarPriorMatchesTheGridOptimum() {
        qt().withExamples(8).forAll(longs().all(), booleans().all()).checkAssert((seed, cls) -> {
            Problem pr = Problem.of(seed, cls);
            Laplace la = Laplace.fit(pr.net, pr.x, pr.y, pr.likelihood, Prior.scalar(1.0), PosteriorStructure.FULL);
            double before = la.logMarginalLikelihood().logMarglik();
            Laplace opt = la.optimizePrior();
            double after = opt.logMarginalLikelihood().logMarglik();
            assertTrue(after >= before, after + " < " + before);
            double h = 0.01;
            double bestLog = 0;
            double best = Double.NEGATIVE_INFINITY;
            for (double l = -10; l <= 10; l += h) {
                double v = la.withPrior(Prior.scalar(Math.exp(l))).logMarginalLikelihood().logMarglik();
                if (v > best) {
                    best = v;
                    bestLog = l;
                }
            }
            double got = opt.prior().logPrecisions()[0];
            assertTrue(after >= best - 1e-9 * (1 + Math.abs(best)), after + " below the grid's " + best);
            assertEquals(bestLog, got, h, "log δ");
            assertEquals(0.0, opt.logMarginalLikelihood().gradLogPrecision()[0], 1e-5);
        });
    }

    /**
     * Every structure and prior: the evidence does not decrease, the gradient vanishes, and moving
     * any one {@code log δ_k} by ±0.05 does not increase the evidence (a local maximum).
     */
    @Test
    void optimisedPriorIsALocalMaximumForEveryStructure() {
        qt().withExamples(6).forAll(longs().all(), booleans().all(), integers().between(0, 2)).checkAssert((seed, cls, s) -> {
            Problem pr = Problem.of(seed, cls);
            PriorStructure prior = PriorStructure.values()[s];
            for (PosteriorStructure ps : PosteriorStructure.values()) {
                if (!ps.supports(prior)) {
                    continue;
                }
                Laplace la = Laplace.fit(pr.net, pr.x, pr.y, pr.likelihood, pr.prior(prior, 2.0), ps);
                Laplace opt = la.optimizePrior();
                BoundValue v = opt.logMarginalLikelihood();
                assertTrue(v.logMarglik() >= la.logMarginalLikelihood().logMarglik(), ps + " " + prior);
                double[] logs = opt.prior().logPrecisions();
                for (int k = 0; k < logs.length; k++) {
                    assertEquals(0.0, v.gradLogPrecision()[k], 1e-4, ps + " " + prior + " ∂/∂log δ_" + k);
                    for (double d : new double[] {-0.05, 0.05}) {
                        double[] moved = logs.clone();
                        moved[k] += d;
                        double w = opt.withPrior(opt.prior().withLogPrecisions(moved)).logMarginalLikelihood().logMarglik();
                        assertTrue(w <= v.logMarglik() + 1e-9 * (1 + Math.abs(w)), ps + " " + prior + " k=" + k);
                    }
                }
            }
        });
    }

    /**
     * The predictive of the FULL structure equals the GLM predictive of explicit per-datum
     * Jacobians (an independent path), in one batch or one test input at a time; links and the
     * MAP predictive are what they say.
     */
    @Test
    void predictiveMatchesTheExplicitGlmPredictiveAndLinks() {
        qt().withExamples(8).forAll(longs().all(), integers().between(0, 2)).checkAssert((seed, s) -> {
            Problem reg = Problem.of(seed, false);
            Prior regPrior = reg.prior(PriorStructure.values()[s], 0.6);
            Tensor xr = SmallNetworks.inputs(seed + 2, reg.net, 3);
            PredictiveDistribution wantReg = GlmPredictive.fit(SmallNetworks.explicit(reg.net, reg.x), reg.likelihood,
                    regPrior, GlmPredictive.Form.FUNCTION_SPACE).predict(SmallNetworks.explicit(reg.net, xr)
                    .batch(new int[] {0, 1, 2}));
            PredictiveDistribution gotReg = Laplace.fit(reg.net, reg.x, reg.y, reg.likelihood, regPrior,
                    PosteriorStructure.FULL).predictive(xr);
            assertArrayEquals(wantReg.covariance(), gotReg.covariance(), 1e-9);
            Problem pr = Problem.of(seed, true);
            Prior prior = pr.prior(PriorStructure.values()[s], 0.6);
            Laplace la = Laplace.fit(pr.net, pr.x, pr.y, pr.likelihood, prior, PosteriorStructure.FULL);
            Tensor xt = SmallNetworks.inputs(seed + 1, pr.net, 5);
            PredictiveDistribution got = la.predictive(xt);
            PredictiveDistribution want = GlmPredictive.fit(SmallNetworks.explicit(pr.net, pr.x), pr.likelihood, prior,
                    GlmPredictive.Form.PARAMETRIC).predict(SmallNetworks.explicit(pr.net, xt).batch(new int[] {0, 1, 2, 3, 4}));
            assertArrayEquals(want.mean(), got.mean(), 1e-12);
            assertArrayEquals(want.covariance(), got.covariance(), 1e-9);
            PredictiveDistribution oneByOne = la.posterior().predict(NetworkModel.of(pr.net, xt), 1);
            assertArrayEquals(got.covariance(), oneByOne.covariance(), 1e-12);
            assertArrayEquals(got.probitProbabilities(), la.classProbabilities(xt, Link.probit()), 0.0);
            assertArrayEquals(got.bridgeProbabilities(), la.classProbabilities(xt, Link.bridge()), 0.0);
            assertArrayEquals(got.monteCarloProbabilities(50, 9), la.classProbabilities(xt, Link.monteCarlo(50, 9)), 0.0);
            double[] map = la.mapClassProbabilities(xt);
            assertArrayEquals(org.jlaplace.laplace.likelihood.CategoricalLikelihood.softmax(got.mean(), 5, 3), map, 1e-12);
        });
    }

    /** DIAGONAL and KRON predictives are the structured posteriors fitted directly. */
    @Test
    void structuredPredictivesAreTheStructuredPosteriors() {
        Problem pr = Problem.of(12, true);
        Tensor xt = SmallNetworks.inputs(13, pr.net, 4);
        for (PosteriorStructure ps : new PosteriorStructure[] {PosteriorStructure.DIAGONAL, PosteriorStructure.KRON}) {
            Prior prior = Prior.scalar(0.9);
            Laplace la = Laplace.fit(pr.net, pr.x, pr.y, pr.likelihood, prior, ps);
            PredictiveDistribution want = PredictivePosterior.fit(pr.model(), pr.likelihood, prior, ps)
                    .predict(NetworkModel.of(pr.net, xt).batch(new int[] {0, 1, 2, 3}));
            assertArrayEquals(want.covariance(), la.predictive(xt).covariance(), 1e-12, ps.toString());
            assertEquals(ps, la.posterior().structure());
        }
    }

    @Test
    void misfitsAreRefusedWithAMessage() {
        Problem cls = Problem.of(1, true);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Laplace.fit(cls.net, cls.x,
                cls.y, cls.likelihood, cls.prior(PriorStructure.DIAGONAL, 1.0), PosteriorStructure.KRON));
        assertTrue(e.getMessage().contains("kron") && e.getMessage().contains("diagonal"), e.getMessage());
        Problem reg = Problem.of(1, false);
        Laplace la = Laplace.fit(reg.net, reg.x, reg.y, reg.likelihood, Prior.scalar(1), PosteriorStructure.FULL);
        assertThrows(IllegalStateException.class, () -> la.classProbabilities(reg.x, Link.probit()));
        Laplace noNet = Laplace.fit(reg.model(), reg.y, reg.likelihood, Prior.scalar(1), PosteriorStructure.FULL);
        assertThrows(IllegalStateException.class, () -> noNet.predictive(reg.x));
        assertEquals(la.predictive(reg.x).covariance().length, noNet.predictive(reg.model()).covariance().length);
    }
}
