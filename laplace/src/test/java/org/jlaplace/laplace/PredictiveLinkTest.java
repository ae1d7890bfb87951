package org.jlaplace.laplace;

import org.jlaplace.laplace.likelihood.CategoricalLikelihood;
import org.jlaplace.laplace.predictive.Link;
import org.jlaplace.laplace.predictive.PredictiveDistribution;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

/** The three links from Gaussian logits to class probabilities: probit, Monte Carlo, Laplace bridge. */
class PredictiveLinkTest {

    /** {@code M} data with random means and random PSD covariances {@code scale²·L Lᵀ}. */
    private static PredictiveDistribution random(Random r, int m, int c, double scale) {
        double[] mean = new double[m * c];
        double[] cov = new double[m * c * c];
        for (int n = 0; n < m; n++) {
            double[] l = new double[c * c];
            for (int i = 0; i < c * c; i++) {
                l[i] = r.nextGaussian();
            }
            for (int i = 0; i < c; i++) {
                mean[n * c + i] = 2 * r.nextGaussian();
                for (int j = 0; j < c; j++) {
                    double s = 0;
                    for (int k = 0; k < c; k++) {
                        s += l[i * c + k] * l[j * c + k];
                    }
                    cov[n * c * c + i * c + j] = scale * scale * s;
                }
            }
        }
        return new PredictiveDistribution(mean, cov, m, c);
    }

    /** The probit link is the existing probit formula, bit for bit, recomputed here independently. */
    @Test
    void probitValuesAreUnchanged() {
        qt().withExamples(30).forAll(longs().all(), integers().between(2, 5)).checkAssert((seed, c) -> {
            PredictiveDistribution d = random(new Random(seed), 3, c, 1.0);
            double[] got = Link.probit().probabilities(d);
            assertArrayEquals(d.probitProbabilities(), got, 0.0);
            double[] scaled = new double[3 * c];
            for (int n = 0; n < 3; n++) {
                for (int i = 0; i < c; i++) {
                    double v = d.covariance()[n * c * c + i * c + i];
                    scaled[n * c + i] = d.mean()[n * c + i] / Math.sqrt(1.0 + Math.PI / 8.0 * v);
                }
            }
            assertArrayEquals(CategoricalLikelihood.softmax(scaled, 3, c), got, 0.0);
        });
    }

    /**
     * As the covariance shrinks as {@code ε²}, probit and Monte Carlo both tend to
     * {@code softmax(μ)}: their difference is {@code O(ε²)} plus sampling noise {@code O(ε/√S)}.
     */
    @Test
    void probitAndMonteCarloAgreeInTheSmallVarianceLimit() {
        qt().withExamples(20).forAll(longs().all(), integers().between(2, 5)).checkAssert((seed, c) -> {
            double eps = 1e-4;
            PredictiveDistribution d = random(new Random(seed), 2, c, eps);
            double[] probit = Link.probit().probabilities(d);
            double[] mc = Link.monteCarlo(400, seed).probabilities(d);
            for (int i = 0; i < probit.length; i++) {
                assertEquals(probit[i], mc[i], 20 * eps * eps * c + 5 * eps * c / Math.sqrt(400));
            }
        });
    }

    /**
     * Two classes: {@code E[softmax(f)_0] = E[σ(d)]} with {@code d = f_0 − f_1 ~ N(m, v)}, a 1-D
     * integral done here by the trapezoid rule on a fine grid. Monte Carlo with many samples lies
     * within five standard errors of it (the standard error from the same integral).
     */
    @Test
    void monteCarloConvergesToTheExactExpectationForTwoClasses() {
        qt().withExamples(10).forAll(longs().all()).checkAssert(seed -> {
            PredictiveDistribution d = random(new Random(seed), 1, 2, 1.5);
            double[] s = d.covariance();
            double m = d.mean()[0] - d.mean()[1];
            double v = s[0] + s[3] - 2 * s[1];
            double sd = Math.sqrt(v);
            int k = 20001;
            double lo = m - 12 * sd;
            double h = 24 * sd / (k - 1);
            double e1 = 0;
            double e2 = 0;
            for (int i = 0; i < k; i++) {
                double x = lo + i * h;
                double w = (i == 0 || i == k - 1 ? 0.5 : 1.0) * h * Math.exp(-0.5 * (x - m) * (x - m) / v)
                        / Math.sqrt(2 * Math.PI * v);
                double sig = 1.0 / (1.0 + Math.exp(-x));
                e1 += w * sig;
                e2 += w * sig * sig;
            }
            int samples = 40_000;
            double se = Math.sqrt((e2 - e1 * e1) / samples);
            double mc = Link.monteCarlo(samples, seed).probabilities(d)[0];
            assertEquals(e1, mc, 5 * se + 1e-9, "v=" + v);
        });
    }

    /**
     * The bridge inverts the Laplace approximation of a Dirichlet in the softmax basis: from
     * {@code μ_k = log α_k − mean(log α)} and {@code Σ_kk = (1 − 2/C)/α_k + Σ_l (1/α_l)/C²} it
     * recovers {@code α}, so its probabilities are the Dirichlet mean {@code α/Σα}.
     */
    @Test
    void bridgeRecoversTheDirichletWhoseLaplaceApproximationItIsGiven() {
        qt().withExamples(50).forAll(longs().all(), integers().between(2, 6)).checkAssert((seed, c) -> {
            Random r = new Random(seed);
            double[] alpha = new double[c];
            double meanLog = 0;
            double sumInverse = 0;
            double sum = 0;
            for (int k = 0; k < c; k++) {
                alpha[k] = Math.exp(3 * r.nextDouble() - 1);
                meanLog += Math.log(alpha[k]) / c;
                sumInverse += 1 / alpha[k];
                sum += alpha[k];
            }
            double[] mu = new double[c];
            double[] cov = new double[c * c];
            for (int k = 0; k < c; k++) {
                mu[k] = Math.log(alpha[k]) - meanLog;
                cov[k * c + k] = (1 - 2.0 / c) / alpha[k] + sumInverse / ((double) c * c);
            }
            double[] p = Link.bridge().probabilities(new PredictiveDistribution(mu, cov, 1, c));
            for (int k = 0; k < c; k++) {
                assertEquals(alpha[k] / sum, p[k], 1e-12);
            }
        });
    }

    /** Bridge probabilities are a distribution, ignore a common shift of the logits, and are uniform by symmetry. */
    @Test
    void bridgeIsADistributionShiftInvariantAndSymmetric() {
        qt().withExamples(30).forAll(longs().all(), integers().between(2, 5)).checkAssert((seed, c) -> {
            Random r = new Random(seed);
            PredictiveDistribution d = random(r, 2, c, 1.0);
            double[] p = d.bridgeProbabilities();
            for (int n = 0; n < 2; n++) {
                double s = 0;
                for (int k = 0; k < c; k++) {
                    assertTrue(p[n * c + k] > 0 && p[n * c + k] < 1, "p=" + p[n * c + k]);
                    s += p[n * c + k];
                }
                assertEquals(1.0, s, 1e-12);
            }
            double[] shifted = d.mean().clone();
            double shift = 50 * r.nextGaussian();
            for (int i = 0; i < shifted.length; i++) {
                shifted[i] += shift;
            }
            double[] q = new PredictiveDistribution(shifted, d.covariance(), 2, c).bridgeProbabilities();
            assertArrayEquals(p, q, 1e-9);
            double[] same = new double[c * c];
            double v = 0.1 + r.nextDouble();
            for (int k = 0; k < c; k++) {
                same[k * c + k] = v;
            }
            double[] u = new PredictiveDistribution(new double[c], same, 1, c).bridgeProbabilities();
            for (int k = 0; k < c; k++) {
                assertEquals(1.0 / c, u[k], 1e-15);
            }
        });
    }

    /** Logit gaps that overflow {@code exp} and zero variances still give finite probabilities. */
    @Test
    void bridgeSurvivesExtremeLogitsAndZeroVariance() {
        double[] mean = {800, -800, 0};
        double[] cov = new double[9];
        cov[0] = 1;
        cov[4] = 1;
        cov[8] = 1;
        double[] p = new PredictiveDistribution(mean, cov, 1, 3).bridgeProbabilities();
        assertEquals(1.0, p[0], 1e-12);
        double[] z = new PredictiveDistribution(new double[] {0.3, -0.2}, new double[4], 1, 2).bridgeProbabilities();
        assertEquals(1.0, z[0] + z[1], 1e-12);
        assertTrue(Double.isFinite(z[0]) && z[0] > z[1], "z=" + z[0]);
    }

    @Test
    void linksParseTheirCommandLineNames() {
        assertEquals(Link.probit(), Link.parse("Probit", 1, 0));
        assertEquals(Link.monteCarlo(7, 3), Link.parse("mc", 7, 3));
        assertEquals(Link.bridge(), Link.parse("bridge", 1, 0));
        for (Link l : new Link[] {Link.probit(), Link.monteCarlo(2, 1), Link.bridge()}) {
            assertEquals(l.cliName(), Link.parse(l.cliName(), 2, 1).cliName());
        }
        assertEquals(Link.probit(), Link.probit().forBatch(3));
        assertEquals(Link.bridge(), Link.bridge().forBatch(3));
        Link.MonteCarlo b1 = (Link.MonteCarlo) Link.monteCarlo(5, 1).forBatch(1);
        Link.MonteCarlo b2 = (Link.MonteCarlo) Link.monteCarlo(5, 1).forBatch(2);
        assertEquals(5, b1.samples());
        assertTrue(b1.seed() != b2.seed() && b1.seed() != 1, "independent streams per batch");
        assertEquals(b1, Link.monteCarlo(5, 1).forBatch(1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Link.parse("logit", 1, 0));
        assertTrue(e.getMessage().contains("probit, mc, bridge"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Link.monteCarlo(0, 1));
    }
}
