package org.jlaplace.laplace;

import org.jlaplace.autodiff.nn.Linear;
import org.jlaplace.autodiff.nn.Sequential;
import org.jlaplace.core.Rng;
import org.jlaplace.core.Tensor;
import org.jlaplace.laplace.curvature.Ggn;
import org.jlaplace.laplace.curvature.Kfac;
import org.jlaplace.laplace.curvature.KronFactors;
import org.jlaplace.laplace.internal.SpdFactor;
import org.jlaplace.laplace.likelihood.CategoricalLikelihood;
import org.jlaplace.laplace.likelihood.GaussianLikelihood;
import org.jlaplace.laplace.likelihood.Likelihood;
import org.jlaplace.laplace.predictive.DiagonalGlmPredictive;
import org.jlaplace.laplace.predictive.GlmPredictive;
import org.jlaplace.laplace.predictive.KronGlmPredictive;
import org.jlaplace.laplace.predictive.PosteriorStructure;
import org.jlaplace.laplace.predictive.PredictiveDistribution;
import org.jlaplace.laplace.predictive.PredictivePosterior;
import org.jlaplace.laplace.prior.DiagonalPrior;
import org.jlaplace.laplace.prior.ParameterGroups;
import org.jlaplace.laplace.prior.Prior;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.booleans;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

/**
 * The diagonal and KFAC GLM predictives (MATHEMATICS.md §8) against dense oracles: the posterior precision
 * is formed as a {@code P×P} matrix (the full GGN with its off-diagonal zeroed, or the
 * block-diagonal Kronecker matrix), inverted, and sandwiched between explicit test Jacobians.
 */
class StructuredPredictiveTest {

    private static Likelihood likelihood(boolean cls, int c, Random r) {
        return cls ? new CategoricalLikelihood(c, 0.5 + r.nextDouble())
                : new GaussianLikelihood(c, 0.3 + r.nextDouble(), 0.5 + r.nextDouble());
    }

    /** A prior of the given structure with random precisions in [e⁻², e²]. */
    private static Prior prior(String structure, ParameterGroups groups, Random r) {
        return switch (structure) {
            case "scalar" -> Prior.scalar(Math.exp(4 * r.nextDouble() - 2));
            case "layerwise" -> {
                double[] d = new double[groups.count()];
                for (int i = 0; i < d.length; i++) {
                    d[i] = Math.exp(4 * r.nextDouble() - 2);
                }
                yield Prior.layerwise(d);
            }
            default -> {
                double[] logs = new double[groups.totalSize()];
                for (int i = 0; i < logs.length; i++) {
                    logs[i] = 4 * r.nextDouble() - 2;
                }
                yield new DiagonalPrior(logs);
            }
        };
    }

    private static Sequential network(long seed, boolean cnn, int c) {
        return cnn ? SmallNetworks.cnn(seed, c) : SmallNetworks.mlp(seed, 3, 4, c);
    }

    /** {@code J_n Σ J_nᵀ} for every datum of an explicit {@code M×C×P} Jacobian. */
    private static double[] sandwich(double[] j, double[] sigma, int m, int c, int p) {
        double[] cov = new double[m * c * c];
        for (int n = 0; n < m; n++) {
            for (int a = 0; a < c; a++) {
                for (int b = 0; b < c; b++) {
                    double s = 0.0;
                    for (int q = 0; q < p; q++) {
                        for (int r = 0; r < p; r++) {
                            s += j[(n * c + a) * p + q] * sigma[q * p + r] * j[(n * c + b) * p + r];
                        }
                    }
                    cov[n * c * c + a * c + b] = s;
                }
            }
        }
        return cov;
    }

    private static void assertCovariances(double[] want, double[] got, double tol, String what) {
        assertEquals(want.length, got.length, what + ": size");
        for (int i = 0; i < want.length; i++) {
            assertEquals(want[i], got[i], tol * (1 + Math.abs(want[i])), what + " entry " + i);
        }
    }

    /** The full GGN of all training data with its off-diagonal zeroed, plus δ, inverted. */
    private static double[] diagonalOracle(LinearizedModel train, Likelihood lik, Prior prior) {
        int p = train.groups().totalSize();
        double[] h = Ggn.full(train.batch(ExactValueTest.range(train.dataSize())), lik);
        double[] d = prior.precisionPerParameter(train.groups());
        double[] x = new double[p * p];
        for (int q = 0; q < p; q++) {
            x[q * p + q] = h[q * p + q] + d[q];
        }
        return SpdFactor.of(x, p, "diag(H) + P0").inverse();
    }

    @Test
    void diagonalEqualsTheFullGgnWithItsOffDiagonalZeroedOnExplicitJacobians() {
        qt().withExamples(30).forAll(longs().all(), booleans().all(), integers().between(0, 2))
                .checkAssert((seed, cls, s) -> {
                    RandomProblem pr = RandomProblem.of(seed, cls, RandomProblem.structure(s));
                    int[] idx = new int[pr.n];
                    for (int i = 0; i < pr.n; i++) {
                        idx[i] = pr.n - 1 - i;
                    }
                    int batch = 1 + pr.rng.nextInt(pr.n);
                    PredictiveDistribution got = DiagonalGlmPredictive.fit(pr.model, pr.likelihood, pr.prior, batch)
                            .predict(pr.model.batch(idx));
                    int p = pr.groups.totalSize();
                    double[] j = pr.model.batch(idx).weightedJacobian(identity(pr.n, pr.c), pr.c);
                    double[] want = sandwich(j, diagonalOracle(pr.model, pr.likelihood, pr.prior), pr.n, pr.c, p);
                    assertCovariances(want, got.covariance(), 1e-10, "diag");
                    assertCovariances(pr.model.batch(idx).predictions(), got.mean(), 0.0, "mean");
                });
    }

    @Test
    void diagonalEqualsTheFullGgnWithItsOffDiagonalZeroedOnNetworks() {
        qt().withExamples(12).forAll(longs().all(), booleans().all(), booleans().all(), integers().between(0, 2))
                .checkAssert((seed, cls, cnn, s) -> {
                    Random r = new Random(seed);
                    int c = 2 + r.nextInt(2);
                    Sequential net = network(seed, cnn, c);
                    NetworkModel train = NetworkModel.of(net, SmallNetworks.inputs(seed, net, 2 + r.nextInt(5)));
                    Tensor xs = SmallNetworks.inputs(seed + 1, net, 1 + r.nextInt(3));
                    Likelihood lik = likelihood(cls, c, r);
                    Prior prior = prior(RandomProblem.structure(s), train.groups(), r);
                    int batch = 1 + r.nextInt(train.dataSize());
                    PredictivePosterior post = DiagonalGlmPredictive.fit(train, lik, prior, batch);
                    assertEquals(PosteriorStructure.DIAGONAL, post.structure());
                    int m = xs.dim(0);
                    PredictiveDistribution got = post.predict(NetworkModel.of(net, xs).batch(ExactValueTest.range(m)));
                    int p = train.groups().totalSize();
                    double[] j = SmallNetworks.explicit(net, xs).jacobians();
                    double[] want = sandwich(j, diagonalOracle(train, lik, prior), m, c, p);
                    assertCovariances(want, got.covariance(), 1e-9, cnn ? "diag cnn" : "diag mlp");
                });
    }

    /**
     * The KFAC posterior formed densely: per layer {@code B ⊗ A + δ_w I} for the weight and
     * {@code B + δ_b I} for the bias (factors of one batch holding all data), zero elsewhere.
     */
    private static double[] kronOracle(NetworkModel train, Likelihood lik, Prior prior) {
        ParameterGroups g = train.groups();
        int p = g.totalSize();
        double[] d = prior.precisionPerParameter(g);
        double[] x = new double[p * p];
        List<KronFactors> factors = Kfac.of(train.batch(ExactValueTest.range(train.dataSize())), lik);
        for (KronFactors f : factors) {
            int w = f.in() * f.out();
            int off = g.offset(f.weightGroup());
            double[] block = f.weightBlock();
            for (int i = 0; i < w; i++) {
                for (int k = 0; k < w; k++) {
                    x[(off + i) * p + off + k] = block[i * w + k];
                }
                x[(off + i) * p + off + i] += d[off + i];
            }
            if (f.biasGroup() >= 0) {
                int bo = g.offset(f.biasGroup());
                for (int i = 0; i < f.out(); i++) {
                    for (int k = 0; k < f.out(); k++) {
                        x[(bo + i) * p + bo + k] = f.b()[i * f.out() + k];
                    }
                    x[(bo + i) * p + bo + i] += d[bo + i];
                }
            }
        }
        return SpdFactor.of(x, p, "Kronecker posterior precision").inverse();
    }

    @Test
    void kronEqualsTheDenseKroneckerPosterior() {
        qt().withExamples(12).forAll(longs().all(), booleans().all(), booleans().all(), booleans().all())
                .checkAssert((seed, cls, cnn, layerwise) -> {
                    Random r = new Random(seed);
                    int c = 2 + r.nextInt(2);
                    Sequential net = network(seed, cnn, c);
                    NetworkModel train = NetworkModel.of(net, SmallNetworks.inputs(seed, net, 2 + r.nextInt(6)));
                    Tensor xs = SmallNetworks.inputs(seed + 1, net, 1 + r.nextInt(3));
                    Likelihood lik = likelihood(cls, c, r);
                    Prior prior = prior(layerwise ? "layerwise" : "scalar", train.groups(), r);
                    // Batches of any size: the accumulated factors must equal those of all data at once.
                    int batch = 1 + r.nextInt(train.dataSize());
                    PredictivePosterior post = KronGlmPredictive.fit(train, lik, prior, batch);
                    assertEquals(PosteriorStructure.KRON, post.structure());
                    int m = xs.dim(0);
                    PredictiveDistribution got = post.predict(NetworkModel.of(net, xs).batch(ExactValueTest.range(m)));
                    int p = train.groups().totalSize();
                    double[] j = SmallNetworks.explicit(net, xs).jacobians();
                    double[] want = sandwich(j, kronOracle(train, lik, prior), m, c, p);
                    assertCovariances(want, got.covariance(), 1e-8, cnn ? "kron cnn" : "kron mlp");
                });
    }

    /** One datum through one Linear layer without bias: {@code H = B ⊗ A} exactly, so KRON = FULL. */
    @Test
    void kronEqualsFullForOneBiaslessLinearLayerAndOneDatum() {
        qt().withExamples(15).forAll(longs().all(), booleans().all(), integers().between(1, 4))
                .checkAssert((seed, cls, c) -> {
                    if (cls && c == 1) {
                        return;
                    }
                    Random r = new Random(seed);
                    Sequential net = new Sequential(new Rng(seed), new int[] {3}, new Linear(3, c, false));
                    NetworkModel train = NetworkModel.of(net, SmallNetworks.inputs(seed, net, 1));
                    Likelihood lik = likelihood(cls, c, r);
                    Prior prior = prior("scalar", train.groups(), r);
                    NetworkModel test = NetworkModel.of(net, SmallNetworks.inputs(seed + 7, net, 3));
                    JacobianBatch star = test.batch(new int[] {0, 1, 2});
                    PredictiveDistribution kron = PredictivePosterior.fit(train, lik, prior, PosteriorStructure.KRON)
                            .predict(star);
                    PredictiveDistribution full = PredictivePosterior.fit(train, lik, prior, PosteriorStructure.FULL)
                            .predict(star);
                    assertCovariances(full.covariance(), kron.covariance(), 1e-9, "kron vs full");
                    assertCovariances(full.mean(), kron.mean(), 0.0, "mean");
                });
    }

    /** The factory: FULL is the existing predictive; variances shrink from prior to posterior. */
    @Test
    void factoryChoosesTheStructureAndEveryPosteriorIsBelowThePrior() {
        qt().withExamples(8).forAll(longs().all(), booleans().all()).checkAssert((seed, cls) -> {
            Random r = new Random(seed);
            Sequential net = SmallNetworks.mlp(seed, 3, 4, 2);
            NetworkModel train = NetworkModel.of(net, SmallNetworks.inputs(seed, net, 5));
            Likelihood lik = likelihood(cls, 2, r);
            Prior prior = prior("layerwise", train.groups(), r);
            Tensor xs = SmallNetworks.inputs(seed + 3, net, 2);
            JacobianBatch star = NetworkModel.of(net, xs).batch(new int[] {0, 1});
            double[] fullWant = GlmPredictive.fit(train, lik, prior, GlmPredictive.Form.AUTOMATIC).predict(star)
                    .covariance();
            // The prior predictive J P0⁻¹ Jᵀ bounds every posterior predictive variance from above.
            int p = train.groups().totalSize();
            double[] d = prior.precisionPerParameter(train.groups());
            double[] p0inv = new double[p * p];
            for (int q = 0; q < p; q++) {
                p0inv[q * p + q] = 1.0 / d[q];
            }
            double[] priorCov = sandwich(SmallNetworks.explicit(net, xs).jacobians(), p0inv, 2, 2, p);
            for (PosteriorStructure s : PosteriorStructure.values()) {
                PredictivePosterior post = PredictivePosterior.fit(train, lik, prior, s);
                assertEquals(s, post.structure());
                double[] cov = post.predict(star).covariance();
                if (s == PosteriorStructure.FULL) {
                    assertCovariances(fullWant, cov, 0.0, "full");
                }
                for (int n = 0; n < 2; n++) {
                    for (int k = 0; k < 2; k++) {
                        int i = n * 4 + k * 3;
                        assertTrue(cov[i] > 0 && cov[i] <= priorCov[i] * (1 + 1e-12), s + ": variance " + cov[i]
                                + " not in (0, " + priorCov[i] + "]");
                    }
                }
            }
        });
    }

    private static double[] identity(int m, int c) {
        double[] eye = new double[m * c * c];
        for (int n = 0; n < m; n++) {
            for (int k = 0; k < c; k++) {
                eye[n * c * c + k * c + k] = 1.0;
            }
        }
        return eye;
    }

    @Test
    void badInputIsRejectedWithAClearMessage() {
        ParameterGroups g = ParameterGroups.ofSizes(2, 3);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DiagonalGlmPredictive.of(new double[4], new double[5], g, 2));
        assertTrue(e.getMessage().contains("4") && e.getMessage().contains("P = 5"), e.getMessage());
        for (double bad : new double[] {0.0, -1.0, Double.NaN, Double.POSITIVE_INFINITY}) {
            double[] d = {1, 1, 1, bad, 1};
            e = assertThrows(IllegalArgumentException.class, () -> DiagonalGlmPredictive.of(new double[5], d, g, 2));
            assertTrue(e.getMessage().contains("parameter 3") && e.getMessage().contains(String.valueOf(bad)),
                    e.getMessage());
        }
        double[] negH = {0, 0, -1, 0, 0};
        assertThrows(IllegalArgumentException.class, () -> DiagonalGlmPredictive.of(negH, new double[] {1, 1, 1, 1, 1},
                g, 2));

        Sequential net = SmallNetworks.mlp(3, 3, 4, 2);
        NetworkModel train = NetworkModel.of(net, SmallNetworks.inputs(3, net, 4));
        Likelihood lik = new CategoricalLikelihood(2);
        List<KronFactors> kf = Kfac.of(train.batch(ExactValueTest.range(4)), lik);
        ParameterGroups groups = train.groups();
        int p = groups.totalSize();
        e = assertThrows(IllegalArgumentException.class, () -> KronGlmPredictive.of(kf, new double[p - 1], groups, 2));
        assertTrue(e.getMessage().contains(String.valueOf(p - 1)), e.getMessage());
        double[] zero = new double[p];
        java.util.Arrays.fill(zero, 1.0);
        zero[p - 1] = 0.0;
        e = assertThrows(IllegalArgumentException.class, () -> KronGlmPredictive.of(kf, zero, groups, 2));
        assertTrue(e.getMessage().contains("must be finite and > 0"), e.getMessage());
        // A diagonal prior varying inside a group has no Kronecker eigenbasis.
        Prior diagonal = prior("diagonal", groups, new Random(1));
        e = assertThrows(IllegalArgumentException.class, () -> KronGlmPredictive.fit(train, lik, diagonal));
        assertTrue(e.getMessage().contains("varies within group") && e.getMessage().contains("diagonal"),
                e.getMessage());
        // But it is fine when it happens to be constant per group.
        KronGlmPredictive.fit(train, lik, new DiagonalPrior(new double[p]));
        assertThrows(IllegalArgumentException.class, () -> KronGlmPredictive.fit(train, lik, Prior.scalar(1), 0));
        assertThrows(IllegalArgumentException.class, () -> DiagonalGlmPredictive.fit(train, lik, Prior.scalar(1), 0));

        // A test batch of another network shape.
        Sequential other = SmallNetworks.mlp(3, 3, 5, 2);
        JacobianBatch wrong = NetworkModel.of(other, SmallNetworks.inputs(3, other, 2)).batch(new int[] {0, 1});
        for (PosteriorStructure s : PosteriorStructure.values()) {
            PredictivePosterior post = PredictivePosterior.fit(train, lik, Prior.scalar(1), s);
            e = assertThrows(IllegalArgumentException.class, () -> post.predict(wrong));
            assertTrue(e.getMessage().contains("parameters"), s + ": " + e.getMessage());
        }
        // KFAC needs the layers; explicit Jacobians do not have them.
        RandomProblem pr = RandomProblem.of(5, true, "scalar");
        assertThrows(UnsupportedOperationException.class, () -> KronGlmPredictive.fit(pr.model, pr.likelihood,
                pr.prior));
        e = assertThrows(IllegalArgumentException.class, () -> PosteriorStructure.parse("block"));
        assertTrue(e.getMessage().contains("'block'"), e.getMessage());
        assertEquals(PosteriorStructure.DIAGONAL, PosteriorStructure.parse("Diagonal"));
        assertEquals(PosteriorStructure.KRON, PosteriorStructure.parse("kron"));
    }
}
