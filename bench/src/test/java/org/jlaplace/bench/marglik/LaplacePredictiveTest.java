package org.jlaplace.bench.marglik;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.longs;

import org.jlaplace.autodiff.nn.Sequential;
import org.jlaplace.bench.data.Dataset;
import org.jlaplace.bench.model.ArchitectureSpec;
import org.jlaplace.core.Tensor;
import org.jlaplace.laplace.likelihood.GaussianLikelihood;
import org.jlaplace.laplace.marglik.HyperStepReport;
import org.jlaplace.laplace.marglik.HyperStepSchedule;
import org.jlaplace.laplace.marglik.MarglikConfig;
import org.jlaplace.laplace.marglik.MarglikState;
import org.jlaplace.laplace.marglik.NetworkOptimizer;
import org.jlaplace.laplace.marglik.RateSchedule;
import org.jlaplace.laplace.predictive.PosteriorStructure;
import org.jlaplace.laplace.prior.DiagonalPrior;
import org.jlaplace.laplace.prior.Prior;
import org.junit.jupiter.api.Test;

/**
 * {@link GlmTestLikelihood#of} against Bayesian linear regression: for a network
 * without hidden layers, {@code f(x) = wᵀx + b}, the linearised-Laplace predictive is exact, with
 * variance {@code φᵀ (ΦᵀΦ/σ² + δ I)⁻¹ φ + σ²}, {@code φ = (x, 1)}, around the MAP mean, computed
 * here by naive Gauss–Jordan inversion. The KRON posterior of this network keeps the exact weight
 * and bias blocks of {@code ΦᵀΦ/σ²} but drops their cross terms; the DIAGONAL one keeps its
 * diagonal only: the same oracle with those entries zeroed.
 */
class LaplacePredictiveTest {
    private static final int N = 12;
    private static final int TEST = 5;

    private static Dataset data(String name, int n, int offset) {
        double[][] x = new double[n][];
        double[][] y = new double[n][];
        for (int i = 0; i < n; i++) {
            int k = i + offset;
            x[i] = new double[] {Math.sin(1.3 * k), Math.cos(0.7 * k) - 0.2};
            y[i] = new double[] {0.5 * x[i][0] - x[i][1] + 0.1 * Math.sin(5.0 * k)};
        }
        return Dataset.regression(name, x, new int[] {2}, y, null);
    }

    private static double[][] inverse(double[][] a) {
        int n = a.length;
        double[][] m = new double[n][2 * n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(a[i], 0, m[i], 0, n);
            m[i][n + i] = 1;
        }
        for (int c = 0; c < n; c++) {
            double p = m[c][c];
            for (int j = 0; j < 2 * n; j++) {
                m[c][j] /= p;
            }
            for (int r = 0; r < n; r++) {
                if (r != c) {
                    double f = m[r][c];
                    for (int j = 0; j < 2 * n; j++) {
                        m[r][j] -= f * m[c][j];
                    }
                }
            }
        }
        double[][] inv = new double[n][n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(m[i], n, inv[i], 0, n);
        }
        return inv;
    }

    private static double oracle(Sequential net, Dataset train, Dataset test, double delta, double sigma,
                                 PosteriorStructure structure) {
        double[][] a = new double[3][3];
        for (int i = 0; i < train.size(); i++) {
            double[] phi = {train.x(i)[0], train.x(i)[1], 1};
            for (int r = 0; r < 3; r++) {
                for (int c = 0; c < 3; c++) {
                    a[r][c] += phi[r] * phi[c] / (sigma * sigma);
                }
            }
        }
        for (int r = 0; r < 3; r++) {
            for (int c = 0; c < 3; c++) {
                boolean sameBlock = (r < 2) == (c < 2);
                if (structure == PosteriorStructure.DIAGONAL && r != c
                        || structure == PosteriorStructure.KRON && !sameBlock) {
                    a[r][c] = 0;
                }
            }
            a[r][r] += delta;
        }
        double[][] cov = inverse(a);
        double ll = 0;
        for (int i = 0; i < test.size(); i++) {
            double[] phi = {test.x(i)[0], test.x(i)[1], 1};
            double mean = net.forward(Tensor.of(test.x(i).clone(), 1, 2)).toArray()[0];
            double v = sigma * sigma;
            for (int r = 0; r < 3; r++) {
                for (int c = 0; c < 3; c++) {
                    v += phi[r] * cov[r][c] * phi[c];
                }
            }
            double res = test.target(i)[0] - mean;
            ll += -0.5 * res * res / v - 0.5 * Math.log(2 * Math.PI * v);
        }
        return ll / test.size();
    }

    @Test
    void linearModelMatchesBayesianLinearRegression() {
        qt().withExamples(8).forAll(longs().between(1, 1000), doubles().between(0.1, 5), doubles().between(0.2, 2))
                .checkAssert((seed, delta, sigma) -> {
                    Dataset train = data("train", N, 0);
                    Dataset test = data("test", TEST, 100);
                    Sequential net = trained(train, seed, Prior.scalar(delta), sigma);
                    GaussianLikelihood lik = new GaussianLikelihood(1, sigma, 1.0);
                    assertEquals(PosteriorStructure.FULL, GlmTestLikelihood.automaticStructure(net, Prior.scalar(delta)));
                    double want = oracle(net, train, test, delta, sigma, PosteriorStructure.FULL);
                    for (PosteriorStructure ps : PosteriorStructure.values()) {
                        double w = oracle(net, train, test, delta, sigma, ps);
                        double got = GlmTestLikelihood.of(net, train, test, lik, Prior.scalar(delta), ps);
                        assertEquals(w, got, 1e-9 * (1 + Math.abs(w)), ps.cliName());
                    }
                    assertNotEquals(want, oracle(net, train, test, delta, sigma, PosteriorStructure.DIAGONAL),
                            "the structures differ here");
                });
    }

    /** The linear model after two epochs of Adam on the MAP objective with a fixed prior and σ. */
    private static Sequential trained(Dataset train, long seed, Prior prior, double sigma) {
        Sequential net = ArchitectureSpec.build("mlp:1", new int[] {2}, 1, seed);
        MarglikConfig config = MarglikConfig.builder().epochs(2).batchSize(4)
                .optimizer(NetworkOptimizer.adam(0.01, new RateSchedule.Constant())).hyperSchedule(HyperStepSchedule.never())
                .seed(seed).build();
        new MarglikRun(net, train, data("test", TEST, 100), config, prior, sigma, 1.0, false).run(new MarglikRun.Listener() {
            @Override
            public void hyperStep(HyperStepReport report) {
            }

            @Override
            public void epoch(EpochRecord record, MarglikState state) {
            }
        });
        return net;
    }

    /** Beyond 4000 parameters auto picks KRON for a prior constant per group, DIAGONAL otherwise. */
    @Test
    void automaticStructureFollowsSizeAndPrior() {
        Dataset train = data("train", N, 0);
        Dataset test = data("test", TEST, 100);
        Sequential big = ArchitectureSpec.build("mlp:64-64-1", new int[] {2}, 1, 3);
        assertTrue(big.numParameters() > GlmTestLikelihood.FULL_PREDICTIVE_MAX_PARAMETERS);
        GaussianLikelihood lik = new GaussianLikelihood(1, 0.5, 1.0);
        Prior layerwise = Prior.layerwise(1, 2, 3, 4, 5, 6);
        assertEquals(PosteriorStructure.KRON, GlmTestLikelihood.automaticStructure(big, layerwise));
        double ll = GlmTestLikelihood.of(big, train, test, lik, layerwise, PosteriorStructure.KRON);
        assertTrue(Double.isFinite(ll), "kron: " + ll);
        double[] logs = new double[big.numParameters()];
        for (int i = 0; i < logs.length; i++) {
            logs[i] = 0.01 * (i % 7);
        }
        Prior diagonal = new DiagonalPrior(logs);
        assertEquals(PosteriorStructure.DIAGONAL, GlmTestLikelihood.automaticStructure(big, diagonal));
        assertTrue(Double.isFinite(GlmTestLikelihood.of(big, train, test, lik, diagonal, PosteriorStructure.DIAGONAL)));
        Sequential small = ArchitectureSpec.build("mlp:1", new int[] {2}, 1, 3);
        assertEquals(PosteriorStructure.FULL, GlmTestLikelihood.automaticStructure(small, Prior.scalar(1)));
    }
}
