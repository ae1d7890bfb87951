package org.jlaplace.laplace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.jlaplace.laplace.bound.KernelLogDet;
import org.jlaplace.laplace.bound.LayerGramLogDet;
import org.jlaplace.laplace.bound.LogDetTerm;
import org.jlaplace.laplace.internal.DenseOps;
import org.junit.jupiter.api.Test;

/**
 * Kernels kept per layer ({@code Q_l}, {@code A_l}) against the same kernels expanded,
 * {@code W_weight = Q ⊙ Ā}, {@code W_bias = Q}, summed per hyperparameter and evaluated by
 * {@link KernelLogDet}: layers with and without bias, any mapping of groups to hyperparameters,
 * {@code R} that does or does not divide the blocks evenly into SIMD widths.
 */
class LayerGramLogDetTest {

    @Test
    void matchesTheExpandedKernels() {
        qt().withExamples(30).forAll(integers().between(1, 40), integers().between(1, 9), longs().all())
                .checkAssert((m, r, seed) -> {
                    Random rnd = new Random(seed);
                    int n = m * r;
                    int layers = 1 + rnd.nextInt(3);
                    List<LinearLayerGram> grams = new ArrayList<>();
                    List<double[]> unitKernels = new ArrayList<>();
                    int group = 0;
                    for (int l = 0; l < layers; l++) {
                        int out = 1 + rnd.nextInt(6);
                        int in = 1 + rnd.nextInt(6);
                        double[] b = gaussian(rnd, n * out);
                        double[] x = gaussian(rnd, m * in);
                        double[] q = DenseOps.rowGram(b, n, out, 0, out);
                        double[] a = DenseOps.rowGram(x, m, in, 0, in);
                        boolean bias = rnd.nextBoolean();
                        grams.add(new LinearLayerGram(group, bias ? group + 1 : -1, q, a, m, r));
                        double[] weight = new double[n * n];
                        for (int i = 0; i < n; i++) {
                            for (int j = 0; j < n; j++) {
                                weight[i * n + j] = q[i * n + j] * a[(i / r) * m + j / r];
                            }
                        }
                        unitKernels.add(weight);
                        group++;
                        if (bias) {
                            unitKernels.add(q);
                            group++;
                        }
                    }
                    int hyper = 1 + rnd.nextInt(group);
                    int[] ofGroup = new int[group];
                    for (int g = 0; g < group; g++) {
                        ofGroup[g] = g < hyper ? g : rnd.nextInt(hyper);
                    }
                    double[][] kernels = new double[hyper][n * n];
                    for (int g = 0; g < group; g++) {
                        DenseOps.axpy(1.0, unitKernels.get(g), kernels[ofGroup[g]]);
                    }
                    double[] precisions = new double[hyper];
                    for (int k = 0; k < hyper; k++) {
                        precisions[k] = Math.exp(rnd.nextDouble() * 4 - 2);
                    }
                    double scale = Math.exp(rnd.nextDouble() - 0.5);
                    LogDetTerm want = KernelLogDet.ofKernels(kernels, n, scale, 0.7, precisions, "expanded");
                    LogDetTerm got = LayerGramLogDet.of(grams, n, scale, 0.7, ofGroup, precisions, "layers");
                    assertEquals(want.value(), got.value(), 1e-10 * (1 + Math.abs(want.value())), "log det");
                    for (int k = 0; k < hyper; k++) {
                        double g = want.gradLogPrecision()[k];
                        assertEquals(g, got.gradLogPrecision()[k], 1e-10 * (1 + Math.abs(g)), "∂/∂log δ_" + k);
                    }
                    assertEquals(want.gradLogSigma(), got.gradLogSigma(), 1e-10 * (1 + Math.abs(want.gradLogSigma())));
                });
    }

    private static double[] gaussian(Random rnd, int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = rnd.nextGaussian();
        }
        return v;
    }
}
