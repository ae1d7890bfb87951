package org.jlaplace.laplace;

import org.jlaplace.autodiff.nn.Sequential;
import org.jlaplace.core.Tensor;
import org.jlaplace.laplace.curvature.Ggn;
import org.jlaplace.laplace.curvature.Kfac;
import org.jlaplace.laplace.curvature.KronFactors;
import org.jlaplace.laplace.likelihood.CategoricalLikelihood;
import org.jlaplace.laplace.likelihood.GaussianLikelihood;
import org.jlaplace.laplace.likelihood.Likelihood;
import org.jlaplace.laplace.partition.Partition;
import org.jlaplace.laplace.prior.ParameterGroups;
import org.jlaplace.laplace.prior.Prior;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.booleans;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

/** Curvature backends against each other: diag and block-diag of the full GGN; KFAC exactness. */
class CurvatureTest {

    @Test
    void diagonalAndBlocksAreThoseOfTheFullGgn() {
        qt().withExamples(40).forAll(longs().all(), booleans().all()).checkAssert((seed, cls) -> {
            RandomProblem pr = RandomProblem.of(seed, cls, "scalar");
            JacobianBatch batch = pr.model.batch(ExactValueTest.range(pr.n));
            int p = pr.groups.totalSize();
            double[] full = Ggn.full(batch, pr.likelihood);
            double[] diag = Ggn.diagonal(batch, pr.likelihood);
            double[][] blocks = Ggn.blockDiagonal(batch, pr.likelihood);
            for (int i = 0; i < p; i++) {
                assertEquals(full[i * p + i], diag[i], 1e-10 * (1 + Math.abs(diag[i])));
            }
            for (int g = 0; g < pr.groups.count(); g++) {
                int o = pr.groups.offset(g);
                int s = pr.groups.size(g);
                for (int i = 0; i < s; i++) {
                    for (int j = 0; j < s; j++) {
                        assertEquals(full[(o + i) * p + o + j], blocks[g][i * s + j], 1e-10);
                    }
                }
            }
            // H = Σ_n J_nᵀ Λ_n J_n by a direct triple loop.
            double[] lam = pr.likelihood.hessian(batch.predictions(), pr.n);
            double[] j = pr.model.jacobians();
            int c = pr.c;
            for (int a = 0; a < p; a++) {
                for (int b = 0; b < p; b++) {
                    double h = 0.0;
                    for (int n = 0; n < pr.n; n++) {
                        for (int k = 0; k < c; k++) {
                            for (int l = 0; l < c; l++) {
                                h += j[(n * c + k) * p + a] * lam[n * c * c + k * c + l] * j[(n * c + l) * p + b];
                            }
                        }
                    }
                    assertEquals(h, full[a * p + b], 1e-9 * (1 + Math.abs(h)));
                }
            }
        });
    }

    private static Likelihood likelihood(boolean cls, int c) {
        return cls ? new CategoricalLikelihood(c) : new GaussianLikelihood(c, 0.6);
    }

    /** KFAC equals the GGN blocks for one datum through a single Linear layer. */
    @Test
    void kfacIsExactForOneLinearLayerAndOneDatum() {
        qt().withExamples(20).forAll(longs().all(), booleans().all(), integers().between(2, 4))
                .checkAssert((seed, cls, c) -> {
                    Sequential net = SmallNetworks.linear(seed, 3, c);
                    Tensor x = SmallNetworks.inputs(seed, net, 1);
                    NetworkModel model = NetworkModel.of(net, x);
                    JacobianBatch batch = model.batch(new int[] {0});
                    Likelihood lik = likelihood(cls, c);
                    List<KronFactors> kf = Kfac.of(batch, lik);
                    assertEquals(1, kf.size());
                    double[] full = Ggn.full(batch, lik);
                    int p = model.groups().totalSize();
                    double[] wb = kf.get(0).weightBlock();
                    int w = 3 * c;
                    for (int i = 0; i < w; i++) {
                        for (int j = 0; j < w; j++) {
                            assertEquals(full[i * p + j], wb[i * w + j], 1e-10, "weight block");
                        }
                    }
                    double[] b = kf.get(0).b();
                    for (int i = 0; i < c; i++) {
                        for (int j = 0; j < c; j++) {
                            assertEquals(full[(w + i) * p + w + j], b[i * c + j], 1e-10, "bias block");
                        }
                    }
                    // Hence the KFAC log-determinant equals the block-diagonal bound there.
                    double[] y = cls ? new double[] {new Random(seed).nextInt(c)} : new double[c];
                    Prior prior = Prior.layerwise(0.7, 2.0);
                    BoundValue kron = Laplace.marginalLikelihood(model, y, lik, prior, "kron").wholeData();
                    BoundValue block = Laplace.marginalLikelihood(model, y, lik, prior, "blockdiag").wholeData();
                    assertEquals(block.logMarglik(), kron.logMarglik(), 1e-9 * (1 + Math.abs(block.logMarglik())));
                    for (int k = 0; k < 2; k++) {
                        assertEquals(block.gradLogPrecision()[k], kron.gradLogPrecision()[k], 1e-8);
                    }
                    assertEquals(block.gradLogSigma(), kron.gradLogSigma(), 1e-8);
                    assertFalse(kron.certifiedBound());
                });
    }

    /** KFAC gradients against central differences on an MLP and a CNN, in log δ and log σ. */
    @Test
    void kfacGradientsMatchDifferences() {
        qt().withExamples(10).forAll(longs().all(), booleans().all(), booleans().all()).checkAssert((seed, cls, cnn) -> {
            Sequential net = cnn ? SmallNetworks.cnn(seed, 3) : SmallNetworks.mlp(seed, 3, 4, 3);
            Tensor x = SmallNetworks.inputs(seed, net, 5);
            NetworkModel model = NetworkModel.of(net, x);
            Likelihood lik = likelihood(cls, 3);
            Random rnd = new Random(seed);
            double[] y = new double[cls ? 5 : 15];
            for (int i = 0; i < y.length; i++) {
                y[i] = cls ? rnd.nextInt(3) : rnd.nextGaussian();
            }
            Prior prior = Prior.of("layerwise", 0.9, model.groups());
            PreparedBound<?> prepared = Laplace.marginalLikelihood(model, y, lik, prior, "kron")
                    .preparePartition(Partition.contiguous(5, 2));
            BoundValue v = prepared.evaluate(lik, prior);
            double h = 1e-5;
            double[] logs = prior.logPrecisions();
            for (int k = 0; k < logs.length; k++) {
                double[] up = logs.clone();
                double[] dn = logs.clone();
                up[k] += h;
                dn[k] -= h;
                double fd = (prepared.evaluate(lik, prior.withLogPrecisions(up)).logMarglik()
                        - prepared.evaluate(lik, prior.withLogPrecisions(dn)).logMarglik()) / (2 * h);
                assertEquals(fd, v.gradLogPrecision()[k], 1e-5 * (1 + Math.abs(fd)));
            }
            if (!cls) {
                GaussianLikelihood g = (GaussianLikelihood) lik;
                double ls = Math.log(g.sigma());
                double fd = (prepared.evaluate(g.withLogSigma(ls + h), prior).logMarglik()
                        - prepared.evaluate(g.withLogSigma(ls - h), prior).logMarglik()) / (2 * h);
                assertEquals(fd, v.gradLogSigma(), 1e-5 * (1 + Math.abs(fd)));
            }
        });
    }

    @Test
    void kfacRejectsDiagonalPriorsAndExplicitModels() {
        Sequential net = SmallNetworks.linear(1, 2, 2);
        Tensor x = SmallNetworks.inputs(1, net, 2);
        NetworkModel model = NetworkModel.of(net, x);
        Prior diagonal = Prior.of("diagonal", 1.0, model.groups());
        assertThrows(IllegalArgumentException.class, () -> Laplace.marginalLikelihood(model, new double[] {0, 1},
                new CategoricalLikelihood(2), diagonal, "kron").wholeData());
        ExplicitJacobians explicit = new ExplicitJacobians(new double[2], new double[2], new double[1],
                ParameterGroups.ofSizes(1), 1, 2);
        assertThrows(UnsupportedOperationException.class, () -> Laplace.marginalLikelihood(explicit,
                new double[] {0}, new CategoricalLikelihood(2), Prior.scalar(1), "kron").wholeData());
    }
}
