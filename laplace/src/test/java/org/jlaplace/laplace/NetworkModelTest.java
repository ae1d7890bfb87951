package org.jlaplace.laplace;

import org.jlaplace.autodiff.nn.Sequential;
import org.jlaplace.autodiff.ntk.GroupKernels;
import org.jlaplace.autodiff.ntk.Ntk;
import org.jlaplace.autodiff.ntk.NtkMethod;
import org.jlaplace.core.Tensor;
import org.jlaplace.laplace.bound.BoundEstimator;
import org.jlaplace.laplace.bound.Estimators;
import org.jlaplace.laplace.likelihood.CategoricalLikelihood;
import org.jlaplace.laplace.likelihood.GaussianLikelihood;
import org.jlaplace.laplace.likelihood.Likelihood;
import org.jlaplace.laplace.partition.Partition;
import org.jlaplace.laplace.prior.Prior;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.booleans;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

/** The structured network path against explicit per-datum Jacobians, on small MLPs and CNNs. */
class NetworkModelTest {

    private static Sequential network(long seed, boolean cnn, int c) {
        return cnn ? SmallNetworks.cnn(seed, c) : SmallNetworks.mlp(seed, 3, 4, c);
    }

    private static void assertArrayClose(double[] expected, double[] actual, double tol, String what) {
        assertEquals(expected.length, actual.length, what + " length");
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], tol * (1 + Math.abs(expected[i])), what + "[" + i + "]");
        }
    }

    @Test
    void groupSquaredNormsMatchTheFlatParameters() {
        for (long seed = 1; seed <= 3; seed++) {
            Sequential net = network(seed, seed == 2, 3);
            NetworkModel model = NetworkModel.of(net, SmallNetworks.inputs(seed, net, 4));
            double[] theta = model.parameters();
            double[] norms = model.groupSquaredNorms();
            assertEquals(model.groups().count(), norms.length);
            for (int g = 0; g < norms.length; g++) {
                double s = 0.0;
                for (int p = model.groups().offset(g); p < model.groups().offset(g) + model.groups().size(g); p++) {
                    s += theta[p] * theta[p];
                }
                assertEquals(s, norms[g], 1e-12 * (1 + s), "group " + g);
            }
        }
    }

    @Test
    void weightedJacobianAndKernelsMatchTheOracle() {
        qt().withExamples(15).forAll(longs().all(), booleans().all(), integers().between(1, 3))
                .checkAssert((seed, cnn, r) -> {
                    Sequential net = network(seed, cnn, 3);
                    Tensor x = SmallNetworks.inputs(seed, net, 4);
                    NetworkModel model = NetworkModel.of(net, x);
                    ExplicitJacobians oracle = SmallNetworks.explicit(net, x);
                    int[] idx = {2, 0, 3};
                    JacobianBatch fast = model.batch(idx);
                    JacobianBatch slow = oracle.batch(idx);
                    assertArrayClose(slow.predictions(), fast.predictions(), 1e-12, "f");
                    Random rnd = new Random(seed);
                    double[] a = new double[idx.length * 3 * r];
                    for (int i = 0; i < a.length; i++) {
                        a[i] = rnd.nextGaussian();
                    }
                    assertArrayClose(slow.weightedJacobian(a, r), fast.weightedJacobian(a, r), 1e-10, "B");
                    int groups = model.groups().count();
                    int[] layerwise = new int[groups];
                    for (int g = 0; g < groups; g++) {
                        layerwise[g] = g;
                    }
                    double[][] kf = fast.weightedKernels(a, r, layerwise, groups);
                    double[][] ks = slow.weightedKernels(a, r, layerwise, groups);
                    for (int g = 0; g < groups; g++) {
                        assertArrayClose(ks[g], kf[g], 1e-10, "K_" + g);
                    }
                    double[][] total = fast.weightedKernels(a, r, new int[groups], 1);
                    double[] sum = new double[total[0].length];
                    for (double[] k : ks) {
                        for (int i = 0; i < sum.length; i++) {
                            sum[i] += k[i];
                        }
                    }
                    assertArrayClose(sum, total[0], 1e-10, "K");
                    assertArrayClose(slow.weightedGgn(a, r), fast.weightedGgn(a, r), 1e-10, "H");
                    assertArrayClose(slow.weightedGgnDiagonal(a, r), fast.weightedGgnDiagonal(a, r), 1e-10, "diag H");
                    double[][] hb = fast.weightedGgnBlocks(a, r);
                    double[][] hs = slow.weightedGgnBlocks(a, r);
                    for (int g = 0; g < groups; g++) {
                        assertArrayClose(hs[g], hb[g], 1e-10, "H_" + g + g);
                    }
                    double[][][] bf = fast.weightedKernelBlocks(a, r, layerwise, groups);
                    double[][][] bs = slow.weightedKernelBlocks(a, r, layerwise, groups);
                    for (int q = 0; q < r; q++) {
                        for (int g = 0; g < groups; g++) {
                            assertArrayClose(bs[q][g], bf[q][g], 1e-10, "block " + q + " K_" + g);
                        }
                    }
                });
    }

    /** The per-group weighted kernels agree with the nn module's three NTK methods. */
    @Test
    void weightedKernelsAgreeWithTheNtkModule() {
        qt().withExamples(8).forAll(longs().all(), booleans().all(), integers().between(1, 3))
                .checkAssert((seed, cnn, r) -> {
                    Sequential net = network(seed, cnn, 3);
                    Tensor x = SmallNetworks.inputs(seed, net, 3);
                    JacobianBatch batch = NetworkModel.of(net, x).batch(new int[] {0, 1, 2});
                    Random rnd = new Random(seed);
                    double[] a = new double[3 * 3 * r];
                    for (int i = 0; i < a.length; i++) {
                        a[i] = rnd.nextGaussian();
                    }
                    int groups = batch.groups().count();
                    int[] layerwise = new int[groups];
                    for (int g = 0; g < groups; g++) {
                        layerwise[g] = g;
                    }
                    double[][] ours = batch.weightedKernels(a, r, layerwise, groups);
                    for (NtkMethod method : NtkMethod.values()) {
                        GroupKernels theirs = Ntk.weightedKernels(net, x, Tensor.of(a.clone(), 3, 3, r), method);
                        for (int g = 0; g < groups; g++) {
                            assertArrayClose(theirs.kernel(g).toArray(), ours[g], 1e-9, method + " K_" + g);
                        }
                    }
                });
    }

    /** Network and explicit Jacobians give the same bounds; certified ones stay below exact. */
    @Test
    void boundsOnRealNetworksAgreeAndAreOrdered() {
        qt().withExamples(10).forAll(longs().all(), booleans().all(), booleans().all(), integers().between(0, 1))
                .checkAssert((seed, cnn, cls, structure) -> {
                    Sequential net = network(seed, cnn, 3);
                    Tensor x = SmallNetworks.inputs(seed, net, 6);
                    NetworkModel model = NetworkModel.of(net, x);
                    ExplicitJacobians oracle = SmallNetworks.explicit(net, x);
                    Random rnd = new Random(seed);
                    Likelihood lik = cls ? new CategoricalLikelihood(3) : new GaussianLikelihood(3, 0.7);
                    double[] y = new double[cls ? 6 : 18];
                    for (int i = 0; i < y.length; i++) {
                        y[i] = cls ? rnd.nextInt(3) : rnd.nextGaussian();
                    }
                    Prior prior = structure == 0 ? Prior.scalar(0.8)
                            : Prior.of("layerwise", 1.3, model.groups());
                    double exact = Laplace.marginalLikelihood(oracle, y, lik, prior, "exact").wholeData().logMarglik();
                    Partition part = Partition.random(6, 4, seed);
                    for (BoundEstimator<?> e : Estimators.all(seed)) {
                        if (e.needsLayerCaptures() || !e.supports(lik, prior)) {
                            continue; // the explicit oracle has no layers
                        }
                        // Stochastic estimators draw per batch: the same seed on both sides.
                        double fast = Laplace.marginalLikelihood(model, y, lik, prior, Estimators.byName(e.name(), seed))
                                .partitionBound(part).logMarglik();
                        double slow = Laplace.marginalLikelihood(oracle, y, lik, prior, Estimators.byName(e.name(), seed))
                                .partitionBound(part).logMarglik();
                        assertEquals(slow, fast, 1e-9 * (1 + Math.abs(slow)), e.name());
                        if (e.isCertifiedBound(lik.kind())) {
                            assertTrue(fast <= exact + 1e-9 * (1 + Math.abs(exact)), e.name() + " ≤ exact");
                        }
                    }
                });
    }
}
