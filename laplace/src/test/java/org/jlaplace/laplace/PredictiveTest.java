package org.jlaplace.laplace;

import org.jlaplace.autodiff.nn.Sequential;
import org.jlaplace.core.Tensor;
import org.jlaplace.laplace.internal.SpdFactor;
import org.jlaplace.laplace.likelihood.CategoricalLikelihood;
import org.jlaplace.laplace.likelihood.GaussianLikelihood;
import org.jlaplace.laplace.likelihood.Likelihood;
import org.jlaplace.laplace.predictive.GlmPredictive;
import org.jlaplace.laplace.predictive.NnSamplingPredictive;
import org.jlaplace.laplace.predictive.PredictiveDistribution;
import org.jlaplace.laplace.prior.Prior;
import org.jlaplace.laplace.curvature.Ggn;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.booleans;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

/** MATHEMATICS.md §8: GLM predictive in both spaces, probit and Monte Carlo, NN sampling. */
class PredictiveTest {

    @Test
    void functionSpaceEqualsParametricAndTheDirectInverse() {
        qt().withExamples(40).forAll(longs().all(), booleans().all(), integers().between(0, 2))
                .checkAssert((seed, cls, s) -> {
                    RandomProblem pr = RandomProblem.of(seed, cls, RandomProblem.structure(s));
                    // Test Jacobians with the training model's shapes: reuse the training rows in reverse.
                    int[] idx = new int[pr.n];
                    for (int i = 0; i < pr.n; i++) {
                        idx[i] = pr.n - 1 - i;
                    }
                    JacobianBatch star = pr.model.batch(idx);
                    PredictiveDistribution fs = GlmPredictive.fit(pr.model, pr.likelihood, pr.prior,
                            GlmPredictive.Form.FUNCTION_SPACE).predict(star);
                    PredictiveDistribution ps = GlmPredictive.fit(pr.model, pr.likelihood, pr.prior,
                            GlmPredictive.Form.PARAMETRIC).predict(star);
                    int p = pr.groups.totalSize();
                    double[] x = Ggn.full(pr.model.batch(ExactValueTest.range(pr.n)), pr.likelihood);
                    double[] d = pr.prior.precisionPerParameter(pr.groups);
                    for (int i = 0; i < p; i++) {
                        x[i * p + i] += d[i];
                    }
                    double[] inv = SpdFactor.of(x, p, "P0 + H").inverse();
                    double[] j = pr.model.jacobians();
                    int c = pr.c;
                    for (int n = 0; n < pr.n; n++) {
                        int src = idx[n];
                        for (int a = 0; a < c; a++) {
                            for (int b = 0; b < c; b++) {
                                double direct = 0.0;
                                for (int q = 0; q < p; q++) {
                                    for (int r = 0; r < p; r++) {
                                        direct += j[(src * c + a) * p + q] * inv[q * p + r] * j[(src * c + b) * p + r];
                                    }
                                }
                                int k = n * c * c + a * c + b;
                                assertEquals(direct, ps.covariance()[k], 1e-9 * (1 + Math.abs(direct)));
                                assertEquals(direct, fs.covariance()[k], 1e-8 * (1 + Math.abs(direct)));
                            }
                        }
                    }
                });
    }

    /**
     * A large test batch is solved in column panels: every input's covariance (and mean) must
     * equal what a batch of that input alone gives, in both spaces, for batches spanning several
     * panels and ending in a partial one.
     */
    @Test
    void batchPredictiveEqualsPerInputPredictives() {
        qt().withExamples(12).forAll(longs().all(), booleans().all(), integers().between(0, 2))
                .checkAssert((seed, cls, s) -> {
                    RandomProblem pr = RandomProblem.of(seed, cls, RandomProblem.structure(s), 200);
                    int c = pr.c;
                    int[] all = ExactValueTest.range(pr.n);
                    for (GlmPredictive.Form form : new GlmPredictive.Form[] {GlmPredictive.Form.PARAMETRIC,
                            GlmPredictive.Form.FUNCTION_SPACE}) {
                        GlmPredictive glm = GlmPredictive.fit(pr.model, pr.likelihood, pr.prior, form);
                        PredictiveDistribution batch = glm.predict(pr.model.batch(all));
                        for (int n = 0; n < pr.n; n++) {
                            PredictiveDistribution one = glm.predict(pr.model.batch(new int[] {n}));
                            for (int k = 0; k < c * c; k++) {
                                double expected = one.covariance()[k];
                                assertEquals(expected, batch.covariance()[n * c * c + k], 1e-10 * (1 + Math.abs(expected)),
                                        form + " input " + n + " of " + pr.n + ", entry " + k);
                            }
                            for (int k = 0; k < c; k++) {
                                assertEquals(one.mean()[k], batch.mean()[n * c + k], 0.0);
                            }
                        }
                    }
                });
    }

    @Test
    void probitAndMonteCarloReduceToSoftmaxWithoutUncertaintyAndAreDistributions() {
        qt().withExamples(20).forAll(longs().all(), integers().between(2, 4)).checkAssert((seed, c) -> {
            java.util.Random r = new java.util.Random(seed);
            double[] mean = new double[2 * c];
            for (int i = 0; i < mean.length; i++) {
                mean[i] = 2 * r.nextGaussian();
            }
            double[] soft = CategoricalLikelihood.softmax(mean, 2, c);
            PredictiveDistribution certain = new PredictiveDistribution(mean, new double[2 * c * c], 2, c);
            double[] probit = certain.probitProbabilities();
            double[] mc = certain.monteCarloProbabilities(3, seed);
            for (int i = 0; i < soft.length; i++) {
                assertEquals(soft[i], probit[i], 1e-14);
                assertEquals(soft[i], mc[i], 1e-14);
            }
            double[] cov = new double[2 * c * c];
            for (int n = 0; n < 2; n++) {
                // Equal variances: the probit then scales all logits of a datum by one factor < 1.
                double v = 1.0 + r.nextDouble() * 4;
                for (int i = 0; i < c; i++) {
                    cov[n * c * c + i * c + i] = v;
                }
            }
            PredictiveDistribution unsure = new PredictiveDistribution(mean, cov, 2, c);
            double[] pr = unsure.probitProbabilities();
            double[] mcu = unsure.monteCarloProbabilities(3000, seed);
            for (int n = 0; n < 2; n++) {
                double sp = 0.0;
                double sm = 0.0;
                double maxSoft = 0.0;
                double maxProbit = 0.0;
                for (int i = 0; i < c; i++) {
                    sp += pr[n * c + i];
                    sm += mcu[n * c + i];
                    maxSoft = Math.max(maxSoft, soft[n * c + i]);
                    maxProbit = Math.max(maxProbit, pr[n * c + i]);
                    // The probit approximation tracks the Monte Carlo average loosely.
                    assertEquals(mcu[n * c + i], pr[n * c + i], 0.12);
                }
                assertEquals(1.0, sp, 1e-12);
                assertEquals(1.0, sm, 1e-12);
                assertTrue(maxProbit <= maxSoft + 1e-12, "uncertainty flattens the prediction");
            }
            double[] var = unsure.regressionVariance(0.5);
            assertEquals(cov[0] + 0.25, var[0], 1e-14);
        });
    }

    /** For a network linear in θ the linearisation is exact: NN sampling reproduces the GLM moments. */
    @Test
    void nnSamplingMatchesTheGlmForALinearNetwork() {
        Sequential net = SmallNetworks.linear(3, 3, 2);
        Tensor x = SmallNetworks.inputs(3, net, 6);
        NetworkModel train = NetworkModel.of(net, x);
        Likelihood lik = new GaussianLikelihood(2, 0.5);
        Prior prior = Prior.scalar(2.0);
        Tensor xs = SmallNetworks.inputs(4, net, 2);
        PredictiveDistribution glm = GlmPredictive.fit(train, lik, prior, GlmPredictive.Form.AUTOMATIC)
                .predict(NetworkModel.of(net, xs).batch(new int[] {0, 1}));
        double[] before = net.flatParameters().toArray();
        int samples = 20000;
        double[] f = NnSamplingPredictive.fit(net, train, lik, prior).sampleOutputs(xs, samples, 11);
        org.junit.jupiter.api.Assertions.assertArrayEquals(before, net.flatParameters().toArray(), 0.0,
                "parameters restored");
        int m = 2;
        int c = 2;
        for (int k = 0; k < m * c; k++) {
            double mean = 0.0;
            for (int s = 0; s < samples; s++) {
                mean += f[s * m * c + k] / samples;
            }
            double var = 0.0;
            for (int s = 0; s < samples; s++) {
                double dv = f[s * m * c + k] - mean;
                var += dv * dv / (samples - 1);
            }
            double expectedVar = glm.variances()[k];
            assertEquals(glm.mean()[k], mean, 4 * Math.sqrt(expectedVar / samples) + 1e-12);
            assertEquals(expectedVar, var, 0.05 * expectedVar);
        }
    }
}
