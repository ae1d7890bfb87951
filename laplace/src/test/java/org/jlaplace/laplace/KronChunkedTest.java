package org.jlaplace.laplace;

import org.jlaplace.autodiff.nn.Sequential;
import org.jlaplace.core.Tensor;
import org.jlaplace.laplace.bound.BatchDimensions;
import org.jlaplace.laplace.bound.BoundEstimator;
import org.jlaplace.laplace.bound.KronEstimator;
import org.jlaplace.laplace.bound.LogDetTerm;
import org.jlaplace.laplace.curvature.Kfac;
import org.jlaplace.laplace.curvature.KronFactors;
import org.jlaplace.laplace.curvature.KronSums;
import org.jlaplace.laplace.likelihood.CategoricalLikelihood;
import org.jlaplace.laplace.likelihood.GaussianLikelihood;
import org.jlaplace.laplace.likelihood.Likelihood;
import org.jlaplace.laplace.prior.Prior;
import org.jlaplace.laplace.prior.PriorStructure;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.booleans;
import static org.quicktheories.generators.SourceDSL.longs;

/**
 * KFAC statistics prepared chunk by chunk equal those of one batch of all the data: the factors,
 * and the value and gradients of the log-determinant term, on an MLP and a CNN, for chunks of 1, a
 * non-divisor of {@code N}, {@code N} and more than {@code N}.
 */
class KronChunkedTest {
    private static final int N = 7;
    private static final int[] CHUNKS = {1, 3, 4, N, N + 5};

    private static Likelihood likelihood(boolean cls) {
        return cls ? new CategoricalLikelihood(3) : new GaussianLikelihood(3, 0.6);
    }

    private static NetworkModel model(long seed, boolean cnn, int n) {
        Sequential net = cnn ? SmallNetworks.cnn(seed, 3) : SmallNetworks.mlp(seed, 3, 4, 3);
        Tensor x = SmallNetworks.inputs(seed, net, n);
        return NetworkModel.of(net, x);
    }

    /** A shuffled order of all indices: chunks need not be contiguous. */
    private static int[] shuffled(long seed, int n) {
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
        }
        Random r = new Random(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = idx[i];
            idx[i] = idx[j];
            idx[j] = t;
        }
        return idx;
    }

    private static void assertRelative(double expected, double actual, String what) {
        assertEquals(expected, actual, 1e-10 * Math.abs(expected) + 1e-300, what);
    }

    /** Entry by entry within {@code 1e-12} of the largest magnitude of {@code expected}. */
    static void assertMatrix(double[] expected, double[] actual, String what) {
        double scale = 0.0;
        for (double v : expected) {
            scale = Math.max(scale, Math.abs(v));
        }
        assertEquals(expected.length, actual.length, what);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], 1e-12 * scale, what + " entry " + i);
        }
    }

    @Test
    void chunkedFactorsAndTermEqualOneBatch() {
        qt().withExamples(12).forAll(longs().all(), booleans().all(), booleans().all()).checkAssert((seed, cls, cnn) -> {
            NetworkModel model = model(seed, cnn, N);
            Likelihood lik = likelihood(cls);
            Prior prior = Prior.of("layerwise", 0.9, model.groups());
            int[] all = shuffled(seed, N);
            // Reference: the one-batch factors of KronFactors.of, independent of the chunked sums.
            JacobianBatch whole = model.batch(all);
            double[] a = lik.unitFactor(whole.predictions(), N);
            List<KronFactors> reference = Kfac.ofCaptures(whole.kronCaptures(a, lik.outputs()));
            List<KronEstimator.Layer> refLayers = new ArrayList<>();
            for (KronFactors f : reference) {
                refLayers.add(new KronEstimator.Layer(f.weightGroup(), f.biasGroup(), clip(f.eigenvaluesA()),
                        clip(f.eigenvaluesB())));
            }
            KronEstimator kron = new KronEstimator();
            LogDetTerm expected = kron.logDetTerm(new KronEstimator.Statistics(refLayers, model.groups()), lik,
                    prior);
            for (int chunk : CHUNKS) {
                // The factors themselves.
                KronSums sums = new KronSums();
                for (int lo = 0; lo < N; lo += chunk) {
                    JacobianBatch b = model.batch(java.util.Arrays.copyOfRange(all, lo, Math.min(N, lo + chunk)));
                    sums.add(b.kronCaptures(lik.unitFactor(b.predictions(), b.size()), lik.outputs()));
                }
                List<KronFactors> summed = sums.factors();
                assertEquals(reference.size(), summed.size());
                for (int k = 0; k < reference.size(); k++) {
                    assertMatrix(reference.get(k).a(), summed.get(k).a(), "A, chunk " + chunk);
                    assertMatrix(reference.get(k).b(), summed.get(k).b(), "B, chunk " + chunk);
                }
                // The estimator's statistics through the preparation MarginalLikelihood uses.
                double[] f = new double[N * 3];
                KronEstimator.Statistics s = MarginalLikelihood.prepare(kron, model, all, lik, prior, chunk, f);
                assertArrayEquals(whole.predictions(), f, 0.0, "predictions, chunk " + chunk);
                LogDetTerm got = kron.logDetTerm(s, lik, prior);
                assertRelative(expected.value(), got.value(), "value, chunk " + chunk);
                for (int k = 0; k < expected.gradLogPrecision().length; k++) {
                    assertRelative(expected.gradLogPrecision()[k], got.gradLogPrecision()[k],
                            "grad log δ_" + k + ", chunk " + chunk);
                }
                assertRelative(expected.gradLogSigma(), got.gradLogSigma(), "grad log σ, chunk " + chunk);
            }
        });
    }

    /** Summing per-chunk normalised {@code A}s (a wrong normalisation) is detected. */
    @Test
    void aWronglyNormalisedAIsNotEqual() {
        NetworkModel model = model(3, false, N);
        Likelihood lik = likelihood(true);
        JacobianBatch whole = model.batch(shuffled(3, N));
        double[] refA = Kfac.ofCaptures(whole.kronCaptures(lik.unitFactor(whole.predictions(), N), 3)).get(0).a();
        double[] wrong = new double[refA.length];
        for (int lo = 0; lo < N; lo += 3) {
            JacobianBatch b = model.batch(java.util.Arrays.copyOfRange(shuffled(3, N), lo, Math.min(N, lo + 3)));
            double[] ac = Kfac.ofCaptures(b.kronCaptures(lik.unitFactor(b.predictions(), b.size()), 3)).get(0).a();
            for (int i = 0; i < ac.length; i++) {
                wrong[i] += ac[i];
            }
        }
        assertNotEquals(refA[0], wrong[0], 1e-3 * Math.abs(refA[0]));
    }

    /**
     * On more data than {@link KronEstimator#CHUNK}, the whole-data value (prepared in chunks) equals
     * that of the same estimator prepared as one batch.
     */
    @Test
    void wholeDataOverSeveralChunksEqualsOneBatch() {
        int n = KronEstimator.CHUNK + 45;
        for (boolean cls : new boolean[] {true, false}) {
            NetworkModel model = model(11, false, n);
            Likelihood lik = likelihood(cls);
            Random rnd = new Random(5);
            double[] y = new double[cls ? n : 3 * n];
            for (int i = 0; i < y.length; i++) {
                y[i] = cls ? rnd.nextInt(3) : rnd.nextGaussian();
            }
            Prior prior = Prior.of("layerwise", 0.9, model.groups());
            BoundValue chunked = Laplace.marginalLikelihood(model, y, lik, prior, "kron").wholeData();
            BoundValue one = Laplace.marginalLikelihood(model, y, lik, prior, new OneBatch(new KronEstimator()))
                    .wholeData();
            assertRelative(one.logMarglik(), chunked.logMarglik(), "log marglik");
            for (int k = 0; k < one.gradLogPrecision().length; k++) {
                assertRelative(one.gradLogPrecision()[k], chunked.gradLogPrecision()[k], "grad log δ_" + k);
            }
            assertRelative(one.gradLogSigma(), chunked.gradLogSigma(), "grad log σ");
        }
    }

    /** The whole-data memory estimate is that of a chunk: it grows with N only through the predictions. */
    @Test
    void workingBytesAreOneChunks() {
        KronEstimator kron = new KronEstimator();
        int[] groups = {40, 4, 12, 3};
        long small = kron.workingBytes(new BatchDimensions(KronEstimator.CHUNK, 3, 3, 59, groups, 4));
        long big = kron.workingBytes(new BatchDimensions(100 * KronEstimator.CHUNK, 3, 3, 59, groups, 4));
        assertEquals(8L * 3 * 99 * KronEstimator.CHUNK, big - small);
        assertTrue(kron.workingBytes(new BatchDimensions(1, 3, 3, 59, groups, 4)) < small);
    }

    private static double[] clip(double[] v) {
        for (int i = 0; i < v.length; i++) {
            v[i] = Math.max(v[i], 0.0);
        }
        return v;
    }

    /** Kron without chunked preparation: the whole batch is traced at once, as before chunking. */
    private record OneBatch(KronEstimator kron) implements BoundEstimator<KronEstimator.Statistics> {
        @Override
        public String name() {
            return "kron-one-batch";
        }

        @Override
        public boolean isCertifiedBound() {
            return false;
        }

        @Override
        public boolean needsLayerCaptures() {
            return true;
        }

        @Override
        public Set<PriorStructure> supportedPriors() {
            return kron.supportedPriors();
        }

        @Override
        public KronEstimator.Statistics prepare(JacobianBatch batch, Likelihood likelihood, Prior prior) {
            return kron.prepare(batch, likelihood, prior);
        }

        @Override
        public LogDetTerm logDetTerm(KronEstimator.Statistics s, Likelihood likelihood, Prior prior) {
            return kron.logDetTerm(s, likelihood, prior);
        }
    }
}
