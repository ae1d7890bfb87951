package org.jlaplace.laplace;

import org.jlaplace.autodiff.nn.Sequential;
import org.jlaplace.core.Tensor;
import org.jlaplace.laplace.bound.BoundEstimator;
import org.jlaplace.laplace.bound.FullCurvature;
import org.jlaplace.laplace.bound.KernelPartitionEstimator;
import org.jlaplace.laplace.bound.ParametricEstimator;
import org.jlaplace.laplace.curvature.GgnStructure;
import org.jlaplace.laplace.likelihood.CategoricalLikelihood;
import org.jlaplace.laplace.likelihood.GaussianLikelihood;
import org.jlaplace.laplace.likelihood.Likelihood;
import org.jlaplace.laplace.partition.Partition;
import org.jlaplace.laplace.prior.Prior;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.booleans;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

/**
 * Each batch's log-determinant in its kernel form ({@code M·R×M·R}) and its parameter form
 * ({@code P×P}) agree (Sylvester's identity), value and hyper-gradients, on explicit random models and
 * on networks (structured kernels and structured GGN); the automatic choice takes the smaller form.
 */
class BatchFormsTest {
    private static final double TOL = 1e-10;

    private static void assertSameValue(BoundValue a, BoundValue b, String what) {
        assertEquals(a.logMarglik(), b.logMarglik(), TOL * (1 + Math.abs(a.logMarglik())), what + ": value");
        assertEquals(a.logDetRatio(), b.logDetRatio(), TOL * (1 + Math.abs(a.logDetRatio())), what + ": log-det");
        for (int k = 0; k < a.gradLogPrecision().length; k++) {
            double x = a.gradLogPrecision()[k];
            assertEquals(x, b.gradLogPrecision()[k], TOL * (1 + Math.abs(x)), what + ": ∂/∂log δ_" + k);
        }
        assertEquals(a.gradLogSigma(), b.gradLogSigma(), TOL * (1 + Math.abs(a.gradLogSigma())), what + ": ∂/∂log σ");
    }

    private static BoundValue bound(LinearizedModel model, double[] targets, Likelihood lik, Prior prior,
                                    BoundEstimator<?> estimator, Partition part) {
        return Laplace.marginalLikelihood(model, targets, lik, prior, estimator).partitionBound(part);
    }

    @Test
    void kernelAndParameterFormsAgreeOnRandomModels() {
        qt().withExamples(60).forAll(longs().all(), booleans().all(), integers().between(0, 2))
                .checkAssert((seed, cls, s) -> {
                    RandomProblem pr = RandomProblem.of(seed, cls, RandomProblem.structure(s), 12);
                    Partition part = Partition.random(pr.n, 1 + Math.floorMod(seed, pr.n), seed);
                    for (boolean parametric : new boolean[] {false, true}) {
                        BoundValue kernel = bound(pr.model, pr.targets, pr.likelihood, pr.prior,
                                estimator(parametric, FullCurvature.Form.KERNEL), part);
                        BoundValue param = bound(pr.model, pr.targets, pr.likelihood, pr.prior,
                                estimator(parametric, FullCurvature.Form.PARAMETER), part);
                        BoundValue cheaper = bound(pr.model, pr.targets, pr.likelihood, pr.prior,
                                estimator(parametric, FullCurvature.Form.CHEAPER), part);
                        assertSameValue(kernel, param, "kernel vs parameter form, parametric=" + parametric);
                        assertSameValue(kernel, cheaper, "kernel vs cheaper form, parametric=" + parametric);
                    }
                });
    }

    private static BoundEstimator<?> estimator(boolean parametric, FullCurvature.Form form) {
        return parametric ? new ParametricEstimator(GgnStructure.FULL, form) : new KernelPartitionEstimator(form);
    }

    @Test
    void kernelAndParameterFormsAgreeOnNetworks() {
        for (String structure : new String[] {"scalar", "layerwise", "diagonal"}) {
            for (boolean cls : new boolean[] {true, false}) {
                Sequential net = SmallNetworks.mlp(7, 4, 6, 3);
                Tensor x = SmallNetworks.inputs(8, net, 23);
                NetworkModel model = NetworkModel.of(net, x);
                Random rng = new Random(structure.hashCode() + (cls ? 1 : 0));
                double[] y = new double[cls ? 23 : 23 * 3];
                for (int i = 0; i < y.length; i++) {
                    y[i] = cls ? rng.nextInt(3) : rng.nextGaussian();
                }
                Likelihood lik = cls ? new CategoricalLikelihood(3) : new GaussianLikelihood(3, 0.7, 1.0);
                Prior prior = Prior.of(structure, 1.0, model.groups());
                double[] logs = prior.logPrecisions();
                for (int k = 0; k < logs.length; k++) {
                    logs[k] = rng.nextDouble() * 3 - 1.5;
                }
                prior = prior.withLogPrecisions(logs);
                // Batches of 1..23 data: M·R rows from 2 to 69 around P = 4·6 + 6 + 6·3 + 3 = 51.
                for (int m : new int[] {1, 5, 23}) {
                    Partition part = Partition.contiguous(23, m);
                    BoundValue kernel = bound(model, y, lik, prior,
                            new KernelPartitionEstimator(FullCurvature.Form.KERNEL), part);
                    BoundValue param = bound(model, y, lik, prior,
                            new KernelPartitionEstimator(FullCurvature.Form.PARAMETER), part);
                    assertSameValue(kernel, param, structure + (cls ? " softmax" : " gaussian") + " M=" + m);
                    BoundValue parametric = bound(model, y, lik, prior,
                            new ParametricEstimator(GgnStructure.FULL), part);
                    assertSameValue(kernel, parametric, structure + " parametric vs kernel M=" + m);
                }
            }
        }
    }

    /**
     * A layerwise prior on an all-Linear network keeps per-layer Grams; they give the expanded
     * per-group kernels' value and gradients (the explicit-Jacobian model has no layers).
     */
    @Test
    void perLayerGramsAgreeWithExpandedKernels() {
        Sequential net = SmallNetworks.mlp(21, 5, 7, 4);
        Tensor x = SmallNetworks.inputs(22, net, 17);
        NetworkModel model = NetworkModel.of(net, x);
        ExplicitJacobians explicit = SmallNetworks.explicit(net, x);
        Random rng = new Random(3);
        double[] y = new double[17];
        for (int i = 0; i < y.length; i++) {
            y[i] = rng.nextInt(4);
        }
        Likelihood lik = new CategoricalLikelihood(4);
        Prior prior = Prior.of("layerwise", 1.0, model.groups()).withLogPrecisions(new double[] {0.3, -1.2, 1.7, 0.4});
        for (int m : new int[] {1, 4, 17}) {
            Partition part = Partition.contiguous(17, m);
            BoundEstimator<?> kernel = new KernelPartitionEstimator(FullCurvature.Form.KERNEL);
            int[] first = new int[m];
            for (int i = 0; i < m; i++) {
                first[i] = i;
            }
            FullCurvature.Statistics s = FullCurvature.prepare(model.batch(first), lik, prior,
                    FullCurvature.Form.KERNEL);
            assertTrue(s.layers() != null, "per-layer Grams for a layerwise prior");
            assertSameValue(bound(explicit, y, lik, prior, kernel, part), bound(model, y, lik, prior, kernel, part),
                    "layer Grams vs expanded kernels M=" + m);
        }
    }

    @Test
    void theCheaperFormIsTheSmallerMatrix() {
        assertTrue(FullCurvature.usesKernelForm(FullCurvature.Form.CHEAPER, 9, 2410));
        assertTrue(FullCurvature.usesKernelForm(FullCurvature.Form.CHEAPER, 2410, 2410));
        assertFalse(FullCurvature.usesKernelForm(FullCurvature.Form.CHEAPER, 16173, 2410));
        assertFalse(FullCurvature.usesKernelForm(FullCurvature.Form.PARAMETER, 9, 2410));
        assertTrue(FullCurvature.usesKernelForm(FullCurvature.Form.KERNEL, 16173, 2410));
    }

    /** The estimate of the kept statistics is the size of the arrays actually kept. */
    @Test
    void statisticsBytesMatchWhatPrepareKeeps() {
        Sequential net = SmallNetworks.mlp(3, 4, 6, 3);
        Tensor x = SmallNetworks.inputs(4, net, 30);
        NetworkModel model = NetworkModel.of(net, x);
        CategoricalLikelihood lik = new CategoricalLikelihood(3);
        for (String structure : new String[] {"scalar", "layerwise", "diagonal"}) {
            Prior prior = Prior.of(structure, 2.0, model.groups());
            for (int m : new int[] {1, 10, 30}) {
                int[] idx = new int[m];
                for (int i = 0; i < m; i++) {
                    idx[i] = i;
                }
                FullCurvature.Statistics s = FullCurvature.prepare(model.batch(idx), lik, prior,
                        FullCurvature.Form.CHEAPER);
                long kept;
                boolean upperBound = false;
                if (s.layers() != null) {
                    kept = 0;
                    for (LinearLayerGram l : s.layers()) {
                        kept += 8L * (l.cotangentGram().length + l.inputGram().length);
                    }
                    upperBound = true;
                } else if (s.kernelForm()) {
                    kept = s.kernel().kernels() != null
                            ? 8L * s.kernel().kernels().length * s.kernel().kernels()[0].length
                            : 8L * s.kernel().weightedJacobian().length;
                } else {
                    kept = 8L * s.ggn().length;
                }
                int kernels = prior.hyperparameterOfGroup(model.groups()) != null ? prior.size() : 0;
                long estimate = FullCurvature.statisticsBytes(FullCurvature.Form.CHEAPER, 2L * m,
                        model.groups().totalSize(), kernels);
                if (upperBound) {
                    assertTrue(kept <= estimate, structure + " M=" + m + ": " + kept + " > " + estimate);
                } else {
                    assertEquals(kept, estimate, structure + " M=" + m);
                }
                assertEquals(2L * m <= 51, s.kernelForm(), structure + " M=" + m + " form");
            }
        }
    }
}
