package org.jlaplace.laplace;

import org.jlaplace.autodiff.nn.Activation;
import org.jlaplace.autodiff.nn.Conv2d;
import org.jlaplace.autodiff.nn.Flatten;
import org.jlaplace.autodiff.nn.Linear;
import org.jlaplace.autodiff.nn.MaxPool2d;
import org.jlaplace.autodiff.nn.Sequential;
import org.jlaplace.core.Rng;
import org.jlaplace.core.Tensor;
import org.jlaplace.core.linalg.Linalg;
import org.jlaplace.core.linalg.SymmetricEigen;
import org.jlaplace.laplace.curvature.Kfac;
import org.jlaplace.laplace.curvature.KronFactors;
import org.jlaplace.laplace.likelihood.CategoricalLikelihood;
import org.jlaplace.laplace.likelihood.GaussianLikelihood;
import org.jlaplace.laplace.likelihood.Likelihood;
import org.jlaplace.laplace.predictive.KronGlmPredictive;
import org.jlaplace.laplace.predictive.PredictiveDistribution;
import org.jlaplace.laplace.prior.ParameterGroups;
import org.jlaplace.laplace.prior.Prior;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.booleans;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

/**
 * The KFAC GLM predictive against its defining formula evaluated from explicit test Jacobians
 * (one reverse pass per datum, no layer captures): per layer
 * {@code Σ*[k, k'] = Σ_{o,i} M_k[o,i] M_k'[o,i] / (λ^B_o λ^A_i + δ_w) + Σ_o s̃_k[o] s̃_k'[o] / (λ^B_o + δ_b)}
 * with {@code M_k = Q_Bᵀ W_k Q_A} ({@code W_k} the weight Jacobian of output {@code k} reshaped
 * {@code out×in}) and {@code s̃_k = Q_Bᵀ s_k}, on the factors of one batch holding all training
 * data. Agreement is asked to 1e-10 relative, on Linear-only and convolutional networks, scalar
 * and layerwise priors, for any training chunk size and any test batch size.
 */
class KronPredictiveReferenceTest {
    private static final double TOL = 1e-10;

    /** An MLP of two hidden layers, or a CNN (two convolutions, one with bias, pooling, two Linear layers). */
    private static Sequential network(long seed, boolean cnn, int c) {
        if (!cnn) {
            return new Sequential(new Rng(seed), new int[] {5}, new Linear(5, 7), Activation.tanh(), new Linear(7, 6),
                    Activation.relu(), new Linear(6, c));
        }
        return new Sequential(new Rng(seed), new int[] {2, 7, 7}, new Conv2d(2, 3, 3, 1, 1, true), Activation.relu(),
                new MaxPool2d(2), new Conv2d(3, 4, 2, 1, 0, false), Activation.tanh(), new Flatten(),
                new Linear(16, 5), Activation.tanh(), new Linear(5, c));
    }

    private static Prior prior(boolean layerwise, ParameterGroups groups, Random r) {
        if (!layerwise) {
            return Prior.scalar(Math.exp(4 * r.nextDouble() - 2));
        }
        double[] d = new double[groups.count()];
        for (int i = 0; i < d.length; i++) {
            d[i] = Math.exp(4 * r.nextDouble() - 2);
        }
        return Prior.layerwise(d);
    }

    /** The predictive covariances {@code M×C×C} from explicit Jacobians (see the class comment). */
    private static double[] reference(List<KronFactors> factors, double[] precisions, ParameterGroups groups,
                                      double[] jac, int m, int c) {
        int p = groups.totalSize();
        double[] cov = new double[m * c * c];
        for (KronFactors f : factors) {
            int in = f.in();
            int out = f.out();
            SymmetricEigen ea = Linalg.symmetricEigen(Tensor.copyOf(f.a(), in, in));
            SymmetricEigen eb = Linalg.symmetricEigen(Tensor.copyOf(f.b(), out, out));
            double[] la = ea.values().toArray();
            double[] lb = eb.values().toArray();
            double[] qa = ea.vectors().toArray();
            double[] qb = eb.vectors().toArray();
            int wOff = groups.offset(f.weightGroup());
            double dw = precisions[wOff];
            int bOff = f.biasGroup() >= 0 ? groups.offset(f.biasGroup()) : -1;
            double db = bOff >= 0 ? precisions[bOff] : Double.NaN;
            double[][] mk = new double[c][];
            double[][] sk = new double[c][];
            for (int n = 0; n < m; n++) {
                for (int k = 0; k < c; k++) {
                    int row = (n * c + k) * p;
                    double[] rotated = new double[out * in];
                    for (int o = 0; o < out; o++) {
                        for (int i = 0; i < in; i++) {
                            double s = 0.0;
                            for (int o2 = 0; o2 < out; o2++) {
                                for (int i2 = 0; i2 < in; i2++) {
                                    s += qb[o2 * out + o] * jac[row + wOff + o2 * in + i2] * qa[i2 * in + i];
                                }
                            }
                            rotated[o * in + i] = s;
                        }
                    }
                    mk[k] = rotated;
                    if (bOff >= 0) {
                        double[] sr = new double[out];
                        for (int o = 0; o < out; o++) {
                            for (int o2 = 0; o2 < out; o2++) {
                                sr[o] += qb[o2 * out + o] * jac[row + bOff + o2];
                            }
                        }
                        sk[k] = sr;
                    }
                }
                for (int k = 0; k < c; k++) {
                    for (int k2 = 0; k2 < c; k2++) {
                        double s = 0.0;
                        for (int o = 0; o < out; o++) {
                            for (int i = 0; i < in; i++) {
                                double v = 1.0 / (Math.max(lb[o], 0.0) * Math.max(la[i], 0.0) + dw);
                                s += mk[k][o * in + i] * mk[k2][o * in + i] * v;
                            }
                            if (bOff >= 0) {
                                s += sk[k][o] * sk[k2][o] / (Math.max(lb[o], 0.0) + db);
                            }
                        }
                        cov[n * c * c + k * c + k2] += s;
                    }
                }
            }
        }
        return cov;
    }

    /** Entry-wise agreement relative to the scale {@code √(Σ_kk Σ_k'k')} of each covariance entry. */
    private static void assertCovariances(double[] want, double[] got, int m, int c, double tol, String what) {
        assertEquals(want.length, got.length, what + ": size");
        for (int n = 0; n < m; n++) {
            for (int k = 0; k < c; k++) {
                for (int k2 = 0; k2 < c; k2++) {
                    int i = n * c * c + k * c + k2;
                    double scale = Math.sqrt(want[n * c * c + k * c + k] * want[n * c * c + k2 * c + k2]);
                    assertEquals(want[i], got[i], tol * scale, what + " datum " + n + " entry " + k + "," + k2);
                }
            }
        }
    }

    @Test
    void kronPredictiveEqualsTheRotatedExplicitJacobianFormula() {
        qt().withExamples(16).forAll(longs().all(), booleans().all(), booleans().all(), booleans().all())
                .checkAssert((seed, cls, cnn, layerwise) -> {
                    Random r = new Random(seed);
                    int c = 2 + r.nextInt(3);
                    Sequential net = network(seed, cnn, c);
                    int n = 3 + r.nextInt(8);
                    NetworkModel train = NetworkModel.of(net, SmallNetworks.inputs(seed, net, n));
                    Likelihood lik = cls ? new CategoricalLikelihood(c, 0.5 + r.nextDouble())
                            : new GaussianLikelihood(c, 0.3 + r.nextDouble(), 0.5 + r.nextDouble());
                    Prior prior = prior(layerwise, train.groups(), r);
                    int m = 1 + r.nextInt(5);
                    Tensor xs = SmallNetworks.inputs(seed + 1, net, m);
                    double[] precisions = prior.precisionPerParameter(train.groups());
                    List<KronFactors> factors = Kfac.of(train.batch(ExactValueTest.range(n)), lik);
                    double[] want = reference(factors, precisions, train.groups(),
                            SmallNetworks.explicit(net, xs).jacobians(), m, c);

                    PredictiveDistribution got = KronGlmPredictive.fit(train, lik, prior, 1 + r.nextInt(n))
                            .predict(NetworkModel.of(net, xs).batch(ExactValueTest.range(m)));
                    assertCovariances(want, got.covariance(), m, c, TOL, cnn ? "cnn" : "mlp");
                });
    }

    /**
     * Training chunks of 1, 2, {@code N} data, more than {@code N}, and the default (sized from the
     * captures), and test batches of 1, 2, all inputs and the default, give the same covariances.
     */
    @Test
    void chunkAndTestBatchSizesDoNotChangeTheResult() {
        qt().withExamples(8).forAll(longs().all(), booleans().all(), integers().between(0, 1))
                .checkAssert((seed, cnn, lw) -> {
                    Random r = new Random(seed);
                    int c = 3;
                    Sequential net = network(seed, cnn, c);
                    int n = 5 + r.nextInt(6);
                    NetworkModel train = NetworkModel.of(net, SmallNetworks.inputs(seed, net, n));
                    Likelihood lik = new CategoricalLikelihood(c);
                    Prior prior = prior(lw == 1, train.groups(), r);
                    int m = 5;
                    NetworkModel test = NetworkModel.of(net, SmallNetworks.inputs(seed + 2, net, m));
                    double[] base = KronGlmPredictive.fit(train, lik, prior).predict(test, m).covariance();
                    for (int chunk : new int[] {1, 2, n, n + 3}) {
                        double[] got = KronGlmPredictive.fit(train, lik, prior, chunk).predict(test, m).covariance();
                        assertCovariances(base, got, m, c, 1e-12, "training chunk " + chunk);
                    }
                    for (int size : new int[] {1, 2}) {
                        double[] got = KronGlmPredictive.fit(train, lik, prior).predict(test, size).covariance();
                        assertCovariances(base, got, m, c, 1e-12, "test batch " + size);
                    }
                    double[] sized = KronGlmPredictive.fit(train, lik, prior).predict(test).covariance();
                    assertCovariances(base, sized, m, c, 1e-12, "test batches sized from the captures");
                });
    }
}
